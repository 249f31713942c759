"""`houqin asset add | list | show | edit | import | move` and `asset category list`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from houqin_cli.asset.cli.args import (
    ASSET_CATEGORY,
    AssetArg,
    Funding,
    Invoice,
    Spec,
    made,
    place_opt,
)
from houqin_cli.cli import (
    Done,
    DryRun,
    Pieces,
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

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()  # cards
category_app = typer.Typer(
    help=_("The asset classification (GB/T 14885) with depreciation lives."), no_args_is_help=True
)


@report(
    category_app,
    "list",
    help=_("The classification: code, name, depreciation life."),
    session=None,
)
def category_list(
    search: str | None = typer.Option(
        None, "--search", help=_("Only categories whose name or code contains this.")
    ),
) -> Report:
    from houqin_cli.asset import categories

    return categories.listing(search)


@write(app, "add", help=_("Register an asset card (a batch with --qty)."))
def add(
    s: Session,
    name: str = typer.Argument(..., help=_("The asset's name.")),
    category: str = typer.Option(
        ...,
        "--category",
        help=_("Category code or name (see `asset category list`)."),
        shell_complete=ASSET_CATEGORY,
    ),
    value: str = typer.Option(..., "--value", help=_("Value of one piece.")),
    acquired: str = typer.Option(..., "--acquired", help=_("The day it was acquired.")),
    qty: str | None = typer.Option(None, "--qty", help=_("Pieces on this card (default 1).")),
    unit: str | None = typer.Option(None, "--unit", help=_("Unit of measure: 台, 套, 张 …")),
    place: str | None = place_opt(_("Where it stands.")),
    custodian: str | None = typer.Option(
        None,
        "--custodian",
        help=_("Who keeps it: a person or a unit."),
        shell_complete=complete.HOLDER,
    ),
    funding: Funding = None,
    invoice: Invoice = None,
    spec: Spec = None,
    life_years: str | None = typer.Option(
        None, "--life-years", help=_("Depreciation life, overriding the category's.")
    ),
    code: str | None = typer.Option(
        None, "--code", help=_("Card code; generated (ZC-2026-0001) if not given.")
    ),
) -> Done:
    from houqin_cli.asset import cards

    return added(
        cards.add(
            s,
            s.info["actor"],
            name,
            category=category,
            value=value,
            acquired=day(s, acquired, future=True),  # cards.add names the rule
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
    )


@report(app, "list", help=_("List asset cards."), session="reader")
def list_(
    s: Reader,
    place: str | None = place_opt(_("Only cards at this place.")),
    custodian: str | None = typer.Option(
        None,
        "--custodian",
        help=_("Only cards this person or unit keeps."),
        shell_complete=complete.HOLDER,
    ),
    category: str | None = typer.Option(
        None,
        "--category",
        help=_("Only this category (and its subcategories)."),
        shell_complete=ASSET_CATEGORY,
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        help=_("in_use, on_loan or scrapped (default: what is on the books)."),
        shell_complete=complete.labels("asset_status"),
    ),
    fixed: bool | None = typer.Option(
        None,
        "--fixed/--low-value",
        help=_("Only fixed assets, or only low-value items."),
        show_default=False,
    ),
    every: bool = typer.Option(
        False, "--all", help=_("Every card, those off the books (scrapped) too.")
    ),
) -> Report:
    from houqin_cli.asset import cardreads

    return cardreads.cards(
        s,
        place=place,
        custodian=custodian,
        category=category,
        status=status,
        fixed=fixed,
        every=every,
    )


shows(
    app,
    "show",
    _("The card and its whole history."),
    "asset.cardreads:card",
    session="reader",
    asset=AssetArg,
)


@write(app, "edit", help=_("Correct a card's details."))
def edit(
    s: Session,
    asset: AssetArg,
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    category: str | None = typer.Option(
        None, "--category", help=_("New category."), shell_complete=ASSET_CATEGORY
    ),
    value: str | None = typer.Option(None, "--value", help=_("New value of one piece.")),
    unit: str | None = typer.Option(None, "--unit", help=_("New unit of measure.")),
    funding: Funding = None,
    invoice: Invoice = None,
    spec: Spec = None,
    life_years: str | None = typer.Option(None, "--life-years", help=_("Depreciation life.")),
) -> Done:
    from houqin_cli.asset import cards

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
    fields = field_names(changed)
    return Done(
        _("Changed {name} ({code}): {fields}.").format(name=a.name, code=a.code, fields=fields)
    )


@app.command(
    "import", help=_("Import a register (.csv or .xlsx) as the school keeps it: all rows or none.")
)
def import_(
    file: Path = typer.Argument(..., help=_("The register file.")),
    dry_run: DryRun = False,
    allow_duplicates: bool = typer.Option(
        False,
        "--allow-duplicates",
        help=_("Import rows that look like cards already on the books (other pieces)."),
    ),
) -> None:
    from houqin_cli.asset import card_import

    run_import(
        lambda s, actor: card_import.run(s, actor, file, allow_duplicates=allow_duplicates),
        file,
        dry_run,
        _("Checked {file}: {n} cards would be imported; nothing written."),
        _("Imported {n} cards from {file}."),
    )


@write(app, "move", help=_("Transfer to another place (part of a batch splits the card)."))
def move(
    s: Session,
    asset: AssetArg,
    to: str = place_opt(_("The new place."), "--to", ...),
    custodian: str | None = typer.Option(
        None, "--custodian", help=_("The new custodian."), shell_complete=complete.HOLDER
    ),
    qty: Pieces = None,
) -> Done:
    from houqin_cli.asset import moves

    a = moves.move(s, s.info["actor"], asset, to, custodian, qty)
    return made(_("Moved {code}."), a.code)
