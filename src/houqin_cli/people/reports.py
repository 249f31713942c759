"""The registries' listings as Reports: people, a person with their history, units, places."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, settings
from houqin_cli.core.clock import from_iso_utc
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report
from houqin_cli.people.models import Person, Place, Unit
from houqin_cli.people.service import (
    PLACE_KINDS,
    UNIT_KINDS,
    choice,
    find_person,
    find_unit,
    holds_role,
    live,
    unit_names,
)

PEOPLE = ("code", "name", "unit", "roles", "phone", "active", "left_on")

LISTED = ("code", "name", "unit_id", "roles", "phone", "active", "left_on")


def person_row(person: Any, units: dict[int, str]) -> dict[str, Any]:
    """A person (or a row of the LISTED columns) as listings show it."""
    return {
        "code": person.code,
        "name": person.name,
        "unit": units.get(person.unit_id) if person.unit_id else None,
        "roles": person.roles.split(),
        "phone": person.phone,
        "active": person.active,
        "left_on": person.left_on,
    }


def people(
    session: Session,
    *,
    unit: str | None = None,
    role: str | None = None,
    include_left: bool = False,
) -> Report:
    q = select(*(getattr(Person, c) for c in LISTED)).order_by(col(Person.code))
    if not include_left:
        q = q.where(col(Person.active).is_(True))
    if unit:
        q = q.where(col(Person.unit_id) == find_unit(session, unit, current=False).id)
    if role:
        q = q.where(holds_role(role))
    units = unit_names(session)
    rows = [person_row(row, units) for row in session.execute(q)]
    return Report(_("People"), columns(*PEOPLE, command="people list"), rows)


def person(session: Session, text: str) -> Report:
    """One person, with every journal entry about them."""
    p = find_person(session, text)
    tz = settings.timezone(session)
    history = session.execute(
        select(journal.Journal)
        .where(
            col(journal.Journal.entity) == "person",
            col(journal.Journal.entity_id) == str(p.id),
        )
        .order_by(col(journal.Journal.seq))
    ).scalars()
    row = person_row(p, unit_names(session))
    row["history"] = [
        {
            "seq": e.seq,
            "time": from_iso_utc(e.time).astimezone(tz),
            "action": e.action,
            "operator": e.operator,
        }
        for e in history
    ]
    return Report(
        _("Person"), columns(*PEOPLE, "history", command="people list"), [row], record=True
    )


def unit_rows(
    session: Session, kind: str | None = None, *, retired: bool = False
) -> list[dict[str, Any]]:
    """The units in use (and the retired ones too when `retired`)."""
    q = select(Unit).order_by(col(Unit.code))
    if not retired:
        q = q.where(live(Unit))
    if kind:
        q = q.where(col(Unit.kind) == choice(kind, UNIT_KINDS, "--kind"))
    units = list(session.execute(q).scalars())
    by_id = {u.id: u for u in session.execute(select(Unit)).scalars()}
    heads = {
        p.id: p
        for p in session.execute(
            select(Person).where(col(Person.id).in_([u.head_id for u in units if u.head_id]))
        ).scalars()
    }
    return [
        {
            "code": u.code,
            "name": u.name,
            "kind": u.kind,
            "head": heads[u.head_id].name if u.head_id in heads else None,
            "parent": by_id[u.parent_id].name if u.parent_id in by_id else None,
            **({"retired_on": u.retired_on} if retired else {}),
        }
        for u in units
    ]


UNITS = ("code", "name", "kind", "head", "parent")
PLACES = ("code", "name", "building", "kind", "org_unit")


def units(session: Session, kind: str | None = None, *, retired: bool = False) -> Report:
    """`unit list`; with --all the retired units too, and when each was retired."""
    rows = unit_rows(session, kind, retired=retired)
    keys = (*UNITS, "retired_on") if retired else UNITS
    return Report(_("Units"), columns(*keys), rows)


def place_rows(
    session: Session,
    building: str | None = None,
    kind: str | None = None,
    *,
    retired: bool = False,
) -> list[dict[str, Any]]:
    """The places in use (and the retired ones too when `retired`)."""
    q = select(Place).order_by(col(Place.building), col(Place.name))
    if not retired:
        q = q.where(live(Place))
    if building:
        q = q.where(col(Place.building) == building.strip())
    if kind:
        q = q.where(col(Place.kind) == choice(kind, PLACE_KINDS, "--kind"))
    names = unit_names(session)
    return [
        {
            "code": p.code,
            "name": p.name,
            "building": p.building,
            "kind": p.kind,
            "org_unit": names.get(p.unit_id) if p.unit_id else None,
            **({"retired_on": p.retired_on} if retired else {}),
        }
        for p in session.execute(q).scalars()
    ]


def places(
    session: Session,
    building: str | None = None,
    kind: str | None = None,
    *,
    retired: bool = False,
) -> Report:
    """`place list`; with --all the retired places too, and when each was retired."""
    rows = place_rows(session, building, kind, retired=retired)
    keys = (*PLACES, "retired_on") if retired else PLACES
    return Report(_("Places"), columns(*keys), rows)
