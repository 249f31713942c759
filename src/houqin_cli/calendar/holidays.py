"""Holidays and make-up workdays (调休): the State Council's days from the
chinese-calendar package for the years it covers, the days entered by hand over them
(an entry overrides the package's day, and fills in a year it lacks). A question
about a year with neither is exit 3 naming the year and the command that fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from houqin_cli.calendar import reads
from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.report import Finding, Report

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlalchemy.orm import Session

    from houqin_cli.calendar.models import Holiday
    from houqin_cli.core.db import Reader
    from houqin_cli.core.imports import Imported, Once, Row
    from houqin_cli.core.journal import Actor

KINDS = ("off", "workday")
MOST_DAYS = 31  # one entry: at most a month of days
# the package's English names, as msgids (translated when shown)
NAMES = {
    "New Year's Day": N_("New Year's Day"),
    "Spring Festival": N_("Spring Festival"),
    "Tomb-sweeping Day": N_("Tomb-sweeping Day"),
    "Labour Day": N_("Labour Day"),
    "Dragon Boat Festival": N_("Dragon Boat Festival"),
    "National Day": N_("National Day"),
    "Mid-autumn Festival": N_("Mid-autumn Festival"),
}


@dataclass(frozen=True)
class Day:
    day: date
    name: str
    kind: str  # off | workday
    source: str  # package | entered


@cache
def _package(year: int) -> dict[date, tuple[str, str]] | None:
    """The package's days of `year` (day -> (kind, name)); None for a year it lacks."""
    import chinese_calendar
    from chinese_calendar import constants

    try:
        chinese_calendar.is_holiday(date(year, 6, 1))
    except NotImplementedError:
        return None
    found = {d: ("off", n) for d, n in constants.holidays.items() if d.year == year}
    found.update({d: ("workday", n) for d, n in constants.workdays.items() if d.year == year})
    return found


def missing(year: int) -> RuleError:
    return RuleError(
        _(
            "No holidays known for {year}: the chinese-calendar package does not cover it "
            "and none are entered; enter them with `houqin calendar holiday add` or "
            "`houqin calendar holiday import`."
        ).format(year=year)
    )


def year_days(reader: Reader, year: int) -> list[Day]:
    """The holidays and 调休 workdays of `year`, by day; exit 3 for a year with neither."""
    entered = reads.entered(reader, date(year, 1, 1), date(year, 12, 31))
    package = _package(year)
    if package is None and not entered:
        raise missing(year)
    days = {d: Day(d, _(NAMES.get(n, n)), k, "package") for d, (k, n) in (package or {}).items()}
    days.update({h.day: Day(h.day, h.name, h.kind, "entered") for h in entered})
    return [days[d] for d in sorted(days)]


def known(reader: Reader, year: int) -> bool:
    return _package(year) is not None or bool(
        reads.entered(reader, date(year, 1, 1), date(year, 12, 31))
    )


