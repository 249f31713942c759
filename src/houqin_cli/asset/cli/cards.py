"""`houqin asset`: cards, moves, loans, damage (parse -> service -> render)."""

from __future__ import annotations

from pathlib import Path

import typer

from houqin_cli.asset.cli.args import AssetArg
from houqin_cli.cli import (
    DryRun,
    Format,
    Note,
    Output,
    Pieces,
    complete_person,
    complete_place,
    created,
    day,
    run_import,
    say,
    show,
    state,
)
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

app = typer.Typer()  # cards, custody, loans, damage
category_app = typer.Typer(
    help=_("The asset classification (GB/T 14885) with depreciation lives."), no_args_is_help=True
)

CARD_COLUMNS = [
    Column("code", _("Code")),
    Column("name", _("Name")),
    Column("category_name", _("Category")),
    Column("qty", _("Qty"), "int"),
    Column("unit", _("Unit of measure")),
    Column("unit_value", _("Unit value"), "money"),
    Column("total_value", _("Total value"), "money"),
    Column("acquired", _("Acquired"), "date"),
    Column("place", _("Place")),
    Column("custodian", _("Custodian")),
    Column("status", _("Status")),
    Column("fixed", _("Fixed asset"), "bool"),
]


@category_app.command("list", help=_("The classification: code, name, depreciation life."))
def category_list(
    search: str | None = typer.Option(
        None, "--search", help=_("Only categories whose name or code contains this.")
    ),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.asset import categories

    rows = [
        {"code": c.code, "name": c.name, "life_years": c.life_years, "special": c.special}
        for c in categories.search(search)
    ]
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("life_years", _("Life (years)"), "int"),
        Column("special", _("Special equipment"), "bool"),
    ]
    show(Report(_("Asset categories"), cols, rows), fmt, output)


@app.command("add", help=_("Register an asset card (a batch with --qty)."))
def add(
    name: str = typer.Argument(..., help=_("The asset's name.")),
    category: str = typer.Option(
        ..., "--category", help=_("Category code or name (see `asset category list`).")
    ),
    value: str = typer.Option(..., "--value", help=_("Value of one piece.")),
    acquired: str = typer.Option(..., "--acquired", help=_("The day it was acquired.")),
    qty: str | None = typer.Option(None, "--qty", help=_("Pieces on this card (default 1).")),
    unit: str | None = typer.Option(None, "--unit", help=_("Unit of measure: 台, 套, 张 …")),
    place: str | None = typer.Option(
        None, "--place", help=_("Where it stands."), autocompletion=complete_place
    ),
    custodian: str | None = typer.Option(
        None, "--custodian", help=_("Who keeps it: a person or a unit.")
    ),
    funding: str | None = typer.Option(None, "--funding", help=_("Source of funds.")),
    invoice: str | None = typer.Option(None, "--invoice", help=_("Invoice number.")),
    spec: str | None = typer.Option(None, "--spec", help=_("Specification or model.")),
    life_years: str | None = typer.Option(
        None, "--life-years", help=_("Depreciation life, overriding the category's.")
    ),
    code: str | None = typer.Option(
        None, "--code", help=_("Card code; generated (ZC-2026-0001) if not given.")
    ),
) -> None:
    from houqin_cli.asset import cards

    with state().write() as s:
        a = cards.add(
            s,
            s.info["actor"],
            name,
            category=category,
            value=value,
            acquired=day(s, acquired),
            qty=qty,
            unit=unit,
            place=place,
            custodian=custodian,
            funding=funding,
            invoice=invoice,
            spec=spec,
            life_years=life_years,
            code=code,
        )
        code_, name_ = a.code, a.name
    created(code_, _("Added {name} ({code}).").format(name=name_, code=code_))


