"""Recurring schedules: a short spec language, parsed by `parse`, evaluated over a window
of dates given the school's terms and its school days. Pure: dates in, dates out.

A spec is one form, optionally followed (after a space or `;`) by a season filter:

    once:2026-12-20     one day
    daily               every day
    school-days         every school day inside a term (needs terms)
    weekly:mon,thu      those weekdays (mon tue wed thu fri sat sun)
    monthly:1           that day of each month (1-31; a shorter month: its last day)
    monthly:last        the last day of each month
    yearly:03-12        that day each year (02-29 falls on 02-28 in other years)
    4/year              N a calendar year (1-12): the year cut into N runs of whole months,
                        as equal as possible (run k ends with month round(12k/N)), each
                        due on its run's last day and open from its first day:
                        4/year is due Mar 31, Jun 30, Sep 30, Dec 31; 5/year Feb 28,
                        May 31, Jul 31, Oct 31, Dec 31
    2/term              N a term (1-12, needs terms): the term's days cut into N equal
                        parts, each due on its part's last day (the last on the term's
                        end) and open from its first day; a term shorter than N days
                        has fewer (an empty part is left out)
    term:start          once a term (needs terms) at an anchor, start, mid or end, plus or
    term:mid+14d        minus N days (d) or weeks (w): term:start-14d, term:end-2w; mid is
    term:end            start + (end - start) / 2 (a date: half days drop); it opens on the
                        term's start (on the due day when that is earlier)
    after:90d           N days (d) or weeks (w) after the last completion; never done:
                        due at the window's start
    ... season:spring   only occurrences due in that season: spring Mar-May, summer
                        Jun-Aug, autumn Sep-Nov, winter Dec-Feb (several: season:spring,
                        autumn); not with after:

Specs are case-blind; `str(schedule)` is the canonical spec (`After:2W` gives
`after:14d`) and `parse(str(s)) == s`. An occurrence has the day it is `due`, the first
day it may be done (`opens`; the due day for the day forms and after:), its term, and a
stable `key` to store a completion against: the due day ("2026-03-02") for the day
forms and after:; "2026-Q1", "2026-03" and "2026" for 4/, 12/ and 1/year, else "2026#k"
(the k-th run); "<term>#k" for N/term and "<term>@mid" (the anchor) for term:.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypedDict, Unpack

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

DayTest = Callable[[date], bool]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SEASONS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11), "winter": (12, 1, 2)}
SHIFT_DAYS = 60
TERM_KINDS = frozenset({"school-days", "per-term", "term"})
# what a bad spec's message lists: syntax only, so it needs no translation
FORMS = (
    "once:2026-12-20, daily, school-days, weekly:mon,thu, monthly:1, monthly:last, "
    "yearly:03-12, 4/year (1-12), 2/term (1-12), term:start, term:start+7d, term:mid+14d, "
    "term:end-14d, term:end-2w, after:90d, after:2w; + season:spring|summer|autumn|winter"
)
_FORMS = {
    "once": re.compile(r"once:(\d{4})-(\d{1,2})-(\d{1,2})"),
    "weekly": re.compile(r"weekly:([a-z]+(?:,[a-z]+)*)"),
    "monthly": re.compile(r"monthly:(\d{1,2}|last)"),
    "yearly": re.compile(r"yearly:(\d{1,2})-(\d{1,2})"),
    "per-year": re.compile(r"(\d{1,2})/year"),
    "per-term": re.compile(r"(\d{1,2})/term"),
    "term": re.compile(r"term:(start|mid|end)(?:([+-])(\d{1,3})([dw]))?"),
    "after": re.compile(r"after:(\d{1,4})([dw])"),
}


@dataclass(frozen=True)
class TermSpan:
    """A school term (学期), both ends inclusive."""

    name: str
    start: date
    end: date

    @property
    def mid(self) -> date:
        return self.start + (self.end - self.start) / 2


@dataclass(frozen=True)
class Occurrence:
    due: date  # the day it is due
    opens: date  # the first day it may be done (== due for day forms)
    term: str | None  # the term's name for term-based forms
    key: str  # stable within its schedule: completions are stored against it


def weekends(day: date) -> bool:
    """The default non-working days: Saturday and Sunday."""
    return day.weekday() >= 5


def weekday_is_school_day(day: date) -> bool:
    """The default school days: Monday to Friday."""
    return day.weekday() < 5


def workdays(
    nonworking: DayTest | AbstractSet[date] = weekends, *, makeup: AbstractSet[date] = frozenset()
) -> DayTest:
    """An is_school_day test from the non-working days: a test, or a set of holidays
    (added to the weekends); `makeup` days (调休) are working days whatever they are."""
    off: DayTest = (
        nonworking if callable(nonworking) else (lambda d: weekends(d) or d in nonworking)
    )
    return lambda d: d in makeup or not off(d)


def next_school_day(day: date, is_school_day: DayTest | None = None) -> date:
    """`day` if it is a school day, else the next one within 60 days (else `day` itself)."""
    test = is_school_day or weekday_is_school_day
    for n in range(SHIFT_DAYS + 1):
        d = _plus(day, n)
        if d is not None and test(d):
            return d
    return day


@dataclass(frozen=True)
class Schedule:
    """A parsed spec; build it with `parse`. Which fields matter depends on `kind`."""

    kind: str  # once daily school-days weekly monthly yearly per-year per-term term after
    on: date | None = None  # once
    weekdays: tuple[int, ...] = ()  # weekly: 0 = Monday, sorted
    month: int = 0  # yearly
    day: int = 0  # monthly (0 = last) and yearly
    count: int = 0  # N/year, N/term
    anchor: str = ""  # term: start | mid | end
    days: int = 0  # term: the offset; after: the interval
    seasons: tuple[str, ...] = ()  # in SEASONS order

    @property
    def spec(self) -> str:
        k = self.kind
        if k == "once":
            text = f"once:{self.on.isoformat() if self.on else ''}"
        elif k == "weekly":
            text = "weekly:" + ",".join(WEEKDAYS[w] for w in self.weekdays)
        elif k == "monthly":
            text = f"monthly:{self.day or 'last'}"
        elif k == "yearly":
            text = f"yearly:{self.month:02d}-{self.day:02d}"
        elif k in ("per-year", "per-term"):
            text = f"{self.count}/{k[4:]}"
        elif k == "term":
            text = f"term:{self.anchor}" + (f"{self.days:+d}d" if self.days else "")
        elif k == "after":
            text = f"after:{self.days}d"
        else:
            text = k
        return text + (" season:" + ",".join(self.seasons) if self.seasons else "")

    @property
    def needs_terms(self) -> bool:
        return self.kind in TERM_KINDS

    def __str__(self) -> str:
        return self.spec

    def occurrences(
        self,
        start: date,
        end: date,
        *,
        terms: Sequence[TermSpan] = (),
        is_school_day: DayTest | None = None,
        last_done: date | None = None,
        shift: bool = False,
    ) -> list[Occurrence]:
        """The occurrences due in [start, end], sorted by due day. With `shift`, a due day
        that is not a school day moves to the next school day (within 60 days)."""
        test = is_school_day or weekday_is_school_day
        ordered = sorted((t for t in terms if t.start <= t.end), key=lambda t: t.start)
        lo = (_plus(start, -SHIFT_DAYS) or date.min) if shift else start
        by_key: dict[str, Occurrence] = {}
        for o in self._raw(lo, end, ordered, test, last_done):
            if self.seasons and not any(o.due.month in SEASONS[s] for s in self.seasons):
                continue
            if shift:
                o = Occurrence(next_school_day(o.due, test), o.opens, o.term, o.key)
            if start <= o.due <= end:
                by_key[o.key] = o
        found = sorted(by_key.values(), key=lambda o: (o.due, o.key))
        if shift:  # one per day: the latest original keeps the day
            return list({o.due: o for o in found}.values())
        return found

    def _raw(
        self, start: date, end: date, terms: Sequence[TermSpan], test: DayTest, last: date | None
    ) -> Iterator[Occurrence]:
        k = self.kind
        if k == "once" and self.on is not None:
            yield _point(self.on)
        elif k in ("daily", "weekly", "school-days"):
            for d in _days(start, end):
                if k == "weekly" and d.weekday() not in self.weekdays:
                    continue
                if k == "school-days":
                    term = next((t for t in terms if t.start <= d <= t.end), None)
                    if term is not None and test(d):
                        yield Occurrence(d, d, term.name, d.isoformat())
                else:
                    yield _point(d)
        elif k == "monthly":
            for i in range(start.year * 12 + start.month - 1, end.year * 12 + end.month):
                y, m = divmod(i, 12)
                yield _point(date(y, m + 1, min(self.day or 31, _length(y, m + 1))))
        elif k == "yearly":
            for y in range(start.year, end.year + 1):
                yield _point(date(y, self.month, min(self.day, _length(y, self.month))))
        elif k == "per-year":
            for y in range(start.year, end.year + 1):
                yield from _per_year(y, self.count)
        elif k == "per-term":
            for t in terms:
                length = (t.end - t.start).days + 1
                for i in range(1, self.count + 1):
                    a, b = (i - 1) * length // self.count, i * length // self.count
                    if b > a:
                        due = t.start + timedelta(days=b - 1)
                        yield Occurrence(due, t.start + timedelta(days=a), t.name, f"{t.name}#{i}")
        elif k == "term":
            for t in terms:
                base = {"start": t.start, "mid": t.mid, "end": t.end}[self.anchor]
                at = _plus(base, self.days)
                if at is not None:
                    yield Occurrence(at, min(t.start, at), t.name, f"{t.name}@{self.anchor}")
        elif k == "after":  # one: the next due day (never done: the window's start)
            nxt = start if last is None else _plus(last, self.days)
            if nxt is not None:
                yield _point(nxt)

    def due(
        self,
        day: date,
        *,
        last_done: date | None = None,
        terms: Sequence[TermSpan] = (),
        is_school_day: DayTest | None = None,
        since: date | None = None,
        shift: bool = False,
    ) -> list[Occurrence]:
        """The occurrences due on or before `day` that `last_done` does not cover (it
        covers those that opened on or before it), looking back to `since`, else to
        `last_done`, else 366 days. after:Nd: the one next due day (last_done + N, not
        before `since`; never done: `since`, else `day`) if it is on or before `day`."""
        if self.kind == "after":
            nxt = (since or day) if last_done is None else _plus(last_done, self.days)
            if nxt is not None and since is not None:
                nxt = max(nxt, since)
            return [_point(nxt)] if nxt is not None and nxt <= day else []
        start = since or last_done or _plus(day, -366) or date.min
        found = self.occurrences(start, day, terms=terms, is_school_day=is_school_day, shift=shift)
        return [o for o in found if last_done is None or last_done < o.opens]


def parse(text: str) -> Schedule:
    """A spec (see the module's docstring) as a Schedule; InputError (exit 2) if it is bad."""
    raw = text
    norm = re.sub(r"\s*([,:/+-])\s*", r"\1", text.strip().lower())
    parts = [p for p in re.split(r"[;\s]+", norm) if p]
    if not parts:
        raise _bad(raw)
    seasons: tuple[str, ...] = ()
    for extra in parts[1:]:
        names = extra.removeprefix("season:").split(",")
        if seasons or not extra.startswith("season:") or not set(names) <= set(SEASONS):
            raise _bad(raw)
        seasons = tuple(s for s in SEASONS if s in names)
    found = _head(parts[0], raw)
    if seasons and found.kind == "after":
        raise _bad(raw)
    return replace(found, seasons=seasons)


class Options(TypedDict, total=False):
    """The keyword options of `occurrences` and `due`, as Schedule's methods take them."""

    terms: Sequence[TermSpan]
    is_school_day: DayTest | None
    last_done: date | None
    shift: bool


class DueOptions(Options, total=False):
    since: date | None


def occurrences(
    spec: str | Schedule, start: date, end: date, **options: Unpack[Options]
) -> list[Occurrence]:
    """`Schedule.occurrences` for a spec given as text or as a Schedule."""
    return _schedule(spec).occurrences(start, end, **options)


def due(spec: str | Schedule, day: date, **options: Unpack[DueOptions]) -> list[Occurrence]:
    """`Schedule.due` for a spec given as text or as a Schedule."""
    return _schedule(spec).due(day, **options)


# -- helpers ----------------------------------------------------------------------------


def _bad(text: str) -> InputError:
    return InputError(
        _("Unknown schedule {spec!r}: use one of {forms}.").format(spec=text, forms=FORMS)
    )


def _head(head: str, raw: str) -> Schedule:
    if head in ("daily", "school-days"):
        return Schedule(head)
    for kind, pattern in _FORMS.items():
        m = pattern.fullmatch(head)
        if m is None:
            continue
        g = m.groups()
        try:
            if kind == "once":
                return Schedule(kind, on=date(int(g[0]), int(g[1]), int(g[2])))
            if kind == "weekly" and set(g[0].split(",")) <= set(WEEKDAYS):
                days = tuple(i for i, w in enumerate(WEEKDAYS) if w in g[0].split(","))
                return Schedule(kind, weekdays=days)
            if kind == "monthly" and (g[0] == "last" or 1 <= int(g[0]) <= 31):
                return Schedule(kind, day=0 if g[0] == "last" else int(g[0]))
            if kind == "yearly":
                leap = date(2000, int(g[0]), int(g[1]))
                return Schedule(kind, month=leap.month, day=leap.day)
            if kind in ("per-year", "per-term") and 1 <= int(g[0]) <= 12:
                return Schedule(kind, count=int(g[0]))
            if kind == "term":
                n = int(g[2] or 0) * (7 if g[3] == "w" else 1)
                return Schedule(kind, anchor=g[0], days=-n if g[1] == "-" else n)
            if kind == "after" and int(g[0]) > 0:
                return Schedule(kind, days=int(g[0]) * (7 if g[1] == "w" else 1))
        except ValueError:
            pass
        break
    raise _bad(raw)


def _schedule(spec: str | Schedule) -> Schedule:
    return spec if isinstance(spec, Schedule) else parse(spec)


def _plus(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _point(day: date) -> Occurrence:
    return Occurrence(day, day, None, day.isoformat())


def _days(start: date, end: date) -> Iterator[date]:
    for n in range((end - start).days + 1):
        yield start + timedelta(days=n)


def _length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _per_year(year: int, n: int) -> Iterator[Occurrence]:
    labels = {1: "{y}", 4: "{y}-Q{i}", 12: "{y}-{i:02d}"}
    first = 1
    for i in range(1, n + 1):
        last = (24 * i + n) // (2 * n)  # round(12 i / n), halves up
        due = date(year, last, _length(year, last))
        key = labels.get(n, "{y}#{i}").format(y=year, i=i)
        yield Occurrence(due, date(year, first, 1), None, key)
        first = last + 1
