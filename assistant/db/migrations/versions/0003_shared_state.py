"""State the replicas share: running replicas, message claims (WeChat MsgId), consent asks,
the WeChat access token and sealed OpenIDs of followers with open escalations.

Revision ID: 0003
Revises: 0002
Create Date: 2025-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "replicas",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("host", sa.String(64), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("beat_at", _TS, nullable=False),
    )
    op.create_index("ix_replicas_beat_at", "replicas", ["beat_at"])
    op.create_table(
        "message_claims",
        sa.Column("key", sa.String(160), primary_key=True),
        sa.Column("owner", sa.String(32), nullable=False),
        sa.Column("claimed_at", _TS, nullable=False),
        sa.Column("mode", sa.String(8), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("answer", sa.JSON(), nullable=True),
        sa.Column("answered_at", _TS, nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
    )
    op.create_index("ix_message_claims_claimed_at", "message_claims", ["claimed_at"])
    op.create_table(
        "consent_asks",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("asked_at", _TS, nullable=False),
    )
    op.create_index("ix_consent_asks_asked_at", "consent_asks", ["asked_at"])
    op.create_table(
        "access_tokens",
        sa.Column("app_id", sa.String(64), primary_key=True),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
    )
    op.create_table(
        "followers",
        sa.Column("openid_hash", sa.String(64), primary_key=True),
        sa.Column("sealed_open_id", sa.LargeBinary(), nullable=False),
        sa.Column("open_count", sa.Integer(), nullable=False),
        sa.Column("seen_at", _TS, nullable=False),
    )
    op.create_index("ix_followers_seen_at", "followers", ["seen_at"])


def downgrade() -> None:
    for table in ("followers", "access_tokens", "consent_asks", "message_claims", "replicas"):
        op.drop_table(table)