@app.command("list", help=_("List asset cards."))
def list_(
    place: str | None = typer.Option(
        None, "--place", help=_("Only cards at this place."), autocompletion=complete_place
    ),
    custodian: str | None = typer.Option(
        None, "--custodian", help=_("Only cards this person or unit keeps.")
    ),
    category: str | None = typer.Option(
        None, "--category", help=_("Only this category (and its subcategories).")
    ),
    status: str | None = typer.Option(None, "--status", help=_("in_use, on_loan or scrapped.")),
    fixed: bool | None = typer.Option(
        None,
        "--fixed/--low-value",
        help=_("Only fixed assets, or only low-value items."),
        show_default=False,
    ),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.asset import cards

    with state().read() as s:
        rows = cards.listing(
            s, place=place, custodian=custodian, category=category, status=status, fixed=fixed
        )
    footer = {
        "name": _("Total"),
        "qty": sum(r["qty"] for r in rows),
        "total_value": sum(r["total_value"] for r in rows),
    }
    show(Report(_("Asset cards"), CARD_COLUMNS, rows, footer=footer), fmt, output)


@app.command("show", help=_("The card and its whole history."))
def show_(asset: str = AssetArg, fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.asset import cards

    with state().read() as s:
        a = cards.find_asset(s, asset)
        row = cards.row(s, a)
        row["history"] = cards.history(s, a)
    cols = [
        *CARD_COLUMNS,
        Column("spec", _("Spec")),
        Column("funding", _("Funding")),
        Column("invoice", _("Invoice")),
        Column("life_years", _("Life (years)"), "int"),
        Column("history", _("History"), "list"),
    ]
    show(Report(_("Asset card"), cols, [row], record=True), fmt, output)


@app.command("edit", help=_("Correct a card's details."))
def edit(
    asset: str = AssetArg,
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    category: str | None = typer.Option(None, "--category", help=_("New category.")),
    value: str | None = typer.Option(None, "--value", help=_("New value of one piece.")),
    unit: str | None = typer.Option(None, "--unit", help=_("New unit of measure.")),
    funding: str | None = typer.Option(None, "--funding", help=_("Source of funds.")),
    invoice: str | None = typer.Option(None, "--invoice", help=_("Invoice number.")),
    spec: str | None = typer.Option(None, "--spec", help=_("Specification or model.")),
    life_years: str | None = typer.Option(None, "--life-years", help=_("Depreciation life.")),
) -> None:
    from houqin_cli.asset import cards

    with state().write() as s:
        a, changed = cards.edit(
            s,
            s.info["actor"],
            asset,
            name=name,
            category=category,
            value=value,
            unit=unit,
            funding=funding,
            invoice=invoice,
            spec=spec,
            life_years=life_years,
        )
        code_, name_ = a.code, a.name
    say(
        _("Changed {name} ({code}): {fields}.").format(
            name=name_, code=code_, fields=", ".join(changed)
        )
    )


@app.command(
    "import", help=_("Import a register (.csv or .xlsx) as the school keeps it: all rows or none.")
)
def import_(
    file: Path = typer.Argument(..., help=_("The register file.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.asset import cards

    run_import(
        lambda s, actor: len(cards.import_file(s, actor, file)),
        file,
        dry_run,
        _("Checked {file}: {n} cards would be imported; nothing written."),
        _("Imported {n} cards from {file}."),
    )


@app.command("move", help=_("Transfer to another place (part of a batch splits the card)."))
def move(
    asset: str = AssetArg,
    to: str = typer.Option(..., "--to", help=_("The new place."), autocompletion=complete_place),
    custodian: str | None = typer.Option(None, "--custodian", help=_("The new custodian.")),
    qty: Pieces = None,
) -> None:
    from houqin_cli.asset import cards

    with state().write() as s:
        a = cards.move(s, s.info["actor"], asset, to, custodian, qty)
        code_ = a.code
    created(code_, _("Moved {code}.").format(code=code_))


@app.command("lend", help=_("Lend against an IOU (借条)."))
def lend(
    asset: str = AssetArg,
    to: str = typer.Option(..., "--to", help=_("The borrower."), autocompletion=complete_person),
    due: str = typer.Option(..., "--due", help=_("When it must be back.")),
    qty: Pieces = None,
    note: Note = None,
) -> None:
    from houqin_cli.asset import custody

    with state().write() as s:
        loan = custody.lend(s, s.info["actor"], asset, to, day(s, due), qty, note)
        code = loan.code
    created(
        code,
        _("Lent: {code}; print the IOU with `houqin asset iou {code} -o iou.md`.").format(
            code=code
        ),
    )


@app.command("iou", help=_("Print the IOU (借条) to sign."))
def iou(
    loan: str = typer.Argument(..., help=_("The loan's code, such as JC-2026-0001.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.asset import custody

    with state().read() as s:
        row = custody.iou(s, loan)
    cols = [
        Column("school", _("School")),
        Column("code", _("IOU")),
        Column("borrower", _("Borrower")),
        Column("asset_code", _("Asset code")),
        Column("asset", _("Asset")),
        Column("spec", _("Spec")),
        Column("qty", _("Qty"), "int"),
        Column("unit", _("Unit of measure")),
        Column("value", _("Value"), "money"),
        Column("lent_on", _("Lent on"), "date"),
        Column("due", _("Due"), "date"),
        Column("note", _("Note")),
        Column("signature", _("Borrower's signature")),
    ]
    show(Report(_("IOU (借条)"), cols, [row], record=True), fmt, output)


@app.command("return", help=_("Take a lent asset back; a damaged return opens a damage record."))
def give_back(
    asset: str = typer.Argument(..., help=_("The asset or the loan (JC-…).")),
    condition: str = typer.Option("ok", "--condition", help=_("ok or damaged.")),
    note: Note = None,
) -> None:
    from houqin_cli.asset import custody

    with state().write() as s:
        loan, damage = custody.give_back(s, s.info["actor"], asset, condition, note)
        code, dcode = loan.code, damage.code if damage else None
    say(
        _("Returned {code}.").format(code=code)
        + (" " + _("Damage recorded: {code}.").format(code=dcode) if dcode else "")
    )


@app.command("overdue", help=_("Loans past due (exit 1 if any)."))
def overdue(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.asset import custody

    with state().read() as s:
        rows = custody.overdue(s)
        findings = custody.overdue_check(s)
    cols = [
        Column("code", _("Code")),
        Column("asset_code", _("Asset code")),
        Column("asset", _("Asset")),
        Column("qty", _("Qty"), "int"),
        Column("borrower", _("Borrower")),
        Column("lent_on", _("Lent on"), "date"),
        Column("due", _("Due"), "date"),
        Column("days_overdue", _("Days overdue"), "int"),
    ]
    show(Report(_("Overdue loans"), cols, rows, findings=findings), fmt, output)


@app.command(
    "damage", help=_("Record damage: human cause owes compensation, natural cause goes to repair.")
)
def damage(
    asset: str = AssetArg,
    cause: str = typer.Option(..., "--cause", help=_("human or natural.")),
    by: str | None = typer.Option(None, "--by", help=_("Who caused it: a person or a unit.")),
    qty: Pieces = None,
    amount: str | None = typer.Option(
        None, "--amount", help=_("Compensation due (default: the net book value).")
    ),
    note: Note = None,
) -> None:
    from houqin_cli.asset import custody

    with state().write() as s:
        d = custody.damage(s, s.info["actor"], asset, cause, by, qty, amount, note)
        code = d.code
    created(code, _("Damage recorded: {code}.").format(code=code))


@app.command("compensate", help=_("Record a compensation payment, in part or in full."))
def compensate(
    damage_code: str = typer.Argument(..., help=_("The damage record, such as SH-2026-0001.")),
    amount: str = typer.Option(..., "--amount", help=_("The amount paid.")),
    date: str | None = typer.Option(
        None, "--date", help=_("The day it was paid (default: today).")
    ),
) -> None:
    from houqin_cli.asset import custody
    from houqin_cli.core import money

    with state().write() as s:
        d = custody.compensate(s, s.info["actor"], damage_code, amount, day(s, date))
        code, owed = d.code, d.due_fen - d.paid_fen
    say(_("{code}: paid; {owed} still owed.").format(code=code, owed=money.format_money(owed)))


@app.command("damages", help=_("Damage records with what is still owed."))
def damages(
    open_: bool = typer.Option(False, "--open", help=_("Only those with compensation still owed.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.asset import custody

    with state().read() as s:
        rows = custody.damages(s, open_)
    cols = [
        Column("code", _("Code")),
        Column("date", _("Date"), "date"),
        Column("asset_code", _("Asset code")),
        Column("asset", _("Asset")),
        Column("cause", _("Cause")),
        Column("qty", _("Qty"), "int"),
        Column("by", _("Caused by")),
        Column("due", _("Amount due"), "money"),
        Column("paid", _("Paid"), "money"),
        Column("owed", _("Owed"), "money"),
        Column("source", _("Source")),
    ]
    footer = {
        "asset": _("Total"),
        "due": sum(r["due"] for r in rows),
        "paid": sum(r["paid"] for r in rows),
        "owed": sum(r["owed"] for r in rows),
    }
    show(Report(_("Damage and compensation"), cols, rows, footer=footer), fmt, output)
