"""`houqin stock`: parse -> service -> render."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

app = typer.Typer()  # receipts, issues, returns, reversals, balances, the ledger; items
item_app = typer.Typer(
    help=_("Stock items: the kinds of goods the storeroom keeps."), no_args_is_help=True
)
app.add_typer(item_app, name="item")


def _date_opt() -> Any:
    return typer.Option(None, "--date", help=_("The day it happened (default: today)."))


ITEM_COLUMNS = [
    Column("code", _("Code")),
    Column("name", _("Name")),
    Column("spec", _("Spec")),
    Column("unit", _("Unit of measure")),
    Column("category", _("Category")),
    Column("durable", _("Durable"), "bool"),
    Column("reorder_level", _("Reorder level"), "qty"),
    Column("quantity", _("Quantity"), "qty"),
    Column("unit_cost", _("Average cost"), "money"),
    Column("value", _("Value"), "money"),
    Column("active", _("Active"), "bool"),
]


@item_app.command("add", help=_("Add an item to the storeroom's list."))
def item_add(
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
) -> None:
    from houqin_cli.stock import items

    with state().write() as s:
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
        code_, name_ = it.code, it.name
    created(code_, _("Added {name} ({code}).").format(name=name_, code=code_))


@item_app.command("list", help=_("List items with their quantity and value on hand."))
def item_list(
    category: Category = None,
    durable: bool | None = typer.Option(
        None,
        "--durable/--consumable",
        help=_("Only durable, or only consumable items."),
        show_default=False,
    ),
    all_: bool = typer.Option(False, "--all", help=_("Include retired items.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.stock import items

    with state().read() as s:
        rows = items.list_items(s, category=category, durable=durable, include_retired=all_)
    show(Report(_("Stock items"), ITEM_COLUMNS, rows), fmt, output)


@item_app.command("show", help=_("Show one item."))
def item_show(item: str = ItemArg, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.stock import items, service

    with state().read() as s:
        row = items.item_row(service.find_item(s, item))
    show(Report(_("Stock item"), ITEM_COLUMNS, [row], record=True), fmt, output)


@item_app.command("edit", help=_("Change an item; its unit cannot change once it has movements."))
def item_edit(
    item: str = ItemArg,
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    unit: str | None = typer.Option(None, "--unit", help=_("New unit of measure.")),
    category: str | None = typer.Option(None, "--category", help=_("New category.")),
    durable: bool | None = typer.Option(
        None, "--durable/--consumable", help=_("Durable or consumable."), show_default=False
    ),
    reorder_level: str | None = typer.Option(
        None, "--reorder-level", help=_("New reorder level ('' for none).")
    ),
    spec: str | None = typer.Option(None, "--spec", help=_("New specification.")),
    code: str | None = typer.Option(None, "--code", help=_("New code.")),
) -> None:
    from houqin_cli.stock import items

    with state().write() as s:
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
        code_, name_ = it.code, it.name
    say(
        _("Changed {name} ({code}): {fields}.").format(
            name=name_, code=code_, fields=", ".join(changed)
        )
    )


@item_app.command("retire", help=_("Retire an item at zero balance."))
def item_retire(item: str = ItemArg) -> None:
    from houqin_cli.stock import items

    with state().write() as s:
        it = items.retire_item(s, item)
        code_, name_ = it.code, it.name
    say(_("Retired {name} ({code}).").format(name=name_, code=code_))


@item_app.command("import", help=_("Import items from .csv or .xlsx: all rows or none."))
def item_import(
    file: Path = typer.Argument(..., help=_("A .csv or .xlsx file with a header row.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.stock import items

    run_import(
        lambda s, _actor: len(items.import_items(s, file)),
        file,
        dry_run,
        _("Checked {file}: {n} items would be imported; nothing written."),
        _("Imported {n} items from {file}."),
    )


@app.command("receive", help=_("Receive goods into the storeroom (入库)."))
def receive(
    item: str = ItemArg,
    qty: str = QtyArg,
    price: str | None = typer.Option(None, "--price", help=_("Unit price.")),
    amount: str | None = typer.Option(
        None, "--amount", help=_("Total amount (instead of --price).")
    ),
    supplier: str | None = typer.Option(None, "--supplier", help=_("Supplier.")),
    date: str | None = _date_opt(),
    note: Note = None,
) -> None:
    from houqin_cli.stock import service

    with state().write() as s:
        m = service.receive(
            s,
            s.info["actor"],
            item,
            qty,
            price=price,
            amount=amount,
            supplier=supplier,
            day=day(s, date),
            note=note,
        )
        code = m.code
    created(code, _("Received: {code}.").format(code=code))


@app.command(
    "issue",
    help=_("Issue goods to a unit or person (出库); durable items against the old ones returned."),
)
def issue(
    item: str = ItemArg,
    qty: str = QtyArg,
    to: str = typer.Option(..., "--to", help=_("The unit or person who draws it.")),
    by: str | None = typer.Option(None, "--by", help=_("Who handed it out.")),
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
        None, "--approved-by", help=_("Who approved issuing without the old one.")
    ),
    date: str | None = _date_opt(),
    note: Note = None,
) -> None:
    from houqin_cli.stock import service

    with state().write() as s:
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
        code = m.code
    created(code, _("Issued: {code}.").format(code=code))


@app.command("return", help=_("Take unused goods back in, at the current average cost (退库)."))
def give_back(
    item: str = ItemArg,
    qty: str = QtyArg,
    from_: str = typer.Option(..., "--from", help=_("The unit or person returning it.")),
    date: str | None = _date_opt(),
    note: Note = None,
) -> None:
    from houqin_cli.stock import service

    with state().write() as s:
        m = service.give_back(
            s, s.info["actor"], item, qty, from_=from_, day=day(s, date), note=note
        )
        code = m.code
    created(code, _("Returned: {code}.").format(code=code))


@app.command("void", help=_("Reverse a receipt, issue or return by a new movement (红冲)."))
def void(
    code: str = typer.Argument(..., help=_("The movement's code, such as RK-2026-0001.")),
    reason: str = typer.Option(..., "--reason", help=_("Why it is reversed.")),
) -> None:
    from houqin_cli.stock import service

    with state().write() as s:
        m = service.void(s, s.info["actor"], code, reason, day(s, None))
        new = m.code
    created(new, _("Reversed {code} by {new}.").format(code=code.upper(), new=new))


BALANCE_COLUMNS = [
    Column("item_code", _("Code")),
    Column("item", _("Item")),
    Column("category", _("Category")),
    Column("unit", _("Unit of measure")),
    Column("quantity", _("Quantity"), "qty"),
    Column("unit_cost", _("Average cost"), "money"),
    Column("value", _("Value"), "money"),
    Column("reorder_level", _("Reorder level"), "qty"),
]


@app.command(
    "balance", help=_("What the storeroom holds: quantity, average cost and value per item.")
)
def balance(
    at: str | None = typer.Option(None, "--at", help=_("As it stood at the end of this day.")),
    category: Category = None,
    below_reorder: bool = typer.Option(
        False, "--below-reorder", help=_("Only items at or below their reorder level.")
    ),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.core import clock, settings
    from houqin_cli.stock import reports

    with state().read() as s:
        day = clock.parse_date(at, settings.timezone(s)) if at else None
        rows, total = reports.balance(s, at=day, category=category, below_reorder=below_reorder)
    footer = {"item": _("Total"), "value": total}
    show(Report(_("Stock balance"), BALANCE_COLUMNS, rows, footer=footer), fmt, output)


MOVEMENT_COLUMNS = [
    Column("code", _("Code")),
    Column("date", _("Date"), "date"),
    Column("kind", _("Kind")),
    Column("item_code", _("Item code")),
    Column("item", _("Item")),
    Column("quantity", _("Quantity"), "qty"),
    Column("value", _("Value"), "money"),
    Column("unit", _("Drawn / returned by")),
    Column("reverses", _("Reverses")),
    Column("note", _("Note")),
]


def _range(session: Any, start: str | None, end: str | None) -> tuple[Any, Any]:
    from houqin_cli.core import clock, settings

    tz = settings.timezone(session)
    return (
        clock.parse_period(start, tz).start if start else None,
        clock.parse_period(end, tz).end if end else None,
    )


@app.command(
    "ledger", help=_("The 材料明细账 of one item: every movement with running quantity and value.")
)
def ledger(
    item: str = ItemArg,
    start: str | None = typer.Option(None, "--from", help=_("From this day or month.")),
    end: str | None = typer.Option(None, "--to", help=_("Through this day or month.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.stock import reports

    with state().read() as s:
        a, b = _range(s, start, end)
        it, rows = reports.ledger(s, item, start=a, end=b)
        title = _("Stock ledger: {item} ({unit})").format(item=it.name, unit=it.unit)
    cols = [c for c in MOVEMENT_COLUMNS if c.key not in ("item_code", "item")]
    cols[5:5] = [
        Column("balance_quantity", _("Balance"), "qty"),
        Column("unit_cost", _("Average cost"), "money"),
        Column("balance_value", _("Balance value"), "money"),
    ]
    show(Report(title, cols, rows), fmt, output)


@app.command("movements", help=_("Every movement of every item, filtered."))
def movements(
    start: str | None = typer.Option(None, "--from", help=_("From this day or month.")),
    end: str | None = typer.Option(None, "--to", help=_("Through this day or month.")),
    kind: str | None = typer.Option(
        None, "--kind", help=_("receive, issue, return, void, gain or loss.")
    ),
    unit: str | None = typer.Option(
        None, "--unit", help=_("Only what this unit or person drew or returned.")
    ),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.stock import reports

    with state().read() as s:
        a, b = _range(s, start, end)
        rows = reports.movements(s, start=a, end=b, kind=kind, unit=unit)
    show(Report(_("Stock movements"), MOVEMENT_COLUMNS, rows), fmt, output)


@app.command(
    "summary", help=_("The month's review: opening, in, out and closing; or what each unit drew.")
)
def summary(
    month: str = typer.Option(..., "--month", help=_("The month, such as 2026-05.")),
    by: str = typer.Option("item", "--by", help=_("item, category or unit.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.core import clock
    from houqin_cli.stock import reports

    period = clock.parse_month(month)
    with state().read() as s:
        rows = reports.summary(s, period.start, period.end, by)
    if by == "unit":
        cols = [
            Column("unit", _("Unit")),
            Column("item_code", _("Item code")),
            Column("item", _("Item")),
            Column("item_unit", _("Unit of measure")),
            Column("issued_quantity", _("Issued"), "qty"),
            Column("issued_value", _("Issued value"), "money"),
            Column("returned_quantity", _("Returned"), "qty"),
            Column("returned_value", _("Returned value"), "money"),
            Column("net_value", _("Net drawn value"), "money"),
        ]
    else:
        cols = (
            [
                Column("item_code", _("Code")),
                Column("item", _("Item")),
                Column("unit", _("Unit of measure")),
            ]
            if by == "item"
            else []
        ) + [Column("category", _("Category"))]
        for key, label in (
            ("opening", _("Opening")),
            ("in", _("In")),
            ("out", _("Out")),
            ("closing", _("Closing")),
        ):
            if by == "item":
                cols.append(Column(f"{key}_quantity", label, "qty"))
            cols.append(Column(f"{key}_value", _("{label} value").format(label=label), "money"))
    show(Report(_("Stock summary {month}").format(month=period.label), cols, rows), fmt, output)


@app.command("check", help=_("Items at or below their reorder level (exit 1 if any)."))
def check(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.stock import reports

    with state().read() as s:
        findings = reports.reorder_check(s)
    show(Report(_("Reorder check"), [], findings=findings), fmt, output)
