"""Rotation (轮值): each occurrence of a recurring task goes to the next person,
least-recently-assigned first, skipping those who cannot take it (who have left).
Pure: a roster and days in, names out. Over any whole number of rounds of a fixed
roster, everyone gets the same number of turns; at any point the counts differ by
at most one."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TypeVar

P = TypeVar("P", bound=Hashable)


def assign(
    roster: Sequence[P],
    days: Sequence[date],
    can_take: Callable[[P, date], bool] | None = None,
) -> list[P | None]:
    """Who takes each of `days` (in order): of those in `roster` who `can_take` it, the
    one assigned longest ago, a never-assigned one first, ties in roster order. None
    when no one can take it. With no one to skip that is the roster in turn."""
    if can_take is None and roster and len(set(roster)) == len(roster):
        return [roster[i % len(roster)] for i in range(len(days))]
    last: dict[P, int] = {}
    out: list[P | None] = []
    for i, day in enumerate(days):
        able = [p for p in roster if can_take is None or can_take(p, day)]
        if not able:
            out.append(None)
            continue
        pick = min(able, key=lambda p: (last.get(p, -1), roster.index(p)))
        last[pick] = i
        out.append(pick)
    return out
