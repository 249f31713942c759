"""The ledger: engine and sessions for SQLite or PostgreSQL, the plain reader,
and the cheap schema check that runs before any command touches data.

A SQLite ledger this user may not write (a read-only file, or one in a read-only
folder) is still read: its reads open it read-only (`mode=ro`, and `immutable=1`
when the folder cannot hold the WAL's -shm), and a write is refused (exit 4).

Writes go through `core.tx.write()` (the database, the journal and the
settings together); this module knows nothing of the journal.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from houqin_cli.core import dbfile
from houqin_cli.core.dberrors import DEFAULT_BUSY_MS, translate_db_error
from houqin_cli.core.errors import HouqinError, InputError, InternalError, LedgerError
from houqin_cli.core.i18n import _
from houqin_cli.core.reader import Reader, as_reader, pg_stream, reader_of

__all__ = ["Ledger", "Reader", "as_reader", "reader_of"]

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_LOCK_KEY = 0x686F7571  # "houq": the one advisory lock every write takes


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("houqin", appauthor=False)) / "houqin.db"


def mask_url(url: str) -> str:
    """postgresql+psycopg://user:secret@host/db -> postgresql+psycopg://user:***@host/db"""
    return re.sub(r"(//[^/:@]+:)[^@/]*@", r"\1***@", url)


