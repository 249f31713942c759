"""`audit verify`: recompute the journal's chain, check a sealed entry, and compare
every business row with the digest its last journal entry recorded (see
ARCHITECTURE.md, "Tamper evidence")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import col

from houqin_cli.core.i18n import _
from houqin_cli.core.journal import (
    GENESIS,
    Journal,
    entry_hash,
    pk_text,
    select_sql,
    stored_digest,
    tracked_tables,
)
from houqin_cli.core.report import Finding

if TYPE_CHECKING:
    from sqlalchemy import Table


_JOURNAL_SQL = (
    "SELECT seq, time, operator, command, action, entity, entity_id, code, reverses, "
    "payload, digests, prev_hash, hash FROM journal ORDER BY seq"
)


def _chain_break(seq: int, expected: int, linked: bool, intact: bool) -> Finding | None:
    """The first thing wrong with entry `seq` where entry `expected` should come next."""
    if seq > expected:
        message = _("Journal entry {seq} is missing: it was deleted behind the program's back.")
        return Finding(
            "audit.journal", "entry.deleted", message.format(seq=expected), {"seq": expected}
        )
    if seq < expected:
        message = _("Journal entry {seq} appears twice or out of order: an entry was inserted.")
        code = "entry.inserted"
    elif not linked:
        message = _(
            "Journal entry {seq} does not follow the entry before it: "
            "an entry was inserted or removed here."
        )
        code = "entry.inserted"
    elif not intact:
        return _edited(seq)
    else:
        return None
    return Finding("audit.journal", code, message.format(seq=seq), {"seq": seq})


def _edited(seq: int) -> Finding:
    message = _("Journal entry {seq} was edited behind the program's back.")
    return Finding("audit.journal", "entry.edited", message.format(seq=seq), {"seq": seq})


def _read_digests(digests: Any, expected: dict[str, dict[str, str]]) -> bool:
    """Add an entry's row digests to what every row must look like; False when the
    field is not as the program writes it (an edited entry, never a crash)."""
    if not digests:
        return True
    if not isinstance(digests, str):
        return False
    ok = True
    for item in digests.split():
        table, colon, rest = item.partition(":")
        pk, equals, digest = rest.rpartition("=")
        if not (colon and equals and table and pk):
            ok = False
            continue
        expected.setdefault(table, {})[pk] = digest
    return ok


def _stream(conn: Any, sql: str, batch: int = 20000) -> Iterator[tuple[Any, ...]]:
    """Rows of `sql` straight from the driver, in batches (server-side on PostgreSQL)."""
    dbapi = conn.connection.dbapi_connection
    if conn.dialect.name == "postgresql":
        cur = dbapi.cursor(name="houqin_stream")
        cur.itersize = batch
    else:
        cur = dbapi.cursor()
    try:
        cur.execute(sql)
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                break
            yield from rows
    finally:
        cur.close()


def verify(
    conn: Any, against: tuple[int, str] | None = None
) -> tuple[list[Finding], dict[str, Any]]:
    """Recompute the chain, check a sealed entry, and compare every business row
    with the digest its last journal entry recorded. Returns findings and stats."""
    from houqin_cli.core import schema, witness

    findings: list[Finding] = schema.findings(conn)
    witnessed = witness.heads(conn.engine.url)
    held: dict[int, str] = {}
    expected: dict[str, dict[str, str]] = {}
    prev = GENESIS
    next_seq = 1
    count = 0
    chain_ok = True
    sealed_hash: str | None = None
    for row in _stream(conn, _JOURNAL_SQL):
        # seq, time, operator, command, action, entity, entity_id, code, reverses,
        # payload, digests: what the hash covers; then the stored prev_hash and hash
        seq, digests, prev_hash, own = row[0], row[10], row[11], row[12]
        count += 1
        if against is not None and seq == against[0]:
            sealed_hash = own
        if seq in witnessed:
            held[seq] = own
        well_formed = _read_digests(digests, expected)
        if not chain_ok:
            continue
        if not isinstance(seq, int):
            chain_ok = False
            findings.append(_edited(next_seq))
            continue
        try:
            recomputed = entry_hash(prev, *row[:11])
        except (TypeError, ValueError):  # a field of another type: edited as stored
            recomputed = None
        intact = well_formed and recomputed == own
        broken = _chain_break(seq, next_seq, prev_hash == prev, intact)
        if broken is not None:
            chain_ok = False
            findings.append(broken)
        prev = own
        next_seq = seq + 1
    if against is not None:
        a_seq, a_hash = against
        if sealed_hash is None or sealed_hash != a_hash:
            findings.append(
                Finding(
                    "audit.journal",
                    "seal.broken",
                    _(
                        "The journal no longer holds entry {seq} as sealed ({hash}): "
                        "the chain was rewritten."
                    ).format(seq=a_seq, hash=a_hash[:12]),
                    {"seq": a_seq},
                )
            )
    findings.extend(witness.findings(witnessed, held))
    rows_checked = _verify_rows(conn, expected, findings)
    return findings, {"entries": count, "head": [next_seq - 1, prev], "rows": rows_checked}


def _record_name(table: Table, row: Mapping[str, Any], pk: str) -> str:
    for name in ("code", "key", "name"):
        if name in table.c and row.get(name) is not None:
            return str(row[name])
    return f"#{pk}"


def _row_finding(code: str, message: str, table: str, record: str) -> Finding:
    found = {"table": table, "record": record}
    return Finding("audit.rows", code, message.format(**found), found)


def _verify_rows(conn: Any, expected: dict[str, dict[str, str]], findings: list[Finding]) -> int:
    from houqin_cli.core.i18n import _

    checked = 0
    for name, table in sorted(tracked_tables().items()):
        want = expected.get(name, {})
        seen: set[str] = set()
        for values in _stream(conn, select_sql(table)):
            checked += 1
            pk = pk_text(table, values)
            seen.add(pk)
            recorded = want.get(pk)
            if recorded == stored_digest(table, values):
                continue
            record = _record_name(table, dict(zip(table.columns.keys(), values, strict=True)), pk)
            if recorded is None or recorded == "-":
                message = _("{table} {record} was inserted behind the program's back.")
                findings.append(_row_finding("row.inserted", message, name, record))
            else:
                message = _("{table} {record} was changed behind the program's back.")
                findings.append(_row_finding("row.changed", message, name, record))
        for pk, digest in want.items():
            if digest != "-" and pk not in seen:
                record = _deleted_name(conn, name, pk)
                message = _("{table} {record} was deleted behind the program's back.")
                findings.append(_row_finding("row.deleted", message, name, record))
    for name in sorted(set(expected) - set(tracked_tables())):
        if any(d != "-" for d in expected[name].values()):
            findings.append(
                Finding(
                    "audit.rows",
                    "table.missing",
                    _("Table {table} is missing from the ledger.").format(table=name),
                    {"table": name},
                )
            )
    return checked


def _deleted_name(conn: Any, table: str, pk: str) -> str:
    """The code of a deleted row, from the last journal entry that wrote it."""
    row = conn.execute(
        select(col(Journal.code), col(Journal.entity))
        .where(col(Journal.digests).contains(f"{table}:{pk}="))
        .order_by(col(Journal.seq).desc())
        .limit(1)
    ).first()
    if row is not None and row[0] and row[1] == table:
        return str(row[0])
    return f"#{pk}"
