"""The register as it stood at the end of a day, and each card's depreciation
schedule, derived from what is recorded: the cards as they are now, their events
(splits, scrapping, loans, edits, with their dates) and the journal (the values an
edit replaced, the place a move left). Plain SQL through `Ledger.reader()`, integers.

The state at a day: every change dated after it is undone, latest first. A split
gives the pieces and the value back to the card they came from and the card split
off did not exist yet; an edit puts back the values it replaced; a move, the place
(and the custodian, where the move recorded it); scrapping, lending and returning,
the status. A moment after which the journal holds no asset entry costs one indexed
query, so today's register reads no history.

A card's accumulated depreciation follows its life from acquisition: a straight line
from the month after; at a split, the accumulated depreciation of the whole divides
like the value (the same pieces, rounded the same way), so the parts always add up
to the whole, in every month after; at a change of value, life or category, what
was accumulated through the month before stays and the rest of the new value is
spread over the months of life that remain, from the month of the change on (never
retroactive). Only the cards split or edited are followed so; the rest are one
closed form (depreciation.accumulated)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.asset import lineage
from houqin_cli.asset.book import (
    AT,
    CATEGORY,
    CODE,
    COLS,
    EDITED,
    FIXED,
    ID,
    MORE,
    ORIGIN,
    PERSON,
    PLACE,
    QTY,
    STATUS,
    STATUS_BEFORE,
    UNIT_ID,
    VALUE,
    Book,
)  # fmt: skip
from houqin_cli.asset.depreciation import fixed_sql, life_of
from houqin_cli.core import clock, settings
from houqin_cli.core.plain import day_param

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.asset.models import Asset
    from houqin_cli.core.db import Reader


def net_value(session: Session, asset: Asset, day: date) -> int:
    """The card's net value at `day` as the depreciation report shows it (a part of a
    split batch: its share of the batch's accumulated depreciation)."""
    from houqin_cli.core.tx import reader_of

    reader = reader_of(session)
    n = day.year * 12 + day.month
    b = book(reader, day, (n,), acquired=asset.acquired)
    r = next(r for r in b.rows if r[ID] == asset.id)
    life = life_of(asset.category, asset.life_years) if b.fixed(r) else None
    return int(r[VALUE] - b.acc(r, life, n))


def _month(day: Any) -> int:
    d = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
    return d.year * 12 + d.month


def _ids(ids: Any) -> str:
    return ", ".join(str(int(i)) for i in ids)


def book(
    reader: Reader,
    day: date,
    months: tuple[int, ...],
    acquired: date | None = None,
    full: bool = False,
) -> Book:
    """The register as it stood at the end of `day`, with the accumulated depreciation
    of its split or edited cards at `months` (only the cards `acquired` that day when
    given: every card of one batch, as a damage's net value needs)."""
    fixed, limits = fixed_sql(reader)
    rows: Any = reader.rows(
        f"SELECT {', '.join(COLS)}, {reader.month_index('acquired')}, "
        f"CASE WHEN {fixed} THEN 1 ELSE 0 END"
        f"{''.join(', ' + c for c in MORE) if full else ''} FROM asset "
        f"WHERE {'acquired = :acq' if acquired else 'acquired <= :day'} "
        "ORDER BY category, code",
        {"day": day_param(reader, day), "acq": day_param(reader, acquired or day), **limits},
    )
    b = Book(day, rows, months=months, limits=(limits["general"], limits["special"]))
    by_id = {r[ID]: r for r in rows}
    children: dict[int, list[Any]] = {}
    for r in rows:
        if r[ORIGIN] is not None and r[ORIGIN] in by_id:
            children.setdefault(r[ORIGIN], []).append(r)
    edit_seqs, edit_events = _edits(reader)
    changes = _changes(by_id, children, edit_seqs, edit_events)
    undone = _rewind(b, by_id, children, _after(reader, day, by_id, children), edit_events)
    rewound = [r for r in by_id.values() if isinstance(r, list)]
    if rewound or b.absent:
        for r in rewound:  # a fixed asset at its value then
            r[FIXED] = int(b.is_fixed(r[CATEGORY], r[VALUE], r[QTY]))
        b.rows = [by_id[r[ID]] for r in rows]
    starts = {
        max(what[0] - 1, by_id[rid][AT])
        for rid, seq in changes.items()
        for kind, what in seq
        if kind == "edit"
    }
    b.months = tuple(sorted(set(months) | starts))
    if children or changes:
        b.accs = lineage.schedules(b, by_id, children, changes, undone)
    return b


def _edits(reader: Reader) -> tuple[dict[int, list[Any]], dict[int, tuple[int, date, Any]]]:
    """Cards edited ever: card id -> its events (edits and splits, in order); and each
    `edited` event's id -> (card id, date, the journal's {key: {old, new}})."""
    payloads: dict[int, list[Any]] = {}
    for entity, payload in reader.rows(
        "SELECT entity_id, payload FROM journal WHERE action = 'asset.edit' ORDER BY seq"
    ):
        payloads.setdefault(int(entity), []).append(json.loads(payload))
    if not payloads:
        return {}, {}
    events: dict[int, list[Any]] = {}
    found: dict[int, tuple[int, date, Any]] = {}
    seen: dict[int, int] = {}
    for eid, aid, day, kind, ref in reader.rows(
        "SELECT id, asset_id, date, kind, ref_code FROM asset_event "
        f"WHERE asset_id IN ({_ids(payloads)}) AND kind IN ('edited', 'split') ORDER BY id"  # noqa: S608
    ):
        events.setdefault(aid, []).append((eid, kind, ref))
        if kind == "edited":
            k = seen[aid] = seen.get(aid, -1) + 1
            if k < len(payloads[aid]):
                found[eid] = (aid, day, payloads[aid][k])
    return events, found


