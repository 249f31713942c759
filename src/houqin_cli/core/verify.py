"""`audit verify`: recompute the journal's chain, check a sealed entry, and compare
every business row with the digest its last journal entry recorded (see
ARCHITECTURE.md, "Tamper evidence")."""

from __future__ import annotations

from contextlib import closing
from typing import TYPE_CHECKING, Any

from houqin_cli.core import canonical
from houqin_cli.core.canonical import (
    GENESIS,
    Shape,
    entry_hash,
    pk_text,
    select_sql,
    stored_digest,
)
from houqin_cli.core.expected import Expected
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

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


def _read_digests(digests: Any, expected: Expected) -> bool:
    """Add an entry's row digests to what every row must look like; False when the
    field is not as the program writes it (an edited entry, never a crash)."""
    if not digests:
        return True
    if not isinstance(digests, str):
        return False
    ok = True
    buffer, ints = expected.buffer, expected.integer_tables
    for item in digests.split():
        table, colon, rest = item.partition(":")
        pk, equals, digest = rest.rpartition("=")
        if not (colon and equals and table and pk):
            ok = False
            continue
        key: tuple[str, int | str] = (table, pk)
        if table in ints:  # Expected.put, inline: the hot loop of the verification
            try:
                n = int(pk)
            except ValueError:
                pass
            else:
                if str(n) == pk:
                    key = (table, n)
        slot = buffer.get(key)
        if slot is not None:
            slot[0] = digest
        else:
            expected.add(key, digest)
    return ok


def verify(
    reader: Reader, against: tuple[int, str] | None = None
) -> tuple[list[Finding], dict[str, Any]]:
    """Recompute the chain, check a sealed entry, and compare every business row
    with the digest its last journal entry recorded. Returns findings and stats.
    On the plain reader: the driver alone, the schema from core/layout.py. When it
    finds nothing, the head is noted in the witness log as verified: where the next
    `quick` verification starts."""
    from houqin_cli.core import schema, witness

    findings: list[Finding] = schema.findings(reader)
    witnessed, _checkpoint = witness.read(reader.where)
    shapes = canonical.shapes()
    expected = Expected(frozenset(n for n, sh in shapes.items() if sh.integer_key))
    try:
        count, head = _chain(reader, expected, witnessed, findings, against)
        rows = _verify_rows(reader, shapes, expected, findings)
    finally:
        expected.close()
    if not findings and head[0] > 0:
        witness.verified(reader.where, *head)
    return findings, {"entries": count, "head": list(head), "rows": rows}


def quick(reader: Reader) -> tuple[list[Finding], dict[str, Any]]:
    """The verification from the last full one this computer made that found nothing
    (the witness log's checkpoint): the schema, the whole chain recomputed (cheap) with
    the checkpoint entry still as verified, the witnessed heads, and the rows the
    entries since the checkpoint wrote (the dear part, replaying and re-digesting, is
    done for those only). It cannot see a row changed, inserted or deleted behind the
    program's back that no entry since the checkpoint wrote: that takes the full
    verification (`audit verify`). Without a checkpoint it is the full one."""
    from houqin_cli.core import schema, witness

    witnessed, checkpoint = witness.read(reader.where)
    if checkpoint is None:
        findings, stats = verify(reader)
        return findings, {**stats, "since": 0}
    findings = schema.findings(reader)
    shapes = canonical.shapes()
    expected = Expected(frozenset(n for n, sh in shapes.items() if sh.integer_key))
    try:
        count, head = _chain(reader, expected, witnessed, findings, None, checkpoint)
        rows = _verify_written(reader, shapes, expected, findings)
    finally:
        expected.close()
    return findings, {"entries": count, "head": list(head), "rows": rows, "since": checkpoint[0]}


def _chain(
    reader: Reader,
    expected: Expected,
    witnessed: dict[int, str],
    findings: list[Finding],
    against: tuple[int, str] | None,
    checkpoint: tuple[int, str] | None = None,
) -> tuple[int, tuple[int, str]]:
    """Recompute the chain, replaying the digests of its entries into `expected` (with
    a checkpoint (seq, hash): only those after it, and that entry must still be as
    verified); the entries read and the head."""
    from houqin_cli.core import witness

    prev = GENESIS
    next_seq = 1
    after = checkpoint[0] if checkpoint else 0
    reached = False
    count = 0
    chain_ok = True
    sealed_hash: str | None = None
    held: dict[int, str] = {}
    for row in reader.stream(_JOURNAL_SQL):
        # seq, time, operator, command, action, entity, entity_id, code, reverses,
        # payload, digests: what the hash covers; then the stored prev_hash and hash
        seq, digests, prev_hash, own = row[0], row[10], row[11], row[12]
        count += 1
        if against is not None and seq == against[0]:
            sealed_hash = own
        if seq in witnessed:
            held[seq] = own
        if checkpoint is not None and seq == checkpoint[0]:
            reached = True
            if own != checkpoint[1]:
                findings.append(_checkpoint_broken(*checkpoint))
        # before a checkpoint the hash alone: it covers the digests, as verified then
        well_formed = isinstance(seq, int) and seq <= after or _read_digests(digests, expected)
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
    if checkpoint is not None and not reached:
        findings.append(_checkpoint_broken(*checkpoint))  # cut short before it
    findings.extend(witness.findings(witnessed, held))
    return count, (next_seq - 1, prev)


