"""The people of the register: adding, editing, leaving, and the checks of their
codes and phone numbers (the import in staff.py shares them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people.changes import Changes
from houqin_cli.people.models import Person, Unit
from houqin_cli.people.service import find_person, find_unit
from houqin_cli.people.vocab import WHAT, clean_name, parse_roles


def _added(session: Session, action: str, record: Person, payload: dict[str, Any]) -> Person:
    """A new person, unit or place: stored, given its id, journalled."""
    session.add(record)
    session.flush()
    journal.record(session, action, record, payload)
    return record


def check_code(session: Session, code: str, exclude: int | None = None) -> str:
    c = code.strip()
    if not c or any(ch.isspace() for ch in c) or len(c) > 32:
        raise InputError(
            _("Invalid code {code!r}: up to 32 characters, no spaces.").format(code=code)
        )
    taken = session.execute(
        select(col(Person.id)).where(func.upper(col(Person.code)) == c.upper())
    ).scalar()
    if taken is not None and taken != exclude:
        raise RuleError(_("The code {code} is already taken.").format(code=c))
    return c


def check_phone(phone: str | None) -> str | None:
    if phone is None or not phone.strip():
        return None
    p = phone.strip()
    if len(p) > 40 or not all(ch.isdigit() or ch in "+- ()" for ch in p):
        raise InputError(_("Invalid phone number {phone!r}.").format(phone=phone))
    return p


def new_person(
    session: Session,
    name: str,
    code: str | None,
    owner: Unit | None,
    roles: list[str],
    phone: str | None,
) -> Person:
    """An active person from values already checked; no code takes the next RY number."""
    return Person(
        code=code or next_code(session, "RY", model=Person),
        name=name,
        unit_id=owner.id if owner else None,
        roles=" ".join(roles),
        phone=phone,
        active=True,
        initials=names.initials(name),
    )


def add_person(
    session: Session,
    name: str,
    *,
    code: str | None = None,
    unit: str | None = None,
    roles: list[str] | None = None,
    phone: str | None = None,
    wage: str | None = None,
) -> Person:
    from houqin_cli.core.money import parse_money

    name = clean_name(name, WHAT["person"])
    fen = parse_money(wage) if wage is not None else None
    role_list = parse_roles(roles or [])
    phone = check_phone(phone)
    owner = find_unit(session, unit) if unit else None
    checked = check_code(session, code) if code else None
    person = new_person(session, name, checked, owner, role_list, phone)
    person.wage = fen
    payload = {
        "name": name,
        "unit": owner.code if owner else None,
        "roles": role_list,
        "phone": phone,
        **({"wage": fen} if fen is not None else {}),
    }
    return _added(session, "people.add", person, payload)


def edit_person(
    session: Session,
    text: str,
    *,
    name: str | None = None,
    code: str | None = None,
    unit: str | None = None,
    roles: list[str] | None = None,
    add_roles: list[str] | None = None,
    remove_roles: list[str] | None = None,
    phone: str | None = None,
) -> tuple[Person, dict[str, Any]]:
    person = find_person(session, text)
    changes = Changes(person)
    change = changes.change
    if name is not None:
        change("name", clean_name(name, WHAT["person"]))
        person.initials = names.initials(person.name)
    if code is not None:
        change("code", check_code(session, code, exclude=person.id))
    if unit is not None:
        change("unit_id", None if unit.strip() in ("", "-") else find_unit(session, unit).id)
    current = person.role_list
    if roles is not None:
        current = parse_roles(roles)
    current = sorted(set(current) | set(parse_roles(add_roles or [])))
    current = sorted(set(current) - set(parse_roles(remove_roles or [])))
    change("roles", " ".join(current))
    if phone is not None:
        change("phone", check_phone(phone))
    if not changes:
        raise InputError(_("Nothing to change: give at least one option, such as --phone."))
    session.flush()
    journal.record(session, "people.edit", person, changes)
    return person, changes


def leave(session: Session, text: str, day: date) -> Person:
    person = find_person(session, text)
    if not person.active:
        raise RuleError(
            _("{name} ({code}) already left on {date}.").format(
                name=person.name, code=person.code, date=person.left_on
            )
        )
    person.active = False
    person.left_on = day
    session.flush()
    journal.record(session, "people.leave", person, {"date": day.isoformat()})
    return person
