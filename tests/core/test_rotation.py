"""core/rotation.py and the recurrence properties the calendar relies on."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from houqin_cli.core.recurrence import TermSpan, occurrences
from houqin_cli.core.rotation import assign

NAMES = st.lists(st.text("abcdefgh", min_size=1, max_size=3), min_size=1, max_size=8, unique=True)


@given(NAMES, st.integers(0, 12))
def test_rotation_is_fair_over_whole_rounds(roster: list[str], rounds: int) -> None:
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(rounds * len(roster))]
    counts = Counter(assign(roster, days))
    assert all(counts[p] == rounds for p in roster)


@given(NAMES, st.integers(0, 60))
def test_rotation_counts_differ_by_at_most_one(roster: list[str], n: int) -> None:
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(n)]
    counts = Counter(assign(roster, days))
    got = [counts[p] for p in roster]
    assert max(got) - min(got) <= 1


@given(st.lists(st.sampled_from("abcd"), min_size=1, max_size=6), st.integers(0, 40))
def test_with_no_one_to_skip_the_turns_are_the_general_rule(roster: list[str], n: int) -> None:
    """The shortcut (no can_take: the roster in turn) gives what least-recently-assigned
    gives when everyone can take every day, a name twice in the roster included."""
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(n)]
    assert assign(roster, days) == assign(roster, days, lambda _p, _d: True)


def test_rotation_skips_who_has_left_and_starts_with_the_longest_waiting() -> None:
    days = [date(2026, 3, d) for d in range(1, 8)]
    left = date(2026, 3, 3)
    who = assign(["wang", "li", "zhao"], days, lambda p, d: p != "li" or d < left)
    assert who == ["wang", "li", "zhao", "wang", "zhao", "wang", "zhao"]
    assert assign(["a"], days[:2], lambda p, d: False) == [None, None]


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(60, 200))
def test_two_per_term_in_every_term(start: date, length: int) -> None:
    terms = [TermSpan("t1", start, start + timedelta(days=length))]
    second = start + timedelta(days=length + 30)
    terms.append(TermSpan("t2", second, second + timedelta(days=length)))
    found = occurrences("2/term", start, second + timedelta(days=length), terms=terms)
    assert Counter(o.term for o in found) == {"t1": 2, "t2": 2}


@given(st.integers(2000, 2100), st.sampled_from(["spring", "summer", "autumn", "winter"]))
def test_a_season_keeps_only_its_months(year: int, season: str) -> None:
    found = occurrences(f"monthly:last season:{season}", date(year, 1, 1), date(year, 12, 31))
    assert len(found) == 3