def _checkpoint_broken(seq: int, digest: str) -> Finding:
    message = _(
        "The journal no longer holds entry {seq} as it was when this computer last "
        "verified it ({hash}): the chain was rewritten or cut short; run `houqin audit verify`."
    )
    return Finding(
        "audit.journal",
        "checkpoint.broken",
        message.format(seq=seq, hash=digest[:12]),
        {"seq": seq},
    )


def _verify_written(
    reader: Reader, shapes: dict[str, Shape], expected: Expected, findings: list[Finding]
) -> int:
    """Compare the rows the replayed entries wrote (and only those) with their last
    digests: each row read by its key, a chunk at a time."""
    checked = 0
    for name in sorted(expected.names()):
        shape = shapes.get(name)
        if shape is None:
            findings.append(_missing_table(name))
            continue
        want = {str(pk): digest for pk, digest, _ord in expected.rows(name)}
        if shape.integer_key:
            key_col = shape.columns[shape.primary[0]]
            keys = sorted(int(pk) for pk in want if pk.lstrip("-").isdigit())
            have: dict[str, Any] = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                sql = f'{select_sql(shape)} WHERE "{key_col}" IN ({", ".join(map(str, chunk))})'
                have.update((pk_text(shape, v), v) for v in reader.rows(sql))
        else:
            have = {pk_text(shape, v): v for v in reader.stream(select_sql(shape))}
        for pk, digest in want.items():
            values = have.get(pk)
            if values is not None:
                checked += 1
                _compare(shape, values, digest, findings)
            elif digest != "-":
                record = _deleted_name(reader, name, pk)
                message = _("{table} {record} was deleted behind the program's back.")
                findings.append(_row_finding("row.deleted", message, name, record))
    return checked


def _missing_table(name: str) -> Finding:
    return Finding(
        "audit.rows",
        "table.missing",
        _("Table {table} is missing from the ledger.").format(table=name),
        {"table": name},
    )


def _record_name(shape: Shape, values: Any, pk: str) -> str:
    for name in ("code", "key", "name"):
        if shape.has(name):
            value = values[shape.keys.index(name)]
            if value is not None:
                return str(value)
    return f"#{pk}"


def _row_finding(code: str, message: str, table: str, record: str) -> Finding:
    found = {"table": table, "record": record}
    return Finding("audit.rows", code, message.format(**found), found)


def _order(key: Any) -> tuple[int, Any]:
    """A primary key's place in SQLite's order: integers first, then text."""
    return (0, key) if type(key) is int else (1, str(key))


def _verify_rows(
    reader: Reader, shapes: dict[str, Shape], expected: Expected, findings: list[Finding]
) -> int:
    """Compare every tracked table's rows with what the journal says, table by table:
    an ordered merge of the table in key order with the expected digests in key order
    (a lookup each for a table whose key is not one integer)."""
    checked = 0
    for name, shape in sorted(shapes.items()):
        deleted: list[tuple[int, str]] = []  # (order first named, pk)
        if shape.integer_key:
            key_col = shape.columns[shape.primary[0]]
            sql = f'{select_sql(shape)} ORDER BY "{key_col}"'
            with closing(expected.rows(name)) as want:
                nxt = next(want, None)
                for values in reader.stream(sql):
                    checked += 1
                    key = _order(values[shape.primary[0]])
                    while nxt is not None and _order(nxt[0]) < key:
                        if nxt[1] != "-":
                            deleted.append((nxt[2], str(nxt[0])))
                        nxt = next(want, None)
                    recorded = None
                    if nxt is not None and _order(nxt[0]) == key:
                        recorded = nxt[1]
                        nxt = next(want, None)
                    _compare(shape, values, recorded, findings)
                while nxt is not None:
                    if nxt[1] != "-":
                        deleted.append((nxt[2], str(nxt[0])))
                    nxt = next(want, None)
            gone = [pk for _o, pk in sorted(deleted)]
        else:
            for values in reader.stream(select_sql(shape)):
                checked += 1
                _compare(shape, values, expected.lookup(name, pk_text(shape, values)), findings)
            gone = expected.unseen(name)
        for pk in gone:
            record = _deleted_name(reader, name, pk)
            message = _("{table} {record} was deleted behind the program's back.")
            findings.append(_row_finding("row.deleted", message, name, record))
    findings.extend(_missing_table(name) for name in sorted(expected.tables() - set(shapes)))
    return checked


def _compare(shape: Shape, values: Any, recorded: str | None, findings: list[Finding]) -> None:
    """A finding when the row's digest is not the one recorded."""
    if recorded == stored_digest(shape, values):
        return
    record = _record_name(shape, values, pk_text(shape, values))
    if recorded is None or recorded == "-":
        message = _("{table} {record} was inserted behind the program's back.")
        findings.append(_row_finding("row.inserted", message, shape.name, record))
    else:
        message = _("{table} {record} was changed behind the program's back.")
        findings.append(_row_finding("row.changed", message, shape.name, record))


def _deleted_name(reader: Reader, table: str, pk: str) -> str:
    """The code of a deleted row, from the last journal entry that wrote it."""
    sql = "SELECT code, entity FROM journal WHERE digests LIKE :p ORDER BY seq DESC LIMIT 1"
    found = reader.rows(sql, {"p": f"%{table}:{pk}=%"})
    if found and found[0][0] and found[0][1] == table:
        return str(found[0][0])
    return f"#{pk}"
