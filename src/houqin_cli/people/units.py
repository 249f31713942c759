"""Units and places: added, corrected (`edit`, journalled with old and new) and
retired. A retired one keeps its history, leaves the listings and name matching
(its code still finds it) and cannot be assigned anything new; it can be retired
only once nothing still depends on it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people.changes import Changes
from houqin_cli.people.models import Person, Place, Unit
from houqin_cli.people.service import active_person, find_place, find_unit, live
from houqin_cli.people.vocab import PLACE_KINDS, UNIT_KINDS, WHAT, choice, clean_name

CLEAR = ("", "-")  # an option given as '-' (or empty) clears the field
SHOWN = 5  # how many of what blocks a retirement the message names


def _stored(session: Session, action: str, record: Any, payload: dict[str, Any]) -> Any:
    session.add(record)
    session.flush()
    journal.record(session, action, record, payload)
    return record


def _code_of(session: Session, model: Any, rid: int | None) -> str | None:
    record = None if rid is None else session.get(model, rid)
    return None if record is None else str(record.code)


def _edited(session: Session, action: str, record: Any, changes: dict[str, Any]) -> Any:
    if not changes:
        raise InputError(_("Nothing to change: give at least one option, such as --name."))
    session.flush()
    journal.record(session, action, record, changes)
    return record


# -- units -----------------------------------------------------------------------


def _unit_name_free(session: Session, name: str, exclude: int | None = None) -> str:
    """A unit's name is its own among the units in use (a retired class may share it)."""
    q = select(col(Unit.id)).where(col(Unit.name) == name, live(Unit), col(Unit.id) != exclude)
    if session.execute(q).first():
        raise RuleError(_("A unit named {name} already exists.").format(name=name))
    return name


def add_unit(
    session: Session, name: str, kind: str, head: str | None = None, parent: str | None = None
) -> Unit:
    name = _unit_name_free(session, clean_name(name, WHAT["unit"]))
    kind = choice(kind, UNIT_KINDS, "--kind")
    head_p = active_person(session, head) if head else None
    parent_u = find_unit(session, parent) if parent else None
    unit = Unit(
        code=next_code(session, "DW", model=Unit),
        name=name,
        kind=kind,
        head_id=head_p.id if head_p else None,
        parent_id=parent_u.id if parent_u else None,
        initials=names.initials(name),
    )
    payload = {
        "name": name,
        "kind": kind,
        "head": head_p.code if head_p else None,
        "parent": parent_u.code if parent_u else None,
    }
    stored: Unit = _stored(session, "unit.add", unit, payload)
    return stored


def _parent(session: Session, unit: Unit, text: str) -> int | None:
    if text.strip() in CLEAR:
        return None
    parent = find_unit(session, text)
    above: Unit | None = parent
    while above is not None:  # no unit may end up under itself
        if above.id == unit.id:
            raise RuleError(
                _("{name} cannot be placed under {parent}, which is part of it.").format(
                    name=unit.name, parent=parent.name
                )
            )
        above = session.get(Unit, above.parent_id) if above.parent_id else None
    return parent.id


def edit_unit(
    session: Session,
    text: str,
    *,
    name: str | None = None,
    kind: str | None = None,
    parent: str | None = None,
    head: str | None = None,
) -> tuple[Unit, dict[str, Any]]:
    """Correct a unit's name, kind, parent or head; journalled with old and new."""
    unit = find_unit(session, text)
    changes = Changes(unit)
    if name is not None:
        new = _unit_name_free(session, clean_name(name, WHAT["unit"]), exclude=unit.id)
        if changes.change("name", new):
            unit.initials = names.initials(new)
    if kind is not None:
        changes.change("kind", choice(kind, UNIT_KINDS, "--kind"))

    def point(field: str, model: Any, new_id: int | None) -> None:
        attr = f"{field}_id"
        shown = (_code_of(session, model, getattr(unit, attr)), _code_of(session, model, new_id))
        changes.change(attr, new_id, key=field, shown=shown)

    if parent is not None:
        point("parent", Unit, _parent(session, unit, parent))
    if head is not None:
        point("head", Person, None if head.strip() in CLEAR else active_person(session, head).id)
    return _edited(session, "unit.edit", unit, changes), changes


def _listed(records: list[Any]) -> str:
    shown = names.describe(records[:SHOWN])
    return shown + (" …" if len(records) > SHOWN else "")


def _cards(session: Session, **where: Any) -> list[str]:
    """'N asset cards on the books (codes)' at a place or in a unit's custody, or nothing."""
    from houqin_cli.asset.listings import card_rows

    codes = [r["code"] for r in card_rows(session, **where) if r["status"] != "scrapped"]
    if not codes:
        return []
    shown = ", ".join(codes[:SHOWN]) + (" …" if len(codes) > SHOWN else "")
    return [_("{n} asset cards on the books ({codes})").format(n=len(codes), codes=shown)]


