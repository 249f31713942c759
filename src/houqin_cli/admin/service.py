"""Creating, upgrading, describing and backing up the ledger; `houqin check`."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.core import journal, settings, tx
from houqin_cli.core.db import Ledger
from houqin_cli.core.errors import InputError, LedgerError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding
from houqin_cli.migrations.revisions import HEAD, REVISIONS


def _alembic_upgrade(ledger: Ledger) -> None:
    from alembic import command
    from alembic.config import Config

    import houqin_cli.migrations as migrations

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with ledger.engine.connect() as conn:
        # SQLite: a batch migration rebuilds a table (copy, drop, rename), which foreign
        # keys referring to it forbid; they are switched off around the transaction
        # (a PRAGMA inside one does nothing) and checked before it commits.
        _sqlite_foreign_keys(conn, ledger, "OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if ledger.is_sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise LedgerError(_("The migration broke a reference between records."))
        finally:
            _sqlite_foreign_keys(conn, ledger, "ON")


def _sqlite_foreign_keys(conn: Any, ledger: Ledger, state: str) -> None:
    if ledger.is_sqlite:
        cur = conn.connection.dbapi_connection.cursor()  # not through SQLAlchemy: no BEGIN
        cur.execute(f"PRAGMA foreign_keys={state}")
        cur.close()


def create(ledger: Ledger, operator: str, command: str, options: dict[str, str]) -> bool:
    """Create the ledger (schema to head) unless it is already current.

    Returns False when it already was. Only this and `demo` create a ledger; if
    creating fails, no file is left behind."""
    for key, value in options.items():
        settings.spec(key).parse(value)  # validate before touching anything
    created_file = False
    if ledger.is_sqlite:
        assert ledger.path is not None
        if ledger.path.exists():
            rev = ledger.revision()
        else:
            ledger.create_file()
            created_file = True
            rev = None
    else:
        rev = ledger.revision()
    if rev is not None:
        ledger.require_current()
        return False
    try:
        if ledger.is_sqlite:
            con = sqlite3.connect(str(ledger.path))
            try:
                con.execute("PRAGMA journal_mode=WAL")
            finally:
                con.close()
        _alembic_upgrade(ledger)
        with tx.write(ledger, operator, command) as session:
            journal.append(session, "ledger.init", "ledger", payload={"revision": HEAD})
            for key, value in options.items():
                settings.put(session, session.info["actor"], key, value)
    except BaseException:
        ledger.dispose()
        if created_file and ledger.path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{ledger.path}{suffix}").unlink(missing_ok=True)
        raise
    return True


def upgrade(ledger: Ledger, operator: str, command: str) -> tuple[str, str, Path | None]:
    """Migrate an older ledger to head, after a backup copy on SQLite."""
    rev = ledger.revision()
    if rev is None:
        raise ledger.missing_error()
    if rev == HEAD:
        return rev, rev, None
    if rev not in REVISIONS:
        ledger.require_current()  # raises: newer than this program
    ledger.require_writable()
    with ledger.read() as session:
        ledger.require_sound(session.connection())
    saved = None
    if ledger.is_sqlite:
        assert ledger.path is not None
        saved = ledger.path.with_name(f"{ledger.path.name}.before-{HEAD}.bak")
        backup(ledger, saved, force=True)
    _alembic_upgrade(ledger)
    with tx.write(ledger, operator, command) as session:
        journal.append(session, "db.upgrade", "ledger", payload={"from": rev, "to": HEAD})
    return rev, HEAD, saved


def info(ledger: Ledger) -> dict[str, Any]:
    rev = ledger.revision()
    if rev is None:
        raise ledger.missing_error()
    row: dict[str, Any] = {
        "backend": ledger.backend,
        "location": ledger.location,
        "revision": rev,
        "program_revision": HEAD,
    }
    if rev == HEAD:
        with ledger.read() as session:
            seq, head = journal.head(session)
            row["school"] = settings.raw(session, "school.name")
    else:
        seq, head = None, None
    row["journal_length"] = seq
    row["journal_head"] = head
    row["file_size"] = (
        ledger.path.stat().st_size if ledger.is_sqlite and ledger.path is not None else None
    )
    return row


def backup(ledger: Ledger, target: Path, *, force: bool = False) -> int:
    """An online, consistent copy of the ledger: the SQLite backup API, or `pg_dump -Fc`
    (one snapshot) for a PostgreSQL ledger."""
    if ledger.is_sqlite:
        assert ledger.path is not None
        if target.resolve() == ledger.path.resolve():
            raise InputError(_("The backup cannot overwrite the ledger itself."))
    if target.exists() and not force:
        raise RuleError(
            _("{path} already exists: choose another name, or add --force to replace it.").format(
                path=target
            )
        )
    if not target.parent.exists():
        raise InputError(_("No such folder: {path}").format(path=target.parent))
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    if not ledger.is_sqlite:
        _pg_dump(ledger, tmp)
        os.replace(tmp, target)
        return target.stat().st_size
    try:
        src = sqlite3.connect(
            f"file:{ledger.path}?mode=ro", uri=True, timeout=ledger.busy_ms / 1000
        )
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise LedgerError(_("Backup failed: {reason}").format(reason=exc)) from exc
    return target.stat().st_size


def _pg_dump(ledger: Ledger, tmp: Path) -> None:
    """`pg_dump -Fc` of the ledger's database into `tmp` (the password through the
    environment, never on the command line)."""
    import shutil
    import subprocess

    from sqlalchemy.engine import make_url

    exe = shutil.which("pg_dump")
    if exe is None:
        tmp.unlink(missing_ok=True)
        raise LedgerError(
            _(
                "Backing up a PostgreSQL ledger needs pg_dump, which is not on PATH: install "
                "the PostgreSQL client (apt-get install postgresql-client)."
            )
        )
    url = make_url(ledger.target)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run(
        [exe, "-Fc", "--no-password", "-f", str(tmp), f"--dbname={dsn}"],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tmp.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise LedgerError(_("Backup failed: {reason}").format(reason=reason))


def integrity(ledger: Ledger) -> list[Finding]:
    if not ledger.is_sqlite:
        return []
    from houqin_cli.core import dbfile

    with ledger.read() as session:
        problems = [p for p in dbfile.check(session.connection(), "integrity_check") if p != "ok"]
    return [
        Finding(
            "db.integrity", "db.corrupt", _("SQLite integrity check: {problem}").format(problem=p)
        )
        for p in problems
    ]


def record_count(session: Session) -> int:
    """How many business records the ledger holds (demo refuses a non-empty one)."""
    from houqin_cli.calendar.service import term_count
    from houqin_cli.people.service import registry_count

    return registry_count(session) + term_count(session)
