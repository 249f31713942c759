"""The registries' listings and shows, in plain SQL on a `Reader` (sqlite3 alone on
SQLite: no ORM on their path): people, one person with their history, units, places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import names, settings
from houqin_cli.core.clock import from_iso_utc, stored_date
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Report
from houqin_cli.people.vocab import LIVE, PLACE_KINDS, UNIT_KINDS, WHAT, choice, parse_roles

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

PEOPLE = ("code", "name", "unit", "roles", "phone", "active", "left_on")

_PERSON_SQL = "SELECT id, code, name, unit_id, roles, phone, active, left_on FROM person"


def person_row(person: Any, units: dict[int, str]) -> dict[str, Any]:
    """A row of `_PERSON_SQL` as listings show it."""
    _id, code, name, unit_id, roles, phone, active, left_on = person
    return {
        "code": code,
        "name": name,
        "unit": units.get(unit_id) if unit_id else None,
        "roles": roles.split(),
        "phone": phone,
        "active": bool(active),
        "left_on": stored_date(left_on),
    }


def people(
    reader: Reader,
    *,
    unit: str | None = None,
    role: str | None = None,
    include_left: bool = False,
) -> Report:
    where: list[str] = []
    params: dict[str, Any] = {"yes": True}
    if not include_left:
        where.append(LIVE["person"])
    if unit:
        found = names.lookup(reader, "unit", unit, _(WHAT["unit"]), live=LIVE["unit"])
        where.append("unit_id = :unit")
        params["unit"] = found[0]
    if role:  # roles are stored space-separated
        where.append("(' ' || roles || ' ') LIKE :role")
        params["role"] = f"% {parse_roles([role])[0]} %"
    sql = _PERSON_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY code"
    units = names_by_id(reader, "unit")
    rows = [person_row(row, units) for row in reader.rows(sql, params)]
    return Report(_("People"), columns(*PEOPLE, command="people list"), rows)


def person(reader: Reader, text: str) -> Report:
    """One person, with every journal entry about them."""
    pid = names.lookup(reader, "person", text, _(WHAT["person"]), live=LIVE["person"])[0]
    [found] = reader.rows(_PERSON_SQL + " WHERE id = :id", {"id": pid})
    tz = settings.zone(reader)
    history = reader.rows(
        "SELECT seq, time, action, operator FROM journal"
        " WHERE entity = 'person' AND entity_id = :id ORDER BY seq",
        {"id": str(pid)},
    )
    row = person_row(found, names_by_id(reader, "unit"))
    row["history"] = [
        {
            "seq": seq,
            "time": from_iso_utc(time).astimezone(tz),
            "action": action,
            "operator": operator,
        }
        for seq, time, action, operator in history
    ]
    return Report(
        _("Person"), columns(*PEOPLE, "history", command="people list"), [row], record=True
    )


def unit_rows(
    reader: Reader, kind: str | None = None, *, retired: bool = False
) -> list[dict[str, Any]]:
    """The units in use (and the retired ones too when `retired`)."""
    where: list[str] = [] if retired else [LIVE["unit"]]
    params: dict[str, Any] = {}
    if kind:
        where.append("kind = :kind")
        params["kind"] = choice(kind, UNIT_KINDS, "--kind")
    units = reader.rows(
        "SELECT code, name, kind, head_id, parent_id, retired_on FROM unit"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY code",
        params,
    )
    by_id, people_names = names_by_id(reader, "unit"), names_by_id(reader, "person")
    return [
        {
            "code": code,
            "name": name,
            "kind": kind_,
            "head": people_names.get(head) if head else None,
            "parent": by_id.get(parent) if parent else None,
            **({"retired_on": stored_date(retired_on)} if retired else {}),
        }
        for code, name, kind_, head, parent, retired_on in units
    ]


UNITS = ("code", "name", "kind", "head", "parent")
PLACES = ("code", "name", "building", "kind", "org_unit")


def units(reader: Reader, kind: str | None = None, *, retired: bool = False) -> Report:
    """`unit list`; with --all the retired units too, and when each was retired."""
    rows = unit_rows(reader, kind, retired=retired)
    keys = (*UNITS, "retired_on") if retired else UNITS
    return Report(_("Units"), columns(*keys), rows)


def place_rows(
    reader: Reader,
    building: str | None = None,
    kind: str | None = None,
    *,
    retired: bool = False,
) -> list[dict[str, Any]]:
    """The places in use (and the retired ones too when `retired`)."""
    where: list[str] = [] if retired else [LIVE["place"]]
    params: dict[str, Any] = {}
    if building:
        where.append("building = :building")
        params["building"] = building.strip()
    if kind:
        where.append("kind = :kind")
        params["kind"] = choice(kind, PLACE_KINDS, "--kind")
    found = reader.rows(
        "SELECT code, name, building, kind, unit_id, retired_on FROM place"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY building, name",
        params,
    )
    units = names_by_id(reader, "unit")
    return [
        {
            "code": code,
            "name": name,
            "building": building_,
            "kind": kind_,
            "org_unit": units.get(unit_id) if unit_id else None,
            **({"retired_on": stored_date(retired_on)} if retired else {}),
        }
        for code, name, building_, kind_, unit_id, retired_on in found
    ]


def places(
    reader: Reader,
    building: str | None = None,
    kind: str | None = None,
    *,
    retired: bool = False,
) -> Report:
    """`place list`; with --all the retired places too, and when each was retired."""
    rows = place_rows(reader, building, kind, retired=retired)
    keys = (*PLACES, "retired_on") if retired else PLACES
    return Report(_("Places"), columns(*keys), rows)
