"""What the rounds share (an inspection, XJ-, and an asset count, QC-): the scope, the
lines by card, opening one, and who did the work (CONVENTIONS, "Approvals, rounds")."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.models import Asset, AssetCount, Inspection
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.people.service import (
    find_place,
    find_unit,
    place_ids_of_unit,
    place_names,
    unit_names,
)

Round = TypeVar("Round", Inspection, AssetCount)


def scope(session: Session, unit_id: int | None, place_id: int | None) -> list[Asset]:
    """The cards a round covers: a unit's (its custody or its rooms), a place's, or all."""
    q = select(Asset).where(col(Asset.status) != "scrapped").order_by(col(Asset.code))
    if unit_id is not None:
        rooms = place_ids_of_unit(session, unit_id)
        q = q.where((col(Asset.custodian_unit_id) == unit_id) | col(Asset.place_id).in_(rooms))
    elif place_id is not None:
        q = q.where(col(Asset.place_id) == place_id)
    return list(session.execute(q).scalars())


def reported(
    session: Session, record: Inspection | AssetCount, lines: dict[int, Any]
) -> list[Asset]:
    """The cards a round's report lists: its scope's, then those from elsewhere that
    its `lines` (by card id) recorded in it."""
    cards = scope(session, record.unit_id, record.place_id)
    seen = {a.id for a in cards}
    cards += [a for a in (session.get(Asset, k) for k in lines if k not in seen) if a is not None]
    return cards


def unrecorded(
    session: Session, record: Inspection | AssetCount, round_column: Any
) -> tuple[dict[int, Any], list[Asset]]:
    """A round's lines by card id (`round_column` as for `lines_by_card`), and the
    cards in its scope it has not recorded yet."""
    lines = lines_by_card(session, round_column, record.id)
    return lines, [a for a in scope(session, record.unit_id, record.place_id) if a.id not in lines]


def scope_name(session: Session, record: Inspection | AssetCount) -> str:
    """A round's scope in words: its unit's or place's name, or every card."""
    if record.unit_id is not None:
        return unit_names(session).get(record.unit_id, "-")
    if record.place_id is not None:
        return place_names(session).get(record.place_id, "-")
    return _("every card")


def where(
    session: Session, unit: str | None, place: str | None, everything: bool, refusal: str
) -> tuple[Any, Any]:
    """A round's scope from its options (the unit and the place found, or None):
    exactly one of a unit, a place or everything, else exit 2 with `refusal`."""
    if sum(bool(x) for x in (unit, place, everything)) != 1:
        raise InputError(refusal)
    return (
        find_unit(session, unit) if unit else None,
        find_place(session, place) if place else None,
    )


def same_scope(model: type[Round], u: Any, p: Any) -> list[Any]:
    """SQL: a round of `model` with exactly this scope."""
    return [
        col(model.unit_id).is_(None) if u is None else col(model.unit_id) == u.id,
        col(model.place_id).is_(None) if p is None else col(model.place_id) == p.id,
    ]


def lines_by_card(
    session: Session, round_column: Any, round_id: int | None, *conditions: Any
) -> dict[int, Any]:
    """An inspection's or a count's lines by card id: `round_column` is the lines'
    column naming their round (InspectionLine.inspection_id, AssetCountLine.count_id),
    `conditions` any further condition on them."""
    q = select(round_column.class_).where(col(round_column) == round_id, *conditions)
    return {ln.asset_id: ln for ln in session.execute(q).scalars()}


def open_round(
    session: Session,
    model: type[Round],
    prefix: str,
    day: date,
    u: Any,
    p: Any,
    **fields: Any,
) -> tuple[Round, dict[str, str | None]]:
    """A new inspection or count (`model`) of a unit or a place (neither: of every
    card), open from `day` and flushed; and the codes of its unit and place."""
    record = model(
        code=next_code(session, prefix, year=day.year, model=model),
        unit_id=u.id if u else None,
        place_id=p.id if p else None,
        status="open",
        started_on=day,
        **fields,
    )
    session.add(record)
    session.flush()
    return record, {"unit": u.code if u else None, "place": p.code if p else None}
