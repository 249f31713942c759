"""`houqin term`: the school's terms."""

from __future__ import annotations

import typer

from houqin_cli.cli import Format, Output, created, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

term_app = typer.Typer(
    help=_("School terms (学期): named like 2026-spring, with first and last day."),
    no_args_is_help=True,
)


TERM_COLUMNS = [
    Column("name", _("Term")),
    Column("start", _("Start"), "date"),
    Column("end", _("End"), "date"),
]


@term_app.command("add", help=_("Add a term; terms may not overlap."))
def term_add(
    name: str = typer.Argument(..., help=_("Like 2026-autumn.")),
    start: str = typer.Option(..., "--start", help=_("First day.")),
    end: str = typer.Option(..., "--end", help=_("Last day.")),
) -> None:
    from houqin_cli.calendar import service
    from houqin_cli.core import clock, settings

    with state().write() as s:
        tz = settings.timezone(s)
        t = service.add_term(s, name, clock.parse_date(start, tz), clock.parse_date(end, tz))
        label = t.name
    created(label, _("Added term {name}.").format(name=label))


@term_app.command("list", help=_("List the terms."))
def term_list(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.calendar import service

    with state().read() as s:
        rows = [{"name": t.name, "start": t.start, "end": t.end} for t in service.terms(s)]
    show(Report(_("Terms"), TERM_COLUMNS, rows), fmt, output)


@term_app.command("current", help=_("Show the term that today falls in (exit 3 if none)."))
def term_current(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.calendar import service
    from houqin_cli.core import clock, settings
    from houqin_cli.core.errors import RuleError

    with state().read() as s:
        today = clock.today(settings.timezone(s))
        t = service.term_at(s, today)
        if t is None:
            raise RuleError(
                _("No term covers {day}; add one with `houqin term add`.").format(day=today)
            )
        row = {"name": t.name, "start": t.start, "end": t.end}
    show(Report(_("Current term"), TERM_COLUMNS, [row], record=True), fmt, output)


# -- config ------------------------------------------------------------------------
