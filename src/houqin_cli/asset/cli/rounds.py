"""The rounds: `houqin asset inspect` (class and office inspections, and what a term
owes) and `houqin asset count` (资产清查)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from houqin_cli.asset.cli.args import (
    AssetArg,
    CausedBy,
    Correct,
    Everything,
    ScopePlace,
    ScopeUnit,
    TermOpt,
    made,
)
from houqin_cli.cli import (
    Code,
    Done,
    DryRun,
    Note,
    Pieces,
    complete,
    report,
    run_import,
    shows,
    write,
)
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

inspect_app = typer.Typer(
    help=_("Inspections: classes mid- and end-of-term, offices once a term."), no_args_is_help=True
)


@write(inspect_app, "start", help=_("Start an inspection of a unit, a place or everything."))
def inspect_start(
    s: Session,
    kind: str = typer.Option(
        ...,
        "--kind",
        help=_("mid, end or term."),
        shell_complete=complete.labels("inspection_kind"),
    ),
    term: TermOpt = None,
    unit: ScopeUnit = None,
    place: ScopePlace = None,
    all_: Everything = False,
) -> Done:
    from houqin_cli.asset import inspections

    insp, n = inspections.start(s, s.info["actor"], kind, term, unit, place, all_)
    return made(
        _(
            "Started inspection {code}: {n} cards to inspect (`houqin asset inspect report {code}` lists them)."
        ),
        insp.code,
        n=n,
    )


@write(inspect_app, "record", help=_("Record a card's state; damaged opens a damage record."))
def inspect_record(
    s: Session,
    code: Code,
    asset: AssetArg,
    status: str = typer.Option(
        ...,
        "--status",
        help=_("ok, damaged or missing."),
        shell_complete=complete.labels("condition"),
    ),
    cause: str | None = typer.Option(
        None,
        "--cause",
        help=_("human or natural (for damaged)."),
        shell_complete=complete.labels("damage_cause"),
    ),
    by: CausedBy = None,
    qty: Pieces = None,
    note: Note = None,
    correct: Correct = False,
) -> Done:
    from houqin_cli.asset import inspections

    inspections.record(s, s.info["actor"], code, asset, status, cause, by, qty, note, correct)
    return Done(_("Recorded {asset}: {status}.").format(asset=asset, status=status))


INSPECT_REPORT_HELP = _("Every card in scope; exit 1 for damaged, missing or uninspected cards.")
shows(inspect_app, "report", INSPECT_REPORT_HELP, "asset.inspections:report", code=Code)


@write(inspect_app, "close", help=_("Close an inspection."))
def inspect_close(
    s: Session,
    code: Code,
    uninspected_as_ok: bool = typer.Option(
        False, "--uninspected-as-ok", help=_("Record the cards not inspected yet as ok.")
    ),
) -> Done:
    from houqin_cli.asset import inspections

    insp = inspections.close(s, s.info["actor"], code, uninspected_as_ok)
    return Done(_("Closed inspection {code}.").format(code=insp.code))


@report(
    inspect_app,
    "due",
    help=_("The inspections a term still owes; overdue ones are findings (exit 1)."),
    session="reader",
)
def inspect_due(
    s: Reader,
    term: TermOpt = None,
) -> Report:
    from houqin_cli.asset import owing

    return owing.owed_report(s, term)


# -- the count ------------------------------------------------------------------

count_app = typer.Typer(help=_("The count (资产清查)."), no_args_is_help=True)


@write(count_app, "start", help=_("Start a count of a place, a unit or everything."))
def count_start(
    s: Session, place: ScopePlace = None, unit: ScopeUnit = None, all_: Everything = False
) -> Done:
    from houqin_cli.asset import count

    c = count.start(s, s.info["actor"], place, unit, all_)
    return made(_("Started asset count {code}."), c.code)


shows(count_app, "sheet", _("A count sheet to fill in."), "asset.forms:count_sheet", code=Code)


@write(count_app, "record", help=_("Record a card as found, missing, or found at another place."))
def count_record(
    s: Session,
    code: Code,
    asset: AssetArg,
    found: bool = typer.Option(False, "--found", help=_("Found where it should be.")),
    missing: bool = typer.Option(False, "--missing", help=_("Not found.")),
    at: str | None = typer.Option(
        None, "--at", help=_("Found at this place."), shell_complete=complete.PLACE
    ),
    correct: Correct = False,
) -> Done:
    from houqin_cli.asset import count

    result = count.record(s, s.info["actor"], code, asset, found, missing, at, correct)
    return Done(_("Recorded {asset}: {status}.").format(asset=asset, status=result))


@count_app.command("import", help=_("Import a filled-in count sheet."))
def count_import(
    code: Code,
    file: Path = typer.Argument(..., help=_("The filled-in sheet.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.asset import count

    run_import(
        lambda s, actor: count.import_file(s, actor, code, file),
        file,
        dry_run,
        _("Checked {file}: {n} results would be recorded; nothing written."),
        _("Recorded {n} results from {file}."),
    )


COUNT_REPORT_HELP = _("Exit 1 on missing, misplaced or unrecorded cards.")
shows(count_app, "report", COUNT_REPORT_HELP, "asset.count:report", code=Code)


@write(
    count_app, "close", help=_("Close the count: misplaced cards move to where they were found.")
)
def count_close(
    s: Session,
    code: Code,
    approved_by: str | None = typer.Option(
        None, "--approved-by", help=_("Who approved the count."), shell_complete=complete.PERSON
    ),
    unrecorded_as_missing: bool = typer.Option(
        False, "--unrecorded-as-missing", help=_("Record the cards not counted yet as missing.")
    ),
) -> Done:
    from houqin_cli.asset import count

    c, moved = count.close(s, s.info["actor"], code, approved_by, unrecorded_as_missing)
    return Done(
        _("Closed asset count {code}; {n} cards moved to where they were found.").format(
            code=c.code, n=moved
        )
    )
