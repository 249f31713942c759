"""Dates and time: the accepted forms, periods (month, quarter, year, ISO week),
HOUQIN_NOW pinning, the school's zone and leap days."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from houqin_cli.core import clock
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import set_language

SH = ZoneInfo("Asia/Shanghai")
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
# the accepted forms, as the error message must list them
FORMS = ("2026-02-25", "2026-02-25 11:30", "today", "yesterday", "2026-05", "2026-Q1", "2026-W49")


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    monkeypatch.setenv("HOUQIN_NOW", "2026-03-02T09:00")


def refused(fn: object, text: str) -> InputError:
    with pytest.raises(InputError) as info:
        fn(text, SH)  # type: ignore[operator]
    err = info.value
    assert err.exit_code == 2
    assert text.lower() in err.message.lower()  # it names what was typed
    for form in FORMS:
        assert form in err.message, (form, err.message)
    assert "\n" not in err.message
    return err


# -- days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-02-25", date(2026, 2, 25)),
        ("2026-2-5", date(2026, 2, 5)),
        ("2026-02-25 11:30", date(2026, 2, 25)),
        ("2026-02-25 23:59", date(2026, 2, 25)),  # a local time keeps its local day
        ("today", date(2026, 3, 2)),
        ("TODAY", date(2026, 3, 2)),
        ("yesterday", date(2026, 3, 1)),
        (" 2026-02-25 ", date(2026, 2, 25)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
    ],
)
def test_parse_date_accepts(text: str, day: date) -> None:
    assert clock.parse_date(text, SH) == day


@given(DATES)
def test_date_round_trip(day: date) -> None:
    assert clock.parse_date(day.isoformat(), SH) == day
    assert clock.parse_date(f"{day.isoformat()} 12:00", SH) == day
    assert clock.parse_period(day.isoformat(), SH) == clock.Period(day, day, day.isoformat())


@given(st.integers(min_value=1900, max_value=2200))
def test_leap_days(year: int) -> None:
    text = f"{year}-02-29"
    if calendar.isleap(year):
        assert clock.parse_date(text, SH) == date(year, 2, 29)
        assert clock.parse_month(f"{year}-02").end == date(year, 2, 29)
    else:
        refused(clock.parse_date, text)
        assert clock.parse_month(f"{year}-02").end == date(year, 2, 28)


# -- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-05", date(2026, 5, 1), date(2026, 5, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-W49", date(2026, 11, 30), date(2026, 12, 6)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),  # 2026 has 53 ISO weeks
        ("2027-W01", date(2027, 1, 4), date(2027, 1, 10)),
        ("2026-02-25", date(2026, 2, 25), date(2026, 2, 25)),
        ("today", date(2026, 3, 2), date(2026, 3, 2)),
    ],
)
def test_parse_period(text: str, start: date, end: date) -> None:
    p = clock.parse_period(text, SH)
    assert (p.start, p.end) == (start, end)


def test_week_49_of_2026_starts_on_a_monday() -> None:
    p = clock.parse_period("2026-W49", SH)
    assert p.start == date(2026, 11, 30) and p.start.weekday() == 0
    assert p.label == "2026-W49"


# what parse_date and parse_period refuse, each naming the text and the accepted forms
NOT_DATES = [
    "2026-02-30",
    "2026-02-29",
    "1900-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-13",
    "2026-02-25 24:00",
    "2026-02-25 11:61",
    "25/02/2026",
    "2026/02/25",
    "20260225",
    "tomorrow",
    "last week",
    "",
    "2026-02-25x",
]
NOT_PERIODS = [
    "2026-13",
    "2026-00",
    "2026-Q5",
    "2026-Q0",
    "2025-W53",
    "2026-W54",
    "2026-W00",
    "26",
    "2026-H1",
]


@pytest.mark.parametrize(
    ("parse", "text"),
    [(clock.parse_date, t) for t in NOT_DATES] + [(clock.parse_period, t) for t in NOT_PERIODS],
    ids=[f"date:{t}" for t in NOT_DATES] + [f"period:{t}" for t in NOT_PERIODS],
)
def test_parse_date_and_period_reject_with_the_accepted_forms(parse: object, text: str) -> None:
    refused(parse, text)


def test_parse_month_rejects_with_the_accepted_forms() -> None:
    refused(lambda text, _tz: clock.parse_month(text), "2026-13")


@given(DATES)
def test_month_quarter_year_and_week_cover_the_day(day: date) -> None:
    y, m = day.year, day.month
    month = clock.parse_period(f"{y}-{m:02d}", SH)
    assert month.start == date(y, m, 1)
    assert month.end == date(y, m, calendar.monthrange(y, m)[1])
    assert month.label == f"{y}-{m:02d}"

    q = (m - 1) // 3 + 1
    quarter = clock.parse_period(f"{y}-Q{q}", SH)
    assert quarter.start <= day <= quarter.end
    assert quarter.start == date(y, 3 * q - 2, 1)
    assert (quarter.end + timedelta(days=1)).day == 1

    year = clock.parse_period(str(y), SH)
    assert (year.start, year.end) == (date(y, 1, 1), date(y, 12, 31))

    iy, iw, _ = day.isocalendar()
    week = clock.parse_period(f"{iy}-W{iw:02d}", SH)
    assert week.start <= day <= week.end
    assert week.start.weekday() == 0
    assert week.end - week.start == timedelta(days=6)


def test_period_bounds_are_local_midnights() -> None:
    p = clock.parse_period("2026-03", SH)
    assert p.start_utc(SH) == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert p.end_utc(SH) == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)
    assert clock.iso_utc(p.start_utc(SH)) == "2026-02-28T16:00:00Z"


# -- now, HOUQIN_NOW and the school's zone ------------------------------------------------


def test_houqin_now_pins_now_in_the_school_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOUQIN_NOW", "2026-02-25T11:30")
    assert clock.now(SH) == datetime(2026, 2, 25, 3, 30, tzinfo=UTC)
    assert clock.today(SH) == date(2026, 2, 25)
    assert clock.parse_datetime("today", SH) == datetime(2026, 2, 25, 3, 30, tzinfo=UTC)


def test_houqin_now_with_an_offset_or_z(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOUQIN_NOW", "2026-02-28T17:00:00Z")  # 01:00 on 1 March in Shanghai
    assert clock.now(SH) == datetime(2026, 2, 28, 17, 0, tzinfo=UTC)
    assert clock.today(SH) == date(2026, 3, 1)
    assert clock.parse_date("today", SH) == date(2026, 3, 1)
    assert clock.parse_date("yesterday", SH) == date(2026, 2, 28)
    assert clock.today(ZoneInfo("UTC")) == date(2026, 2, 28)
    monkeypatch.setenv("HOUQIN_NOW", "2026-02-25T11:30+08:00")
    assert clock.now(SH) == datetime(2026, 2, 25, 3, 30, tzinfo=UTC)


def test_houqin_now_date_only_is_local_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOUQIN_NOW", "2024-02-29")
    assert clock.now(SH) == datetime(2024, 2, 28, 16, 0, tzinfo=UTC)
    assert clock.today(SH) == date(2024, 2, 29)
    assert clock.parse_date("yesterday", SH) == date(2024, 2, 28)


def test_yesterday_across_a_year_and_a_leap_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOUQIN_NOW", "2026-01-01T08:00")
    assert clock.parse_date("yesterday", SH) == date(2025, 12, 31)
    monkeypatch.setenv("HOUQIN_NOW", "2024-03-01T08:00")
    assert clock.parse_date("yesterday", SH) == date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["soon", "2026-02-30T10:00", "2026-13-01"])
def test_bad_houqin_now_is_exit_2(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("HOUQIN_NOW", bad)
    with pytest.raises(InputError) as info:
        clock.now(SH)
    assert info.value.exit_code == 2
    assert "HOUQIN_NOW" in info.value.message


def test_without_houqin_now_it_is_the_real_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOUQIN_NOW")
    moment = clock.now(SH)
    assert moment.utcoffset() == timedelta(0)
    assert abs(moment - datetime.now(UTC)) < timedelta(seconds=5)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-02-25 11:30", datetime(2026, 2, 25, 3, 30, tzinfo=UTC)),
        ("2026-02-25 00:15", datetime(2026, 2, 24, 16, 15, tzinfo=UTC)),
        ("2026-02-25", datetime(2026, 2, 24, 16, 0, tzinfo=UTC)),
    ],
)
def test_parse_datetime_is_read_in_the_school_zone(text: str, utc: datetime) -> None:
    assert clock.parse_datetime(text, SH) == utc


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)))
def test_stored_utc_round_trip(moment: datetime) -> None:
    aware = moment.replace(microsecond=0, tzinfo=SH)
    text = clock.iso_utc(aware)
    assert text.endswith("Z") and "+" not in text
    assert clock.from_iso_utc(text) == aware
    assert clock.from_iso_utc(clock.local_iso(text, SH)) == aware


def test_local_forms() -> None:
    stored = "2026-02-25T03:30:00Z"
    assert clock.local_text(stored, SH) == "2026-02-25 11:30"
    assert clock.local_iso(stored, SH) == "2026-02-25T11:30:00+08:00"
    assert clock.local_text(stored, timezone(timedelta(hours=-5))) == "2026-02-24 22:30"


@pytest.mark.parametrize("name", ["Asia/Shanghai", "UTC", "Asia/Urumqi"])
def test_zone_accepts_iana_names(name: str) -> None:
    assert clock.zone(name) == ZoneInfo(name)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "/etc/localtime", "Beijing"])
def test_zone_rejects_unknown_names(name: str) -> None:
    with pytest.raises(InputError) as info:
        clock.zone(name)
    assert info.value.exit_code == 2
    assert "Asia/Shanghai" in info.value.message
