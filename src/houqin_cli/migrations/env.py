from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import houqin_cli.models  # noqa: F401  (registers every table on the metadata)
from houqin_cli.migrations import compare_type

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=compare_type,
)
with context.begin_transaction():
    context.run_migrations()
