"""Staff screening: applications, status history, append-only audit log, lawyers, assignments,
escalations, follow-ups and staff users.

The audit log cannot be changed once written: the code has no UPDATE/DELETE path for it, and a
trigger on each backend rejects UPDATE and DELETE (and TRUNCATE on PostgreSQL) as well.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
PG_TRIGGERS = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)


def upgrade() -> None:
    _people()
    _applications()
    _work()
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", _TS, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_target", "audit_log", ["target"])
    dialect = op.get_bind().dialect.name
    for stmt in PG_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS:
        op.execute(stmt)


def _people() -> None:
    op.create_table(
        "staff_users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "lawyers",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("firm", sa.String(100), nullable=False),
        sa.Column("specialties", sa.JSON(), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("caseload", sa.Integer(), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("years_in_practice", sa.Integer(), nullable=True),
        sa.Column("updated_at", _TS, nullable=False),
        sa.UniqueConstraint("name", "firm", name="uq_lawyers_name_firm"),
    )


def _applications() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("pickup_code", sa.String(16), nullable=False, unique=True),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("source", sa.String(24), nullable=False),
        sa.Column("referred_from", sa.String(100), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=True),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("applicant", sa.JSON(), nullable=False),
        sa.Column("case", sa.JSON(), nullable=False),
        sa.Column("economic", sa.JSON(), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=True),
        sa.Column("priority_labels", sa.JSON(), nullable=False),
        sa.Column("priority_rank", sa.Integer(), nullable=False),
        sa.Column("nearest_deadline", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("decision_kind", sa.String(16), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("lawyer_id", sa.String(32), sa.ForeignKey("lawyers.id"), nullable=True),
    )
    op.create_index("ix_applications_received_at", "applications", ["received_at"])
    op.create_index("ix_applications_status", "applications", ["status"])
    op.create_table(
        "application_status_history",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("application_id", sa.String(32),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("from_status", sa.String(24), nullable=True),
        sa.Column("to_status", sa.String(24), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_application_status_history_application_id",
                    "application_status_history", ["application_id"])


def _work() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("application_id", sa.String(32),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lawyer_id", sa.String(32), sa.ForeignKey("lawyers.id"), nullable=False),
        sa.Column("proposed", sa.JSON(), nullable=False),
        sa.Column("chosen_rank", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_assignments_application_id", "assignments", ["application_id"])
    op.create_table(
        "escalations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("pickup_code", sa.String(16), nullable=False, unique=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("openid_hash", sa.String(128), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("risk_level", sa.String(16), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(64), nullable=False),
        sa.Column("answered_at", _TS, nullable=True),
        sa.Column("delivered", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_escalations_created_at", "escalations", ["created_at"])
    op.create_index("ix_escalations_status", "escalations", ["status"])
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("application_id", sa.String(32),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("satisfaction", sa.String(16), nullable=True),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", _TS, nullable=True),
    )
    op.create_index("ix_follow_ups_application_id", "follow_ups", ["application_id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.drop_table("audit_log")
    for table in ("follow_ups", "escalations", "assignments", "application_status_history",
                  "applications", "lawyers", "staff_users"):
        op.drop_table(table)
