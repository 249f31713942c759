"""`people import`: a staff list (姓名, 部门, 角色, 电话; or name, unit, roles, phone) from
.csv or .xlsx, all rows or none, with one journal entry for the file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.core import journal
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.people.models import Person
from houqin_cli.people.persons import check_code, check_phone, new_person
from houqin_cli.people.service import find_unit, namesakes_warning
from houqin_cli.people.vocab import WHAT, clean_name, parse_roles

ROLE_SEPARATORS = ("、", ";", "；", "/", " ")


def _fields() -> list[Any]:
    from houqin_cli.core.imports import Field

    return [  # the headers a school's staff list uses, and those `people list -o` writes
        Field("name", ("姓名", "名字", *variants(N_("Name"))), required=True),
        Field("unit", ("部门", "所在部门", "科室", *variants(N_("Unit")))),
        Field("roles", ("角色", "职务", *variants(N_("Roles")))),
        Field("phone", ("电话", "手机", "手机号", "联系电话", *variants(N_("Phone")))),
        Field("code", ("工号", "编号", *variants(N_("Code")))),
    ]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal | int) and not isinstance(value, bool) and value == int(value):
        value = int(value)  # a phone number or staff number typed into a number cell
    return str(value).strip() or None


def _roles(text: str | None) -> list[str]:
    value = text or ""
    for sep in ROLE_SEPARATORS:
        value = value.replace(sep, ",")
    return parse_roles([value])


def import_people(session: Session, path: Path) -> tuple[list[Person], list[str]]:
    """Every row checked in one pass (Refusals); the people added, and one warning line
    for each whose name was already registered."""
    from houqin_cli.core.imports import Refusals, checked, progress, read_rows, row_error

    rows = read_rows(path, _fields(), session)
    if not rows:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    refusals = Refusals(path)
    seen: dict[str, int] = {}
    made: list[Person] = []
    for row in progress(rows, _("Importing people")):
        with refusals.row():
            v = {k: _text(x) for k, x in row.values.items()}
            name = checked(row, "name", lambda n: clean_name(n or "", WHAT["person"]), v)
            if name in seen:
                raise row_error(
                    row,
                    "name",
                    _(
                        "{name} is on rows {first} and {second}; list each person once "
                        "(add a namesake with `houqin people add`)."
                    ).format(name=name, first=seen[name], second=row.number),
                )
            seen[name] = row.number
            owner = checked(row, "unit", lambda u: find_unit(session, u) if u else None, v)
            roles = checked(row, "roles", _roles, v)
            phone = checked(row, "phone", check_phone, v)
            code = checked(row, "code", lambda c: check_code(session, c) if c else None, v)
            person = new_person(session, name, code, owner, roles, phone)
            session.add(person)
            session.flush()
            made.append(person)
    refusals.done()
    journal.imported(session, "people.import", "person", path.name, made)
    warnings = [w for p in made if (w := namesakes_warning(session, p))]
    return made, warnings
