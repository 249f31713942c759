"""The calendar's Reports: the month's task list the office pins up, the week, today,
what is overdue (a check), and the tasks themselves."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.calendar import reads
from houqin_cli.calendar.agenda import Agenda, Item
from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Finding, Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.calendar.reads import TaskRow as Task
    from houqin_cli.core.db import Reader

LIST = ("due", "occurrence", "task", "owner", "place", "status")
OVERDUE_DAYS = 366  # how far back `calendar overdue` looks


def today(session: Session) -> date:
    """Today in the school's zone (on a write's session)."""
    return clock.today(settings.timezone(session))


def today_of(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


class Names:
    """People's, places' and units' names, read once."""

    def __init__(self, reader: Reader) -> None:
        self.people = names_by_id(reader, "person")
        self.places = names_by_id(reader, "place")
        self.units = names_by_id(reader, "unit")

    def person(self, pid: int | None) -> str | None:
        return self.people.get(pid) if pid is not None else None

    def rotation(self, task: Task) -> list[str]:
        return [self.people.get(int(i), "?") for i in (task.rotate or "").split(",") if i]


def window_rows(reader: Reader, items: list[Item], day: date) -> list[dict[str, Any]]:
    names = Names(reader)
    return [
        {
            "due": i.occ.due,
            "occurrence": i.ref,
            "task": i.task.title,
            "owner": names.person(i.owner_id),
            "place": names.places.get(i.task.place_id) if i.task.place_id else None,
            "status": i.status(day),
        }
        for i in items
    ]


def _filtered(reader: Reader, owner: str | None, unit: str | None) -> list[Task]:
    found = reads.tasks(reader)
    if unit:
        uid = reads.lookup(reader, "unit", unit)
        found = [t for t in found if t.unit_id == uid]
    return found


def _owned(reader: Reader, items: list[Item], owner: str | None) -> list[Item]:
    if not owner:
        return items
    pid = reads.lookup(reader, "person", owner)
    return [i for i in items if i.owner_id == pid]


def window(
    reader: Reader, title: str, start: date, end: date, owner: str | None, unit: str | None
) -> Report:
    items = Agenda(reader).items(_filtered(reader, owner, unit), start, end)
    rows = window_rows(reader, _owned(reader, items, owner), today_of(reader))
    return Report(title, columns(*LIST), rows)


def month_report(
    reader: Reader, month: str | None, owner: str | None = None, unit: str | None = None
) -> Report:
    period = clock.parse_month(month) if month else clock.month_of(today_of(reader))
    title = _("Tasks, {month}").format(month=period.label)
    return window(reader, title, period.start, period.end, owner, unit)


def week_report(reader: Reader, week: str | None, owner: str | None = None) -> Report:
    if week:
        period = clock.parse_period(week, settings.zone(reader))
        if "W" not in period.label:
            raise InputError(_("Give a week like 2026-W49, not {text!r}.").format(text=week))
        start, label = period.start, period.label
    else:
        day = today_of(reader)
        start = day - timedelta(days=day.weekday())
        y, w, _d = day.isocalendar()
        label = f"{y}-W{w:02d}"
    title = _("Tasks, week {week}").format(week=label)
    return window(reader, title, start, start + timedelta(days=6), owner, None)


def today_report(reader: Reader) -> Report:
    """What may be done today (open and not past its deadline) and what is overdue."""
    day = today_of(reader)
    items = Agenda(reader).items(reads.tasks(reader), day - timedelta(days=OVERDUE_DAYS), day)
    now = [i for i in items if i.event is None and i.occ.opens <= day]
    title = _("Tasks, {day}").format(day=day)
    return Report(title, columns(*LIST), window_rows(reader, now, day))


def overdue_items(reader: Reader, day: date) -> list[Item]:
    items = Agenda(reader).items(reads.tasks(reader), day - timedelta(days=OVERDUE_DAYS), day)
    return [i for i in items if i.status(day) == "overdue"]


def overdue_check(reader: Reader) -> list[Finding]:
    """An occurrence past its due day (plus --due-days) with no completion or skip."""
    return overdue_findings(reader, overdue_items(reader, today_of(reader)))


def overdue_findings(reader: Reader, items: list[Item]) -> list[Finding]:
    names = Names(reader)
    return [
        Finding(
            "calendar.overdue",
            "task.overdue",
            _(
                "{ref} {title} was due {due} ({owner}); mark it with `houqin calendar done "
                "{ref}` or `houqin calendar skip {ref} --reason …`."
            ).format(
                ref=i.ref,
                title=i.task.title,
                due=i.deadline,
                owner=names.person(i.owner_id) or _("no owner"),
            ),
            {"occurrence": i.ref, "due": i.deadline.isoformat(), "owner": names.person(i.owner_id)},
        )
        for i in items
    ]


def overdue_report(reader: Reader) -> Report:
    return Report(_("Overdue tasks"), [], findings=overdue_check(reader))


def _task_row(task: Task, names: Names) -> dict[str, Any]:
    return {
        "code": task.code,
        "task": task.title,
        "every": task.spec,
        "owner": names.person(task.owner_id) or ", ".join(names.rotation(task)) or None,
        "place": names.places.get(task.place_id) if task.place_id else None,
        "org_unit": names.units.get(task.unit_id) if task.unit_id else None,
        "start": task.start,
        "until": task.until,
        "stopped_on": task.stopped_on,
    }


def tasks_report(reader: Reader, *, stopped: bool = False) -> Report:
    names = Names(reader)
    rows = [_task_row(t, names) for t in reads.tasks(reader, stopped=stopped)]
    keys = ("code", "task", "every", "owner", "place", "org_unit", "start", "until", "stopped_on")
    return Report(_("Recurring tasks"), columns(*keys), rows)


def task_report(reader: Reader, code: str) -> Report:
    """One task: its fields, its next occurrences and the completions stored."""
    task = reads.find_task(reader, code)
    names = Names(reader)
    day = today_of(reader)
    items = Agenda(reader).items([task], task.start, day + timedelta(days=120))
    row = _task_row(task, names) | {
        "rotation": names.rotation(task),
        "earlier_schedules": [
            _("{spec} up to {day}").format(spec=spec, day=last)
            for spec, _first, last in task.schedules()[:-1]
        ],
        "note": task.note,
        "history": [
            f"{i.ref} {i.occ.due} {i.status(day)}"
            + (f" {i.event.day}" + (" late" if i.event.late else "") if i.event else "")
            for i in items[-12:]
        ],
    }
    keys = ("code", "task", "every", "earlier_schedules", "owner", "rotation", "place",
            "org_unit", "start", "until", "stopped_on", "note", "history")  # fmt: skip
    return Report(_("Task {code}").format(code=task.code), columns(*keys), [row], record=True)
