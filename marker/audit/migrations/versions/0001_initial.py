"""Initial audit schema: imports and append-only decisions.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
    )
    op.create_table(
        "audit_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("audit_imports.id"), nullable=False),
        sa.Column(
            "supersedes_id", sa.Integer(), sa.ForeignKey("audit_decisions.id"), nullable=True
        ),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("learner", sa.String(200), nullable=True),
        sa.Column("rater", sa.String(200), nullable=False),
        sa.Column("rater_kind", sa.String(16), nullable=False),
        sa.Column("marking_point", sa.String(100), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=True),
        sa.Column("feedback", sa.JSON(), nullable=True),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("pack_version", sa.String(50), nullable=False),
        sa.Column("pack_sha256", sa.String(64), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=True),
    )
    op.create_index(
        "ix_audit_decisions_key",
        "audit_decisions",
        ["file_name", "file_sha256", "marking_point", "rater"],
    )


def downgrade() -> None:
    op.drop_index("ix_audit_decisions_key", table_name="audit_decisions")
    op.drop_table("audit_decisions")
    op.drop_table("audit_imports")
