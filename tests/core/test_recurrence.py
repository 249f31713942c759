"""core/recurrence.py: the schedule language, evaluated over terms and school days."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from houqin_cli.core import recurrence
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import set_language
from houqin_cli.core.recurrence import Occurrence, Schedule, TermSpan, due, occurrences, parse

SPRING = TermSpan("2026-spring", date(2026, 2, 24), date(2026, 7, 10))
AUTUMN = TermSpan("2026-autumn", date(2026, 9, 1), date(2027, 1, 22))
TERMS = (SPRING, AUTUMN)
YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))
# every form the message of a bad spec must show
FORMS = ("once:2026-12-20", "daily", "school-days", "weekly:mon,thu", "monthly:1", "monthly:last",
         "yearly:03-12", "4/year", "2/term", "term:start+7d", "term:mid+14d", "term:end-14d",
         "after:90d", "after:2w", "season:spring|summer|autumn|winter")  # fmt: skip
SPECS = st.sampled_from(
    ["daily", "school-days", "weekly:mon", "weekly:tue,sat", "monthly:1", "monthly:31",
     "monthly:last", "yearly:02-29", "yearly:12-31", "1/year", "4/year", "5/year", "12/year",
     "1/term", "3/term", "term:start", "term:mid+14d", "term:end-14d", "once:2026-12-20",
     "weekly:fri season:autumn,winter", "4/year season:summer"]
)  # fmt: skip


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def dues(spec: str, start: date, end: date, **kw: object) -> list[date]:
    return [o.due for o in occurrences(spec, start, end, **kw)]  # type: ignore[arg-type]


# -- the forms ---------------------------------------------------------------------------


def test_once_and_daily() -> None:
    assert dues("once:2026-12-20", date(2026, 12, 1), date(2026, 12, 31)) == [date(2026, 12, 20)]
    assert dues("once:2026-12-20", date(2027, 1, 1), date(2027, 1, 31)) == []
    assert dues("once:2026-12-20", date(2026, 12, 20), date(2026, 12, 20)) == [date(2026, 12, 20)]
    got = occurrences("daily", date(2026, 2, 1), date(2026, 2, 28))
    assert [o.due for o in got] == [date(2026, 2, d) for d in range(1, 29)]
    assert got[0] == Occurrence(date(2026, 2, 1), date(2026, 2, 1), None, "2026-02-01")
    assert dues("daily", date(2026, 3, 2), date(2026, 3, 1)) == []  # an empty window


def test_school_days_are_working_days_inside_a_term() -> None:
    days = dues("school-days", date(2026, 7, 6), date(2026, 7, 17), terms=TERMS)
    assert days == [date(2026, 7, d) for d in (6, 7, 8, 9, 10)]  # the term ends on Friday 10th
    holiday = {date(2026, 7, 8)}
    got = occurrences(
        "school-days",
        date(2026, 7, 6),
        date(2026, 7, 10),
        terms=TERMS,
        is_school_day=recurrence.workdays(holiday),
    )
    assert [o.due.day for o in got] == [6, 7, 9, 10]
    assert {o.term for o in got} == {"2026-spring"}
    assert dues("school-days", date(2026, 7, 6), date(2026, 7, 10)) == []  # no terms: nothing


def test_workdays_holidays_and_makeup_days() -> None:
    national_day = {date(2026, 10, d) for d in range(1, 8)}
    makeup = {date(2026, 10, 10)}  # a Saturday worked for the holiday (调休)
    test = recurrence.workdays(national_day, makeup=makeup)
    assert not test(date(2026, 10, 5))  # a Monday in the holiday
    assert test(date(2026, 10, 10)) and not test(date(2026, 10, 11))
    assert test(date(2026, 10, 9))
    by_test = recurrence.workdays(lambda d: d.day == 13)
    assert not by_test(date(2026, 3, 13)) and by_test(date(2026, 3, 14))  # a Saturday, yet worked
    assert recurrence.weekends(date(2026, 3, 1)) and not recurrence.weekends(date(2026, 3, 2))


def test_weekly() -> None:
    assert dues("weekly:mon,thu", date(2026, 12, 1), date(2026, 12, 8)) == [
        date(2026, 12, 3),
        date(2026, 12, 7),
    ]
    assert dues("weekly:sun", date(2026, 3, 1), date(2026, 3, 31)) == [
        date(2026, 3, d) for d in (1, 8, 15, 22, 29)
    ]


def test_monthly() -> None:
    assert dues("monthly:31", date(2026, 1, 1), date(2026, 4, 30)) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert dues("monthly:1", date(2026, 11, 15), date(2027, 1, 15)) == [
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]
    assert dues("monthly:30", date(2024, 2, 1), date(2024, 3, 31)) == [
        date(2024, 2, 29),
        date(2024, 3, 30),
    ]
    assert dues("monthly:last", date(2024, 2, 1), date(2024, 2, 29)) == [date(2024, 2, 29)]


def test_yearly() -> None:
    assert dues("yearly:03-12", date(2025, 1, 1), date(2027, 12, 31)) == [
        date(2025, 3, 12),
        date(2026, 3, 12),
        date(2027, 3, 12),
    ]
    assert dues("yearly:02-29", date(2025, 1, 1), date(2025, 12, 31)) == [date(2025, 2, 28)]
    assert dues("yearly:02-29", date(2028, 1, 1), date(2028, 12, 31)) == [date(2028, 2, 29)]
    assert dues("yearly:12-31", *YEAR_2026) == [date(2026, 12, 31)]
    assert dues("yearly:03-31", *YEAR_2026) == [date(2026, 3, 31)]


def test_n_per_year_runs_of_whole_months() -> None:
    got = occurrences("4/year", *YEAR_2026)
    assert [(o.opens, o.due, o.key) for o in got] == [
        (date(2026, 1, 1), date(2026, 3, 31), "2026-Q1"),
        (date(2026, 4, 1), date(2026, 6, 30), "2026-Q2"),
        (date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"),
        (date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
    ]
    assert dues("5/year", *YEAR_2026) == [
        date(2026, 2, 28),
        date(2026, 5, 31),
        date(2026, 7, 31),
        date(2026, 10, 31),
        date(2026, 12, 31),
    ]
    assert [o.key for o in occurrences("2/year", *YEAR_2026)] == ["2026#1", "2026#2"]
    assert [o.key for o in occurrences("1/year", *YEAR_2026)] == ["2026"]
    assert occurrences("12/year", date(2026, 2, 1), date(2026, 2, 28))[0].key == "2026-02"
    # only the occurrences due in the window count, whatever their opening
    assert dues("4/year", date(2026, 4, 1), date(2026, 6, 29)) == []


def test_n_per_term_equal_parts() -> None:
    term = TermSpan("t", date(2026, 3, 1), date(2026, 3, 10))  # ten days
    got = occurrences("2/term", term.start, term.end, terms=[term])
    assert [(o.opens, o.due, o.key, o.term) for o in got] == [
        (date(2026, 3, 1), date(2026, 3, 5), "t#1", "t"),
        (date(2026, 3, 6), date(2026, 3, 10), "t#2", "t"),
    ]
    assert dues("2/term", SPRING.start, AUTUMN.end, terms=[AUTUMN, SPRING]) == [
        date(2026, 5, 2),  # 137 days: the first 68, the last 69
        SPRING.end,
        date(2026, 11, 11),
        AUTUMN.end,
    ]
    assert dues("2/term", *YEAR_2026) == []  # no terms given: nothing
    short = TermSpan("s", date(2026, 3, 1), date(2026, 3, 2))  # fewer days than parts
    got = occurrences("3/term", short.start, short.end, terms=[short])
    assert [(o.opens, o.due, o.key) for o in got] == [
        (date(2026, 3, 1), date(2026, 3, 1), "s#2"),
        (date(2026, 3, 2), date(2026, 3, 2), "s#3"),
    ]  # the empty part is left out


def test_term_anchors_match_the_inspection_windows() -> None:
    """asset inspect's windows: mid by the middle + 14 days, end on the last day."""
    for term, expected in ((SPRING, date(2026, 5, 17)), (AUTUMN, date(2026, 11, 25))):
        middle = term.start + (term.end - term.start) / 2
        assert middle + timedelta(days=14) == expected
        got = occurrences("term:mid+14d", term.start, date.max, terms=[term])
        assert [o.due for o in got] == [expected]
        assert got[0].opens == term.start and got[0].term == term.name
        assert got[0].key == f"{term.name}@mid"
        assert dues("term:end", term.start, date.max, terms=[term]) == [term.end]
    # the way asset/inspections.py asks for them
    span = TermSpan(AUTUMN.name, AUTUMN.start, AUTUMN.end)
    assert parse("term:mid+14d").occurrences(span.start, date.max, terms=[span])[0].due == (
        date(2026, 11, 25)
    )


