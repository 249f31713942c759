"""Schedules as short specs, evaluated over a window given the school's terms and
its working days. Pure: dates in, dates out; nothing here reads the ledger.

The language (case-blind; a filter may follow after a space):

    once:2026-12-20        one day
    daily                  every day
    school-days            every working day inside a term
    weekly:mon[,thu…]      those weekdays (mon tue wed thu fri sat sun)
    monthly:1 | monthly:last
                           that day of each month (31 in a short month: its last day)
    yearly:03-12           that day each year (02-29 in other years: 02-28)
    N/year                 N a year (1-12): the year cut into N equal runs of
                           months, each due on the last day of its run
                           (4/year: Mar 31, Jun 30, Sep 30, Dec 31)
    N/term                 N a term (1-6): the term cut into N equal parts, each
                           due on its last day (the last on the term's end)
    term:start|mid|end[±Nd|±Nw]
                           once a term at that anchor; mid = start + (end - start) / 2
    after:Nd | after:Nw    N days (weeks) after the last completion
    … season:spring|summer|autumn|winter
                           only occurrences due in that season (spring Mar-May,
                           summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb)

An occurrence has the day it is `due`, the first day it may be done (`opens`:
the start of its period for N/year and N/term, else the due day), the term it
belongs to, and a stable `key` to store a completion against.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SEASONS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11), "winter": (12, 1, 2)}
FORMS = (
    "once:2026-12-20, daily, school-days, weekly:mon,thu, monthly:1, monthly:last, "
    "yearly:03-12, 4/year, 2/term, term:start+7d, term:mid, term:end-14d, after:90d; "
    "optionally followed by season:spring|summer|autumn|winter"
)
_TERM = re.compile(r"term:(start|mid|end)(?:([+-])(\d{1,3})([dw]))?")
_AFTER = re.compile(r"after:(\d{1,4})([dw])")
_PER = re.compile(r"(\d{1,2})/(year|term)")


@dataclass(frozen=True)
class TermSpan:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Occurrence:
    due: date
    opens: date
    term: str | None
    key: str


def weekday_is_school_day(day: date) -> bool:
    """The default working days: Monday to Friday."""
    return day.weekday() < 5


def _bad(text: str) -> InputError:
    return InputError(
        _("Unknown schedule {spec!r}: use one of {forms}.").format(spec=text, forms=FORMS)
    )


@dataclass(frozen=True)
class Schedule:
    kind: str  # once daily school-days weekly monthly yearly per-year per-term term after
    args: tuple[int, ...] = ()
    anchor: str = ""  # term:start|mid|end
    season: str | None = None

    @property
    def needs_terms(self) -> bool:
        return self.kind in ("school-days", "per-term", "term")

    @property
    def spec(self) -> str:
        a = self.args
        if self.kind == "once":
            text = f"once:{date.fromordinal(a[0]).isoformat()}"
        elif self.kind == "weekly":
            text = "weekly:" + ",".join(WEEKDAYS[d] for d in a)
        elif self.kind == "monthly":
            text = "monthly:" + ("last" if a[0] == 0 else str(a[0]))
        elif self.kind == "yearly":
            text = f"yearly:{a[0]:02d}-{a[1]:02d}"
        elif self.kind in ("per-year", "per-term"):
            text = f"{a[0]}/{self.kind[4:]}"
        elif self.kind == "term":
            text = f"term:{self.anchor}" + (f"{a[0]:+d}d" if a[0] else "")
        elif self.kind == "after":
            text = f"after:{a[0]}d"
        else:
            text = self.kind  # daily, school-days
        return text + (f" season:{self.season}" if self.season else "")

    def __str__(self) -> str:
        return self.spec

    def occurrences(
        self,
        start: date,
        end: date,
        *,
        terms: Sequence[TermSpan] = (),
        is_school_day: Callable[[date], bool] | None = None,
        last_done: date | None = None,
        shift: bool = False,
    ) -> list[Occurrence]:
        """The occurrences due in [start, end], sorted by due date. With `shift`, a
        due day that is not a school day moves to the next one (within 60 days)."""
        working = is_school_day or weekday_is_school_day
        found = self._raw(start, end, terms, working, last_done)
        if shift:
            found = [
                Occurrence(next_school_day(o.due, working), o.opens, o.term, o.key) for o in found
            ]
        if self.season:
            months = SEASONS[self.season]
            found = [o for o in found if o.due.month in months]
        unique = {o.key: o for o in found if start <= o.due <= end}
        return sorted(unique.values(), key=lambda o: (o.due, o.key))

    def _raw(
        self,
        start: date,
        end: date,
        terms: Sequence[TermSpan],
        working: Callable[[date], bool],
        last_done: date | None,
    ) -> list[Occurrence]:
        a = self.args
        if self.kind == "once":
            return [_point(date.fromordinal(a[0]))]
        if self.kind == "after":
            due = (last_done + timedelta(days=a[0])) if last_done else start
            return [_point(due)]
        if self.kind in ("per-term", "term"):
            return [o for t in terms for o in self._in_term(t)]
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        if self.kind == "daily":
            return [_point(d) for d in days]
        if self.kind == "school-days":
            in_term = [t for t in terms if t.start <= end and t.end >= start]
            return [
                _point(d)
                for d in days
                if working(d) and any(t.start <= d <= t.end for t in in_term)
            ]
        if self.kind == "weekly":
            return [_point(d) for d in days if d.weekday() in a]
        years = range(start.year, end.year + 1)
        if self.kind == "monthly":
            return [
                _point(date(y, m, _clamp(y, m, a[0] or 31))) for y in years for m in range(1, 13)
            ]
        if self.kind == "yearly":
            return [_point(date(y, a[0], _clamp(y, a[0], a[1]))) for y in years]
        return [o for y in years for o in _per_year(y, a[0])]

    def _in_term(self, term: TermSpan) -> list[Occurrence]:
        if self.kind == "per-term":
            n = self.args[0]
            length = (term.end - term.start).days + 1
            out = []
            for i in range(n):
                opens = term.start + timedelta(days=length * i // n)
                due = term.start + timedelta(days=length * (i + 1) // n - 1)
                out.append(Occurrence(due, opens, term.name, f"{term.name}#{i + 1}"))
            return out
        base = {
            "start": term.start,
            "mid": term.start + (term.end - term.start) / 2,
            "end": term.end,
        }[self.anchor]
        due = base + timedelta(days=self.args[0])
        return [Occurrence(due, due, term.name, f"{term.name}@{self.anchor}")]

    def due(
        self,
        day: date,
        *,
        since: date | None = None,
        last_done: date | None = None,
        terms: Sequence[TermSpan] = (),
        is_school_day: Callable[[date], bool] | None = None,
    ) -> list[Occurrence]:
        """What is due on or before `day` (from `since`, default a year back) and not
        covered by `last_done` (a completion on or after an occurrence's opening)."""
        first = since or day - timedelta(days=366)
        found = self.occurrences(
            first, day, terms=terms, is_school_day=is_school_day, last_done=last_done
        )
        if last_done is None or self.kind == "after":
            return found
        return [o for o in found if last_done < o.opens]


def _point(day: date) -> Occurrence:
    return Occurrence(day, day, None, day.isoformat())


def _clamp(year: int, month: int, day: int) -> int:
    return min(day, calendar.monthrange(year, month)[1])


def _per_year(year: int, n: int) -> list[Occurrence]:
    """N periods of whole months where 12 divides evenly, else of equal days."""
    out = []
    first = date(year, 1, 1)
    length = (date(year, 12, 31) - first).days + 1
    for i in range(n):
        if 12 % n == 0:
            step = 12 // n
            opens = date(year, i * step + 1, 1)
            last_month = (i + 1) * step
            due = date(year, last_month, calendar.monthrange(year, last_month)[1])
        else:
            opens = first + timedelta(days=length * i // n)
            due = first + timedelta(days=length * (i + 1) // n - 1)
        out.append(Occurrence(due, opens, None, f"{year}/{i + 1}"))
    return out


def next_school_day(day: date, is_school_day: Callable[[date], bool]) -> date:
    """`day` itself when it is a school day, else the next one within 60 days."""
    for i in range(61):
        candidate = day + timedelta(days=i)
        if is_school_day(candidate):
            return candidate
    return day


def parse(text: str) -> Schedule:
    """A spec in the language above; anything else is exit 2 listing the forms."""
    words = text.strip().lower().replace(";", " ").split()
    if not words or len(words) > 2:
        raise _bad(text)
    season = None
    if len(words) == 2:
        if not words[1].startswith("season:") or words[1][7:] not in SEASONS:
            raise _bad(text)
        season = words[1][7:]
    schedule = _parse_one(words[0], text)
    return Schedule(schedule.kind, schedule.args, schedule.anchor, season)


def _parse_one(word: str, text: str) -> Schedule:
    try:
        if word in ("daily", "school-days"):
            return Schedule(word)
        head, _sep, rest = word.partition(":")
        if head == "once":
            return Schedule("once", (date.fromisoformat(rest).toordinal(),))
        if head == "weekly":
            weekdays = tuple(sorted({WEEKDAYS.index(d) for d in rest.split(",")}))
            return Schedule("weekly", weekdays)
        if head == "monthly":
            n = 0 if rest == "last" else int(rest)
            if rest != "last" and not 1 <= n <= 31:
                raise ValueError(rest)
            return Schedule("monthly", (n,))
        if head == "yearly":
            month, day = (int(x) for x in rest.split("-"))
            date(2024, month, day)  # a real day of some year (02-29 included)
            return Schedule("yearly", (month, day))
        if m := _PER.fullmatch(word):
            n, per = int(m[1]), m[2]
            if not 1 <= n <= (12 if per == "year" else 6):
                raise ValueError(word)
            return Schedule("per-" + per, (n,))
        if m := _TERM.fullmatch(word):
            offset = int(m[3] or 0) * (7 if m[4] == "w" else 1) * (-1 if m[2] == "-" else 1)
            return Schedule("term", (offset,), m[1])
        if m := _AFTER.fullmatch(word):
            days = int(m[1]) * (7 if m[2] == "w" else 1)
            if days < 1:
                raise ValueError(word)
            return Schedule("after", (days,))
    except ValueError:
        pass
    raise _bad(text)


def occurrences(
    spec: str | Schedule, start: date, end: date, **options: object
) -> list[Occurrence]:
    schedule = parse(spec) if isinstance(spec, str) else spec
    return schedule.occurrences(start, end, **options)  # type: ignore[arg-type]
