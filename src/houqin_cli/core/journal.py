"""The append-only, hash-chained journal, and the row digests behind `audit verify`.

Each write transaction appends one entry per action. An entry's hash is SHA-256
over the previous entry's hash and the entry's canonical fields, so editing,
deleting or inserting an entry breaks the chain from there on. Each entry also
carries `digests`: for every business row the action inserted, changed or
deleted, the row's digest after the change ("-" once deleted). Replaying the
digests gives what every row must look like now, so a row changed, deleted or
inserted behind the program's back is found by comparing (see ARCHITECTURE.md).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Column, Index, Integer, String, Text, event, select
from sqlmodel import Field, SQLModel, col

from houqin_cli.core import canonical, clock
from houqin_cli.core.canonical import (
    DIGEST_CHARS,
    GENESIS,
    UNTRACKED,
    Shape,
    canon,
    canonical_json,
    entry_hash,
    parse_digests,
    row_digest,
)
from houqin_cli.core.errors import InternalError

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

__all__ = [
    "DIGEST_CHARS",
    "GENESIS",
    "UNTRACKED",
    "canon",
    "canonical_json",
    "entry_hash",
    "parse_digests",
    "row_digest",
]


@dataclass(frozen=True)
class Actor:
    """Who is writing, the command as typed, and the moment ("now") it counts at."""

    operator: str
    command: str
    now: datetime


class Journal(SQLModel, table=True):
    __tablename__ = "journal"
    __table_args__ = (
        Index("ix_journal_action", "action"),
        Index("ix_journal_code", "code"),
        Index("ix_journal_time", "time"),
    )

    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    time: str = Field(sa_column=Column(String(32), nullable=False))
    operator: str = Field(sa_column=Column(String(200), nullable=False))
    command: str = Field(sa_column=Column(Text, nullable=False))
    action: str = Field(sa_column=Column(String(64), nullable=False))
    entity: str = Field(sa_column=Column(String(64), nullable=False))
    entity_id: str | None = Field(default=None, sa_column=Column(String(64)))
    code: str | None = Field(default=None, sa_column=Column(String(64)))
    reverses: int | None = Field(default=None, sa_column=Column(Integer))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    digests: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False))


# -- canonical forms: core/canonical.py, shared with `audit verify` ---------------


# -- tracking what a write touched -------------------------------------------


# what a write changed since its last journal entry: table name -> (table, primary keys)
Touched = dict[str, tuple["Table", set[str]]]


def tracked_tables() -> dict[str, Table]:
    return {
        name: table for name, table in SQLModel.metadata.tables.items() if name not in UNTRACKED
    }


def _pk_text(table: Table, row: Any) -> str:
    cols = list(table.primary_key.columns)
    return "/".join(str(getattr(row, c.key)) for c in cols)


def attach(session: Session, actor: Actor) -> None:
    """Start tracking the business rows this write session touches."""
    session.info["actor"] = actor
    session.info["touched"] = {}

    @event.listens_for(session, "after_flush")
    def _after_flush(sess: Session, _ctx: Any) -> None:
        touched: Touched = sess.info["touched"]
        for obj in list(sess.new) + list(sess.dirty) + list(sess.deleted):
            table = getattr(obj, "__table__", None)
            if table is None or table.name in UNTRACKED:
                continue
            touched.setdefault(table.name, (table, set()))[1].add(_pk_text(table, obj))


def shape(table: Table) -> Shape:
    """What the canonical encoding needs of `table` (core/canonical.py), made once."""
    found: Shape | None = table.info.get("houqin_shape")
    if found is None:
        cols = list(table.columns)
        keys = list(table.primary_key.columns)
        found = table.info["houqin_shape"] = Shape(
            name=table.name,
            columns=tuple(c.name for c in cols),
            keys=tuple(c.key for c in cols),
            primary=tuple(cols.index(c) for c in keys),
            booleans=tuple(i for i, c in enumerate(cols) if isinstance(c.type, Boolean)),
            integer_key=len(keys) == 1 and isinstance(keys[0].type, Integer),
        )
    return found


def select_sql(table: Table) -> str:
    """`canonical.select_sql`: every column of `table`, to be read as stored."""
    return canonical.select_sql(shape(table))


def stored_digest(table: Table, values: Sequence[Any]) -> str:
    """`canonical.stored_digest`: the digest of a row read with `select_sql`."""
    return canonical.stored_digest(shape(table), values)


def pk_text(table: Table, values: Sequence[Any]) -> str:
    """The primary key of a row read with `select_sql`, as the digests name it."""
    return canonical.pk_text(shape(table), values)


def _current_digests(session: Session, touched: Touched, out: io.StringIO | None = None) -> str:
    """'table:pk=digest …' for every touched row, read back as stored (after what `out`
    holds already)."""
    from sqlalchemy import bindparam, text

    conn = session.connection()
    out = out or io.StringIO()  # an import's hundred thousand rows: no list of pieces
    for name in sorted(touched):
        table, keys = touched[name]
        cols = list(table.primary_key.columns)
        pks = sorted(keys)
        keys.clear()
        if len(cols) == 1:
            key = cols[0]
            cast = int if isinstance(key.type, Integer) else str
            query = text(f'{select_sql(table)} WHERE "{key.name}" IN :keys').bindparams(
                bindparam("keys", expanding=True)
            )
            for i in range(0, len(pks), 500):  # a chunk at a time, digests in key order
                chunk = pks[i : i + 500]
                found = {
                    pk_text(table, values): stored_digest(table, values)
                    for values in conn.execute(query, {"keys": [cast(p) for p in chunk]})
                }
                _digest_text(out, name, chunk, found)
        else:
            where = " AND ".join(f'"{c.name}" = :k{i}' for i, c in enumerate(cols))
            query = text(f"{select_sql(table)} WHERE {where}")
            for pk in pks:
                params = {
                    f"k{i}": int(v) if isinstance(c.type, Integer) else v
                    for i, (c, v) in enumerate(zip(cols, pk.split("/"), strict=True))
                }
                found = {
                    pk_text(table, values): stored_digest(table, values)
                    for values in conn.execute(query, params)
                }
                _digest_text(out, name, [pk], found)
    return out.getvalue()


def _digest_text(out: io.StringIO, name: str, pks: list[str], found: dict[str, str]) -> None:
    """'table:pk=digest' for each of `pks`, space-separated, '-' for a row gone."""
    for pk in pks:
        if out.tell():
            out.write(" ")
        out.write(f"{name}:{pk}={found.get(pk, '-')}")


def settle(session: Session) -> None:
    """Digest the rows written so far into the next entry's text and forget their keys:
    a big import, settling each batch it writes, holds one batch's keys, not every
    row's. A row written again later in the same entry gets its later digest after the
    first one, and the last one is what counts (as `audit verify` replays them)."""
    session.flush()
    touched: Touched = session.info["touched"]
    out = session.info.setdefault("settled", io.StringIO())
    _current_digests(session, touched, out)
    touched.clear()


def record(
    session: Session,
    action: str,
    row: Any,
    payload: Mapping[str, Any] | None = None,
    *,
    reverses: int | None = None,
) -> Journal:
    """`append` for one record with a code: the entity is its table, with its id and code."""
    return append(
        session,
        action,
        row.__tablename__,
        entity_id=row.id,
        code=row.code,
        payload=payload,
        reverses=reverses,
    )


def imported(session: Session, action: str, entity: str, file: str, rows: Sequence[Any]) -> Journal:
    """The one entry for a whole import: the file, how many records it added, their
    codes (`rows`: the records, or their codes)."""
    codes = [r if isinstance(r, str) else r.code for r in rows]
    payload = {"file": file, "count": len(codes), "codes": codes}
    return append(session, action, entity, payload=payload)


def append(
    session: Session,
    action: str,
    entity: str,
    *,
    entity_id: Any = None,
    code: str | None = None,
    payload: Mapping[str, Any] | None = None,
    reverses: int | None = None,
) -> Journal:
    """Append the journal entry for what this session changed since the last one."""
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise InternalError("journal.append outside a write transaction")
    session.flush()
    touched: Touched = session.info["touched"]
    digests = _current_digests(session, touched, session.info.pop("settled", None))
    touched.clear()
    last = session.execute(
        select(col(Journal.seq), col(Journal.hash)).order_by(col(Journal.seq).desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry = Journal(
        seq=seq,
        time=clock.iso_utc(actor.now),
        operator=actor.operator,
        command=actor.command,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        code=code,
        reverses=reverses,
        payload=canonical_json(dict(payload or {})),
        digests=digests,
        prev_hash=prev,
        hash="",
    )
    entry.hash = entry_hash(
        prev,
        seq,
        entry.time,
        entry.operator,
        entry.command,
        action,
        entity,
        entry.entity_id,
        code,
        reverses,
        entry.payload,
        digests,
    )
    session.add(entry)
    session.flush()
    session.info["head"] = (seq, entry.hash)  # witnessed once the write commits
    return entry


def before_commit(session: Session) -> None:
    session.flush()
    left = {name: sorted(keys) for name, (_t, keys) in session.info.get("touched", {}).items()}
    if any(left.values()) or session.info.get("settled"):
        raise InternalError(f"a write changed {left or 'rows'} without a journal entry")


def head(session: Session) -> tuple[int, str]:
    last = session.execute(
        select(col(Journal.seq), col(Journal.hash)).order_by(col(Journal.seq).desc()).limit(1)
    ).first()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


def entries_for(session: Session, codes: Iterable[str]) -> list[Journal]:
    return list(
        session.execute(
            select(Journal).where(col(Journal.code).in_(list(codes))).order_by(col(Journal.seq))
        ).scalars()
    )
