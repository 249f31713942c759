"""`houqin safety hazard add|fix|recheck|list|show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, report, say, write
from houqin_cli.core.i18n import _
from houqin_cli.safety.cli.args import By, Date, HazardCode

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer(
    help=_("Hazards (隐患): add, fix, re-check (by someone else), list."), no_args_is_help=True
)


@write(app, "add", help=_("Record a hazard found; prints its code (YH-2026-0001)."))
def hazard_add(
    s: Session,
    place: str = typer.Option(..., "--place", help=_("Where."), shell_complete=complete.PLACE),
    what: str = typer.Option(..., "--what", help=_("What was found.")),
    level: str = typer.Option("minor", "--level", help=_("minor or major.")),
    owner: str = typer.Option(
        ..., "--owner", help=_("Who fixes it."), shell_complete=complete.PERSON
    ),  # fmt: skip
    deadline: str = typer.Option(..., "--deadline", help=_("Fixed by this day.")),
    found: str | None = typer.Option(None, "--found", help=_("The day found (default today).")),
) -> Done:
    from houqin_cli.safety import hazards

    hz = hazards.add(s, place=place, what=what, level=level, owner=owner,
                     deadline=day(s, deadline, future=True), found=day(s, found))  # fmt: skip
    return Done(_("Added hazard {code}, to be fixed by {deadline}.").format(
        code=hz.code, deadline=hz.deadline), hz.code)  # fmt: skip


@write(app, "fix", help=_("Mark a hazard fixed; someone else re-checks it."))
def hazard_fix(
    s: Session,
    code: HazardCode,
    by: By,
    note: str = typer.Option(..., "--note", help=_("What was done.")),
    on: Date = None,
    repair: bool = typer.Option(False, "--repair", help=_("Open a repair order for it.")),
) -> Done:
    from houqin_cli.safety import hazards

    hz = hazards.fix(s, code, by, note, day(s, on), repair)
    if hz.repair_code:
        say(_("Repair order {order} opened for {code}.").format(order=hz.repair_code, code=hz.code))
    return Done(_("Fixed {code}; it waits for a re-check by someone else.").format(code=hz.code))


@write(app, "recheck", help=_("Re-check a fixed hazard: --pass closes it, --fail reopens it "
                              "with a new deadline."))  # fmt: skip
def hazard_recheck(
    s: Session,
    code: HazardCode,
    by: By,
    passed: bool | None = typer.Option(None, "--pass/--fail", help=_("Whether the fix holds.")),
    note: str | None = typer.Option(None, "--note", help=_("A note.")),
    deadline: str | None = typer.Option(
        None, "--deadline", help=_("With --fail: the new deadline.")
    ),
    on: Date = None,
) -> Done:
    from houqin_cli.core.errors import InputError
    from houqin_cli.safety import hazards

    if passed is None:
        raise InputError(_("Give --pass or --fail."))
    nd = day(s, deadline, future=True) if deadline else None
    hz = hazards.recheck(s, code, by, passed, note, day(s, on), nd)
    if passed:
        return Done(_("Re-checked {code}: passed; closed.").format(code=hz.code))
    return Done(_("Re-checked {code}: failed; open again, to be fixed by {deadline}.").format(
        code=hz.code, deadline=hz.deadline))  # fmt: skip


@report(app, "list", help=_("The hazards (--open: not closed; --overdue: past deadline)."),
        session="reader")  # fmt: skip
def hazard_list(
    s: Reader,
    open_: bool = typer.Option(False, "--open", help=_("Only those not closed.")),
    overdue: bool = typer.Option(False, "--overdue", help=_("Only those past their deadline.")),
    place: str | None = typer.Option(
        None, "--place", help=_("Only this place."), shell_complete=complete.PLACE
    ),  # fmt: skip
) -> Report:
    from houqin_cli.safety import views

    return views.hazards_report(s, open_only=open_, overdue=overdue, place=place)


@report(app, "show", help=_("One hazard: found, fixed, re-checks."), session="reader")
def hazard_show(s: Reader, code: HazardCode) -> Report:
    from houqin_cli.safety import views

    return views.hazard_report(s, code)
