"""`houqin calendar task …`, `calendar done|skip|overdue|month|week|today`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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

    from houqin_cli.calendar.tasks import Fields
    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()
task_app = typer.Typer(
    help=_("Recurring tasks (例行工作): add, list, show, edit, stop."), no_args_is_help=True
)


# the options `task add` and `task edit` share, added to both signatures by `_with_fields`
FIELDS: dict[str, Any] = {
    "every": Every,
    "owner": Owner,
    "rotate": Rotate,
    "place": Place,
    "unit": Unit,
    "due_days": DueDays,
    "start": From,
    "until": Until,
    "note": Note,
}


def _with_fields(fn: Callable[..., Done]) -> Callable[..., Done]:
    """`fn(s, first, **given)` shown to Typer with the FIELDS options after its own."""
    sig = inspect.signature(fn)
    own = [p for p in sig.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    more = [
        inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=a)
        for k, a in FIELDS.items()
    ]
    fn.__signature__ = sig.replace(parameters=[*own, *more])  # type: ignore[attr-defined]
    return fn


def _fields(s: Session, title: str | None, given: dict[str, Any]) -> Fields:
    from houqin_cli.calendar.tasks import Fields

    for key in ("start", "until"):
        text = given.get(key)
        given[key] = day(s, str(text), future=True) if text else None
    return Fields(title=title, **given)


@write(task_app, "add", help=_("Add a recurring task; prints its code (RW-0001)."))
@_with_fields
def task_add(
    s: Session,
    title: str = typer.Argument(..., help=_("What is to be done, such as 绿化带修剪.")),
    **given: Any,
) -> Done:
    from houqin_cli.calendar import tasks
    from houqin_cli.calendar.views import today

    t = tasks.add(s, _fields(s, title, given), today(s))
    return Done(_("Added task {title} ({code}).").format(title=t.title, code=t.code), t.code)


@report(
    task_app, "list", help=_("The recurring tasks (--all: the stopped ones too)."), session="reader"
)
def task_list(
    s: Reader, all_: bool = typer.Option(False, "--all", help=_("Stopped too."))
) -> Report:
    from houqin_cli.calendar import views

    return views.tasks_report(s, stopped=all_)


@report(
    task_app,
    "show",
    help=_("One task: its schedule, owner and latest occurrences."),
    session="reader",
)
def task_show(s: Reader, code: TaskCode) -> Report:
    from houqin_cli.calendar import views

    return views.task_report(s, code)


@write(task_app, "edit", help=_("Change a task; completions already stored stay."))
@_with_fields
def task_edit(
    s: Session,
    code: TaskCode,
    title: str | None = typer.Option(None, "--title", help=_("The new title.")),
    **given: Any,
) -> Done:
    from houqin_cli.calendar import tasks

    t, changes = tasks.edit(s, code, _fields(s, title, given), day(s, None))
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
    app,
    "overdue",
    help=_("Occurrences past due, neither done nor skipped (exit 1)."),
    quiet=True,
    session="reader",
)
def overdue(s: Reader) -> Report:
    from houqin_cli.calendar import views

    return views.overdue_report(s)


@report(
    app,
    "month",
    help=_("The month's task list: date, task, owner, place, status."),
    session="reader",
)
def month(
    s: Reader,
    when: str | None = typer.Argument(None, metavar="[YYYY-MM]", help=_("Default this month.")),
    owner: Owner = None,
    unit: Unit = None,
) -> Report:
    from houqin_cli.calendar import views

    return views.month_report(s, when, owner, unit)


@report(app, "week", help=_("The week's task list."), session="reader")
def week(
    s: Reader,
    when: str | None = typer.Argument(None, metavar="[YYYY-Www]", help=_("Default this week.")),
    owner: Owner = None,
) -> Report:
    from houqin_cli.calendar import views

    return views.week_report(s, when, owner)


@report(app, "today", help=_("What may be done today, and what is overdue."), session="reader")
def today_(s: Reader) -> Report:
    from houqin_cli.calendar import views

    return views.today_report(s)


@report(
    app,
    "month-start",
    help=_(
        "The month-start report: tasks by owner, overdue, every check's findings, holidays, "
        "budget against last month (exit 1 on findings or overdue). The journal is verified "
        "as `houqin check --quick` does, from the last full verification on this computer."
    ),
    quiet=True,
    session="reader",
)
def month_start(r: Reader, month: Month = None) -> Report:
    from houqin_cli.calendar import month_start

    return month_start.report(r, month)
