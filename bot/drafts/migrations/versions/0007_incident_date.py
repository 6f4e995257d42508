"""the date of the incident a report was about, as resolved (a council with a deadline after the incident)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('draft_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('incident_date', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('draft_reports', schema=None) as batch_op:
        batch_op.drop_column('incident_date')