class Workdays:
    """The school's working-day test over years, each year's days read when first asked
    (a year with no holidays known is exit 3 then, not before)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.years: dict[int, dict[date, str]] = {}

    def __call__(self, day: date) -> bool:
        kinds = self.years.get(day.year)
        if kinds is None:
            kinds = {d.day: d.kind for d in year_days(self.reader, day.year)}
            self.years[day.year] = kinds
        kind = kinds.get(day)
        return kind == "workday" or (kind is None and day.weekday() < 5)


def _days(start: date, end: date | None) -> list[date]:
    end = end or start
    if end < start:
        raise InputError(_("--to {to} is before {start}.").format(to=end, start=start))
    n = (end - start).days + 1
    if n > MOST_DAYS:
        raise InputError(
            _("{n} days from {start} to {to}: one entry covers at most {most} days.").format(
                n=n, start=start, to=end, most=MOST_DAYS
            )
        )
    return [start + timedelta(days=i) for i in range(n)]


def _checked_entry(session: Session, days: list[date], name: str, kind: str) -> str:
    name = name.strip()
    if not name:
        raise InputError(_("A holiday needs a name, such as 国庆节."))
    if kind not in KINDS:
        raise InputError(_("Give --off (a holiday) or --workday (a make-up workday, 调休)."))
    if kind == "workday" and any(d.weekday() < 5 for d in days):
        weekday = next(d for d in days if d.weekday() < 5)
        raise InputError(
            _(
                "{day} is a weekday already: a make-up workday (调休) is a Saturday or Sunday."
            ).format(day=weekday)
        )
    from houqin_cli.core.tx import reader_of

    taken = reads.entered(reader_of(session), days[0], days[-1])
    if taken:
        h = taken[0]
        raise RuleError(
            _("{day} is already entered ({name}, {kind}); one entry a day.").format(
                day=h.day, name=h.name, kind=h.kind
            )
        )
    return name


def add(session: Session, start: date, end: date | None, name: str, kind: str) -> list[Holiday]:
    from houqin_cli.calendar.models import Holiday
    from houqin_cli.core import journal

    days = _days(start, end)
    name = _checked_entry(session, days, name, kind)
    rows = [Holiday(day=d, name=name, kind=kind) for d in days]
    session.add_all(rows)
    session.flush()
    payload = {"from": days[0].isoformat(), "to": days[-1].isoformat(), "name": name, "kind": kind}
    journal.append(session, "calendar.holiday.add", "holiday", payload=payload)
    return rows


def import_file(session: Session, actor: Actor, path: Path) -> Imported:
    """`calendar holiday import`: rows of date, to (optional), name and kind; all or none."""
    from houqin_cli.core import journal
    from houqin_cli.core.i18n import variants
    from houqin_cli.core.imports import Field, Once, Refusals, preview, read_rows

    fields = [
        Field("date", ("日期", "开始日期", *variants(N_("Date"))), required=True),
        Field("end", ("至", "结束日期", *variants(N_("End")))),
        Field("name", ("名称", "节日", *variants(N_("Name"))), required=True),
        Field("kind", ("类型", "安排", *variants(N_("Kind"))), required=True),
    ]
    rows = read_rows(path, fields, session)
    if not rows:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    tz = settings.timezone(session)
    refusals, once = Refusals(path), Once()
    made: list[Holiday] = []
    for row in rows:
        with refusals.row():
            made += _row(session, tz, row, once)
    refusals.done()
    session.add_all(made)
    session.flush()
    journal.append(
        session,
        "calendar.holiday.import",
        "holiday",
        payload={"file": path.name, "count": len(made), "days": [h.day.isoformat() for h in made]},
    )
    cols = columns("date", "name", "kind")
    shown = ({"date": h.day, "name": h.name, "kind": h.kind} for h in made)
    return preview(path, len(made), cols, shown)


def _row(session: Session, tz: tzinfo, row: Row, once: Once) -> list[Holiday]:
    """One row of a holiday file: its days, each named once in the file and not entered."""
    from houqin_cli.calendar.models import Holiday
    from houqin_cli.core.imports import checked

    first = checked(row, "date", lambda v: clock.parse_date(str(v or ""), tz))
    last = checked(row, "end", lambda v: clock.parse_date(str(v), tz) if v else None)
    kind = checked(row, "kind", _kind)
    days = checked(row, "end" if last else "date", lambda _v: _days(first, last))
    for d in days:
        once.seen(row, d, "date", str(d))
    name = checked(row, "name", lambda v: _checked_entry(session, days, str(v or ""), kind))
    return [Holiday(day=d, name=name, kind=kind) for d in days]


def _kind(value: object) -> str:
    text = str(value or "").strip().lower()
    if text in ("off", "holiday", "休", "放假", "假"):
        return "off"
    if text in ("workday", "work", "班", "上班", "调休"):
        return "workday"
    raise InputError(
        _("{value!r} is neither off (休, 放假) nor workday (班, 上班).").format(value=value)
    )


def list_report(reader: Reader, year: int | None) -> Report:
    year = year or clock.today(settings.zone(reader)).year
    rows = [
        {"date": d.day, "name": d.name, "kind": d.kind, "source": d.source}
        for d in year_days(reader, year)
    ]
    title = _("Holidays and make-up workdays (调休), {year}").format(year=year)
    return Report(title, columns("date", "name", "kind", "source"), rows)


def next_year_check(reader: Reader) -> list[Finding]:
    """From 1 November: next year's holidays must be known (the package's or entered)."""
    today = clock.today(settings.zone(reader))
    if today.month < 11 or known(reader, today.year + 1):
        return []
    return [
        Finding(
            "calendar.holidays",
            "holidays.missing",
            _(
                "Next year's holidays are not entered: {year} is not in the chinese-calendar "
                "package; enter them with `houqin calendar holiday import`."
            ).format(year=today.year + 1),
            {"year": today.year + 1},
        )
    ]