def test_term_anchors_with_offsets() -> None:
    assert dues("term:start", *YEAR_2026, terms=TERMS) == [SPRING.start, AUTUMN.start]
    assert dues("term:start+7d", *YEAR_2026, terms=TERMS) == [date(2026, 3, 3), date(2026, 9, 8)]
    before = occurrences("term:start-2w", date(2026, 8, 1), date(2026, 8, 31), terms=TERMS)
    assert [(o.due, o.opens) for o in before] == [(date(2026, 8, 18), date(2026, 8, 18))]
    assert dues("term:end-14d", *YEAR_2026, terms=TERMS) == [date(2026, 6, 26)]  # autumn: 2027
    assert dues("term:mid", *YEAR_2026, terms=TERMS) == [date(2026, 5, 3), date(2026, 11, 11)]
    assert parse("term:mid").needs_terms and parse("school-days").needs_terms
    assert parse("3/term").needs_terms and not parse("weekly:mon").needs_terms
    assert not parse("4/year").needs_terms and not parse("after:9d").needs_terms


def test_after_counts_from_the_last_completion() -> None:
    done = date(2026, 3, 1)
    assert dues("after:90d", *YEAR_2026, last_done=done) == [date(2026, 5, 30)]
    assert dues("after:90d", *YEAR_2026) == [date(2026, 1, 1)]  # never done: the window's start
    assert due("after:2w", date(2026, 3, 14), last_done=done) == []
    assert [o.due for o in due("after:2w", date(2026, 3, 15), last_done=done)] == [
        date(2026, 3, 15)
    ]
    assert [o.due for o in due("after:2w", date(2026, 5, 1), last_done=done)] == [
        date(2026, 3, 15)  # overdue: still the one day it fell due
    ]
    assert [o.due for o in due("after:2w", date(2026, 3, 9))] == [date(2026, 3, 9)]
    assert [o.due for o in due("after:2w", date(2026, 3, 9), since=date(2026, 3, 2))] == [
        date(2026, 3, 2)
    ]
    assert due("after:2w", date(2026, 3, 9), since=date(2026, 3, 10)) == []


