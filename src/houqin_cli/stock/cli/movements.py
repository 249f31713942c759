"""`houqin stock`: movements in and out, balance, ledger, summary, reorder check; items."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from houqin_cli.cli import (
    Category,
    Done,
    DryRun,
    Note,
    added,
    complete,
    day,
    report,
    run_import,
    shows,
    write,
)
from houqin_cli.core.columns import field_names
from houqin_cli.core.i18n import _
from houqin_cli.stock.cli.args import Date, From, Item, Qty, Through

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()  # the movements and reports, merged into `stock`; items under `item`
item_app = typer.Typer(
    help=_("Stock items: the kinds of goods the storeroom keeps."), no_args_is_help=True
)


@write(app, "receive", help=_("Receive goods into the storeroom (入库)."))
def receive(
    s: Session,
    item: Item,
    qty: Qty,
    price: str | None = typer.Option(None, "--price", help=_("Unit price.")),
    amount: str | None = typer.Option(
        None, "--amount", help=_("Total amount (instead of --price).")
    ),
    supplier: str | None = typer.Option(None, "--supplier", help=_("Supplier.")),
    date: Date = None,
    note: Note = None,
    expires: str | None = typer.Option(
        None, "--expires", help=_("Food: the day it expires (kept on the receipt).")
    ),
) -> Done:
    from houqin_cli.stock import service

    actor, on = s.info["actor"], day(s, date)
    until = day(s, expires, future=True) if expires else None
    m = service.receive(
        s,
        actor,
        item,
        qty,
        price=price,
        amount=amount,
        supplier=supplier,
        day=on,
        note=note,
        expires=until,
    )
    return Done(_("Received: {code}.").format(code=m.code), m.code)


@write(
    app,
    "issue",
    help=_("Issue goods to a unit or person (出库); durable items against the old ones returned."),
)
def issue(
    s: Session,
    item: Item,
    qty: Qty,
    to: str = typer.Option(
        ..., "--to", help=_("The unit or person who draws it."), shell_complete=complete.HOLDER
    ),
    by: str | None = typer.Option(
        None, "--by", help=_("Who handed it out."), shell_complete=complete.PERSON
    ),
    old_returned: str | None = typer.Option(
        None, "--old-returned", help=_("How many old ones came back.")
    ),
    no_old: str | None = typer.Option(
        None,
        "--no-old",
        metavar="REASON",
        help=_("Why no old one comes back (needs --approved-by)."),
    ),
    approved_by: str | None = typer.Option(
        None,
        "--approved-by",
        help=_("Who approved issuing without the old one."),
        shell_complete=complete.PERSON,
    ),
    date: Date = None,
    note: Note = None,
) -> Done:
    from houqin_cli.stock import service

    m = service.issue(
        s,
        s.info["actor"],
        item,
        qty,
        to=to,
        by=by,
        old_returned=old_returned,
        no_old=no_old,
        approved_by=approved_by,
        day=day(s, date),
        note=note,
    )
    return Done(_("Issued: {code}.").format(code=m.code), m.code)


SLIP_HELP = _("The issue slip (领料单) of one issue, to sign.")
SlipCode = Annotated[
    str,
    typer.Argument(
        help=_("The issue's code, such as CK-2026-0001."),
        shell_complete=complete.records("issue"),
    ),
]
shows(app, "slip", SLIP_HELP, "stock.slip_reads:slip", session="reader", code=SlipCode)


@write(app, "return", help=_("Take unused goods back in, at the current average cost (退库)."))
def give_back(
    s: Session,
    item: Item,
    qty: Qty,
    from_: str = typer.Option(
        ..., "--from", help=_("The unit or person returning it."), shell_complete=complete.HOLDER
    ),
    date: Date = None,
    note: Note = None,
) -> Done:
    from houqin_cli.stock import service

    m = service.give_back(s, s.info["actor"], item, qty, from_=from_, day=day(s, date), note=note)
    return Done(_("Returned: {code}.").format(code=m.code), m.code)


@write(app, "void", help=_("Reverse a receipt, issue or return by a new movement (红冲)."))
def void(
    s: Session,
    code: str = typer.Argument(
        ...,
        help=_("The movement's code, such as RK-2026-0001."),
        shell_complete=complete.records("movement"),
    ),
    reason: str = typer.Option(..., "--reason", help=_("Why it is reversed.")),
) -> Done:
    from houqin_cli.stock import service

    m = service.void(s, s.info["actor"], code, reason, day(s, None))
    return Done(_("Reversed {code} by {new}.").format(code=code.upper(), new=m.code), m.code)


@report(
    app,
    "balance",
    help=_("What the storeroom holds: quantity, average cost and value per item."),
    session="reader",
)
def balance(
    r: Reader,
    at: str | None = typer.Option(None, "--at", help=_("As it stood at the end of this day.")),
    category: Category = None,
    below_reorder: bool = typer.Option(
        False, "--below-reorder", help=_("Only items at or below their reorder level.")
    ),
) -> Report:
    from houqin_cli.stock import positions

    return positions.balance(r, at=at, category=category, below_reorder=below_reorder)


@report(
    app,
    "ledger",
    help=_("The 材料明细账 of one item: every movement with running quantity and value."),
    session="reader",
)
def ledger(s: Reader, item: Item, start: From = None, end: Through = None) -> Report:
    from houqin_cli.stock import reports

    return reports.ledger(s, item, start=start, end=end)


@report(app, "movements", help=_("Every movement of every item, filtered."), session="reader")
def movements(
    s: Reader,
    start: From = None,
    end: Through = None,
    kind: str | None = typer.Option(
        None,
        "--kind",
        help=_("receive, issue, return, void, gain or loss."),
        shell_complete=complete.labels("movement_kind"),
    ),
    unit: str | None = typer.Option(
        None,
        "--unit",
        help=_("Only what this unit or person drew or returned."),
        shell_complete=complete.HOLDER,
    ),
) -> Report:
    from houqin_cli.stock import reports

    return reports.movements_report(s, start=start, end=end, kind=kind, unit=unit)


@report(
    app,
    "summary",
    help=_("The month's review: opening, in, out and closing; or what each unit drew."),
    session="reader",
)
def summary(
    s: Reader,
    month: str = typer.Option(..., "--month", help=_("The month, such as 2026-05.")),
    by: str = typer.Option("item", "--by", help=_("item, category or unit.")),
) -> Report:
    from houqin_cli.stock import summary as stock_summary

    return stock_summary.summary(s, month, by)


@report(
    app,
    "check",
    help=_("Items at or below their reorder level (exit 1 if any)."),
    session="reader",
)
def check(s: Reader) -> Report:
    from houqin_cli.stock import reports

    return reports.reorder(s)


# -- items ----------------------------------------------------------------------------
@write(item_app, "add", help=_("Add an item to the storeroom's list."))
def item_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The item's name.")),
    unit: str = typer.Option(..., "--unit", help=_("Unit of measure: 盒, kg, 个, 把 …")),
    category: str | None = typer.Option(
        None, "--category", help=_("Category, such as 办公用品 or 清洁用品.")
    ),
    durable: bool = typer.Option(
        False, "--durable", help=_("A durable item: a new one only against the old one returned.")
    ),
    reorder_level: str | None = typer.Option(
        None, "--reorder-level", help=_("Reorder when stock falls to this quantity.")
    ),
    spec: str | None = typer.Option(None, "--spec", help=_("Specification or model.")),
    code: str | None = typer.Option(
        None, "--code", help=_("Item code; generated (WZ-0001) if not given.")
    ),
) -> Done:
    from houqin_cli.stock import items

    it = items.add_item(
        s,
        name,
        unit=unit,
        category=category,
        durable=durable,
        reorder_level=reorder_level,
        spec=spec,
        code=code,
    )
    return added(it)


@report(
    item_app,
    "list",
    help=_("List items with their quantity and value on hand."),
    session="reader",
)
def item_list(
    r: Reader,
    category: Category = None,
    durable: bool | None = typer.Option(
        None,
        "--durable/--consumable",
        help=_("Only durable, or only consumable items."),
        show_default=False,
    ),
    all_: bool = typer.Option(False, "--all", help=_("Include retired items.")),
) -> Report:
    from houqin_cli.stock import positions

    return positions.item_list(r, category=category, durable=durable, include_retired=all_)


shows(
    item_app, "show", _("Show one item."), "stock.positions:item_show", session="reader", item=Item
)


@write(item_app, "edit", help=_("Change an item; its unit cannot change once it has movements."))
def item_edit(
    s: Session,
    item: Item,
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    unit: str | None = typer.Option(None, "--unit", help=_("New unit of measure.")),
    category: str | None = typer.Option(
        None, "--category", help=_("New category."), shell_complete=complete.STOCK_CATEGORY
    ),
    durable: bool | None = typer.Option(
        None, "--durable/--consumable", help=_("Durable or consumable."), show_default=False
    ),
    reorder_level: str | None = typer.Option(
        None, "--reorder-level", help=_("New reorder level ('' for none).")
    ),
    spec: str | None = typer.Option(None, "--spec", help=_("New specification.")),
    code: str | None = typer.Option(None, "--code", help=_("New code.")),
) -> Done:
    from houqin_cli.stock import items

    it, changed = items.edit_item(
        s,
        item,
        name=name,
        unit=unit,
        category=category,
        durable=durable,
        reorder_level=reorder_level,
        spec=spec,
        code=code,
    )
    message = _("Changed {name} ({code}): {fields}.")
    return Done(message.format(name=it.name, code=it.code, fields=field_names(changed)))


@write(item_app, "retire", help=_("Retire an item at zero balance."))
def item_retire(s: Session, item: Item) -> Done:
    from houqin_cli.stock import items

    it = items.retire_item(s, item)
    return Done(_("Retired {name} ({code}).").format(name=it.name, code=it.code))


@item_app.command("import", help=_("Import items from .csv or .xlsx: all rows or none."))
def item_import(
    file: Path = typer.Argument(..., help=_("A .csv or .xlsx file with a header row.")),
    dry_run: DryRun = False,
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help=_(
            "The day of the opening balances (期初数量, 期初金额); needed when the file has them."
        ),
    ),
) -> None:
    from houqin_cli.stock import item_import

    run_import(
        lambda s, actor: item_import.run_import(s, actor, file, day(s, as_of) if as_of else None),
        file,
        dry_run,
        _("Checked {file}: {n} items would be imported; nothing written."),
        _("Imported {n} items from {file}."),
    )
