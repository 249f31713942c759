"""The fairness rule, pure: each slot to whoever of its pool can take it with the
fewest shifts so far, then the one assigned least recently, then pool order. Nobody
on two overlapping shifts, no day shift within 12 hours after a night shift, no one on
leave, at most `max_nights` nights a month. Over whole rounds of a fixed pool every
count is equal; at any point they differ by at most one (the rotation of
core/rotation.py, by count first)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

REST = timedelta(hours=12)


@dataclass(frozen=True)
class Slot:
    post: int
    day: date
    start: datetime
    end: datetime
    night: bool
    pool: tuple[int, ...]
    week: tuple[int, int] | None = None  # (iso year, week) of a week post


@dataclass
class State:
    """What is already rostered: per person their count, last day, busy windows and
    nights per month; and who holds each week post's week."""

    count: dict[int, int] = field(default_factory=dict)
    last: dict[int, date] = field(default_factory=dict)
    busy: dict[int, list[tuple[datetime, datetime, bool]]] = field(default_factory=dict)
    nights: dict[tuple[int, int, int], int] = field(default_factory=dict)
    weeks: dict[tuple[int, tuple[int, int]], int] = field(default_factory=dict)

    def take(self, person: int, slot: Slot) -> None:
        self.count[person] = self.count.get(person, 0) + 1
        self.last[person] = max(self.last.get(person, slot.day), slot.day)
        self.busy.setdefault(person, []).append((slot.start, slot.end, slot.night))
        if slot.night:
            k = (person, slot.day.year, slot.day.month)
            self.nights[k] = self.nights.get(k, 0) + 1
        if slot.week is not None:
            self.weeks[(slot.post, slot.week)] = person


def free(state: State, person: int, slot: Slot, max_nights: int) -> bool:
    for b_start, b_end, b_night in state.busy.get(person, ()):
        if b_start < slot.end and slot.start < b_end:
            return False
        if b_night and not slot.night and b_end <= slot.start < b_end + REST:
            return False
        if slot.night and not b_night and slot.end <= b_start < slot.end + REST:
            return False
    nights = state.nights.get((person, slot.day.year, slot.day.month), 0)
    return not (slot.night and nights >= max_nights)


def pick(
    state: State,
    slot: Slot,
    max_nights: int,
    away: Callable[[int, date], bool],
    exclude: Sequence[int] = (),
) -> int | None:
    """Who takes `slot` (not yet taken); None when no one can."""
    able = [
        p
        for p in slot.pool
        if p not in exclude and not away(p, slot.day) and free(state, p, slot, max_nights)
    ]
    if slot.week is not None:
        holder = state.weeks.get((slot.post, slot.week))
        if holder is not None and holder in able:
            return holder
    if not able:
        return None
    order = {p: i for i, p in enumerate(slot.pool)}
    return min(able, key=lambda p: (state.count.get(p, 0), state.last.get(p, date.min), order[p]))
