"""casework records: threshold decisions, review meetings, action items, outcomes, appeals

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _draft_id():
    return sa.Column('draft_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='CASCADE'), nullable=False,
                     index=True)


def _who():
    return [sa.Column('id', sa.Integer(), primary_key=True), _draft_id(),
            sa.Column('at', sa.DateTime(), nullable=False), sa.Column('by', sa.String(320), nullable=False)]


def upgrade():
    op.create_table('threshold_decisions', *_who(),
                    sa.Column('met', sa.Boolean(), nullable=False), sa.Column('reason', sa.Text(), nullable=False),
                    sa.Column('assistant_eligible', sa.Boolean(), nullable=False),
                    sa.Column('why_different', sa.Text(), nullable=True))
    op.create_table('review_meetings', *_who(),
                    sa.Column('meets_on', sa.Date(), nullable=False), sa.Column('partners', sa.Text(), nullable=False),
                    sa.Column('minutes', sa.Text(), nullable=True))
    op.create_table('action_items', *_who(),
                    sa.Column('text', sa.Text(), nullable=False), sa.Column('partner', sa.String(200), nullable=False),
                    sa.Column('due', sa.Date(), nullable=False), sa.Column('state', sa.String(20), nullable=False),
                    sa.Column('updated_at', sa.DateTime(), nullable=True),
                    sa.Column('updated_by', sa.String(320), nullable=True))
    op.create_table('case_outcomes', *_who(),
                    sa.Column('outcome', sa.String(80), nullable=False), sa.Column('summary', sa.Text(), nullable=False))
    op.create_table('appeals', *_who(),
                    sa.Column('received_on', sa.Date(), nullable=False),
                    sa.Column('reviewer', sa.String(200), nullable=False),
                    sa.Column('decided_on', sa.Date(), nullable=True), sa.Column('upheld', sa.Boolean(), nullable=True),
                    sa.Column('reason', sa.Text(), nullable=True), sa.Column('decided_by', sa.String(320), nullable=True),
                    sa.Column('decided_at', sa.DateTime(), nullable=True))


def downgrade():
    for table in ('appeals', 'case_outcomes', 'action_items', 'review_meetings', 'threshold_decisions'):
        op.drop_table(table)
