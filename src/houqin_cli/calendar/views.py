"""The calendar's Reports: the month's task list the office pins up, the week, today,
what is overdue (a check), and the tasks themselves."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.calendar import tasks as task_service
from houqin_cli.calendar.agenda import Agenda, Item
from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding, Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.calendar.models import Task

LIST = ("due", "occurrence", "task", "owner", "place", "status")
OVERDUE_DAYS = 366  # how far back `calendar overdue` looks


def today(session: Session) -> date:
    return clock.today(settings.timezone(session))


class Names:
    """People's, places' and units' names, read once (from people's service)."""

    def __init__(self, session: Session) -> None:
        from houqin_cli.people import service as people

        self.people = people.person_names(session)
        self.places = people.place_names(session)
        self.units = people.unit_names(session)

    def person(self, pid: int | None) -> str | None:
        return self.people.get(pid) if pid is not None else None

    def rotation(self, task: Task) -> list[str]:
        return [self.people.get(int(i), "?") for i in (task.rotate or "").split(",") if i]


def window_rows(session: Session, items: list[Item], day: date) -> list[dict[str, Any]]:
    names = Names(session)
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


def _filtered(session: Session, owner: str | None, unit: str | None) -> list[Task]:
    from houqin_cli.people import service as people

    found = task_service.all_tasks(session)
    if unit:
        uid = people.find_unit(session, unit, current=False).id
        found = [t for t in found if t.unit_id == uid]
    return found


def _owned(session: Session, items: list[Item], owner: str | None) -> list[Item]:
    if not owner:
        return items
    from houqin_cli.people import service as people

    pid = people.find_person(session, owner).id
    return [i for i in items if i.owner_id == pid]


def window(
    session: Session, title: str, start: date, end: date, owner: str | None, unit: str | None
) -> Report:
    items = Agenda(session).items(_filtered(session, owner, unit), start, end)
    rows = window_rows(session, _owned(session, items, owner), today(session))
    return Report(title, columns(*LIST), rows)


def month_report(
    session: Session, month: str | None, owner: str | None = None, unit: str | None = None
) -> Report:
    period = clock.parse_month(month) if month else clock.month_of(today(session))
    title = _("Tasks, {month}").format(month=period.label)
    return window(session, title, period.start, period.end, owner, unit)


def week_report(session: Session, week: str | None, owner: str | None = None) -> Report:
    if week:
        period = clock.parse_period(week, settings.timezone(session))
        if "W" not in period.label:
            raise InputError(_("Give a week like 2026-W49, not {text!r}.").format(text=week))
        start, label = period.start, period.label
    else:
        day = today(session)
        start = day - timedelta(days=day.weekday())
        y, w, _d = day.isocalendar()
        label = f"{y}-W{w:02d}"
    title = _("Tasks, week {week}").format(week=label)
    return window(session, title, start, start + timedelta(days=6), owner, None)


def today_report(session: Session) -> Report:
    """What may be done today (open and not past its deadline) and what is overdue."""
    day = today(session)
    items = Agenda(session).items(
        task_service.all_tasks(session), day - timedelta(days=OVERDUE_DAYS), day
    )
    now = [i for i in items if i.event is None and i.occ.opens <= day]
    title = _("Tasks, {day}").format(day=day)
    return Report(title, columns(*LIST), window_rows(session, now, day))


def overdue_items(session: Session, day: date) -> list[Item]:
    items = Agenda(session).items(
        task_service.all_tasks(session), day - timedelta(days=OVERDUE_DAYS), day
    )
    return [i for i in items if i.status(day) == "overdue"]


def overdue_check(session: Session) -> list[Finding]:
    """An occurrence past its due day (plus --due-days) with no completion or skip."""
    return overdue_findings(session, overdue_items(session, today(session)))


def overdue_findings(session: Session, items: list[Item]) -> list[Finding]:
    names = Names(session)
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


def overdue_report(session: Session) -> Report:
    return Report(_("Overdue tasks"), [], findings=overdue_check(session))


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


def tasks_report(session: Session, *, stopped: bool = False) -> Report:
    names = Names(session)
    rows = [_task_row(t, names) for t in task_service.all_tasks(session, stopped=stopped)]
    keys = ("code", "task", "every", "owner", "place", "org_unit", "start", "until", "stopped_on")
    return Report(_("Recurring tasks"), columns(*keys), rows)


def task_report(session: Session, code: str) -> Report:
    """One task: its fields, its next occurrences and the completions stored."""
    task = task_service.find(session, code)
    names = Names(session)
    day = today(session)
    items = Agenda(session).items([task], task.start, day + timedelta(days=120))
    row = _task_row(task, names) | {
        "rotation": names.rotation(task),
        "note": task.note,
        "history": [
            f"{i.ref} {i.occ.due} {i.status(day)}"
            + (f" {i.event.day}" + (" late" if i.event.late else "") if i.event else "")
            for i in items[-12:]
        ],
    }
    keys = ("code", "task", "every", "owner", "rotation", "place", "org_unit", "start",
            "until", "stopped_on", "note", "history")  # fmt: skip
    return Report(_("Task {code}").format(code=task.code), columns(*keys), [row], record=True)
