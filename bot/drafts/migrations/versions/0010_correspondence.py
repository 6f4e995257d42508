"""correspondence: letters as sent, and the contact log

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _common():
    return [sa.Column('id', sa.Integer(), primary_key=True),
            sa.Column('draft_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='CASCADE'), nullable=False,
                      index=True),
            sa.Column('at', sa.DateTime(), nullable=False), sa.Column('by', sa.String(320), nullable=False)]


def upgrade():
    op.create_table('letters', *_common(),
                    sa.Column('kind', sa.String(40), nullable=False), sa.Column('channel', sa.String(20), nullable=False),
                    sa.Column('sent_to', sa.Text(), nullable=True), sa.Column('body', sa.Text(), nullable=False))
    op.create_table('contact_log', *_common(),
                    sa.Column('happened_on', sa.Date(), nullable=False), sa.Column('kind', sa.String(20), nullable=False),
                    sa.Column('summary', sa.Text(), nullable=False))


def downgrade():
    op.drop_table('contact_log')
    op.drop_table('letters')
