"""core/recurrence.py: the schedule language, evaluated over terms and school days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from houqin_cli.core import recurrence
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import set_language
from houqin_cli.core.recurrence import TermSpan, occurrences, parse

set_language("en")
SPRING = TermSpan("2026-spring", date(2026, 2, 23), date(2026, 7, 10))
AUTUMN = TermSpan("2026-autumn", date(2026, 9, 1), date(2027, 1, 22))
TERMS = (SPRING, AUTUMN)


def dues(spec: str, start: date, end: date, **kw: object) -> list[date]:
    return [o.due for o in occurrences(spec, start, end, **kw)]


def test_point_forms() -> None:
    assert dues("once:2026-12-20", date(2026, 12, 1), date(2026, 12, 31)) == [date(2026, 12, 20)]
    assert dues("once:2026-12-20", date(2027, 1, 1), date(2027, 1, 31)) == []
    assert len(dues("daily", date(2026, 2, 1), date(2026, 2, 28))) == 28
    assert dues("weekly:mon,thu", date(2026, 12, 1), date(2026, 12, 8)) == [
        date(2026, 12, 3),
        date(2026, 12, 7),
    ]
    assert dues("monthly:31", date(2026, 2, 1), date(2026, 4, 30)) == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert dues("monthly:last", date(2024, 2, 1), date(2024, 2, 29)) == [date(2024, 2, 29)]
    assert dues("yearly:02-29", date(2025, 1, 1), date(2025, 12, 31)) == [date(2025, 2, 28)]
    assert dues("4/year", date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]


def test_school_days_are_working_days_inside_a_term() -> None:
    days = dues("school-days", date(2026, 7, 6), date(2026, 7, 17), terms=TERMS)
    assert days == [date(2026, 7, d) for d in (6, 7, 8, 9, 10)]  # the term ends on the 10th
    holiday = {date(2026, 7, 8)}
    days = dues(
        "school-days",
        date(2026, 7, 6),
        date(2026, 7, 10),
        terms=TERMS,
        is_school_day=lambda d: d.weekday() < 5 and d not in holiday,
    )
    assert date(2026, 7, 8) not in days and len(days) == 4


def test_term_anchors_match_the_inspection_windows() -> None:
    """asset inspect's windows: mid by the middle + 14 days, end on the last day."""
    for term in TERMS:
        middle = term.start + (term.end - term.start) / 2
        got = occurrences("term:mid+14d", term.start, term.end + timedelta(days=60), terms=[term])
        assert [o.due for o in got] == [middle + timedelta(days=14)]
        assert dues("term:end", term.start, term.end, terms=[term]) == [term.end]
    assert dues("term:start-2w", date(2026, 8, 1), date(2026, 8, 31), terms=TERMS) == [
        date(2026, 8, 18)
    ]
    assert parse("term:mid").needs_terms and not parse("weekly:mon").needs_terms
    assert dues("2/term", date(2026, 1, 1), date(2026, 12, 31)) == []  # no terms given


def test_after_counts_from_the_last_completion() -> None:
    assert dues("after:90d", date(2026, 1, 1), date(2026, 12, 31), last_done=date(2026, 3, 1)) == [
        date(2026, 5, 30)
    ]
    schedule = parse("after:2w")
    assert schedule.due(date(2026, 3, 14), last_done=date(2026, 3, 1)) == []
    assert [o.due for o in schedule.due(date(2026, 3, 15), last_done=date(2026, 3, 1))] == [
        date(2026, 3, 15)
    ]


def test_due_leaves_out_what_a_completion_covers() -> None:
    schedule = parse("2/term")
    owed = schedule.due(date(2026, 7, 20), since=SPRING.start, terms=TERMS)
    assert [o.key for o in owed] == ["2026-spring#1", "2026-spring#2"]
    done_late = schedule.due(
        date(2026, 7, 20), since=SPRING.start, terms=TERMS, last_done=date(2026, 6, 1)
    )
    assert [o.key for o in done_late] == []  # the second half opened before June 1


def test_season_filter_and_shift_to_a_school_day() -> None:
    assert dues("monthly:1 season:winter", date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 12, 1),
    ]
    # Sunday 2026-03-01 moves to Monday the 2nd
    assert dues("monthly:1", date(2026, 3, 1), date(2026, 3, 31), shift=True) == [date(2026, 3, 2)]


@pytest.mark.parametrize(
    "spec",
    ["", "weekly:funday", "monthly:32", "13/year", "7/term", "term:soon", "after:0d",
     "yearly:13-01", "once:2026-02-30", "daily season:monsoon", "daily weekly:mon", "5/week"],
)  # fmt: skip
def test_a_bad_spec_is_exit_2_listing_the_forms(spec: str) -> None:
    with pytest.raises(InputError) as err:
        parse(spec)
    assert err.value.exit_code == 2
    assert "weekly:mon,thu" in err.value.message and "after:90d" in err.value.message


@given(st.sampled_from(["daily", "school-days", "weekly:mon,fri", "monthly:last", "yearly:02-29",
                        "4/year", "5/year", "2/term", "term:mid+14d", "after:21d",
                        "monthly:15 season:autumn"]))  # fmt: skip
def test_parse_round_trips(spec: str) -> None:
    assert parse(str(parse(spec))) == parse(spec)
    assert str(parse(spec)) == spec


def test_weeks_are_written_back_in_days() -> None:
    assert str(parse("After:3W")) == "after:21d"
    assert str(parse(" term:start-2w ")) == "term:start-14d"


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_n_per_year_gives_n_in_any_year(year: int, n: int) -> None:
    got = occurrences(f"{n}/year", date(year, 1, 1), date(year, 12, 31))
    assert len(got) == n
    assert got[-1].due == date(year, 12, 31)
    assert all(o.opens <= o.due for o in got)


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(30, 200), st.integers(1, 6))
def test_n_per_term_gives_n_in_every_term(start: date, length: int, n: int) -> None:
    term = TermSpan("t", start, start + timedelta(days=length - 1))
    got = occurrences(f"{n}/term", term.start, term.end, terms=[term])
    assert len(got) == n
    assert got[-1].due == term.end and got[0].opens == term.start
    assert all(a.due < b.opens for a, b in zip(got, got[1:], strict=False))


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(1, 400))
def test_after_is_never_within_n_days_of_a_completion(done: date, n: int) -> None:
    got = occurrences(f"after:{n}d", done, done + timedelta(days=2 * n), last_done=done)
    assert [o.due for o in got] == [done + timedelta(days=n)]


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.sampled_from(recurrence.WEEKDAYS))
def test_weekly_falls_on_its_weekday(start: date, day: str) -> None:
    got = occurrences(f"weekly:{day}", start, start + timedelta(days=27))
    assert len(got) == 4
    assert {o.due.weekday() for o in got} == {recurrence.WEEKDAYS.index(day)}