# -- due: what a completion covers --------------------------------------------------------


def test_due_leaves_out_what_a_completion_covers() -> None:
    day = date(2026, 7, 20)
    owed = due("2/term", day, since=SPRING.start, terms=TERMS)
    assert [o.key for o in owed] == ["2026-spring#1", "2026-spring#2"]
    assert due("2/term", day, since=SPRING.start, terms=TERMS, last_done=date(2026, 6, 1)) == []
    half = due("2/term", day, since=SPRING.start, terms=TERMS, last_done=date(2026, 4, 1))
    assert [o.key for o in half] == ["2026-spring#2"]
    assert parse("2/term").due(day, since=SPRING.start, terms=TERMS) == owed


def test_a_term_anchor_is_covered_by_a_completion_before_its_due_day() -> None:
    day = date(2026, 12, 1)
    assert [o.key for o in due("term:mid+14d", day, terms=TERMS)] == [
        "2026-spring@mid",
        "2026-autumn@mid",
    ]
    early = due("term:mid+14d", day, terms=TERMS, last_done=date(2026, 11, 20))
    assert early == []  # done five days before it was due
    last_term = due("term:mid+14d", day, terms=TERMS, last_done=date(2026, 5, 20))
    assert [o.key for o in last_term] == ["2026-autumn@mid"]


def test_due_for_day_forms() -> None:
    day = date(2026, 3, 12)  # a Thursday
    owed = due("weekly:mon", day, last_done=date(2026, 3, 2))
    assert [o.due for o in owed] == [date(2026, 3, 9)]
    assert due("weekly:mon", day, last_done=date(2026, 3, 10)) == []
    assert [o.due for o in due("weekly:mon", day, since=date(2026, 3, 1))] == [
        date(2026, 3, 2),
        date(2026, 3, 9),
    ]
    assert len(due("weekly:mon", day)) == 52  # never done: a year back (from 2025-03-11)
    assert due("once:2026-12-20", date(2026, 12, 19)) == []
    assert len(due("once:2026-12-20", date(2026, 12, 25))) == 1
    assert [o.key for o in due("4/year", date(2026, 7, 1), last_done=date(2026, 3, 30))] == [
        "2026-Q2"
    ]


# -- filters and shifts --------------------------------------------------------------------


