"""`houqin asset count`: the count (资产清查) commands."""

from __future__ import annotations

from pathlib import Path

import typer

from houqin_cli.asset.cli.args import AssetArg
from houqin_cli.cli import Code, DryRun, Format, Output, created, run_import, say, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

app = typer.Typer(help=_("The count (资产清查)."), no_args_is_help=True)


@app.command("start", help=_("Start a count of a place, a unit or everything."))
def count_start(
    place: str | None = typer.Option(None, "--place", help=_("A room.")),
    unit: str | None = typer.Option(None, "--unit", help=_("A class or department.")),
    all_: bool = typer.Option(False, "--all", help=_("Every card.")),
) -> None:
    from houqin_cli.asset import count

    with state().write() as s:
        c = count.start(s, s.info["actor"], place, unit, all_)
        code = c.code
    created(code, _("Started asset count {code}.").format(code=code))


@app.command("sheet", help=_("A count sheet to fill in."))
def count_sheet(code: Code, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.asset import count

    with state().read() as s:
        c, rows = count.sheet(s, code)
        title = _("Asset count sheet {code}").format(code=c.code)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("spec", _("Spec")),
        Column("qty", _("Qty"), "int"),
        Column("unit", _("Unit of measure")),
        Column("place", _("Place")),
        Column("result", _("Result")),
        Column("found_at", _("Found at")),
    ]
    show(Report(title, cols, rows), fmt, output)


@app.command("record", help=_("Record a card as found, missing, or found at another place."))
def count_record(
    code: Code,
    asset: str = AssetArg,
    found: bool = typer.Option(False, "--found", help=_("Found where it should be.")),
    missing: bool = typer.Option(False, "--missing", help=_("Not found.")),
    at: str | None = typer.Option(None, "--at", help=_("Found at this place.")),
) -> None:
    from houqin_cli.asset import count

    with state().write() as s:
        result = count.record(s, s.info["actor"], code, asset, found, missing, at)
    say(_("Recorded {asset}: {status}.").format(asset=asset, status=result))


@app.command("import", help=_("Import a filled-in count sheet."))
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


@app.command("report", help=_("Exit 1 on missing, misplaced or unrecorded cards."))
def count_report(code: Code, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.asset import count

    with state().read() as s:
        c, rows, findings = count.report(s, code)
        title = _("Asset count {code}").format(code=c.code)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("qty", _("Qty"), "int"),
        Column("place", _("Place")),
        Column("result", _("Result")),
        Column("found_at", _("Found at")),
    ]
    show(Report(title, cols, rows, findings=findings, rows_key="lines"), fmt, output)


@app.command("close", help=_("Close the count: misplaced cards move to where they were found."))
def count_close(
    code: Code,
    approved_by: str | None = typer.Option(
        None, "--approved-by", help=_("Who approved the count.")
    ),
) -> None:
    from houqin_cli.asset import count

    with state().write() as s:
        c, moved = count.close(s, s.info["actor"], code, approved_by)
        cc = c.code
    say(
        _("Closed asset count {code}; {n} cards moved to where they were found.").format(
            code=cc, n=moved
        )
    )
