"""The fairness rule (duty/fair.py), as a property: over any whole number of rotation
rounds each person's shift count differs by at most one; the same input gives the same
roster."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from houqin_cli.duty import fair


def _run(pool: tuple[int, ...], n: int, history: dict[int, int], night: bool) -> list[int]:
    state = fair.State(count=dict(history))
    out = []
    for i in range(n):
        day = date(2026, 3, 1) + timedelta(days=i)
        start = datetime(day.year, day.month, day.day, 20 if night else 8)
        slot = fair.Slot(1, day, start, start + timedelta(hours=12), night, pool)
        who = fair.pick(state, slot, 10_000, lambda p, d: False)
        assert who is not None
        state.take(who, slot)
        out.append(who)
    return out


@settings(max_examples=60, deadline=None)
@given(size=st.integers(2, 9), rounds=st.integers(1, 6), night=st.booleans())
def test_whole_rounds_give_counts_within_one(size, rounds, night):
    pool = tuple(range(1, size + 1))
    got = _run(pool, size * rounds, {}, night)
    counts = [got.count(p) for p in pool]
    assert max(counts) - min(counts) <= 1
    assert _run(pool, size * rounds, {}, night) == got  # reproducible


@settings(max_examples=60, deadline=None)
@given(size=st.integers(2, 8), n=st.integers(1, 60), behind=st.integers(0, 3))
def test_fewest_so_far_first_then_counts_stay_within_one(size, n, behind):
    pool = tuple(range(1, size + 1))
    history = {p: 5 for p in pool}
    history[pool[-1]] = 5 - behind  # one person owed shifts from earlier months
    got = _run(pool, n, history, False)
    final = {p: history[p] + got.count(p) for p in pool}
    if n >= behind:
        assert max(final.values()) - min(final.values()) <= 1
    assert got[: min(behind, n)] == [pool[-1]] * min(behind, n) or behind == 0 or size == 1


def test_no_day_shift_within_twelve_hours_after_a_night():
    state = fair.State()
    night = fair.Slot(1, date(2026, 3, 1), datetime(2026, 3, 1, 20), datetime(2026, 3, 2, 8),
                      True, (1, 2))  # fmt: skip
    state.take(1, night)
    day = fair.Slot(2, date(2026, 3, 2), datetime(2026, 3, 2, 8), datetime(2026, 3, 2, 20),
                    False, (1, 2))  # fmt: skip
    assert fair.pick(state, day, 8, lambda p, d: False) == 2
    assert fair.pick(state, day, 8, lambda p, d: p == 2) is None
