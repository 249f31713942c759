"""`houqin calendar plan`: the yearly plan shipped with the program."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.report import Report

app = typer.Typer(
    help=_("The yearly plan (后勤工作计划) shipped with the program: show, load."),
    no_args_is_help=True,
)


@report(app, "show", help=_("The shipped plan: when, task, schedule."), session=None)
def plan_show() -> Report:
    from houqin_cli.calendar import plan

    return plan.show_report()


@write(app, "load", help=_("Load the plan as recurring tasks, once (exit 3 unless --replace)."))
def plan_load(
    s: Session,
    school_year: int | None = typer.Option(
        None, "--school-year", help=_("The school year, from 1 August (default the current one).")
    ),
    replace: bool = typer.Option(
        False, "--replace", help=_("Stop the tasks of the last load and load the plan anew.")
    ),
) -> Done:
    from houqin_cli.calendar import plan

    made = plan.load(s, school_year, replace)
    return Done(
        _("Loaded the plan: {n} tasks, {first} to {last}.").format(
            n=len(made), first=made[0].code, last=made[-1].code
        )
    )
