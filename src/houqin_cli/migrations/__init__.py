"""Alembic environment and versions (batch mode, so SQLite can alter tables)."""
