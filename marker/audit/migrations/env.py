"""Alembic environment for the audit tables, run in-process by `marker.audit.db.open_db`.

There is no alembic.ini: `open_db` passes an open connection in
`config.attributes["connection"]`. To write a new revision by hand, copy
versions/0001_initial.py, bump `revision`/`down_revision`, and keep it working on both
SQLite (batch mode) and PostgreSQL.
"""

from __future__ import annotations

from alembic import context

from marker.audit.db import VERSION_TABLE, Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
