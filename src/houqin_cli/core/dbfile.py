"""The SQLite ledger as a file: whether it can be a ledger at all (a regular file
this user may read), whether this user may write it, how to open it, and whether
it is sound enough to be written.

A ledger this user may read but not write (a read-only file, or one in a
read-only folder: a CD, a locked share, another user's 0644 file) is still read:
it is opened read-only (`mode=ro`, and `immutable=1` when the folder cannot hold
the -shm a reader of a WAL file needs: SQLite then takes no lock, so a report
run while the file's owner writes it may see a half-made change — several users
share a ledger through PostgreSQL or a group-writable file, not this way). A
write is refused before it starts, saying why.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from houqin_cli.core.errors import LedgerError
from houqin_cli.core.i18n import _


def require_regular(path: Path, location: str) -> None:
    """A SQLite ledger is a regular file this user may read: a FIFO would hang, a
    device or a folder is no ledger, another user's 0600 file cannot open."""
    if not path.exists():
        return
    if not path.is_file():
        raise LedgerError(
            _("{location} is not a regular file, so it cannot be a ledger.").format(
                location=location
            )
        )
    if not os.access(path, os.R_OK):
        raise LedgerError(
            _(
                "{location} belongs to {owner} and only its owner may use it (mode 0600). "
                "Run houqin as that user; for several users, share one ledger through "
                "PostgreSQL or give the file to a group (chgrp, chmod 660), as the README's "
                '"Sharing one ledger" says.'
            ).format(location=location, owner=owner(path))
        )


def read_only(path: Path) -> str | None:
    """Why this user may read but not write the ledger: "file" (the file is
    read-only), "folder" (its folder cannot hold the -wal and -shm), or None."""
    if not path.exists():
        return None
    if not os.access(path, os.W_OK):
        return "file"
    sides = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK) and not all(os.access(p, os.W_OK) for p in sides):
        return "folder"
    return None


def require_writable(path: Path, location: str) -> None:
    """Exit 4, saying why and what to do, unless this user may write the ledger."""
    why = read_only(path)
    if why == "file":
        raise LedgerError(
            _(
                "{location} is read-only for you (owner {owner}, mode {mode}): reports can "
                "read it, but a change needs write access to the file. Run houqin as its "
                "owner, or make it writable (chmod u+w)."
            ).format(location=location, owner=owner(path), mode=f"{path.stat().st_mode & 0o777:o}")
        )
    if why == "folder":
        raise LedgerError(
            _(
                "The folder {folder} is read-only: reports can read the ledger in it, but a "
                "change must write its journal files (-wal, -shm) beside it. Make the folder "
                "writable, or copy the ledger to one that is."
            ).format(folder=path.parent)
        )


def connect(
    path: Path, busy_ms: int, isolation_level: Literal["DEFERRED"] | None
) -> sqlite3.Connection:
    """A driver connection to the ledger: read-write, or read-only (mode=ro) when this
    user may not write it, with immutable=1 when the folder cannot hold the -shm."""
    why = read_only(path)
    where = quote(str(path))
    if why is None:
        uri = f"file:{where}?mode=rw"
    elif not os.access(path.parent, os.W_OK | os.X_OK) and not Path(f"{path}-shm").exists():
        uri = f"file:{where}?mode=ro&immutable=1"
    else:
        uri = f"file:{where}?mode=ro"
    return sqlite3.connect(
        uri,
        uri=True,
        timeout=busy_ms / 1000,
        isolation_level=isolation_level,
        check_same_thread=False,
    )


def require_sound(con: Any, location: str) -> None:
    """Exit 4 when SQLite's quick check finds the file damaged: a write on a damaged
    ledger could spread the damage. `con` is the write's own SQLAlchemy connection;
    one walk over the pages, without the index cross-check of `db check`."""
    first = check(con, "quick_check(1)")[0]
    if first != "ok":
        raise LedgerError(
            _(
                "The ledger {location} is damaged ({problem}), so nothing was written. Run "
                "`houqin db check` for the details, then restore the latest backup."
            ).format(location=location, problem=str(first).splitlines()[0])
        )


def check(con: Any, pragma: str) -> list[str]:
    """SQLite's integrity_check or quick_check on a SQLAlchemy connection: its lines
    ("ok" when sound); a check that itself stops on the damage gives that error."""
    from sqlalchemy.exc import DatabaseError

    try:
        return [str(r[0]) for r in con.exec_driver_sql(f"PRAGMA {pragma}").fetchall()]
    except DatabaseError as exc:
        return [str(exc.orig or exc).splitlines()[0]]


def owner(path: Path) -> str:
    try:
        import pwd

        return pwd.getpwuid(path.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return str(path.stat().st_uid)
