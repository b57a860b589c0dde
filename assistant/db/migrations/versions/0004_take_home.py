"""Take-home links of the kiosk (QR code and print page): answer, document and pickup code
behind an expiring token.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "take_home",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("docx", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_take_home_expires_at", "take_home", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_take_home_expires_at", table_name="take_home")
    op.drop_table("take_home")
