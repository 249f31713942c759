"""The shared registries: people, units and places. Other groups refer to these
records through this service, by id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import names, settings
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people.models import Person, Place, Unit
from houqin_cli.people.vocab import LIVE, WHAT, parse_roles

U = TypeVar("U", Unit, Place)


def live(model: type[Person] | type[Unit] | type[Place]) -> Any:
    """SQL: the records still in use (a person still here, a unit or place not retired)."""
    if model is Unit or model is Place:
        return col(model.retired_on).is_(None)
    return col(Person.active).is_(True)


def find_person(session: Session, text: str) -> Person:
    """By code, or by name among those still here (someone who left only when no one
    still here answers to the name)."""
    found: Person = names.resolve(session, Person, text, _(WHAT["person"]), live=LIVE["person"])
    return found


def find_unit(session: Session, text: str, *, current: bool = True) -> Unit:
    """The unit `text` names (retired ones only by code, or when no unit in use
    answers to the name); a retired one is exit 3 unless `current` is False, as
    when a listing asks for its history."""
    found: Unit = names.resolve(session, Unit, text, _(WHAT["unit"]), live=LIVE["unit"])
    return require_current(found) if current else found


def find_place(session: Session, text: str, *, current: bool = True) -> Place:
    """As `find_unit`, for a place."""
    found: Place = names.resolve(session, Place, text, _(WHAT["place"]), live=LIVE["place"])
    return require_current(found) if current else found


def require_current(record: U) -> U:
    """A retired unit or place keeps its history but cannot be assigned anything new."""
    if record.retired_on is not None:
        raise RuleError(
            _(
                "{name} ({code}) was retired on {date} and cannot be assigned anything new; "
                "choose one still in use."
            ).format(name=record.name, code=record.code, date=record.retired_on)
        )
    return record


def find_party(session: Session, text: str, *, active: bool = True) -> Unit | Person:
    """A unit or a person (who draws or returns goods): whichever one `text` names.

    A person must still be here, and a unit not retired (exit 3 otherwise), unless
    `active` is False, as when a listing asks for someone's history; a name that fits
    both a unit and a person is ambiguous (exit 2)."""
    found: list[Unit | Person] = []
    errors: list[InputError] = []
    for finder in (
        lambda t: find_unit(session, t, current=False),
        lambda t: find_person(session, t),
    ):
        try:
            found.append(finder(text))
        except InputError as exc:
            errors.append(exc)
    if len(found) == 2:
        raise names.Ambiguous(
            _("{text!r} matches several records: {candidates}; give the code.").format(
                text=text, candidates=names.describe(found)
            )
        )
    if not found:
        ambiguous = [e for e in errors if isinstance(e, names.Ambiguous)]
        raise (
            ambiguous[0]
            if ambiguous
            else InputError(_("No unit or person matches {text!r}.").format(text=text))
        )
    party = found[0]
    if active:
        if isinstance(party, Person):
            require_active(party)
        else:
            require_current(party)
    return party


def party_ids(party: Unit | Person) -> tuple[int | None, int | None]:
    """(person id, unit id) of the unit or person `find_party` found."""
    return (None, party.id) if isinstance(party, Unit) else (party.id, None)


def require_active(person: Person) -> Person:
    """A person who has left keeps their history but cannot be newly assigned,
    sign or receive anything (exit 3)."""
    if not person.active:
        raise RuleError(
            _(
                "{name} ({code}) left on {date} and cannot be assigned, sign or receive "
                "anything; choose someone still here."
            ).format(name=person.name, code=person.code, date=person.left_on or "-")
        )
    return person


def active_person(session: Session, text: str) -> Person:
    return require_active(find_person(session, text))


def require_active_on(person: Person, day: date) -> Person:
    """`require_active` as of `day`: someone who has left may still sign for what
    happened before the day they left (a receipt dated earlier); on or after it, the
    same refusal."""
    if not person.active and person.left_on is not None and day < person.left_on:
        return person
    return require_active(person)


def active_person_on(session: Session, text: str, day: date) -> Person:
    """The person `text` names, still here on `day` (`require_active_on`)."""
    return require_active_on(find_person(session, text), day)


def operator_person(session: Session, operator: str) -> Person | None:
    """The registered person the operator is (by code or name), if any: whoever
    records a thing cannot also approve it."""
    try:
        return find_person(session, operator)
    except InputError:
        return None


def registered_ids(session: Session, operators: Iterable[str]) -> tuple[int | None, ...]:
    """The ids of the registered people among `operators` (who typed the commands)."""
    found = (operator_person(session, name) for name in set(operators))
    return tuple(p.id for p in found if p is not None)


def require_role(session: Session, person: Person) -> Person:
    """An approver holds the role `approval.role` names (by default `approver`)."""
    role = parse_roles([settings.get(session, "approval.role")])[0]
    if role not in person.roles.split():
        raise RuleError(
            _(
                "{name} ({code}) does not have the {role} role; give it with `houqin people edit {code} --add-role {role}`."
            ).format(name=person.name, code=person.code, role=role)
        )
    return person


def approver(
    session: Session, text: str, *, excluding: tuple[int | None, ...], what: str
) -> Person:
    """The one approval rule (CONVENTIONS, "Approvals"): someone still here, holding the
    approver role, who is none of `excluding` (whoever did, asked for or counted `what`)."""
    person = require_role(session, active_person(session, text))
    if person.id in excluding:
        raise RuleError(
            _(
                "{name} ({code}) did, asked for or counted {what} and cannot also approve it; name someone else with the approver role."
            ).format(name=person.name, code=person.code, what=what)
        )
    return person


def holds_role(role: str) -> Any:
    """SQL: the person holds `role` (roles are stored space-separated)."""
    wanted = parse_roles([role])[0]
    return (" " + col(Person.roles) + " ").like(f"% {wanted} %")


def with_role(session: Session, role: str) -> list[str]:
    """The codes of the active people holding `role`."""
    q = (
        select(col(Person.code))
        .where(col(Person.active).is_(True), holds_role(role))
        .order_by(col(Person.code))
    )
    return list(session.execute(q).scalars())


def _names_by_id(
    session: Session, model: type[Person] | type[Unit] | type[Place]
) -> dict[int, str]:
    """id -> name of every person, unit or place: one query for a whole listing."""
    rows = session.execute(select(col(model.id), col(model.name))).all()
    return {rid: name for rid, name in rows if rid is not None}


def person_names(session: Session) -> dict[int, str]:
    return _names_by_id(session, Person)


def unit_names(session: Session) -> dict[int, str]:
    return _names_by_id(session, Unit)


def place_names(session: Session) -> dict[int, str]:
    return _names_by_id(session, Place)


def person_by_id(session: Session, person_id: int) -> Person:
    """The person a record refers to by id (such as a loan's borrower)."""
    person = session.get(Person, person_id)
    assert person is not None
    return person


def units_of_kind(session: Session, kind: str) -> list[Unit]:
    """The units of one kind (such as every class) still in use, by code."""
    q = select(Unit).where(col(Unit.kind) == kind, live(Unit)).order_by(col(Unit.code))
    return list(session.execute(q).scalars())


def places_of_kinds(session: Session, kinds: tuple[str, ...]) -> list[Place]:
    """The places of these kinds still in use, by code."""
    q = select(Place).where(col(Place.kind).in_(kinds), live(Place)).order_by(col(Place.code))
    return list(session.execute(q).scalars())


def place_ids_of_unit(session: Session, unit_id: int) -> list[int]:
    """The ids of the places a unit uses (a class's own room)."""
    q = select(col(Place.id)).where(col(Place.unit_id) == unit_id)
    return [pid for pid in session.execute(q).scalars() if pid is not None]


def namesakes_warning(session: Session, record: Person | Unit | Place) -> str | None:
    """The warning line when others bear `record`'s name (core.names.namesakes_warning)."""
    return names.namesakes_warning(session, record, _(WHAT[record.__tablename__]))


def registry_count(session: Session) -> int:
    """How many people, units and places the registries hold."""
    return sum(
        session.execute(select(func.count()).select_from(m)).scalar() or 0
        for m in (Person, Unit, Place)
    )
