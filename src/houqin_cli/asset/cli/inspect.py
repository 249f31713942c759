"""`houqin asset inspect`: class and office inspections, and what a term owes."""

from __future__ import annotations

import typer

from houqin_cli.asset.cli.args import AssetArg
from houqin_cli.cli import Code, Format, Note, Output, Pieces, created, say, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

app = typer.Typer(
    help=_("Inspections: classes mid- and end-of-term, offices once a term."), no_args_is_help=True
)


@app.command("start", help=_("Start an inspection of a unit, a place or everything."))
def inspect_start(
    kind: str = typer.Option(..., "--kind", help=_("mid, end or term.")),
    term: str = typer.Option(..., "--term", help=_("The term, such as 2026-autumn.")),
    unit: str | None = typer.Option(None, "--unit", help=_("A class or department.")),
    place: str | None = typer.Option(None, "--place", help=_("A room.")),
    all_: bool = typer.Option(False, "--all", help=_("Every card.")),
) -> None:
    from houqin_cli.asset import inspections

    with state().write() as s:
        insp, n = inspections.start(s, s.info["actor"], kind, term, unit, place, all_)
        code = insp.code
    created(
        code,
        _(
            "Started inspection {code}: {n} cards to inspect (`houqin asset inspect report {code}` lists them)."
        ).format(code=code, n=n),
    )


@app.command("record", help=_("Record a card's state; damaged opens a damage record."))
def inspect_record(
    code: Code,
    asset: str = AssetArg,
    status: str = typer.Option(..., "--status", help=_("ok, damaged or missing.")),
    cause: str | None = typer.Option(None, "--cause", help=_("human or natural (for damaged).")),
    by: str | None = typer.Option(None, "--by", help=_("Who caused it: a person or a unit.")),
    qty: Pieces = None,
    note: Note = None,
) -> None:
    from houqin_cli.asset import inspections

    with state().write() as s:
        inspections.record(s, s.info["actor"], code, asset, status, cause, by, qty, note)
    say(_("Recorded {asset}: {status}.").format(asset=asset, status=status))


@app.command(
    "report", help=_("Every card in scope; exit 1 for damaged, missing or uninspected cards.")
)
def inspect_report(code: Code, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.asset import inspections

    with state().read() as s:
        insp, rows, findings = inspections.report(s, code)
        title = _("Inspection {code}").format(code=insp.code)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("place", _("Place")),
        Column("qty", _("Qty"), "int"),
        Column("status", _("Status")),
        Column("cause", _("Cause")),
        Column("note", _("Note")),
    ]
    show(Report(title, cols, rows, findings=findings, rows_key="lines"), fmt, output)


@app.command("close", help=_("Close an inspection."))
def inspect_close(code: Code) -> None:
    from houqin_cli.asset import inspections

    with state().write() as s:
        insp = inspections.close(s, s.info["actor"], code)
        c = insp.code
    say(_("Closed inspection {code}.").format(code=c))


@app.command(
    "due", help=_("The inspections a term still owes; overdue ones are findings (exit 1).")
)
def inspect_due(
    term: str | None = typer.Option(None, "--term", help=_("The term (default: the current one).")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.asset import inspections

    with state().read() as s:
        report = inspections.owed_report(s, term)
    show(report, fmt, output)
