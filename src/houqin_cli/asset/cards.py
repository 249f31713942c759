"""Asset cards: add, edit, move (splitting a batch), a card as listings show it, and
the event log that `asset show` reads as the card's life; the helpers every asset
record uses (find by code, pieces of a card, who keeps it). The register import is
card_import.py, the listings listings.py, the fixed-asset test depreciation.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import categories
from houqin_cli.asset.depreciation import is_fixed, unit_value
from houqin_cli.asset.models import Asset, AssetEvent
from houqin_cli.core import journal, money, names, notes, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import (
    find_party,
    find_place,
    party_ids,
    person_names,
    place_names,
    unit_names,
)

WHAT = N_("asset")
STATUSES = ("in_use", "on_loan", "scrapped")


def find_asset(session: Session, text: str) -> Asset:
    """The card `text` names: its code finds any card; a name, prefix or initials only
    the cards on the books (a scrapped card, or a batch's emptied source, does not make
    a live name ambiguous)."""
    by_code: Asset | None = names.by_code(session, Asset, text or "")
    if by_code is not None:
        return by_code
    on_books = "status <> 'scrapped' AND qty > 0"
    found: Asset = names.resolve(session, Asset, text, _(WHAT), scope=on_books)
    return found


def card(session: Session, asset_id: int) -> Asset:
    """The card a loan, a damage or a scrapping refers to."""
    asset = session.get(Asset, asset_id)
    assert asset is not None
    return asset


def card_value(session: Session, code: str) -> tuple[str, int] | None:
    """The card with this code (any case): its code and value in fen; None if none."""
    asset = names.by_code(session, Asset, code)
    return None if asset is None else (asset.code, asset.value_fen)


def today(session: Session, actor: Actor) -> date:
    return actor.now.astimezone(settings.timezone(session)).date()


def event(
    session: Session,
    actor: Actor,
    asset: Asset,
    kind: str,
    day: date,
    ref: str | None = None,
    detail: str | None = None,
) -> None:
    session.add(
        AssetEvent(
            asset_id=asset.id or 0,
            date=day,
            kind=kind,
            ref_code=ref,
            detail=detail,
            operator=actor.operator,
        )
    )


def require_here(asset: Asset, doing: str) -> None:
    if asset.status == "scrapped":
        raise RuleError(
            _("{code} {name} was scrapped; it cannot be {doing}.").format(
                code=asset.code, name=asset.name, doing=doing
            )
        )
    if asset.status == "on_loan":
        raise RuleError(
            _("{code} {name} is out on loan; it cannot be {doing} until it is returned.").format(
                code=asset.code, name=asset.name, doing=doing
            )
        )


def custodian_ids(session: Session, text: str | None) -> tuple[int | None, int | None]:
    return party_ids(find_party(session, text)) if text else (None, None)


def whole_pieces(text: str | int | None, default: int = 1) -> int:
    if text is None or str(text).strip() == "":
        return default
    value = money.parse_qty(str(text))
    if value != value.to_integral_value() or value <= 0:
        raise InputError(
            _("Invalid quantity {text!r}: give a whole number of pieces, at least 1.").format(
                text=text
            )
        )
    return int(value)


def pieces_of(asset: Asset, qty: str | None) -> int:
    """The pieces `--qty` takes off a card (default all); no more than it holds."""
    pieces = whole_pieces(qty, asset.qty)
    if pieces > asset.qty:
        raise RuleError(
            _("{code} has only {qty} {unit}.").format(
                code=asset.code, qty=asset.qty, unit=asset.unit
            )
        )
    return pieces


def life(text: str | int | None) -> int | None:
    if text is None or str(text).strip() == "":
        return None
    v = str(text).strip()
    if not v.isdigit() or not 1 <= int(v) <= 100:
        raise InputError(
            _("Invalid useful life {text!r}: whole years from 1 to 100.").format(text=text)
        )
    return int(v)


@dataclass
class Bulk:
    """An import's memory: what it checks without a query per row, and the cards
    it added, flushed and given their events once at the end."""

    today: date
    codes: set[str]  # upper-cased
    places: dict[str, int | None] = field(default_factory=dict)
    custodians: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    added: list[Asset] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session, actor: Actor) -> Bulk:
        codes = {c.upper() for (c,) in session.execute(select(col(Asset.code)))}
        return cls(today(session, actor), codes)

    def place(self, session: Session, text: str) -> int | None:
        if text not in self.places:
            self.places[text] = find_place(session, text).id
        return self.places[text]

    def check_code(self, code: Any) -> None:
        if code and str(code).strip().upper() in self.codes:
            raise RuleError(_("The code {code} is already taken.").format(code=str(code).strip()))

    def custodian(self, session: Session, text: str) -> tuple[int | None, int | None]:
        if text not in self.custodians:
            self.custodians[text] = custodian_ids(session, text)
        return self.custodians[text]


def add(
    session: Session,
    actor: Actor,
    name: str,
    *,
    category: str,
    value: str,
    acquired: date,
    qty: str | int | None = None,
    unit: str | None = None,
    place: str | None = None,
    custodian: str | None = None,
    funding: str | None = None,
    invoice: str | None = None,
    spec: str | None = None,
    life_years: str | int | None = None,
    code: str | None = None,
    bulk: Bulk | None = None,
) -> Asset:
    """A new card, journalled; in an import (`bulk`), left for the import's single
    flush, events and journal entry."""
    clean = (name or "").strip()
    if not clean:
        raise InputError(_("The {what} name cannot be empty.").format(what=_(WHAT)))
    cat = categories.find(category)
    pieces = whole_pieces(qty)
    unit_fen = money.parse_money(value)
    if acquired > (bulk.today if bulk else today(session, actor)):
        raise InputError(_("The acquisition date {date} is in the future.").format(date=acquired))
    if custodian and bulk:
        person_id, unit_id = bulk.custodian(session, custodian)
    else:
        person_id, unit_id = custodian_ids(session, custodian)
    place_id = (
        (bulk.place(session, place) if bulk else find_place(session, place).id) if place else None
    )
    given = (code or "").strip()
    if given and (
        given.upper() in bulk.codes
        if bulk
        else session.execute(
            select(col(Asset.id)).where(func.upper(col(Asset.code)) == given.upper())
        ).first()
    ):
        raise RuleError(_("The code {code} is already taken.").format(code=given))
    asset = Asset(
        code=given
        or next_code(
            session, "ZC", year=acquired.year, model=Asset, taken=bulk.codes if bulk else None
        ),
        name=clean,
        category=cat.code,
        qty=pieces,
        unit=(unit or "").strip() or "件",
        value_fen=money.check_total(unit_fen * pieces),
        acquired=acquired,
        place_id=place_id,
        custodian_person_id=person_id,
        custodian_unit_id=unit_id,
        funding=(funding or "").strip() or None,
        invoice=(invoice or "").strip() or None,
        spec=(spec or "").strip() or None,
        life_years=life(life_years),
        status="in_use",
        initials=names.initials(clean),
    )
    session.add(asset)
    if bulk is not None:
        bulk.codes.add(asset.code.upper())
        bulk.added.append(asset)
        return asset
    session.flush()
    added_event(session, actor, asset)
    session.flush()
    journal.record(
        session,
        "asset.add",
        asset,
        {
            "name": clean,
            "category": cat.code,
            "qty": pieces,
            "unit_value": money.money_str(unit_fen),
            "acquired": acquired.isoformat(),
        },
    )
    return asset


def added_event(session: Session, actor: Actor, asset: Asset) -> None:
    detail = f"{asset.qty}{asset.unit} × {money.format_money(unit_value(asset))}"
    event(session, actor, asset, "added", asset.acquired, None, detail)


def names_of(session: Session) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """The names a card row shows: places, people and units by id."""
    return place_names(session), person_names(session), unit_names(session)


def row(
    session: Session, a: Asset, lookups: Any = None, fixed: bool | None = None
) -> dict[str, Any]:
    places, people, units = lookups or names_of(session)
    cat = categories.BY_CODE.get(a.category)
    return {
        "code": a.code,
        "name": a.name,
        "category": a.category,
        "category_name": cat.name if cat else a.category,
        "qty": a.qty,
        "unit": a.unit,
        "unit_value": unit_value(a),
        "total_value": a.value_fen,
        "acquired": a.acquired,
        "place": places.get(a.place_id or 0),
        "custodian": people.get(a.custodian_person_id or 0) or units.get(a.custodian_unit_id or 0),
        "status": a.status,
        "fixed": is_fixed(session, a) if fixed is None else fixed,
        "funding": a.funding,
        "invoice": a.invoice,
        "spec": a.spec,
        "life_years": a.life_years,
    }


def edit(session: Session, actor: Actor, text: str, **changes: Any) -> tuple[Asset, list[str]]:
    asset = find_asset(session, text)
    before = row(session, asset)
    if changes.get("name") is not None:
        clean = changes["name"].strip()
        if not clean:
            raise InputError(_("The {what} name cannot be empty.").format(what=_(WHAT)))
        asset.name, asset.initials = clean, names.initials(clean)
    if changes.get("category") is not None:
        asset.category = categories.find(changes["category"]).code
    if changes.get("value") is not None:
        asset.value_fen = money.check_total(money.parse_money(changes["value"]) * asset.qty)
    for key in ("funding", "invoice", "spec", "unit"):
        if changes.get(key) is not None:
            setattr(asset, key, changes[key].strip() or None)
    if changes.get("life_years") is not None:
        asset.life_years = life(changes["life_years"])
    after = row(session, asset)
    changed = [k for k in after if after[k] != before[k] and k != "fixed"]
    if not changed:
        raise InputError(_("Nothing to change: give at least one option, such as --spec."))
    session.flush()
    event(
        session,
        actor,
        asset,
        "edited",
        today(session, actor),
        None,
        notes.coded("edited", fields=changed),
    )
    session.flush()
    journal.record(
        session,
        "asset.edit",
        asset,
        {k: {"old": journal.canon(before[k]), "new": journal.canon(after[k])} for k in changed},
    )
    return asset, changed
