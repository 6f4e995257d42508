"""case links: applications an officer linked, merged or told apart

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_links',
                    sa.Column('id', sa.Integer(), primary_key=True),
                    sa.Column('draft_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='CASCADE'),
                              nullable=False, index=True),
                    sa.Column('other_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='CASCADE'),
                              nullable=False, index=True),
                    sa.Column('kind', sa.String(20), nullable=False),
                    sa.Column('reason', sa.Text(), nullable=False),
                    sa.Column('by', sa.String(320), nullable=False),
                    sa.Column('at', sa.DateTime(), nullable=False))


def downgrade():
    op.drop_table('case_links')
