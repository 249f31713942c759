"""`houqin people`, `houqin unit`, `houqin place`: parse -> service -> render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from houqin_cli.cli import Done, added, complete_person, complete_unit, day, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.report import Report

people_app = typer.Typer(
    help=_("Staff and everyone who signs, receives or is on duty."), no_args_is_help=True
)
unit_app = typer.Typer(
    help=_(
        "Departments, grades and classes: the units that draw stock and answer for class property."
    ),
    no_args_is_help=True,
)
place_app = typer.Typer(
    help=_("Rooms and areas where assets stand and repairs happen."), no_args_is_help=True
)

PersonArg = typer.Argument(
    ..., help=_("A person: code, name, prefix or pinyin initials."), autocompletion=complete_person
)


def _unit_opt(help_text: str) -> Any:
    return typer.Option(None, "--unit", help=help_text, autocompletion=complete_unit)


# -- people ----------------------------------------------------------------------


@write(people_app, "add", help=_("Register a person."))
def people_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The person's name.")),
    code: str | None = typer.Option(
        None, "--code", help=_("Staff number; generated (RY-0001) if not given.")
    ),
    unit: str | None = _unit_opt(_("The unit they belong to.")),
    role: list[str] = typer.Option(
        [], "--role", help=_("A role (repeatable): teacher, approver, storekeeper, …")
    ),
    phone: str | None = typer.Option(None, "--phone", help=_("Phone number.")),
) -> Done:
    from houqin_cli.people import service

    return added(service.add_person(s, name, code=code, unit=unit, roles=role, phone=phone))


@report(people_app, "list", help=_("List people (those still here, unless --all)."))
def people_list(
    s: Session,
    unit: str | None = _unit_opt(_("Only people of this unit.")),
    role: str | None = typer.Option(None, "--role", help=_("Only people with this role.")),
    all_: bool = typer.Option(False, "--all", help=_("Include people who have left.")),
) -> Report:
    from houqin_cli.people import reports

    return reports.people(s, unit=unit, role=role, include_left=all_)


@report(people_app, "show", help=_("Show a person and their history in the journal."))
def people_show(s: Session, person: str = PersonArg) -> Report:
    from houqin_cli.people import reports

    return reports.person(s, person)


@write(people_app, "edit", help=_("Change a person's name, code, unit, roles or phone."))
def people_edit(
    s: Session,
    person: str = PersonArg,
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    code: str | None = typer.Option(None, "--code", help=_("New code.")),
    unit: str | None = _unit_opt(_("New unit ('-' for none).")),
    role: list[str] | None = typer.Option(
        None, "--role", help=_("Replace the roles with these (repeatable).")
    ),
    add_role: list[str] = typer.Option([], "--add-role", help=_("Add a role (repeatable).")),
    remove_role: list[str] = typer.Option(
        [], "--remove-role", help=_("Remove a role (repeatable).")
    ),
    phone: str | None = typer.Option(None, "--phone", help=_("New phone number ('' for none).")),
) -> Done:
    from houqin_cli.people import service

    p, changes = service.edit_person(
        s,
        person,
        name=name,
        code=code,
        unit=unit,
        roles=role or None,
        add_roles=add_role,
        remove_roles=remove_role,
        phone=phone,
    )
    return Done(
        _("Changed {name} ({code}): {fields}.").format(
            name=p.name, code=p.code, fields=", ".join(changes)
        )
    )


@write(
    people_app,
    "leave",
    help=_("Record that a person has left: they keep their history but can no longer be assigned."),
)
def people_leave(
    s: Session,
    person: str = PersonArg,
    date: str | None = typer.Option(None, "--date", help=_("The day they left (default: today).")),
) -> Done:
    from houqin_cli.people import service

    left = day(s, date)
    p = service.leave(s, person, left)
    return Done(
        _("{name} ({code}) has left as of {date}.").format(name=p.name, code=p.code, date=left)
    )


# -- units -----------------------------------------------------------------------


@write(unit_app, "add", help=_("Add a department, grade or class."))
def unit_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The unit's name, such as 总务处 or 初一(1)班.")),
    kind: str = typer.Option(..., "--kind", help=_("department, grade or class.")),
    head: str | None = typer.Option(
        None, "--head", help=_("The person in charge."), autocompletion=complete_person
    ),
    parent: str | None = typer.Option(
        None, "--parent", help=_("The unit above (a class's grade)."), autocompletion=complete_unit
    ),
) -> Done:
    from houqin_cli.people import service

    return added(service.add_unit(s, name, kind, head=head, parent=parent))


@report(unit_app, "list", help=_("List departments, grades and classes."))
def unit_list(
    s: Session, kind: str | None = typer.Option(None, "--kind", help=_("Only units of this kind."))
) -> Report:
    from houqin_cli.people import reports

    return reports.units(s, kind)


# -- places ----------------------------------------------------------------------


@write(place_app, "add", help=_("Add a room or area."))
def place_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The place's name, such as 101 or 化学实验室.")),
    building: str | None = typer.Option(None, "--building", help=_("The building it is in.")),
    unit: str | None = _unit_opt(_("The unit that uses it.")),
    kind: str = typer.Option(
        "other", "--kind", help=_("classroom, office, dorm, canteen, store, outdoor or other.")
    ),
) -> Done:
    from houqin_cli.people import service

    return added(service.add_place(s, name, building=building, unit=unit, kind=kind))


@report(place_app, "list", help=_("List rooms and areas."))
def place_list(
    s: Session,
    building: str | None = typer.Option(
        None, "--building", help=_("Only places in this building.")
    ),
    kind: str | None = typer.Option(None, "--kind", help=_("Only places of this kind.")),
) -> Report:
    from houqin_cli.people import reports

    return reports.places(s, building, kind)
