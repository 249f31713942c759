"""The accumulated depreciation of the cards that were split or edited, followed
through their lineage month by month (history.py's docstring says the rules)."""

from __future__ import annotations

from typing import Any

from houqin_cli.asset import categories
from houqin_cli.asset.book import AT, CATEGORY, ID, LIFE, ORIGIN, QTY, VALUE, Book, life_months
from houqin_cli.asset.depreciation import accumulated, life_of


def schedules(
    b: Book,
    by_id: dict[int, Any],
    children: dict[int, list[Any]],
    changes: dict[int, list[tuple[str, Any]]],
    undone: dict[int, int],
) -> dict[int, list[int]]:
    """The accumulated depreciation at each of the book's months of every card of a
    batch that was split, and of every edited card, as at the book's day. A batch none
    of whose cards can be a depreciated fixed asset is left out (never asked for)."""
    accs: dict[int, list[int]] = {}
    kids = {
        rid: [k[ID] for k in ks] if len(ks) == 1 else sorted(k[ID] for k in ks)
        for rid, ks in children.items()
    }
    for root in {*children, *changes}:
        r = by_id[root]
        if r[ORIGIN] is not None and r[ORIGIN] in by_id:
            continue  # not the batch's first card
        if root not in changes and not _may_depreciate(b, r):
            continue
        order, i = [root], 0  # the batch: each card before the cards split off it
        while i < len(order):
            order.extend(kids.get(order[i], ()))
            i += 1
        seqs = {}
        for rid in order:
            seq = changes.get(rid) or [("split", k) for k in kids.get(rid, ())]
            seqs[rid] = seq[: len(seq) - undone.get(rid, 0)]
        _lineage(b, by_id, order, seqs, accs)
    return accs


def _may_depreciate(b: Book, r: Any) -> bool:
    """Can a card of this batch be a depreciated fixed asset? (A life, and a value a
    piece within 1% of the threshold: the parts' values a piece differ by a fen or so.)"""
    if not r[QTY]:
        return True
    if not life_of(r[CATEGORY], r[LIFE]):
        return False
    cat = categories.BY_CODE.get(r[CATEGORY])
    limit = b.limits[1] if cat and cat.special else b.limits[0]
    return bool(r[VALUE] * 100 >= limit * r[QTY] * 99)


def _lineage(
    b: Book,
    by_id: dict[int, Any],
    order: list[int],
    seqs: dict[int, list[tuple[str, Any]]],
    accs: dict[int, list[int]],
) -> None:
    """One batch into `accs`: `order` has each card before the cards split off it,
    `seqs` each card's splits and edits up to the book's day."""
    # a card's (qty, value, category, life) when it was made: the day's figures with its
    # changes undone, latest first (the cards split off it are made before)
    made: dict[int, tuple[int, int, str, int | None]] = {}
    for rid in reversed(order):
        r = by_id[rid]
        qty, value, cat, own = r[QTY], r[VALUE], r[CATEGORY], r[LIFE]
        for kind, what in reversed(seqs[rid]):
            if kind == "split":
                kq, kv, _c, _l = made[what]
                qty, value = qty + kq, value + kv
            else:
                old = {k: v.get("old") for k, v in what[1].items()}
                value = old.get("total_value", value)
                cat, own = old.get("category", cat), old.get("life_years", own)
        made[rid] = (qty, value, cat, own)
    months = b.months
    at = {m: i for i, m in enumerate(months)}
    absent = b.absent
    for rid in order:
        if rid in absent:
            continue
        m0 = by_id[rid][AT]
        qty, value, cat, own = made[rid]
        w = accs.get(rid)
        if w is None:  # acquired: the straight line
            life = life_months(cat, own)
            w = [accumulated(value, life, m - m0) for m in months]
        for kind, what in seqs[rid]:
            if kind == "split":  # the accumulated divides like the value
                kq, kv, _c, _l = made[what]
                part = accs[what] = [(2 * x * kq + qty) // (2 * qty) for x in w]
                w = [x - y for x, y in zip(w, part, strict=True)]
                qty, value = qty - kq, value - kv
                continue
            new = {k: v.get("new") for k, v in what[1].items()}
            if not {"total_value", "category", "life_years"} & set(new):
                continue
            was_fixed = b.is_fixed(cat, value, qty)
            value = new.get("total_value", value)
            cat, own = new.get("category", cat), new.get("life_years", own)
            w = _revalued(w, months, at, value, life_months(cat, own), m0, what[0], was_fixed)
        accs[rid] = w


def _revalued(
    w: list[int],
    months: tuple[int, ...],
    at: dict[int, int],
    value: int,
    life: int,
    m0: int,
    changed: int,
    depreciated: bool,
) -> list[int]:
    """After a change of value or life in month `changed`: what was accumulated through
    the month before stays; the rest of the new value is spread over the months left."""
    start = max(changed - 1, m0)
    kept = w[at[start]] if depreciated else 0
    left = life - (start - m0)
    out = []
    for i, m in enumerate(months):
        if m <= start:
            out.append(w[i])
        elif not life:
            out.append(0)
        elif left <= 0 or value <= kept:
            out.append(value)  # nothing left to spread: fully depreciated
        else:
            out.append(kept + accumulated(value - kept, left, m - start))
    return out