def _changes(
    by_id: dict[int, Any],
    children: dict[int, list[Any]],
    edit_seqs: dict[int, list[Any]],
    edit_events: dict[int, tuple[int, date, Any]],
) -> dict[int, list[tuple[str, Any]]]:
    """The changes of each edited card, in order: ("split", child id) or ("edit",
    (month index, payload)). A card only split needs none: its children, by id, are."""
    out: dict[int, list[tuple[str, Any]]] = {}
    for rid, events in edit_seqs.items():
        if rid not in by_id:
            continue
        kids = {k[CODE]: k[ID] for k in children.get(rid, [])}
        seq: list[tuple[str, Any]] = []
        for eid, kind, ref in events:
            if kind == "split" and ref in kids:
                seq.append(("split", kids.pop(ref)))
            elif kind == "edited" and eid in edit_events:
                _aid, day, payload = edit_events[eid]
                seq.append(("edit", (_month(day), payload)))
        seq.extend(("split", k) for k in sorted(kids.values()))
        out[rid] = seq
    return out


# the records an asset journal entry names, and the card each belongs to
CARD_OF = {"asset_loan": "asset_loan", "asset_scrap": "asset_scrap", "asset_damage": "asset_damage"}
HARMLESS = {"asset_inspection", "asset_count"}  # their entries split, scrap, lend nothing


def _after(
    reader: Reader, day: date, by_id: dict[int, Any], children: dict[int, list[Any]]
) -> tuple[list[Any], list[Any]]:
    """The events and the moves dated after `day`: none, without reading the events,
    when the journal holds no asset entry after it; else the events of the cards its
    entries name (with the cards split off them and those they came from)."""
    zone = settings.zone(reader)
    moment = clock.iso_utc(datetime.combine(day + timedelta(days=1), time(), zone))
    params = {"t": moment, "day": day_param(reader, day)}
    entries = sorted(  # by the time index (no ORDER BY, which would read the whole journal)
        reader.rows(
            "SELECT seq, action, entity, entity_id, payload FROM journal WHERE time >= :t "
            "AND action LIKE 'asset.%'",
            params,
        ),
        reverse=True,
    )
    if not entries:
        return [], []
    moves = [(e, p) for _s, a, _t, e, p in entries if a == "asset.move"]
    named: dict[str, set[int]] = {}
    for _s, _a, table, eid, _p in entries:
        if eid is not None:
            named.setdefault(table, set()).add(int(eid))
    where = "1 = 1"
    if set(named) <= {"asset", *CARD_OF, *HARMLESS}:
        cards = set(named.get("asset", ()))
        for table, ids in named.items():
            if table in CARD_OF:
                cards.update(
                    aid
                    for (aid,) in reader.rows(
                        f"SELECT asset_id FROM {CARD_OF[table]} WHERE id IN ({_ids(ids)})"  # noqa: S608
                    )
                )
        for aid in list(cards):
            r = by_id.get(aid)
            if r is not None:
                cards.update(k[ID] for k in children.get(aid, ()))
                if r[ORIGIN] is not None:
                    cards.add(r[ORIGIN])
        if not cards:
            return [], moves
        where = f"asset_id IN ({_ids(cards)})"
    events = reader.rows(
        f"SELECT id, asset_id, kind, ref_code FROM asset_event WHERE {where} AND "  # noqa: S608
        "date > :day AND kind IN ('split', 'edited', 'scrapped', 'lent', 'returned') "
        "ORDER BY id DESC",
        params,
    )
    return list(events), moves


def _rewind(
    b: Book,
    by_id: dict[int, Any],
    children: dict[int, list[Any]],
    after: tuple[list[Any], list[Any]],
    edit_events: dict[int, tuple[int, date, Any]],
) -> dict[int, int]:
    """Undo, latest first, what happened after the book's day (the rows undone become
    lists in `by_id`); how many of each card's changes (splits off it, edits) were."""
    events, moves = after
    undone: dict[int, int] = {}

    def row(rid: int) -> list[Any] | None:
        r = by_id.get(rid)
        if r is not None and not isinstance(r, list):
            r = by_id[rid] = list(r)
        return r

    for eid, aid, kind, ref in events:
        r = row(aid)
        if r is None:
            continue
        if kind == "split":
            origin = by_id.get(r[ORIGIN]) if r[ORIGIN] is not None else None
            if origin is not None and ref == origin[CODE]:
                b.absent.add(aid)  # split off after the day: not there yet
                continue
            kid = next((k for k in children.get(aid, []) if k[CODE] == ref), None)
            if kid is not None:
                kid = by_id[kid[ID]]
                r[QTY] += kid[QTY]
                r[VALUE] += kid[VALUE]
                undone[aid] = undone.get(aid, 0) + 1
        elif kind == "edited":
            if eid in edit_events:
                for key, change in edit_events[eid][2].items():
                    if EDITED.get(key, len(r)) < len(r):
                        r[EDITED[key]] = change.get("old")
                undone[aid] = undone.get(aid, 0) + 1
        else:
            r[STATUS] = STATUS_BEFORE[kind]
    for entity, payload in moves:
        r = row(int(entity))
        if r is None or len(r) <= PLACE:
            continue
        data = json.loads(payload)
        r[PLACE] = data.get("from_place")
        if "from_custodian" in data:
            r[PERSON], r[UNIT_ID] = data["from_custodian"]
    return undone
