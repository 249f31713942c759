"""`houqin term`: the school's terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, report, write
from houqin_cli.core.columns import field_names
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

term_app = typer.Typer(
    help=_("School terms (学期): named like 2026-spring, with first and last day."),
    no_args_is_help=True,
)


@write(term_app, "add", help=_("Add a term; terms may not overlap."))
def term_add(
    s: Session,
    name: str = typer.Argument(..., help=_("Like 2026-autumn.")),
    start: str = typer.Option(..., "--start", help=_("First day.")),
    end: str = typer.Option(..., "--end", help=_("Last day.")),
) -> Done:
    from houqin_cli.calendar import service

    t = service.add_term(s, name, day(s, start, future=True), day(s, end, future=True))
    return Done(_("Added term {name}.").format(name=t.name), t.name)


@report(term_app, "list", help=_("List the terms."), session="reader")
def term_list(r: Reader) -> Report:
    from houqin_cli.calendar import term_reads

    return term_reads.terms_report(r)


@report(
    term_app,
    "current",
    help=_("Show the term that today falls in (exit 3 if none)."),
    session="reader",
)
def term_current(r: Reader) -> Report:
    from houqin_cli.calendar import term_reads

    return term_reads.current_report(r)


@write(term_app, "edit", help=_("Correct a term's name or days; terms may not overlap."))
def term_edit(
    s: Session,
    name: str = typer.Argument(
        ..., help=_("The term, like 2026-autumn."), shell_complete=complete.TERM
    ),
    new_name: str | None = typer.Option(None, "--name", help=_("The term's new name.")),
    start: str | None = typer.Option(None, "--start", help=_("New first day.")),
    end: str | None = typer.Option(None, "--end", help=_("New last day.")),
) -> Done:
    from houqin_cli.calendar import service

    t, changes = service.edit_term(
        s,
        name,
        new_name=new_name,
        start=day(s, start, future=True) if start else None,
        end=day(s, end, future=True) if end else None,
    )
    return Done(
        _("Changed term {name}: {fields}.").format(name=t.name, fields=field_names(changes))
    )
