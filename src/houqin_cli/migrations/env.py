from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from houqin_cli import domains
from houqin_cli.migrations import compare_type

domains.load_models()  # every table on the metadata

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
