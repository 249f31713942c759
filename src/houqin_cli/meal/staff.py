"""The canteen's staff (cook, helper, buyer) and the duty teacher at a meal; a cook
whose health certificate has expired does not serve (食品安全法 §45)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.core import journal, labels
from houqin_cli.core.db import reader_of
from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.meal.models import Duty, Staff
from houqin_cli.people import certs
from houqin_cli.people import service as people

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def add(session: Session, person_text: str, role: str) -> Staff:
    person = people.active_person(session, person_text)
    code = labels.parse("canteen_role", role, "--role")
    found = reader_of(session).rows(
        "SELECT role FROM meal_staff WHERE person_id = :p", {"p": person.id}
    )
    if found:
        raise RuleError(
            _("{name} is already canteen staff ({role}).").format(
                name=person.name, role=labels.label("canteen_role", found[0][0])
            )
        )
    row = Staff(person_id=person.id or 0, role=code)
    session.add(row)
    session.flush()
    journal.append(
        session, "meal.staff.add", "meal_staff", entity_id=row.id,
        payload={"person_id": person.id, "role": code},
    )  # fmt: skip
    return row


def serving_cook(session: Session, text: str, day: date) -> int:
    """The cook `text` names, refused (exit 3) without a health certificate valid on `day`."""
    person = people.active_person_on(session, text, day)
    assert person.id is not None
    if certs.current(reader_of(session), person.id, certs.HEALTH, day) is None:
        raise RuleError(
            _("{name} has no health certificate valid on {day} (食品安全法 §45): record one "
              "with `houqin people cert add {name} --kind health …`.").format(
                name=person.name, day=day)
        )  # fmt: skip
    return person.id


def duty(session: Session, day: date, meal: str, teacher: str) -> Duty:
    from sqlalchemy import select

    person = people.active_person_on(session, teacher, day)
    row = session.execute(select(Duty).where(Duty.day == day, Duty.meal == meal)).scalar()  # type: ignore[arg-type]
    old = row.teacher_id if row is not None else None
    if row is None:
        row = Duty(day=day, meal=meal, teacher_id=person.id or 0)
        session.add(row)
    else:
        row.teacher_id = person.id or 0
    session.flush()
    journal.append(
        session, "meal.duty", "meal_duty", entity_id=row.id,
        payload={"day": day.isoformat(), "meal": meal, "teacher_id": person.id, "before": old},
    )  # fmt: skip
    return row
