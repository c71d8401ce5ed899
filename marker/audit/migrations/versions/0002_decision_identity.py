"""Decisions keyed by portfolio path, with a unique revision per key.

Adds `file_path` (the file's path relative to the batch root, as the batch journal gives
it; older rows only knew the file name, which becomes their path) and `revision`
(1 for the first decision on a portfolio, rater and marking point, 2 for the one that
supersedes it, ...), and a unique index on (path, hash, marking point, rater, revision):
two imports can no longer both store the first decision for the same key.

Before the index is built, copies left by imports that ran at the same time are
removed: within one key, a row identical in every recorded field to the row before it
is a copy (an import never stores a decision that changes nothing). The remaining rows
of each key are then chained in order: revision 1, 2, ..., each superseding the one
before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEY = ("file_name", "file_sha256", "marking_point", "rater")
CONTENT = (
    "learner",
    "rater_kind",
    "verdict",
    "score",
    "decided_at",
    "comment",
    "evidence",
    "feedback",
    "pack_id",
    "pack_version",
    "pack_sha256",
)
CHUNK = 500

decisions = sa.table(
    "audit_decisions",
    sa.column("id", sa.Integer()),
    sa.column("supersedes_id", sa.Integer()),
    sa.column("revision", sa.Integer()),
    *(sa.column(name, sa.String()) for name in KEY),
    *(sa.column(name, sa.JSON() if name in ("evidence", "feedback") else None) for name in CONTENT),
)


def upgrade() -> None:
    # NOT NULL with a default, so that SQLite can add the columns in place: altering a
    # SQLite table means copying it, and the copy's `supersedes_id` rows would point at
    # the old table when it is dropped (a foreign key failure at commit)
    for column in (
        sa.Column("file_path", sa.String(500), nullable=False, server_default=""),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="1"),
    ):
        op.add_column("audit_decisions", column)
    op.execute("UPDATE audit_decisions SET file_path = file_name")
    _deduplicate_and_chain(op.get_bind())
    if op.get_bind().dialect.name != "sqlite":  # the code always sets both
        op.alter_column("audit_decisions", "file_path", server_default=None)
        op.alter_column("audit_decisions", "revision", server_default=None)
    op.drop_index("ix_audit_decisions_key", table_name="audit_decisions")
    op.create_index(
        "uq_audit_decisions_revision",
        "audit_decisions",
        ["file_path", "file_sha256", "marking_point", "rater", "revision"],
        unique=True,
    )


def _deduplicate_and_chain(connection: sa.Connection) -> None:
    kept: dict[tuple, list[sa.Row]] = {}
    copies: list[int] = []
    for row in connection.execute(sa.select(decisions).order_by(decisions.c.id)):
        chain = kept.setdefault(tuple(getattr(row, name) for name in KEY), [])
        if chain and _content(chain[-1]) == _content(row):
            copies.append(row.id)
        else:
            chain.append(row)
    updates = [
        {"row_id": row.id, "new_revision": number, "new_supersedes": previous}
        for chain in kept.values()
        for number, (row, previous) in enumerate(
            zip(chain, [None, *(r.id for r in chain[:-1])], strict=True), start=1
        )
    ]
    statement = (
        decisions.update()
        .where(decisions.c.id == sa.bindparam("row_id"))
        .values(revision=sa.bindparam("new_revision"), supersedes_id=sa.bindparam("new_supersedes"))
    )
    for start in range(0, len(updates), CHUNK):
        connection.execute(statement, updates[start : start + CHUNK])
    # copies may point at each other: unlink them all before any is deleted
    for start in range(0, len(copies), CHUNK):
        ids = copies[start : start + CHUNK]
        connection.execute(
            decisions.update().where(decisions.c.id.in_(ids)).values(supersedes_id=None)
        )
    for start in range(0, len(copies), CHUNK):
        ids = copies[start : start + CHUNK]
        connection.execute(decisions.delete().where(decisions.c.id.in_(ids)))


def _content(row: sa.Row) -> tuple:
    return tuple(getattr(row, name) for name in CONTENT)


def downgrade() -> None:
    op.drop_index("uq_audit_decisions_revision", table_name="audit_decisions")
    op.create_index(
        "ix_audit_decisions_key",
        "audit_decisions",
        ["file_name", "file_sha256", "marking_point", "rater"],
    )
    op.drop_column("audit_decisions", "revision")
    op.drop_column("audit_decisions", "file_path")
