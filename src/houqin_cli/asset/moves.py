"""Moving a card to another place or custodian, splitting a batch card to the fen
when only some of its pieces move."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from houqin_cli.asset.cards import (
    custodian_ids,
    event,
    find_asset,
    pieces_of,
    require_here,
    today,
)
from houqin_cli.asset.models import Asset
from houqin_cli.core import journal, money, notes
from houqin_cli.core.codes import next_code
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import (
    find_place,
)

# what the card split off a batch keeps of its origin (all but code, qty, value, origin)
SPLIT_KEEPS = (
    "name", "category", "unit", "acquired", "place_id", "custodian_person_id",
    "custodian_unit_id", "funding", "invoice", "spec", "life_years", "status", "initials",
)  # fmt: skip


def split(session: Session, actor: Actor, asset: Asset, pieces: int, day: date) -> Asset:
    """Take `pieces` off a batch card onto a new card linked to its origin; the value
    divides to the fen (the remainder stays on the origin), totals unchanged."""
    if pieces >= asset.qty:
        return asset
    moved, kept = money.split(asset.value_fen, [pieces, asset.qty - pieces])
    new = Asset(
        code=next_code(session, "ZC", year=day.year, model=Asset),
        qty=pieces,
        value_fen=moved,
        origin_id=asset.id,
        **{k: getattr(asset, k) for k in SPLIT_KEEPS},
    )
    asset.qty -= pieces
    asset.value_fen = kept
    session.add(new)
    session.flush()
    event(session, actor, asset, "split", day, new.code, f"{pieces}{asset.unit} → {new.code}")
    origin = notes.coded("split_from", code=asset.code)
    event(session, actor, new, "split", day, asset.code, origin)
    return new


def move(
    session: Session, actor: Actor, text: str, to: str, custodian: str | None, qty: str | None
) -> Asset:
    asset = find_asset(session, text)
    require_here(asset, _("moved"))
    place = find_place(session, to)
    pieces = pieces_of(asset, qty)
    day = today(session, actor)
    target = split(session, actor, asset, pieces, day)
    old_place, old_custodian = (
        target.place_id,
        [
            target.custodian_person_id,
            target.custodian_unit_id,
        ],
    )
    target.place_id = place.id
    if custodian:
        target.custodian_person_id, target.custodian_unit_id = custodian_ids(session, custodian)
    session.flush()
    event(session, actor, target, "moved", day, None, f"→ {place.name}")
    session.flush()
    journal.record(
        session,
        "asset.move",
        target,
        {
            "from_place": old_place,
            "from_custodian": old_custodian,  # person id, unit id: what asset.history undoes
            "to": place.code,
            "qty": pieces,
            "origin": asset.code,
            "custodian": custodian,
        },
    )
    return target
