"""`houqin stock count`: the stocktake (盘点) commands."""

from __future__ import annotations

from pathlib import Path

import typer

from houqin_cli.cli import (
    Category,
    DryRun,
    Format,
    Note,
    Output,
    created,
    day,
    run_import,
    say,
    show,
    state,
)
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report
from houqin_cli.stock.cli.args import ItemArg, QtyArg

# -- the stocktake -----------------------------------------------------------------------

app = typer.Typer(
    help=_("The stocktake (盘点): start, sheet, record, import, report, close."),
    no_args_is_help=True,
)
CodeArg = typer.Argument(..., help=_("The stocktake's code, such as PD-2026-0001."))


@app.command("start", help=_("Start a stocktake of everything, or of one category."))
def count_start(
    category: Category = None,
    note: Note = None,
) -> None:
    from houqin_cli.stock import count

    with state().write() as s:
        c = count.start(s, s.info["actor"], category, note, day(s, None))
        code = c.code
    created(code, _("Started stocktake {code}.").format(code=code))


@app.command("sheet", help=_("A printable count sheet with an empty counted column."))
def count_sheet(code: str = CodeArg, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.stock import count

    with state().read() as s:
        c, rows = count.sheet(s, code)
        title = _("Count sheet {code}").format(code=c.code)
    cols = [
        Column("item_code", _("Code")),
        Column("item", _("Item")),
        Column("spec", _("Spec")),
        Column("unit", _("Unit of measure")),
        Column("category", _("Category")),
        Column("counted", _("Counted"), "qty"),
    ]
    show(Report(title, cols, rows), fmt, output)


@app.command("record", help=_("Record what was counted of one item."))
def count_record(code: str = CodeArg, item: str = ItemArg, qty: str = QtyArg) -> None:
    from houqin_cli.stock import count

    with state().write() as s:
        it, _milli = count.record(s, s.info["actor"], code, item, qty)
        name = it.name
    say(_("Counted {item}: {qty}.").format(item=name, qty=qty))


@app.command("import", help=_("Import the filled-in count sheet (.csv or .xlsx)."))
def count_import(
    code: str = CodeArg,
    file: Path = typer.Argument(..., help=_("The filled-in sheet.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.stock import count

    run_import(
        lambda s, actor: count.import_counts(s, actor, code, file),
        file,
        dry_run,
        _("Checked {file}: {n} counts would be recorded; nothing written."),
        _("Recorded {n} counts from {file}."),
    )


@app.command(
    "report", help=_("Book against counted per item; exit 1 on any difference or uncounted item.")
)
def count_report(code: str = CodeArg, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.stock import count

    with state().read() as s:
        c, rows, findings = count.report(s, code)
        title = _("Stocktake {code}").format(code=c.code)
    cols = [
        Column("item_code", _("Code")),
        Column("item", _("Item")),
        Column("unit", _("Unit of measure")),
        Column("book", _("Book"), "qty"),
        Column("counted", _("Counted"), "qty"),
        Column("difference", _("Difference"), "qty"),
        Column("difference_value", _("Difference value"), "money"),
    ]
    show(Report(title, cols, rows, findings=findings, rows_key="lines"), fmt, output)


@app.command("close", help=_("Post the differences as gains and losses and close the stocktake."))
def count_close(
    code: str = CodeArg,
    approved_by: str | None = typer.Option(
        None, "--approved-by", help=_("Who approved the differences.")
    ),
    uncounted_as_book: bool = typer.Option(
        False, "--uncounted-as-book", help=_("Take uncounted items as matching the books.")
    ),
) -> None:
    from houqin_cli.stock import count

    with state().write() as s:
        c, posted = count.close(
            s, s.info["actor"], code, approved_by, uncounted_as_book, day(s, None)
        )
        code_ = c.code
    say(
        _("Closed stocktake {code}; posted {n} movements: {codes}.").format(
            code=code_, n=len(posted), codes=", ".join(posted) or "-"
        )
    )