def unit_holdings(session: Session, unit: Unit) -> list[str]:
    """What still depends on `unit`: people still here, units and places in use under
    it, asset cards on the books in its custody; one phrase each, empty when none."""
    people = list(
        session.execute(
            select(Person)
            .where(col(Person.unit_id) == unit.id, live(Person))
            .order_by(col(Person.code))
        ).scalars()
    )
    children = list(
        session.execute(
            select(Unit).where(col(Unit.parent_id) == unit.id, live(Unit)).order_by(col(Unit.code))
        ).scalars()
    )
    rooms = list(
        session.execute(
            select(Place)
            .where(col(Place.unit_id) == unit.id, live(Place))
            .order_by(col(Place.code))
        ).scalars()
    )
    out = []
    if people:
        out.append(_("people {list}").format(list=_listed(people)))
    if children:
        out.append(_("units {list}").format(list=_listed(children)))
    if rooms:
        out.append(_("places {list}").format(list=_listed(rooms)))
    return out + _cards(session, custodian=unit.code)


def blocked(record: Unit | Place, holdings: list[str]) -> RuleError:
    return RuleError(
        _("{name} ({code}) still has {what}; move them elsewhere (or retire them) first.").format(
            name=record.name, code=record.code, what="; ".join(holdings)
        )
    )


def _retire(session: Session, action: str, record: Unit | Place, day: date) -> None:
    if record.retired_on is not None:
        raise RuleError(
            _("{name} ({code}) was already retired on {date}.").format(
                name=record.name, code=record.code, date=record.retired_on
            )
        )
    record.retired_on = day
    session.flush()
    journal.record(session, action, record, {"date": day.isoformat()})


def retire_unit(session: Session, text: str, day: date) -> Unit:
    unit = find_unit(session, text, current=False)
    if unit.retired_on is None and (holdings := unit_holdings(session, unit)):
        raise blocked(unit, holdings)
    _retire(session, "unit.retire", unit, day)
    return unit


# -- places ----------------------------------------------------------------------


def _place_free(session: Session, name: str, building: str | None, exclude: int | None) -> None:
    same = col(Place.building).is_(None) if building is None else col(Place.building) == building
    q = select(col(Place.id)).where(
        col(Place.name) == name, same, live(Place), col(Place.id) != exclude
    )
    if session.execute(q).first():
        raise RuleError(_("A place named {name} already exists there.").format(name=name))


def _building(text: str | None) -> str | None:
    return text.strip() if text and text.strip() not in CLEAR else None


def add_place(
    session: Session,
    name: str,
    building: str | None = None,
    unit: str | None = None,
    kind: str = "other",
) -> Place:
    name = clean_name(name, WHAT["place"])
    kind = choice(kind, PLACE_KINDS, "--kind")
    bld = _building(building)
    _place_free(session, name, bld, None)
    owner = find_unit(session, unit) if unit else None
    place = Place(
        code=next_code(session, "DD", model=Place),
        name=name,
        building=bld,
        unit_id=owner.id if owner else None,
        kind=kind,
        initials=names.initials(name),
    )
    payload = {"name": name, "building": bld, "kind": kind, "unit": owner.code if owner else None}
    stored: Place = _stored(session, "place.add", place, payload)
    return stored


def edit_place(
    session: Session,
    text: str,
    *,
    name: str | None = None,
    building: str | None = None,
    unit: str | None = None,
    kind: str | None = None,
) -> tuple[Place, dict[str, Any]]:
    """Correct a place's name, building, unit or kind; journalled with old and new."""
    place = find_place(session, text)
    changes = Changes(place)
    change = changes.change
    if name is not None:
        change("name", clean_name(name, WHAT["place"]))
        place.initials = names.initials(place.name)
    if building is not None:
        change("building", _building(building))
    if unit is not None:
        owner = None if unit.strip() in CLEAR else find_unit(session, unit)
        new_id = owner.id if owner else None
        shown = (_code_of(session, Unit, place.unit_id), owner.code if owner else None)
        change("unit_id", new_id, key="unit", shown=shown)
    if kind is not None:
        change("kind", choice(kind, PLACE_KINDS, "--kind"))
    if "name" in changes or "building" in changes:
        _place_free(session, place.name, place.building, place.id)
    return _edited(session, "place.edit", place, changes), changes


def retire_place(session: Session, text: str, day: date) -> Place:
    """A place with asset cards on the books cannot be retired (move them first)."""
    place = find_place(session, text, current=False)
    if place.retired_on is None and (cards := _cards(session, place=place.code)):
        raise blocked(place, cards)
    _retire(session, "place.retire", place, day)
    return place
