"""Duty's words and the pure parts: shift times, pools as stored, light for the read path."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _

KINDS = ("gate", "night", "patrol", "week")
WHAT = N_("duty post")
LOGISTICS = "logistics"
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def minutes(text: str) -> int:
    m = _TIME.match(text.strip())
    if (
        not m
        or int(m.group(1)) > 24
        or int(m.group(2)) > 59
        or (int(m.group(1)) == 24 and int(m.group(2)) > 0)
    ):
        raise InputError(_("Invalid time {text!r}: give HH:MM from 00:00 to 24:00.").format(
            text=text))  # fmt: skip
    return int(m.group(1)) * 60 + int(m.group(2))


def parse_span(text: str) -> tuple[int, int]:
    """'08:00-20:00' -> (480, 1200); an end at or before the start is the next day."""
    parts = text.replace("–", "-").split("-")
    if len(parts) != 2:
        raise InputError(_("Invalid shift {text!r}: give it as 08:00-20:00.").format(text=text))
    try:
        start, end = minutes(parts[0]), minutes(parts[1])
    except InputError:
        raise InputError(
            _("Invalid shift {text!r}: give it as 08:00-20:00 (hours 00 to 24).").format(text=text)
        ) from None
    if start == 24 * 60 or start == end:
        raise InputError(_("Invalid shift {text!r}: give it as 08:00-20:00.").format(text=text))
    return start, end


def hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def span_text(start: int, end: int) -> str:
    return f"{hhmm(start)}-{hhmm(end)}"


def is_night(start: int, end: int, kind: str) -> bool:
    return kind == "night" or end <= start


def window(day: date, start: int, end: int) -> tuple[datetime, datetime]:
    """The shift's start and end as naive local date-times."""
    s = datetime(day.year, day.month, day.day) + timedelta(minutes=start)
    e = datetime(day.year, day.month, day.day) + timedelta(minutes=end)
    if end <= start:
        e += timedelta(days=1)
    return s, e
