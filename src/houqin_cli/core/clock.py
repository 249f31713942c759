"""Now and today (honouring HOUQIN_NOW), date parsing, months, quarters, weeks.

Times are stored in UTC as ISO text ("2026-02-25T03:30:00Z") and shown in the
school's time zone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from houqin_cli.core.dberrors import damaged_value
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

DEFAULT_ZONE = "Asia/Shanghai"
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-[Ww](\d{1,2})$")


def zone(name: str) -> tzinfo:
    """An IANA zone by name; exit 2 for an unknown one."""
    try:
        if not name or name.startswith("/") or ".." in name:
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(
            _("Unknown time zone {name!r}: give an IANA name such as Asia/Shanghai.").format(
                name=name
            )
        ) from exc


def _forms() -> str:
    return _(
        "accepted forms: 2026-02-25, 2026-02-25 11:30, today, yesterday; "
        "months 2026-05; quarters 2026-Q1; years 2026; weeks 2026-W49"
    )


def _bad(text: str) -> InputError:
    return InputError(_("Invalid date {text!r}; {forms}.").format(text=text, forms=_forms()))


def now(tz: tzinfo | None = None) -> datetime:
    """The current instant as an aware UTC datetime; HOUQIN_NOW pins it.

    A HOUQIN_NOW without an offset is read in the school's zone `tz`."""
    pinned = os.environ.get("HOUQIN_NOW")
    if not pinned:
        return datetime.now(UTC)
    text = pinned.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(
            _("HOUQIN_NOW={text!r} is not an ISO date-time such as 2026-02-25T11:30.").format(
                text=text
            )
        ) from exc
    if not 1900 <= value.year <= 9998:  # a ledger's days, with room for any zone's offset
        raise InputError(
            _("HOUQIN_NOW={text!r} is outside the years 1900 to 9998.").format(text=text)
        )
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz or ZoneInfo(DEFAULT_ZONE))
    return value.astimezone(UTC)


def today(tz: tzinfo) -> date:
    return now(tz).astimezone(tz).date()


def stored_date(value: date | str | None) -> date | None:
    """A DATE column's value as plain SQL reads it (ISO text on SQLite, a date on
    PostgreSQL), as the ORM would have typed it."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:  # a damaged or tampered row: exit 4
        raise damaged_value(exc) from exc


def _make_date(text: str) -> date:
    m = _DATE.match(text)
    if not m:
        raise _bad(text)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise _bad(text) from None


def parse_date(text: str, tz: tzinfo) -> date:
    """'2026-02-25', '2026-02-25 11:30' (its day), 'today', 'yesterday'."""
    s = str(text).strip().lower()
    if s in ("today", "今天"):
        return today(tz)
    if s in ("yesterday", "昨天"):
        return today(tz) - timedelta(days=1)
    if _DATETIME.match(s):
        return parse_datetime(s, tz).astimezone(tz).date()
    return _make_date(s)


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """A local date or date-time (or today/yesterday) -> aware UTC datetime.
    A bare date means its start (00:00 local); 'today' means now."""
    s = str(text).strip().lower()
    if s in ("today", "今天"):
        return now(tz)
    m = _DATETIME.match(s)
    if m:
        y, mo, d, h, mi, sec = (int(g) if g else 0 for g in m.groups())
        try:
            local = datetime(y, mo, d, h, mi, sec, tzinfo=tz)
        except ValueError:
            raise _bad(text) from None
        return local.astimezone(UTC)
    day = parse_date(s, tz)
    return datetime.combine(day, datetime.min.time(), tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """An inclusive range of local days, with the text it was given as."""

    start: date
    end: date
    label: str

    def start_utc(self, tz: tzinfo) -> datetime:
        return datetime.combine(self.start, datetime.min.time(), tzinfo=tz).astimezone(UTC)

    def end_utc(self, tz: tzinfo) -> datetime:
        """The instant just after the period (exclusive bound)."""
        nxt = self.end + timedelta(days=1)
        return datetime.combine(nxt, datetime.min.time(), tzinfo=tz).astimezone(UTC)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def parse_month(text: str) -> Period:
    s = str(text).strip()
    m = _MONTH.match(s)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(_("Invalid month {text!r}; {forms}.").format(text=text, forms=_forms()))
    y, mo = int(m.group(1)), int(m.group(2))
    return Period(date(y, mo, 1), _month_end(y, mo), f"{y:04d}-{mo:02d}")


def month_of(day: date) -> Period:
    """The calendar month a day falls in."""
    return parse_month(f"{day.year:04d}-{day.month:02d}")


def parse_period(text: str, tz: tzinfo) -> Period:
    """A day, month, quarter, year or ISO week -> the local days it covers."""
    s = str(text).strip()
    if _MONTH.match(s):
        return parse_month(s)
    m = _QUARTER.match(s)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return Period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y}-Q{q}")
    m = _YEAR.match(s)
    if m:
        y = int(m.group(1))
        return Period(date(y, 1, 1), date(y, 12, 31), str(y))
    m = _WEEK.match(s)
    if m:
        y, w = int(m.group(1)), int(m.group(2))
        try:
            start = date.fromisocalendar(y, w, 1)
        except ValueError:
            raise _bad(text) from None
        return Period(start, start + timedelta(days=6), f"{y}-W{w:02d}")
    day = parse_date(s, tz)
    return Period(day, day, day.isoformat())


def iso_utc(moment: datetime) -> str:
    """Aware datetime -> '2026-02-25T03:30:00Z' (the stored form)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def local_iso(text: str, tz: tzinfo) -> str:
    """Stored UTC text -> ISO 8601 in the school's zone with its offset (JSON)."""
    return from_iso_utc(text).astimezone(tz).isoformat()


def local_text(text: str, tz: tzinfo) -> str:
    """Stored UTC text -> '2026-02-25 11:30' in the school's zone (tables)."""
    return from_iso_utc(text).astimezone(tz).strftime("%Y-%m-%d %H:%M")