@dataclass
class Ledger:
    """One ledger database, addressed by a path (SQLite) or a URL (PostgreSQL)."""

    target: str
    backend: str
    path: Path | None = None
    busy_ms: int = DEFAULT_BUSY_MS
    _engine: Engine | None = field(default=None, repr=False)

    @classmethod
    def from_option(cls, value: str | None) -> Ledger:
        target = value or os.environ.get("HOUQIN_DB") or str(default_path())
        if target.startswith(("postgresql", "postgres://")):
            url = target.replace("postgres://", "postgresql+psycopg://", 1)
            if url.startswith("postgresql://"):
                url = url.replace("postgresql://", "postgresql+psycopg://", 1)
            _check_url(url)
            return cls(target=url, backend="postgresql")
        if target.startswith("sqlite:///"):
            target = target[len("sqlite:///") :]
        path = Path(target).expanduser()
        if len(os.fsencode(path)) > 4095 or any(len(os.fsencode(p)) > 255 for p in path.parts):
            raise InputError(
                _("The ledger's path is too long: a file or folder name has at most 255 bytes.")
            )
        return cls(target=str(path), backend="sqlite", path=path)

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else mask_url(self.target)

    # -- existence and schema -------------------------------------------------

    def missing_error(self) -> LedgerError:
        return LedgerError(
            _(
                "No ledger at {location}. Create one with `houqin --db {location} init` "
                "(or fill a demo with `houqin --db {location} demo`)."
            ).format(location=self.location)
        )

    def revision(self) -> str | None:
        """The schema revision stored in the ledger; None for an empty database.

        Raises LedgerError for a missing SQLite file, a foreign or corrupt file,
        or a server that cannot be reached. Imports no Alembic."""
        if self.is_sqlite:
            return self._sqlite_revision()
        return self._pg_revision()

    def require_regular(self) -> None:
        assert self.path is not None
        dbfile.require_regular(self.path, self.location)

    def require_writable(self) -> None:
        """Exit 4, saying why and what to do, unless this user may write the ledger."""
        if self.is_sqlite:
            assert self.path is not None
            dbfile.require_writable(self.path, self.location)

    def require_sound(self, con: Any) -> None:
        """Exit 4 when SQLite's quick check finds the file damaged (on a write's own
        connection `con`; reads never pay for it)."""
        if self.is_sqlite:
            dbfile.require_sound(con, self.location)

    def connect(
        self, *, isolation_level: Literal["DEFERRED"] | None = "DEFERRED"
    ) -> sqlite3.Connection:
        assert self.path is not None
        return dbfile.connect(self.path, self.busy_ms, isolation_level)

    def _sqlite_revision(self) -> str | None:
        assert self.path is not None
        if not self.path.exists():
            raise self.missing_error()
        self.require_regular()
        with open(self.path, "rb") as fh:
            head = fh.read(16)
        if head == b"" and self.path.stat().st_size == 0:
            return None
        if head != SQLITE_MAGIC:
            raise self.foreign_error()
        try:
            con = self.connect()
            try:
                tables = {
                    r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                if not tables:
                    return None
                if "alembic_version" not in tables:
                    raise self.foreign_error()
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                if row is None and tables - {"alembic_version"}:
                    raise self.foreign_error()
                if "setting" in tables:
                    busy = con.execute(
                        "SELECT value FROM setting WHERE key='db.busy_timeout_ms'"
                    ).fetchone()
                    if busy:
                        self.busy_ms = int(busy[0])
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            raise translate_db_error(exc, self.location, self.busy_ms) from exc
        return row[0] if row else None

    def _pg_revision(self) -> str | None:
        from sqlalchemy import text

        try:
            with self.engine.connect() as con:
                reg = con.execute(text("SELECT to_regclass('alembic_version')")).scalar()
                if reg is None:
                    has_tables = con.execute(
                        text(
                            "SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = current_schema()"
                        )
                    ).scalar()
                    if has_tables:
                        raise self.foreign_error()
                    return None
                rev = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if rev is None and con.execute(text("SELECT to_regclass('journal')")).scalar():
                    raise self.foreign_error()
                if con.execute(text("SELECT to_regclass('setting')")).scalar() is not None:
                    busy = con.execute(
                        text("SELECT value FROM setting WHERE key='db.busy_timeout_ms'")
                    ).scalar()
                    if busy:
                        self.busy_ms = int(busy)
                return str(rev) if rev is not None else None
        except HouqinError:
            raise
        except Exception as exc:
            raise translate_db_error(exc, self.location, self.busy_ms) from exc

    def foreign_error(self) -> LedgerError:
        return LedgerError(
            _("{location} is not a houqin ledger (or it is damaged).").format(
                location=self.location
            )
        )

    def require_current(self) -> None:
        """Exit 4 unless the ledger exists and its schema is the program's (a write
        also calls require_writable)."""
        from houqin_cli.migrations.revisions import HEAD, REVISIONS

        rev = self.revision()
        if rev is None:
            raise self.missing_error()
        if rev == HEAD:
            return
        if rev in REVISIONS:
            raise LedgerError(
                _(
                    "The ledger's schema ({rev}) is older than this houqin ({head}): "
                    "back it up, then run `houqin db upgrade`."
                ).format(rev=rev, head=HEAD)
            )
        raise LedgerError(
            _(
                "The ledger's schema ({rev}) is newer than this houqin knows: "
                "upgrade houqin (pip install -U houqin)."
            ).format(rev=rev)
        )

    # -- engine and sessions --------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine

    def _make_engine(self) -> Engine:
        from sqlalchemy import create_engine, event

        if self.is_sqlite:
            # the URL names the file (the witness log's key); connect() opens it
            eng = create_engine(f"sqlite:///{self.path}", creator=self.connect)

            @event.listens_for(eng, "connect")
            def _on_connect(dbapi_con: Any, _record: Any) -> None:
                dbapi_con.isolation_level = None  # we issue BEGIN ourselves
                cur = dbapi_con.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute(f"PRAGMA busy_timeout={int(self.busy_ms)}")
                cur.close()

            @event.listens_for(eng, "begin")
            def _on_begin(con: Any) -> None:
                immediate = con.get_execution_options().get("houqin_write")
                con.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

            return eng
        try:
            return create_engine(self.target, pool_pre_ping=False)
        except ModuleNotFoundError as exc:
            raise LedgerError(_("PostgreSQL needs psycopg: pip install 'houqin[pg]'.")) from exc

    def create_file(self) -> None:
        """Create an empty SQLite file readable and writable by its owner only."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)

    @contextmanager
    def read(self) -> Iterator[Session]:
        from sqlmodel import Session

        with self.driver_errors(), Session(self.engine) as session:
            yield session

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """Plain SQL reads in one snapshot, without the ORM: the path of the reports
        over tens of thousands of rows. On SQLite the driver alone (no SQLAlchemy)."""
        with self.driver_errors():
            if self.is_sqlite:
                assert self.path is not None
                con = self.connect(isolation_level=None)
                try:
                    con.execute("BEGIN")  # one snapshot for every query of the report
                    yield Reader(
                        True,
                        lambda sql, params: con.execute(sql, params).fetchall(),
                        lambda sql: con.execute(sql),  # a cursor: rows as they come
                        str(self.path.resolve()),
                    )
                finally:
                    con.close()
                return
            from sqlalchemy import text

            from houqin_cli.core import witness

            snapshot = self.engine.execution_options(isolation_level="REPEATABLE READ")
            with snapshot.connect() as pg:
                yield Reader(
                    False,
                    lambda sql, params: list(pg.execute(text(sql), params)),
                    lambda sql: pg_stream(pg, sql),
                    witness.where(self.engine.url),
                )

    @contextmanager
    def driver_errors(self) -> Iterator[None]:
        """A driver's error as exit 4 with one clear line (translate_db_error);
        our own errors pass; anything else is a bug."""
        try:
            yield
        except HouqinError:
            raise
        except Exception as exc:
            err = translate_db_error(exc, self.location, self.busy_ms)
            if isinstance(err, InternalError):
                raise
            raise err from exc

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def _check_url(url: str) -> None:
    """A PostgreSQL URL that cannot be parsed is a bad argument (exit 2)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url).port  # noqa: B018 (the port is parsed lazily)
    except (ArgumentError, ValueError) as exc:
        raise InputError(
            _("Invalid PostgreSQL URL: {reason}; the form is postgresql://USER@HOST/DB.").format(
                reason=str(exc).splitlines()[0]
            )
        ) from exc
