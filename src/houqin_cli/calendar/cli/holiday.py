"""`houqin calendar holiday`: holidays and make-up workdays (调休)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, DryRun, day, report, run_import, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer(
    help=_("Holidays and make-up workdays (调休): the State Council's, and those entered."),
    no_args_is_help=True,
)


@report(
    app,
    "list",
    help=_("The year's holidays and 调休 workdays (exit 3 if none are known)."),
    session="reader",
)
def holiday_list(
    s: Reader, year: int | None = typer.Argument(None, help=_("The year (default this year)."))
) -> Report:
    from houqin_cli.calendar import holidays

    return holidays.list_report(s, year)


@write(app, "add", help=_("Enter a holiday (--off) or a make-up workday (--workday), or a run."))
def holiday_add(
    s: Session,
    first: str = typer.Argument(..., metavar="DATE", help=_("The day (the first of a run).")),
    name: str = typer.Argument(..., help=_("Like 国庆节.")),
    to: str | None = typer.Option(None, "--to", help=_("The last day of a run.")),
    off: bool = typer.Option(False, "--off", help=_("A day off.")),
    workday: bool = typer.Option(False, "--workday", help=_("A make-up workday (调休).")),
) -> Done:
    from houqin_cli.calendar import holidays
    from houqin_cli.core.errors import InputError

    if off == workday:
        raise InputError(_("Give --off (a holiday) or --workday (a make-up workday, 调休)."))
    start = day(s, first, future=True)
    end = day(s, to, future=True) if to else None
    rows = holidays.add(s, start, end, name, "off" if off else "workday")
    return Done(
        _("Entered {name}: {n} days from {start}.").format(
            name=rows[0].name, n=len(rows), start=start
        )
    )


@app.command("import", help=_("Import holidays from .csv or .xlsx: date, to, name, kind."))
def holiday_import(
    file: Path = typer.Argument(..., help=_("The table typed from the State Council's notice.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.calendar import holidays

    run_import(
        lambda s, actor: holidays.import_file(s, actor, file),
        file,
        dry_run,
        _("Checked {file}: {n} days would be entered; nothing written."),
        _("Entered {n} days from {file}."),
    )
