"""What every business row must look like now, replayed from the journal's digests for
`audit verify`, in flat memory: the latest digests of the last few thousand rows in a
dict, spilled into a private temporary SQLite database (a file SQLite deletes on close,
its page cache bounded) keyed by (table, primary key). Each row also keeps the order in
which the journal first named it, the order in which deleted rows are reported.

The table is then read back per table in primary-key order, for an ordered merge with
the table's own rows (core/verify.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator
from typing import Any

BUFFER = 20_000  # rows held in the dict before they go to the temporary database
CACHE_KIB = 8_000  # the temporary database's page cache

_UPSERT = (
    "INSERT INTO e (tbl, pk, digest, ord) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (tbl, pk) DO UPDATE SET digest = excluded.digest"
)


def _key(pk: str) -> int | str:
    """A primary key as the digests write it: an integer's as int (so it sorts as the
    table's own key does), anything else (a text key, or a tampered one) as text."""
    try:
        n = int(pk)
    except ValueError:
        return pk
    return n if str(n) == pk else pk


class Expected:
    """(table, pk) -> the digest its last journal entry recorded ("-": deleted)."""

    def __init__(self, integer_tables: frozenset[str]) -> None:
        self.integer_tables = integer_tables
        self.db = sqlite3.connect("", isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KIB}"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(
            "CREATE TABLE e (tbl TEXT NOT NULL, pk NOT NULL, digest TEXT NOT NULL, "
            "ord INTEGER NOT NULL, PRIMARY KEY (tbl, pk)) WITHOUT ROWID"
        )
        self.db.execute("CREATE TABLE seen (pk TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("BEGIN")
        self.buffer: dict[tuple[str, int | str], list[Any]] = {}
        self.order = 0

    def put(self, table: str, pk: str, digest: str) -> None:
        key = (table, _key(pk) if table in self.integer_tables else pk)
        slot = self.buffer.get(key)
        if slot is not None:
            slot[0] = digest
        else:
            self.add(key, digest)

    def add(self, key: tuple[str, int | str], digest: str) -> None:
        """A row not in the buffer (it may be in the database already)."""
        self.buffer[key] = [digest, self.order]
        self.order += 1
        if len(self.buffer) >= BUFFER:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.db.executemany(_UPSERT, ((t, pk, d, o) for (t, pk), (d, o) in self.buffer.items()))
            self.buffer.clear()

    def rows(self, table: str) -> Generator[tuple[int | str, str, int], None, None]:
        """(pk, digest, order first named) of `table`'s rows, integer keys first in
        order, then text keys in order (SQLite's, by code point as Python's)."""
        self.flush()
        yield from self.db.execute(
            "SELECT pk, digest, ord FROM e WHERE tbl = ? ORDER BY pk", (table,)
        )

    def lookup(self, table: str, pk: str) -> str | None:
        """The digest of one row (of a table whose key is not one integer)."""
        self.flush()
        self.db.execute("INSERT OR IGNORE INTO seen (pk) VALUES (?)", (pk,))
        found = self.db.execute(
            "SELECT digest FROM e WHERE tbl = ? AND pk = ?", (table, pk)
        ).fetchone()
        return None if found is None else str(found[0])

    def unseen(self, table: str) -> list[str]:
        """The rows of `table` the journal says exist that `lookup` was not asked about,
        in the order the journal first named them; then forget what was seen."""
        found = [
            str(pk)
            for (pk,) in self.db.execute(
                "SELECT pk FROM e WHERE tbl = ? AND digest != '-' "
                "AND pk NOT IN (SELECT pk FROM seen) ORDER BY ord",
                (table,),
            )
        ]
        self.db.execute("DELETE FROM seen")
        return found

    def tables(self) -> set[str]:
        """The tables the journal names a row of that still exists."""
        self.flush()
        return {t for (t,) in self.db.execute("SELECT DISTINCT tbl FROM e WHERE digest != '-'")}

    def names(self) -> set[str]:
        """Every table the journal names a row of (deleted ones too)."""
        self.flush()
        return {t for (t,) in self.db.execute("SELECT DISTINCT tbl FROM e")}

    def close(self) -> None:
        self.db.close()
