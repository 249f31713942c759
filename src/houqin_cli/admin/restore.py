"""`houqin db restore FILE`: put a backup made by `db backup` back in place of the ledger.

The backup is copied first, and the copy is checked as `audit verify` checks a ledger
(the chain, every record's digest, the schema); one that does not verify, or whose
schema is not this program's, is refused and nothing changes. The ledger it replaces
is kept beside it (`LEDGER.replaced-YYYYmmddTHHMMSS`, a consistent copy), the backup's
pages are written into the ledger with SQLite's backup API (so a reader never sees half
a file), and the restore is journalled in the restored ledger. SQLite only: a
PostgreSQL ledger is restored with pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from houqin_cli.core import clock, journal, tx, witness
from houqin_cli.core.db import SQLITE_MAGIC, Ledger, mask_url
from houqin_cli.core.errors import HouqinError, InputError, LedgerError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.migrations.revisions import HEAD, REVISIONS


def restore(
    ledger: Ledger, source: Path, operator: str, command: str, *, force: bool
) -> Path | None:
    """Restore `source` into the ledger; returns where the replaced ledger was kept (None
    when there was no ledger)."""
    if not ledger.is_sqlite:
        raise LedgerError(
            _(
                "db restore puts back SQLite backups only; restore a PostgreSQL backup "
                "with pg_restore: pg_restore --clean --if-exists --no-owner --dbname={url} {file}"
            ).format(url=mask_url(ledger.target).replace("+psycopg", ""), file=source)
        )
    assert ledger.path is not None
    if not source.exists():
        raise InputError(_("No such file: {path}").format(path=source))
    if not source.is_file():
        raise InputError(_("{path} is not a file.").format(path=source))
    if not ledger.path.parent.is_dir():
        raise InputError(_("No such folder: {path}").format(path=ledger.path.parent))
    exists = ledger.path.exists()
    if exists and source.resolve() == ledger.path.resolve():
        raise InputError(_("The backup is the ledger itself: nothing to restore."))
    staged = ledger.path.with_name(ledger.path.name + ".restoring")
    try:
        _stage(source, staged)
    except OSError as exc:
        Path(staged).unlink(missing_ok=True)
        raise InputError(
            _("Cannot read {path}: {reason}").format(path=source, reason=exc.strerror or exc)
        ) from exc
    try:
        head = _verified(Ledger.from_option(str(staged)), source)
        if exists and not force:
            raise RuleError(
                _(
                    "{location} exists: restoring {path} replaces everything written since "
                    "that backup. Add --force to restore it (the ledger is kept beside it)."
                ).format(location=ledger.location, path=source)
            )
        kept = _set_aside(ledger) if exists else None
        _put_back(staged, ledger.path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)
    witness.forget(ledger.engine.url)  # the heads after the backup's are gone on purpose
    with tx.write(ledger, operator, command) as session:
        payload: dict[str, Any] = {"backup": str(source), "backup_head": list(head)}
        if kept is not None:
            payload["replaced"] = str(kept)
        journal.append(session, "db.restore", "ledger", payload=payload)
    ledger.dispose()
    return kept


def _stage(source: Path, staged: Path) -> None:
    """A private copy of the backup to check (the backup itself is never opened for
    writing), refused at once when it is no SQLite file."""
    with open(source, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise LedgerError(
                _("{path} is not a houqin backup (not a SQLite file).").format(path=source)
            )
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{staged}{suffix}").unlink(missing_ok=True)
    fd = os.open(staged, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    shutil.copyfile(source, staged)


def _verified(staged: Ledger, source: Path) -> tuple[int, str]:
    """The backup's journal head, once its schema is this program's and its journal and
    records verify; else exit 4 (not a ledger, another schema) or 3 (does not verify)."""
    from houqin_cli.audit import service as audit

    try:
        rev = staged.revision()
    except HouqinError as exc:
        raise LedgerError(
            _("{path} is not a houqin backup (or it is damaged).").format(path=source)
        ) from exc
    if rev is None:
        raise LedgerError(
            _("{path} is not a houqin backup (an empty database).").format(path=source)
        )
    if rev != HEAD:
        if rev in REVISIONS:
            raise LedgerError(
                _(
                    "The backup's schema ({rev}) is older than this houqin ({head}): upgrade a "
                    "copy first (`houqin --db COPY db upgrade`), then restore the copy."
                ).format(rev=rev, head=HEAD)
            )
        raise LedgerError(
            _(
                "The backup's schema ({rev}) is newer than this houqin knows: restore it with "
                "the houqin that made it, or upgrade houqin (pip install -U houqin)."
            ).format(rev=rev)
        )
    try:
        with staged.reader() as reader:
            findings, stats = audit.verify(reader)
    finally:
        staged.dispose()
    if findings:
        raise RuleError(
            _(
                "The backup {path} does not verify, so it is not restored: {problem} "
                "(`houqin --db {path} audit verify` lists every problem)"
            ).format(path=source, problem=findings[0].message)
        )
    seq, head = stats["head"]
    return int(seq), str(head)


def _set_aside(ledger: Ledger) -> Path:
    """A consistent copy of the ledger about to be replaced, beside it; a ledger SQLite
    cannot read (the reason to restore) is copied as its files are."""
    from houqin_cli.admin import service

    assert ledger.path is not None
    stamp = clock.now().astimezone().strftime("%Y%m%dT%H%M%S")  # this computer's time
    kept = ledger.path.with_name(f"{ledger.path.name}.replaced-{stamp}")
    if kept.exists():
        raise RuleError(
            _("{path} already exists; wait a second and restore again.").format(path=kept)
        )
    try:
        service.backup(ledger, kept)
    except HouqinError:
        kept.unlink(missing_ok=True)
        Path(f"{kept}.partial").unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            if Path(f"{ledger.path}{suffix}").exists():
                shutil.copyfile(f"{ledger.path}{suffix}", f"{kept}{suffix}")
                os.chmod(f"{kept}{suffix}", 0o600)
    return kept


def _put_back(staged: Path, path: Path) -> None:
    """The staged backup's pages into the ledger file, in WAL mode as `init` makes it."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        src = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
        dst = sqlite3.connect(path, timeout=5)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
            src.close()
    except sqlite3.DatabaseError:
        # a ledger too damaged to be written through SQLite: the file itself is replaced
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(staged, path)
        con = sqlite3.connect(path)
        try:
            con.execute("PRAGMA journal_mode=WAL")
        finally:
            con.close()
    os.chmod(path, 0o600)
