"""The one canonical encoding of the journal (ARCHITECTURE.md, "Tamper evidence"): an
entry's hash, a business row's digest, and how a row is read as stored. The writer
(core/journal.py) and `audit verify` (core/verify.py) both use these; nothing here
imports SQLAlchemy, so the verification can read plain driver rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
DIGEST_CHARS = 32
# tables no digest covers: the journal itself, the code counters, Alembic's revision
UNTRACKED = frozenset({"journal", "code_counter", "alembic_version"})


def canon(value: Any) -> Any:
    """A JSON-safe, backend-independent form of a column value."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


# json.dumps with these options builds a new encoder on every call; one built once
# encodes byte for byte the same
_ENCODE = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=canon
).encode


def canonical_json(payload: Any) -> str:
    return _ENCODE(payload)


def row_digest(row: Mapping[Any, Any]) -> str:
    """Digest of one business row: its non-null columns in canonical JSON.

    Null columns are left out so that a migration adding a nullable column does
    not change the digest of rows written before it."""
    data = {k: v for k, v in row.items() if v is not None}
    text = _ENCODE(data)  # dates, decimals, bytes: through canon() as json's default
    return hashlib.sha256(text.encode()).hexdigest()[:DIGEST_CHARS]


def entry_hash(
    prev_hash: str,
    seq: int,
    time: str,
    operator: str,
    command: str,
    action: str,
    entity: str,
    entity_id: str | None,
    code: str | None,
    reverses: int | None,
    payload: str,
    digests: str,
) -> str:
    parts = (
        prev_hash,
        str(seq),
        time,
        operator,
        command,
        action,
        entity,
        entity_id or "",
        code or "",
        "" if reverses is None else str(reverses),
        payload,
        digests,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def parse_digests(text: str) -> Iterator[tuple[str, str, str]]:
    """'person:12=ab… unit:3=-' -> (table, pk, digest)."""
    for item in text.split():
        table, rest = item.split(":", 1)
        pk, digest = rest.rsplit("=", 1)
        yield table, pk, digest


@dataclass(frozen=True)
class Shape:
    """What the digests need of a table: its name, its columns (SQL names and the keys
    the row digest uses), its primary key and its boolean columns."""

    name: str
    columns: tuple[str, ...]  # the SQL names, in the table's order
    keys: tuple[str, ...]  # the same columns' keys, as the digests name them
    primary: tuple[int, ...]  # positions of the primary key's columns
    booleans: tuple[int, ...]  # positions of the BOOLEAN columns
    integer_key: bool  # a primary key of one INTEGER column

    def has(self, key: str) -> bool:
        return key in self.keys


def shapes() -> dict[str, Shape]:
    """Every tracked table's shape, by name, from core/layout.py (the schema as data):
    what `audit verify` reads without SQLAlchemy. The writer takes its shapes from the
    models (core.journal.shape); tests/test_schema.py holds the two equal."""
    from houqin_cli.core.layout import TABLES

    found = {}
    for name, cols in TABLES.items():
        if name in UNTRACKED:
            continue
        primary = tuple(i for i, c in enumerate(cols) if c[4])
        found[name] = Shape(
            name=name,
            columns=tuple(c[0] for c in cols),
            keys=tuple(c[1] for c in cols),
            primary=primary,
            booleans=tuple(i for i, c in enumerate(cols) if c[5] == "bool"),
            integer_key=len(primary) == 1 and cols[primary[0]][5] == "int",
        )
    return found


def select_sql(shape: Shape) -> str:
    """SELECT of every column, to be read as stored: through the driver, not
    SQLAlchemy's types, so a tampered value of another type or out of its domain (a
    date 'garbage', a boolean 2) is digested as it is and cannot crash or compare equal."""
    return "SELECT " + ", ".join(f'"{c}"' for c in shape.columns) + f' FROM "{shape.name}"'


def stored_digest(shape: Shape, values: Sequence[Any]) -> str:
    """`row_digest` of a row read with `select_sql`: the digest SQLAlchemy's typed row
    gives (so the digests journalled before stay valid), except that a value it would
    have converted — a BOOLEAN holding 2, a DATE holding 'garbage' — stays as stored."""
    if shape.booleans:
        values = list(values)
        for i in shape.booleans:
            v = values[i]
            if type(v) is int and v in (0, 1):
                values[i] = bool(v)  # JSON true/false, as the typed row gave
    data = {k: v for k, v in zip(shape.keys, values, strict=True) if v is not None}
    return hashlib.sha256(_ENCODE(data).encode()).hexdigest()[:DIGEST_CHARS]


def pk_text(shape: Shape, values: Sequence[Any]) -> str:
    """The primary key of a row read with `select_sql`, as the digests name it."""
    return "/".join(str(values[i]) for i in shape.primary)