def test_season_filter() -> None:
    assert dues("monthly:1 season:winter", *YEAR_2026) == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 12, 1),
    ]
    assert dues("monthly:1; season:spring", *YEAR_2026) == [date(2026, m, 1) for m in (3, 4, 5)]
    assert dues("monthly:15 season:autumn,summer", *YEAR_2026) == [
        date(2026, m, 15) for m in range(6, 12)
    ]
    assert dues("4/year season:summer", *YEAR_2026) == [date(2026, 6, 30)]
    assert str(parse("daily season:winter,spring")) == "daily season:spring,winter"


def test_shift_to_the_next_school_day() -> None:
    # Sunday 2026-03-01 moves to Monday the 2nd
    assert dues("monthly:1", date(2026, 3, 1), date(2026, 3, 31), shift=True) == [date(2026, 3, 2)]
    # a Monday check on a holiday is due on Tuesday
    holiday = recurrence.workdays({date(2026, 4, 6)})
    got = occurrences(
        "weekly:mon", date(2026, 4, 1), date(2026, 4, 14), is_school_day=holiday, shift=True
    )
    assert [(o.due, o.opens, o.key) for o in got] == [
        (date(2026, 4, 7), date(2026, 4, 6), "2026-04-06"),
        (date(2026, 4, 13), date(2026, 4, 13), "2026-04-13"),
    ]
    # a Sunday just before the window shifts into it; a weekend folds into one Monday
    assert dues("weekly:sun", date(2026, 3, 2), date(2026, 3, 6), shift=True) == [date(2026, 3, 2)]
    week = occurrences("daily", date(2026, 3, 2), date(2026, 3, 15), shift=True)
    assert [o.due.day for o in week] == [2, 3, 4, 5, 6, 9, 10, 11, 12, 13]
    assert week[5].key == "2026-03-09"


def test_next_school_day() -> None:
    assert recurrence.next_school_day(date(2026, 3, 2)) == date(2026, 3, 2)
    assert recurrence.next_school_day(date(2026, 2, 28)) == date(2026, 3, 2)
    never = recurrence.next_school_day(date(2026, 3, 1), lambda d: False)
    assert never == date(2026, 3, 1)  # nothing within 60 days: the day itself
    late = recurrence.next_school_day(date(2026, 7, 11), lambda d: d >= date(2026, 9, 1))
    assert late == date(2026, 9, 1)  # 52 days on: still within the 60


# -- parsing -------------------------------------------------------------------------------


def test_parse_is_case_blind_and_canonical() -> None:
    assert parse("  Weekly:THU,Mon ") == parse("weekly:mon,thu")
    assert str(parse("weekly: thu , mon")) == "weekly:mon,thu"
    assert str(parse("After:3W")) == "after:21d"
    assert str(parse(" term:start-2w ")) == "term:start-14d"
    assert str(parse("term:mid+0d")) == "term:mid"
    assert str(parse("monthly:01")) == "monthly:1"
    assert str(parse("yearly:3-5")) == "yearly:03-05"
    assert parse("DAILY  Season:Spring").spec == "daily season:spring"
    assert isinstance(parse("daily"), Schedule)


@pytest.mark.parametrize(
    "spec",
    ["", "   ", "weekly:funday", "weekly:", "weekly:mon,,thu", "monthly:32", "monthly:0",
     "13/year", "0/year", "13/term", "0/term", "term:soon", "term:mid+14", "term:mid+2m",
     "after:0d", "after:0w", "after:3m", "after:90", "yearly:13-01", "yearly:02-30",
     "yearly:04-31", "once:2026-02-30", "once:2026-13-01", "once:tomorrow", "daily season:monsoon",
     "daily season:", "daily weekly:mon", "daily season:spring season:autumn", "5/week",
     "after:90d season:spring", "hourly", "学期中"],
)  # fmt: skip
def test_a_bad_spec_is_exit_2_listing_the_forms(spec: str) -> None:
    with pytest.raises(InputError) as err:
        parse(spec)
    message = err.value.message
    assert err.value.exit_code == 2
    assert repr(spec) in message  # it names what was typed
    assert "\n" not in message
    for form in FORMS:
        assert form in message, (form, message)


def test_the_message_is_translated() -> None:
    set_language("zh")
    with pytest.raises(InputError) as err:
        parse("weekly:funday")
    assert "weekly:funday" in err.value.message and "weekly:mon,thu" in err.value.message
    assert "Unknown schedule" not in err.value.message


# -- properties ----------------------------------------------------------------------------


@given(SPECS)
def test_parse_round_trips(spec: str) -> None:
    assert str(parse(spec)) == spec
    assert parse(str(parse(spec))) == parse(spec)
    assert parse(spec.upper()) == parse(spec)


