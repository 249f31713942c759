"""Duty's part of `houqin check`: missed shifts, night shifts without a patrol, posts with
no one rostered in the next 14 days. Functions of a plain Reader (SQL in duty/reads.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from houqin_cli.core import clock, settings
from houqin_cli.core.checks import Check
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, names_by_id
from houqin_cli.core.report import Finding
from houqin_cli.duty import reads
from houqin_cli.duty.vocab import window

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

LOOK_BACK = 31
AHEAD = 14


def missed_check(reader: Reader) -> list[Finding]:
    tz = settings.zone(reader)
    now = clock.now(tz)
    today = now.astimezone(tz).date()
    people = names_by_id(reader, "person")
    return [
        Finding("duty.missed", "shift.missed", _(
            "{person} did not check in to {post} on {day} (no check-in within the grace)."
        ).format(person=people.get(s.person), post=p.name, day=s.day),
            {"date": s.day.isoformat(), "post": p.code})
        for s, p in reads.missed(reader, today - timedelta(days=LOOK_BACK), today, now)
    ]  # fmt: skip


def patrol_check(reader: Reader) -> list[Finding]:
    tz = settings.zone(reader)
    now = clock.now(tz).astimezone(tz).replace(tzinfo=None)
    today = now.date()
    posts = {p.id: p for p in reads.posts(reader) if p.night}
    people = names_by_id(reader, "person")
    with_patrol = {
        int(i)
        for (i,) in reader.rows(
            "SELECT DISTINCT shift_id FROM duty_patrol WHERE shift_id IS NOT NULL AND at >= :f",
            {"f": clock.iso_utc(clock.now(settings.zone(reader)) - timedelta(days=LOOK_BACK + 2))},
        )
    }
    out = []
    for s in reads.shifts(reader, today - timedelta(days=LOOK_BACK), today):
        p = posts.get(s.post)
        if p is None or s.id in with_patrol or window(s.day, p.start, p.end)[1] > now:
            continue
        out.append(Finding("duty.patrol", "night.no_patrol", _(
            "Night shift {post} on {day} ({person}) has no patrol recorded."
        ).format(post=p.name, day=s.day, person=people.get(s.person)),
            {"date": s.day.isoformat(), "post": p.code}))  # fmt: skip
    return out


def ahead_check(reader: Reader) -> list[Finding]:
    today = clock.today(settings.zone(reader))
    last = today + timedelta(days=AHEAD)
    out = []
    for p in reads.posts(reader):
        if p.kind == "week":
            continue
        n = reader.rows(
            "SELECT count(*) FROM duty_shift WHERE post_id = :p AND day >= :f AND day <= :l",
            {"p": p.id, "f": day_param(reader, today), "l": day_param(reader, last)},
        )[0][0]
        if int(n) < AHEAD + 1:
            out.append(Finding("duty.ahead", "post.unrostered", _(
                "{post} has no one rostered on {n} of the next {days} days; make the roster "
                "with `houqin duty roster make`.").format(post=p.name, n=AHEAD + 1 - int(n),
                                                          days=AHEAD + 1),
                {"post": p.code}))  # fmt: skip
    return out


HOLIDAY_AHEAD = 30


def holiday_check(reader: Reader) -> list[Finding]:
    """A statutory holiday within 30 days with no shift rostered on it (the 五一 roster not
    made yet). A year with no holiday data is the calendar's own finding."""
    from houqin_cli.calendar.holidays import year_days
    from houqin_cli.core.errors import RuleError

    if not reads.posts(reader):
        return []
    today = clock.today(settings.zone(reader))
    last = today + timedelta(days=HOLIDAY_AHEAD)
    offs: dict[str, list[str]] = {}
    for year in sorted({today.year, last.year}):
        try:
            days = year_days(reader, year)
        except RuleError:
            continue
        for d in days:
            if d.kind == "off" and today < d.day <= last:
                offs.setdefault(d.name, []).append(d.day.isoformat())
    rostered = {
        str(clock.stored_date(d))
        for (d,) in reader.rows(
            "SELECT DISTINCT day FROM duty_shift WHERE day > :f AND day <= :l",
            {"f": day_param(reader, today), "l": day_param(reader, last)},
        )
    }
    return [
        Finding("duty.holiday", "holiday.unrostered", _(
            "{name} ({first} to {last}) has no holiday duty roster; make it with "
            "`houqin duty roster make --from {first} --to {last}`."
        ).format(name=name, first=ds[0], last=ds[-1]), {"holiday": name, "from": ds[0]})
        for name, ds in offs.items()
        if not rostered & set(ds)
    ]  # fmt: skip


CHECKS = [
    Check("duty.missed", missed_check),
    Check("duty.patrol", patrol_check),
    Check("duty.ahead", ahead_check),
    Check("duty.holiday", holiday_check),
]
