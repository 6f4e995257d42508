"""drafts, reports, status history, reference counters

Revision ID: 0001
Revises: 
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('conversation_id', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('assigned_to', sa.String(length=200), nullable=True),
    sa.Column('applicant_name', sa.Text(), nullable=True),
    sa.Column('applicant_email', sa.Text(), nullable=True),
    sa.Column('applicant_phone', sa.Text(), nullable=True),
    sa.Column('applicant_address', sa.Text(), nullable=True),
    sa.Column('applicant_postcode', sa.String(length=16), nullable=True),
    sa.Column('applicant_relationship', sa.String(length=40), nullable=True),
    sa.Column('on_behalf', sa.Boolean(), nullable=False),
    sa.Column('preferred_contact', sa.String(length=20), nullable=True),
    sa.Column('contact_notes', sa.Text(), nullable=True),
    sa.Column('consent_to_share', sa.Boolean(), nullable=False),
    sa.Column('victim_name', sa.Text(), nullable=True),
    sa.Column('victim_type', sa.String(length=40), nullable=True),
    sa.Column('victim_consent', sa.Boolean(), nullable=True),
    sa.Column('asb_description', sa.Text(), nullable=True),
    sa.Column('asb_location', sa.Text(), nullable=True),
    sa.Column('asb_since', sa.Text(), nullable=True),
    sa.Column('asb_impact', sa.Text(), nullable=True),
    sa.Column('vulnerability', sa.Text(), nullable=True),
    sa.Column('route', sa.String(length=40), nullable=True),
    sa.Column('ongoing_complaint', sa.Boolean(), nullable=True),
    sa.Column('problem_continuing', sa.Boolean(), nullable=True),
    sa.Column('no_action_taken', sa.Boolean(), nullable=True),
    sa.Column('general_crime_only', sa.Boolean(), nullable=True),
    sa.Column('in_area', sa.Boolean(), nullable=True),
    sa.Column('eligible', sa.Boolean(), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('decision_json', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('policy_id', sa.String(length=80), nullable=False),
    sa.Column('policy_version', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('conversation_id', name=op.f('uq_drafts_conversation_id')),
    sa.UniqueConstraint('reference', name=op.f('uq_drafts_reference'))
    )
    op.create_table('reference_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_reference_counters'))
    )
    op.create_table('draft_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.Text(), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('person', sa.Text(), nullable=True),
    sa.Column('reporter', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('incident_date_text', sa.Text(), nullable=True),
    sa.Column('organisation_category', sa.String(length=40), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('counts', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_draft_reports_draft_id_drafts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_reports')),
    sa.UniqueConstraint('draft_id', 'position', name=op.f('uq_draft_reports_draft_id'))
    )
    with op.batch_alter_table('draft_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_reports_draft_id'), ['draft_id'], unique=False)

    op.create_table('status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=200), nullable=False),
    sa.Column('from_status', sa.String(length=40), nullable=True),
    sa.Column('to_status', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_status_changes_draft_id_drafts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_changes'))
    )
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_changes_draft_id'), ['draft_id'], unique=False)



def downgrade():
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_changes_draft_id'))

    op.drop_table('status_changes')
    with op.batch_alter_table('draft_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_reports_draft_id'))

    op.drop_table('draft_reports')
    op.drop_table('reference_counters')
    op.drop_table('drafts')
