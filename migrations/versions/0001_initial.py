"""initial schema

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-26 07:14:49.985918
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('calendar_override',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_table('directive',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('number_key', sa.String(length=80), nullable=False),
    sa.Column('type_code', sa.String(length=12), nullable=False),
    sa.Column('issuer', sa.String(length=120), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('title_folded', sa.Text(), nullable=False),
    sa.Column('signer', sa.String(length=120), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['directive.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number', 'issuer', 'issue_date', name='uq_directive_number_issuer_date')
    )
    with op.batch_alter_table('directive', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directive_issue_date'), ['issue_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_directive_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_directive_number_key'), ['number_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_directive_parent_id'), ['parent_id'], unique=False)

    op.create_table('history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=120), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_at'), ['at'], unique=False)
        batch_op.create_index('ix_history_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('saved_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('filters', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('name_folded', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('aliases_folded', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_name_folded'), ['name_folded'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('directive_id', sa.Integer(), nullable=False),
    sa.Column('ext_key', sa.String(length=120), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_folded', sa.Text(), nullable=False),
    sa.Column('lead_unit_id', sa.Integer(), nullable=False),
    sa.Column('leader', sa.String(length=120), nullable=False),
    sa.Column('work_group', sa.String(length=120), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('deadline_text', sa.String(length=255), nullable=False),
    sa.Column('deadline_kind', sa.String(length=12), nullable=False),
    sa.Column('deadline_effective', sa.Date(), nullable=True),
    sa.Column('original_deadline', sa.Date(), nullable=True),
    sa.Column('original_deadline_text', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('proof', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['directive_id'], ['directive.id'], ),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ext_key')
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_deadline_effective'), ['deadline_effective'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_directive_id'), ['directive_id'], unique=False)
        batch_op.create_index('ix_task_lead_status', ['lead_unit_id', 'status'], unique=False)
        batch_op.create_index('ix_task_deadline_sort', [sa.text("coalesce(deadline_effective, '9999-12-31')"), 'id'], unique=False)
        batch_op.create_index('ix_task_status_deadline_sort', ['status', sa.text("coalesce(deadline_effective, '9999-12-31')"), 'id'], unique=False)

    op.create_table('extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('old_deadline', sa.Date(), nullable=True),
    sa.Column('old_deadline_text', sa.String(length=255), nullable=False),
    sa.Column('new_deadline', sa.Date(), nullable=True),
    sa.Column('new_deadline_text', sa.String(length=255), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extension_task_id'), ['task_id'], unique=False)

    op.create_table('progress_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('by', sa.String(length=120), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('progress_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_note_task_id'), ['task_id'], unique=False)

    op.create_table('task_support',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('task_id', 'unit_id')
    )
    with op.batch_alter_table('task_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_support_unit_id'), ['unit_id'], unique=False)

    _history_append_only()


def _history_append_only() -> None:
    """The history is append-only: the database itself refuses to change or delete a row."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER history_no_{verb.lower()} BEFORE {verb} ON history
                BEGIN SELECT RAISE(ABORT, 'history is append-only'); END""")
    else:
        op.execute("""
            CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'history is append-only'; END $$""")
        op.execute("""
            CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
            FOR EACH ROW EXECUTE FUNCTION history_append_only()""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS history_no_update")
        op.execute("DROP TRIGGER IF EXISTS history_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS history_append_only ON history")
        op.execute("DROP FUNCTION IF EXISTS history_append_only()")

    with op.batch_alter_table('task_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_support_unit_id'))

    op.drop_table('task_support')
    with op.batch_alter_table('progress_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_note_task_id'))

    op.drop_table('progress_note')
    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extension_task_id'))

    op.drop_table('extension')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index('ix_task_status_deadline_sort')
        batch_op.drop_index('ix_task_deadline_sort')
        batch_op.drop_index('ix_task_lead_status')
        batch_op.drop_index(batch_op.f('ix_task_directive_id'))
        batch_op.drop_index(batch_op.f('ix_task_deadline_effective'))

    op.drop_table('task')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_name_folded'))

    op.drop_table('unit')
    op.drop_table('saved_view')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index('ix_history_entity')
        batch_op.drop_index(batch_op.f('ix_history_at'))

    op.drop_table('history')
    with op.batch_alter_table('directive', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directive_parent_id'))
        batch_op.drop_index(batch_op.f('ix_directive_number_key'))
        batch_op.drop_index(batch_op.f('ix_directive_number'))
        batch_op.drop_index(batch_op.f('ix_directive_issue_date'))

    op.drop_table('directive')
    op.drop_table('calendar_override')

