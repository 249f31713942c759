"""The write transaction: the database, the journal and the settings together.

Every write goes through `write()`: on SQLite a BEGIN IMMEDIATE with the busy
timeout, on PostgreSQL a transaction-scoped advisory lock, so writers queue
instead of forking the journal. The write must append its journal entry (see
journal.py) before it commits; a write without one is refused as a bug. A
session marked `dry_run` checks everything and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from houqin_cli.core import clock, journal, schema, settings, witness
from houqin_cli.core.db import PG_LOCK_KEY, Ledger
from houqin_cli.core.db import reader_of as reader_of  # the writes' Reader (db.py)

if TYPE_CHECKING:
    from sqlmodel import Session


@contextmanager
def write(ledger: Ledger, operator: str, command: str) -> Iterator[Session]:
    """One transaction: the changes and their journal entry, or nothing."""
    from sqlmodel import Session

    ledger.require_writable()
    bind = ledger.engine.execution_options(houqin_write=True)
    with ledger.driver_errors(), Session(bind, expire_on_commit=False) as session:
        if not ledger.is_sqlite:
            from sqlalchemy import text

            session.execute(text(f"SET LOCAL lock_timeout = '{int(ledger.busy_ms)}ms'"))
            session.execute(text(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})"))
        ledger.require_sound(session.connection())
        schema.guard(reader_of(session))
        actor = journal.Actor(operator, command, clock.now(settings.timezone(session)))
        journal.attach(session, actor)
        yield session
        if session.info.get("dry_run"):
            session.rollback()  # --dry-run: everything checked, nothing written
        else:
            journal.before_commit(session)
            session.commit()
            if "head" in session.info:
                witness.append(ledger.engine.url, *session.info["head"])
