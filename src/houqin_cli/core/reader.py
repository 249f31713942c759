"""The plain reader (`Reader`): SQL with :named parameters on either backend, rows as
tuples — sqlite3 alone on SQLite (`core.db.Ledger.reader`), or over a write's session
(`reader_of`), so that a read and a write share one query. No SQLAlchemy at import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reader:
    """Runs SQL with :named parameters on either backend; rows come back as tuples.
    `stream` yields a long query's rows as they come (a server-side cursor on
    PostgreSQL); `where` names the ledger (its file, or its server and database), as
    the witness log keys it."""

    is_sqlite: bool
    _run: Callable[[str, dict[str, Any]], Sequence[Any]] = field(repr=False)
    _stream: Callable[[str], Iterable[Sequence[Any]]] = field(repr=False)
    where: str = ""

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> Sequence[Any]:
        return self._run(sql, params or {})

    def stream(self, sql: str) -> Iterable[Sequence[Any]]:
        return self._stream(sql)

    def month_index(self, column: str) -> str:
        """SQL for year * 12 + month of a DATE column (SQLite keeps dates as ISO text)."""
        if self.is_sqlite:
            return (
                f"(CAST(substr({column}, 1, 4) AS INTEGER) * 12"
                f" + CAST(substr({column}, 6, 2) AS INTEGER))"
            )
        return f"(CAST(EXTRACT(YEAR FROM {column}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {column}) AS INTEGER))"


def as_reader(source: Reader | Any) -> Reader:
    """A Reader as given, or one over an ORM session (`core.tx.reader_of`): for a plain
    query that a read command and a write (or an ORM caller) share."""
    return source if isinstance(source, Reader) else reader_of(source)


def reader_of(session: Any) -> Reader:
    """A Reader over a session's connection: the plain queries a write shares with the
    reports (one place knows each query), run inside the write's transaction."""
    from sqlalchemy import text

    from houqin_cli.core import witness

    bind = session.get_bind()
    sqlite = bind.dialect.name == "sqlite"

    def stream(sql: str) -> Iterator[Sequence[Any]]:
        conn = session.connection()
        if sqlite:
            cur = conn.connection.dbapi_connection.cursor()
            try:
                yield from cur.execute(sql)
            finally:
                cur.close()
        else:
            yield from pg_stream(conn, sql)

    return Reader(
        sqlite,
        lambda sql, params: list(session.execute(text(sql), params)),
        stream,
        witness.where(bind.url),
    )


def pg_stream(conn: Any, sql: str, batch: int = 20000) -> Iterator[Sequence[Any]]:
    """Rows of `sql` through a server-side cursor on a SQLAlchemy connection's driver."""
    cur = conn.connection.dbapi_connection.cursor(name="houqin_stream")
    cur.itersize = batch
    try:
        cur.execute(sql)
        yield from cur
    finally:
        cur.close()
