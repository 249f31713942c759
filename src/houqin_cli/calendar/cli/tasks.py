"""`houqin calendar task …`, `calendar done|skip|overdue|month|week|today`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.calendar.cli.args import (
    DueDays,
    Every,
    From,
    Occurrence,
    Owner,
    Place,
    Rotate,
    TaskCode,
    Unit,
    Until,
)
from houqin_cli.cli import Done, Month, Note, day, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.report import Report

app = typer.Typer()
task_app = typer.Typer(
    help=_("Recurring tasks (例行工作): add, list, show, edit, stop."), no_args_is_help=True
)


def _fields(s: Session, **given: object) -> object:
    from houqin_cli.calendar.tasks import Fields

    for key in ("start", "until"):
        text = given.get(key)
        given[key] = day(s, str(text), future=True) if text else None
    return Fields(**given)  # type: ignore[arg-type]


@write(task_app, "add", help=_("Add a recurring task; prints its code (RW-0001)."))
def task_add(
    s: Session,
    title: str = typer.Argument(..., help=_("What is to be done, such as 绿化带修剪.")),
    every: Every = None,
    owner: Owner = None,
    rotate: Rotate = None,
    place: Place = None,
    unit: Unit = None,
    due_days: DueDays = None,
    start: From = None,
    until: Until = None,
    note: Note = None,
) -> Done:
    from houqin_cli.calendar import tasks
    from houqin_cli.calendar.views import today

    f = _fields(s, title=title, every=every, owner=owner, rotate=rotate, place=place, unit=unit,
                due_days=due_days, start=start, until=until, note=note)  # fmt: skip
    t = tasks.add(s, f, today(s))  # type: ignore[arg-type]
    return Done(_("Added task {title} ({code}).").format(title=t.title, code=t.code), t.code)


@report(task_app, "list", help=_("The recurring tasks (--all: the stopped ones too)."))
def task_list(
    s: Session, all_: bool = typer.Option(False, "--all", help=_("Stopped too."))
) -> Report:
    from houqin_cli.calendar import views

    return views.tasks_report(s, stopped=all_)


@report(task_app, "show", help=_("One task: its schedule, owner and latest occurrences."))
def task_show(s: Session, code: TaskCode) -> Report:
    from houqin_cli.calendar import views

    return views.task_report(s, code)


@write(task_app, "edit", help=_("Change a task; completions already stored stay."))
def task_edit(
    s: Session,
    code: TaskCode,
    title: str | None = typer.Option(None, "--title", help=_("The new title.")),
    every: Every = None,
    owner: Owner = None,
    rotate: Rotate = None,
    place: Place = None,
    unit: Unit = None,
    due_days: DueDays = None,
    start: From = None,
    until: Until = None,
    note: Note = None,
) -> Done:
    from houqin_cli.calendar import tasks

    f = _fields(s, title=title, every=every, owner=owner, rotate=rotate, place=place, unit=unit,
                due_days=due_days, start=start, until=until, note=note)  # fmt: skip
    t, changes = tasks.edit(s, code, f)  # type: ignore[arg-type]
    return Done(_("Changed task {code}: {fields}.").format(code=t.code, fields=", ".join(changes)))


@write(task_app, "stop", help=_("Stop a task: no occurrences after the day; history stays."))
def task_stop(
    s: Session,
    code: TaskCode,
    on: str | None = typer.Option(None, "--date", help=_("The last day (default today).")),
) -> Done:
    from houqin_cli.calendar import tasks

    t = tasks.stop(s, code, day(s, on, future=True))
    return Done(_("Stopped task {code} from {day}.").format(code=t.code, day=t.stopped_on))


@write(app, "done", help=_("Mark an occurrence done (a late one is recorded as late)."))
def done(
    s: Session,
    ref: Occurrence,
    on: str | None = typer.Option(None, "--date", help=_("The day it was done (default today).")),
    by: str | None = typer.Option(None, "--by", help=_("Who did it (default its owner).")),
    note: Note = None,
) -> Done:
    from houqin_cli.calendar import agenda

    ev = agenda.mark(s, ref, "done", day(s, on), dated=on is not None, by=by, note=note)
    late = _(" (late)") if ev.late else ""
    return Done(_("Marked {ref} done on {day}{late}.").format(ref=ev.code, day=ev.day, late=late))


@write(app, "skip", help=_("Skip an occurrence, with the reason."))
def skip(
    s: Session,
    ref: Occurrence,
    reason: str = typer.Option(..., "--reason", help=_("Why it is skipped.")),
) -> Done:
    from houqin_cli.calendar import agenda
    from houqin_cli.core.errors import InputError

    if not reason.strip():
        raise InputError(_("A skip needs a reason: --reason TEXT."))
    ev = agenda.mark(s, ref, "skip", day(s, None), dated=True, note=reason)
    return Done(_("Skipped {ref}.").format(ref=ev.code))


@report(
    app, "overdue", help=_("Occurrences past due, neither done nor skipped (exit 1)."), quiet=True
)
def overdue(s: Session) -> Report:
    from houqin_cli.calendar import views

    return views.overdue_report(s)


@report(app, "month", help=_("The month's task list: date, task, owner, place, status."))
def month(
    s: Session,
    when: str | None = typer.Argument(None, metavar="[YYYY-MM]", help=_("Default this month.")),
    owner: Owner = None,
    unit: Unit = None,
) -> Report:
    from houqin_cli.calendar import views

    return views.month_report(s, when, owner, unit)


@report(app, "week", help=_("The week's task list."))
def week(
    s: Session,
    when: str | None = typer.Argument(None, metavar="[YYYY-Www]", help=_("Default this week.")),
    owner: Owner = None,
) -> Report:
    from houqin_cli.calendar import views

    return views.week_report(s, when, owner)


@report(app, "today", help=_("What may be done today, and what is overdue."))
def today_(s: Session) -> Report:
    from houqin_cli.calendar import views

    return views.today_report(s)


@report(
    app,
    "month-start",
    help=_(
        "The month-start report: tasks by owner, overdue, every check's findings, holidays, "
        "budget against last month (exit 1 on findings or overdue)."
    ),
    quiet=True,
)
def month_start(s: Session, month: Month = None) -> Report:
    from houqin_cli.calendar import month_start

    return month_start.report(s, month)