@given(
    st.sampled_from(["once:2031-05-06", "daily", "school-days", "weekly:wed", "monthly:7",
                     "yearly:09-10", "3/year", "2/term", "term:end-3w", "after:40d"]),
    st.lists(st.sampled_from(sorted(recurrence.SEASONS)), max_size=3, unique=True),
)  # fmt: skip
def test_round_trip_with_seasons(head: str, seasons: list[str]) -> None:
    text = head + (" season:" + ",".join(seasons) if seasons else "")
    if seasons and head.startswith("after:"):
        with pytest.raises(InputError):
            parse(text)
        return
    schedule = parse(text)
    assert parse(schedule.spec) == schedule
    assert set(schedule.seasons) == set(seasons)


@given(st.integers(2000, 2100))
def test_four_a_year_in_any_year(year: int) -> None:
    got = occurrences("4/year", date(year, 1, 1), date(year, 12, 31))
    assert [o.due for o in got] == [
        date(year, 3, 31),
        date(year, 6, 30),
        date(year, 9, 30),
        date(year, 12, 31),
    ]
    assert [o.opens for o in got] == [date(year, m, 1) for m in (1, 4, 7, 10)]


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_n_a_year_in_any_year(year: int, n: int) -> None:
    got = occurrences(f"{n}/year", date(year, 1, 1), date(year, 12, 31))
    assert len(got) == n and len({o.key for o in got}) == n
    assert got[0].opens == date(year, 1, 1) and got[-1].due == date(year, 12, 31)
    for a, b in zip(got, got[1:], strict=False):
        assert b.opens == a.due + timedelta(days=1)  # the runs tile the year
    for o in got:
        assert o.opens.day == 1 and (o.due + timedelta(days=1)).day == 1
        months = o.due.month - o.opens.month + 1
        assert 12 // n <= months <= -(-12 // n)  # as equal as whole months allow


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(30, 200), st.integers(1, 6))
def test_n_a_term_in_every_term(start: date, length: int, n: int) -> None:
    term = TermSpan("t", start, start + timedelta(days=length - 1))
    got = occurrences(f"{n}/term", term.start, term.end, terms=[term])
    assert len(got) == n
    assert got[-1].due == term.end and got[0].opens == term.start
    for a, b in zip(got, got[1:], strict=False):
        assert b.opens == a.due + timedelta(days=1)
    sizes = [(o.due - o.opens).days + 1 for o in got]
    assert max(sizes) - min(sizes) <= 1  # equal parts, to the day
    assert [o.key for o in got] == [f"t#{i}" for i in range(1, n + 1)]


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(1, 400), st.integers(0, 900))
def test_after_is_never_within_n_days_of_a_completion(done: date, n: int, span: int) -> None:
    got = occurrences(f"after:{n}d", done, done + timedelta(days=span), last_done=done)
    assert all((o.due - done).days >= n for o in got)
    assert all((b.due - a.due).days >= n for a, b in zip(got, got[1:], strict=False))
    assert [o.due for o in got] == ([done + timedelta(days=n)] if span >= n else [])
    owed = due(f"after:{n}d", done + timedelta(days=span), last_done=done)
    assert [o.due for o in owed] == ([done + timedelta(days=n)] if span >= n else [])


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.sampled_from(recurrence.WEEKDAYS))
def test_weekly_falls_on_its_weekday(start: date, day: str) -> None:
    got = occurrences(f"weekly:{day}", start, start + timedelta(days=27))
    assert len(got) == 4
    assert {o.due.weekday() for o in got} == {recurrence.WEEKDAYS.index(day)}


@given(st.integers(1900, 2200))
def test_monthly_31_in_february_is_its_last_day(year: int) -> None:
    last = 29 if calendar.isleap(year) else 28
    assert dues("monthly:31", date(year, 2, 1), date(year, 2, 28 + (last == 29))) == [
        date(year, 2, last)
    ]


@given(SPECS, st.dates(date(2025, 1, 1), date(2027, 12, 31)), st.integers(0, 400), st.booleans())
def test_results_are_sorted_unique_and_in_the_window(
    spec: str, start: date, days: int, shift: bool
) -> None:
    end = start + timedelta(days=days)
    got = occurrences(spec, start, end, terms=TERMS, shift=shift)
    assert all(start <= o.due <= end for o in got)
    assert all(o.opens <= o.due for o in got)
    assert [o.due for o in got] == sorted(o.due for o in got)
    assert len({o.key for o in got}) == len(got)
    if shift:
        assert len({o.due for o in got}) == len(got)
        assert all(o.due.weekday() < 5 for o in got)
