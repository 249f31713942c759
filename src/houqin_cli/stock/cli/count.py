"""`houqin stock count`: the stocktake (盘点) commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Category, Done, DryRun, Note, complete, day, run_import, shows, write
from houqin_cli.core.i18n import _
from houqin_cli.stock.cli.args import CountCode, Item, Qty

if TYPE_CHECKING:
    from sqlmodel import Session


app = typer.Typer(
    help=_("The stocktake (盘点): start, sheet, record, import, report, close."),
    no_args_is_help=True,
)


@write(app, "start", help=_("Start a stocktake of everything, or of one category."))
def count_start(s: Session, category: Category = None, note: Note = None) -> Done:
    from houqin_cli.stock import count

    c = count.start(s, s.info["actor"], category, note, day(s, None))
    return Done(_("Started stocktake {code}.").format(code=c.code), c.code)


SHEET_HELP = _("A printable count sheet with an empty counted column.")
shows(app, "sheet", SHEET_HELP, "stock.forms:count_sheet", code=CountCode)


@write(app, "record", help=_("Record what was counted of one item."))
def count_record(s: Session, code: CountCode, item: Item, qty: Qty) -> Done:
    from houqin_cli.stock import count

    it, _milli = count.record(s, s.info["actor"], code, item, qty)
    return Done(_("Counted {item}: {qty}.").format(item=it.name, qty=qty))


@app.command("import", help=_("Import the filled-in count sheet (.csv or .xlsx)."))
def count_import(
    code: CountCode,
    file: Path = typer.Argument(..., help=_("The filled-in sheet.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.stock.count_import import import_counts

    run_import(
        lambda s, actor: import_counts(s, actor, code, file),
        file,
        dry_run,
        _("Checked {file}: {n} counts would be recorded; nothing written."),
        _("Recorded {n} counts from {file}."),
    )


REPORT_HELP = _("Book against counted per item; exit 1 on any difference or uncounted item.")
shows(app, "report", REPORT_HELP, "stock.count:report", code=CountCode)


@write(app, "close", help=_("Post the differences as gains and losses and close the stocktake."))
def count_close(
    s: Session,
    code: CountCode,
    approved_by: str | None = typer.Option(
        None,
        "--approved-by",
        help=_("Who approved the differences."),
        shell_complete=complete.PERSON,
    ),
    uncounted_as_book: bool = typer.Option(
        False, "--uncounted-as-book", help=_("Take uncounted items as matching the books.")
    ),
) -> Done:
    from houqin_cli.stock import count

    c, posted = count.close(s, s.info["actor"], code, approved_by, uncounted_as_book, day(s, None))
    message = _("Closed stocktake {code}; posted {n} movements: {codes}.")
    return Done(message.format(code=c.code, n=len(posted), codes=", ".join(posted) or "-"))
