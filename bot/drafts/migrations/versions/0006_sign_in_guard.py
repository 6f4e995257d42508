"""sign-in back-off per account and address, grouped audit rows, the conversation id in its own column

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('first_at', sa.DateTime(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=False),
    sa.Column('held_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failures')),
    sa.UniqueConstraint('email', 'ip', name=op.f('uq_sign_in_failures_email'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('count', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('last_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('ip', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sender_id', sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f('ix_drafts_sender_id'), ['sender_id'], unique=False)
    # Drafts written before: the conversation id was "<sender>:<application number>".
    drafts = sa.table('drafts', sa.column('id', sa.Integer), sa.column('conversation_id', sa.String),
                      sa.column('sender_id', sa.String))
    connection = op.get_bind()
    for row_id, conversation_id in connection.execute(sa.select(drafts.c.id, drafts.c.conversation_id)).all():
        sender = conversation_id.rsplit(":", 1)[0] if ":" in conversation_id else conversation_id
        connection.execute(drafts.update().where(drafts.c.id == row_id).values(sender_id=sender))


def downgrade():
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_sender_id'))
        batch_op.drop_column('sender_id')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))
        batch_op.drop_column('ip')
        batch_op.drop_column('last_at')
        batch_op.drop_column('count')
    op.drop_table('sign_in_failures')
