"""`houqin safety record|due|check|report`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, Month, day, report, say, write
from houqin_cli.core.i18n import _
from houqin_cli.safety.cli.args import By, Date, Place, PlanCode

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()


@write(app, "record", help=_("Record an inspection done, item by item; each problem opens a "
                             "hazard. Prints its code (AQ-2026-0001)."))  # fmt: skip
def record(
    s: Session,
    code: PlanCode,
    by: By,
    on: Date = None,
    place: Place = None,
    ok: list[str] | None = typer.Option(None, "--ok", help=_("An item found in order (repeat).")),
    problem: list[str] | None = typer.Option(
        None, "--problem", help=_('An item with a problem: "ITEM=what was found" (repeat).')
    ),
) -> Done:
    from houqin_cli.safety import records

    rec, opened = records.record(s, code, by=by, day=day(s, on), place=place, ok=ok or [],
                                 problems=problem or [])  # fmt: skip
    if opened:
        say(_("Opened hazards: {codes}.").format(codes=", ".join(opened)))
    return Done(_("Recorded inspection {code} ({key}).").format(code=rec.code, key=rec.key),
                rec.code)  # fmt: skip


@report(app, "due", help=_("Inspections due this week (or --month) and those overdue. A due day on a "
             "weekend or holiday moves to the next school day (a 调休 Saturday is one); the "
             "daily fire patrol keeps every day."),
        session="reader")  # fmt: skip
def due(
    s: Reader,
    week: bool = typer.Option(False, "--week", help=_("This week (the default).")),
    month: bool = typer.Option(False, "--month", help=_("This month.")),
) -> Report:
    from houqin_cli.core.errors import InputError
    from houqin_cli.safety import views

    if week and month:
        raise InputError(_("Give --week or --month, not both."))
    return views.due_report(s, month=month)


@report(app, "check", help=_("Safety's checks: inspections past due, hazards past deadline or "
                             "not re-checked, crack growth, unpaid fines (exit 1)."),
        quiet=True, session="reader")  # fmt: skip
def check(s: Reader) -> Report:
    from houqin_cli.safety import views

    return views.check_report(s)


@report(app, "report", help=_("The month's safety report: inspections done against due, "
                              "problems, hazards opened and closed, violations and fines."),
        session="reader")  # fmt: skip
def month_report(s: Reader, month: Month = None) -> Report:
    from houqin_cli.safety import views

    return views.month_report(s, month)
