"""`houqin safety plan add|list|show|edit|stop|load|shipped`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, Note, complete, day, report, write
from houqin_cli.core.i18n import _
from houqin_cli.safety.cli.args import PlanCode

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer(
    help=_("Safety inspection plans (安全检查计划): add, list, show, edit, stop, load."),
    no_args_is_help=True,
)

EVERY = typer.Option(None, "--every", help=_("The schedule: daily, weekly:mon, monthly:1, …"))
PLACES = typer.Option(
    None, "--place", help=_("A place it covers (repeat for more)."), shell_complete=complete.PLACE
)
KIND = typer.Option(None, "--kind", help=_("The place kinds it covers: classroom,office, …"))
CHECKLIST = typer.Option(None, "--checklist", help=_('The items: "项目1;项目2;…".'))
OWNER = typer.Option(
    None, "--owner", help=_("The person who does it."), shell_complete=complete.PERSON
)
ROTATE = typer.Option(None, "--rotate", help=_("People taking turns, comma-separated: 王芳,李强."))
FROM = typer.Option(None, "--from", help=_("The first day (default today)."))


def _fields(s: Session, name: str | None, every: str | None, place: list[str] | None,
            kind: str | None, checklist: str | None, owner: str | None, rotate: str | None,
            start: str | None, note: str | None) -> object:  # fmt: skip
    from houqin_cli.safety.plans import Fields

    return Fields(name=name, every=every, places=place or None, kind=kind, checklist=checklist,
                  owner=owner, rotate=rotate, start=day(s, start, future=True) if start else None,
                  note=note)  # fmt: skip


@write(app, "add", help=_("Add a safety plan; prints its code (AJ-0001)."))
def plan_add(
    s: Session,
    name: str = typer.Argument(..., help=_("What is inspected, such as 消防器材检查.")),
    every: str | None = EVERY,
    place: list[str] | None = PLACES,
    kind: str | None = KIND,
    checklist: str | None = CHECKLIST,
    owner: str | None = OWNER,
    rotate: str | None = ROTATE,
    start: str | None = FROM,
    note: Note = None,
) -> Done:
    from houqin_cli.safety import plans

    f = _fields(s, name, every, place, kind, checklist, owner, rotate, start, note)
    p = plans.add(s, f, day(s, None))  # type: ignore[arg-type]
    return Done(_("Added safety plan {name} ({code}).").format(name=p.name, code=p.code), p.code)


@report(app, "list", help=_("The safety plans (--all: the stopped ones too)."), session="reader")
def plan_list(
    s: Reader, all_: bool = typer.Option(False, "--all", help=_("Stopped too."))
) -> Report:
    from houqin_cli.safety import views

    return views.plans_report(s, stopped=all_)


@report(app, "show", help=_("One plan: schedule, checklist, next due, latest records."),
        session="reader")  # fmt: skip
def plan_show(s: Reader, code: PlanCode) -> Report:
    from houqin_cli.safety import views

    return views.plan_report(s, code)


@report(app, "shipped", help=_("The plans `plan load` adds."), session=None)
def plan_shipped() -> Report:
    from houqin_cli.safety import views

    return views.shipped_report()


@write(app, "edit", help=_("Change a plan; the records already stored stay."))
def plan_edit(
    s: Session,
    code: PlanCode,
    name: str | None = typer.Option(None, "--name", help=_("The new name.")),
    every: str | None = EVERY,
    place: list[str] | None = PLACES,
    kind: str | None = KIND,
    checklist: str | None = CHECKLIST,
    owner: str | None = OWNER,
    rotate: str | None = ROTATE,
    note: Note = None,
) -> Done:
    from houqin_cli.core.columns import field_names
    from houqin_cli.safety import plans

    f = _fields(s, name, every, place, kind, checklist, owner, rotate, None, note)
    p, changes = plans.edit(s, code, f)  # type: ignore[arg-type]
    return Done(_("Changed safety plan {code}: {fields}.").format(
        code=p.code, fields=field_names(changes)))  # fmt: skip


@write(app, "stop", help=_("Stop a plan: nothing due after the day; its records stay."))
def plan_stop(
    s: Session,
    code: PlanCode,
    on: str | None = typer.Option(None, "--date", help=_("The last day (default today).")),
) -> Done:
    from houqin_cli.safety import plans

    p = plans.stop(s, code, day(s, on, future=True))
    return Done(_("Stopped safety plan {code} from {day}.").format(code=p.code, day=p.stopped_on))


@write(
    app,
    "load",
    help=_(
        "Load the shipped plans (the office's inspections), once. The fire-fighting "
        "equipment is checked monthly by default: 消防法 §16 requires regular checks "
        "and names no interval."
    ),
)
def plan_load(s: Session) -> Done:
    from houqin_cli.safety import plans

    made = plans.load(s, day(s, None))
    return Done(_("Loaded the shipped safety plans: {n}, {first} to {last}.").format(
        n=len(made), first=made[0].code, last=made[-1].code))  # fmt: skip
