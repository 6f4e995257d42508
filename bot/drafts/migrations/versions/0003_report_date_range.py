"""a report's date range: the first and last day a vague date can mean

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('draft_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_earliest', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('date_latest', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('draft_reports', schema=None) as batch_op:
        batch_op.drop_column('date_latest')
        batch_op.drop_column('date_earliest')
