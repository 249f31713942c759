"""`houqin safety watch add|record|list`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, report, say, write
from houqin_cli.core.i18n import _
from houqin_cli.safety.cli.args import By, Date

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer(
    help=_("Measurements that must not grow (a crack gauge): add, record, list."),
    no_args_is_help=True,
)


@write(app, "add", help=_("Add a watched measurement, such as a crack gauge."))
def watch_add(
    s: Session,
    name: str = typer.Argument(..., help=_("Its name, such as 教学楼东墙裂缝.")),
    place: str = typer.Option(..., "--place", help=_("Where."), shell_complete=complete.PLACE),
    unit: str = typer.Option(..., "--unit", help=_("The unit of its readings, such as mm.")),
    alert: str | None = typer.Option(
        None, "--alert-growth", help=_("Growth that is a finding (default 0.2).")
    ),
) -> Done:
    from houqin_cli.safety import watches

    w = watches.add(s, name, place, unit, alert)
    return Done(_("Added watch {name} ({code}).").format(name=w.name, code=w.code), w.code)


@write(app, "record", help=_("Record a reading; growth beyond the alert opens a major hazard."))
def watch_record(
    s: Session,
    name: str = typer.Argument(..., help=_("The watch's name or code.")),
    value: str = typer.Argument(..., help=_("The reading, such as 1.25.")),
    by: By = ...,  # type: ignore[assignment]
    on: Date = None,
) -> Done:
    from houqin_cli.safety import watches

    w, grew, hz = watches.record(s, name, value, day(s, on), by)
    if grew is not None:
        say(_("Growth beyond the alert{hazard}.").format(
            hazard=_(": opened hazard {code}").format(code=hz.code) if hz else ""))  # fmt: skip
    return Done(_("Recorded {value} for {name}.").format(value=value, name=w.name))


@report(app, "list", help=_("The watches: first and last readings, growth."), session="reader")
def watch_list(s: Reader) -> Report:
    from houqin_cli.safety import views

    return views.watches_report(s)
