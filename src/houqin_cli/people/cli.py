"""`houqin people`, `houqin unit`, `houqin place`: parse -> service -> render."""

from __future__ import annotations

from typing import Any

import typer

from houqin_cli.cli import Format, Output, complete_person, complete_unit, created, say, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

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

PEOPLE_COLUMNS = [
    Column("code", _("Code")),
    Column("name", _("Name")),
    Column("unit", _("Unit")),
    Column("roles", _("Roles"), "list"),
    Column("phone", _("Phone")),
    Column("active", _("Active"), "bool"),
    Column("left_on", _("Left on"), "date"),
]


@people_app.command("add", help=_("Register a person."))
def people_add(
    name: str = typer.Argument(..., help=_("The person's name.")),
    code: str | None = typer.Option(
        None, "--code", help=_("Staff number; generated (RY-0001) if not given.")
    ),
    unit: str | None = _unit_opt(_("The unit they belong to.")),
    role: list[str] = typer.Option(
        [], "--role", help=_("A role (repeatable): teacher, approver, storekeeper, …")
    ),
    phone: str | None = typer.Option(None, "--phone", help=_("Phone number.")),
) -> None:
    from houqin_cli.people import service

    with state().write() as s:
        p = service.add_person(s, name, code=code, unit=unit, roles=role, phone=phone)
        code_, name_ = p.code, p.name
    created(code_, _("Added {name} ({code}).").format(name=name_, code=code_))


@people_app.command("list", help=_("List people (those still here, unless --all)."))
def people_list(
    unit: str | None = _unit_opt(_("Only people of this unit.")),
    role: str | None = typer.Option(None, "--role", help=_("Only people with this role.")),
    all_: bool = typer.Option(False, "--all", help=_("Include people who have left.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.people import service

    with state().read() as s:
        rows = service.list_people(s, unit=unit, role=role, include_left=all_)
    show(Report(_("People"), PEOPLE_COLUMNS, rows), fmt, output)


@people_app.command("show", help=_("Show a person and their history in the journal."))
def people_show(
    person: str = PersonArg,
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.core import settings
    from houqin_cli.core.clock import from_iso_utc
    from houqin_cli.people import service

    with state().read() as s:
        row, history = service.show_person(s, person)
        tz = settings.timezone(s)
    row["history"] = [
        {
            "seq": e.seq,
            "time": from_iso_utc(e.time).astimezone(tz),
            "action": e.action,
            "operator": e.operator,
        }
        for e in history
    ]
    cols = [*PEOPLE_COLUMNS, Column("history", _("History"), "list")]
    show(Report(_("Person"), cols, [row], record=True), fmt, output)


@people_app.command("edit", help=_("Change a person's name, code, unit, roles or phone."))
def people_edit(
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
) -> None:
    from houqin_cli.people import service

    with state().write() as s:
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
        code_, name_ = p.code, p.name
    say(
        _("Changed {name} ({code}): {fields}.").format(
            name=name_, code=code_, fields=", ".join(changes)
        )
    )


@people_app.command(
    "leave",
    help=_("Record that a person has left: they keep their history but can no longer be assigned."),
)
def people_leave(
    person: str = PersonArg,
    date: str | None = typer.Option(None, "--date", help=_("The day they left (default: today).")),
) -> None:
    from houqin_cli.core import clock, settings
    from houqin_cli.people import service

    with state().write() as s:
        tz = settings.timezone(s)
        day = clock.parse_date(date, tz) if date else clock.today(tz)
        p = service.leave(s, person, day)
        code_, name_ = p.code, p.name
    say(_("{name} ({code}) has left as of {date}.").format(name=name_, code=code_, date=day))


# -- units -----------------------------------------------------------------------


@unit_app.command("add", help=_("Add a department, grade or class."))
def unit_add(
    name: str = typer.Argument(..., help=_("The unit's name, such as 总务处 or 初一(1)班.")),
    kind: str = typer.Option(..., "--kind", help=_("department, grade or class.")),
    head: str | None = typer.Option(
        None, "--head", help=_("The person in charge."), autocompletion=complete_person
    ),
    parent: str | None = typer.Option(
        None, "--parent", help=_("The unit above (a class's grade)."), autocompletion=complete_unit
    ),
) -> None:
    from houqin_cli.people import service

    with state().write() as s:
        u = service.add_unit(s, name, kind, head=head, parent=parent)
        code_, name_ = u.code, u.name
    created(code_, _("Added {name} ({code}).").format(name=name_, code=code_))


@unit_app.command("list", help=_("List departments, grades and classes."))
def unit_list(
    kind: str | None = typer.Option(None, "--kind", help=_("Only units of this kind.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.people import service

    with state().read() as s:
        rows = service.list_units(s, kind)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("kind", _("Kind")),
        Column("head", _("Head")),
        Column("parent", _("Parent")),
    ]
    show(Report(_("Units"), cols, rows), fmt, output)


# -- places ----------------------------------------------------------------------


@place_app.command("add", help=_("Add a room or area."))
def place_add(
    name: str = typer.Argument(..., help=_("The place's name, such as 101 or 化学实验室.")),
    building: str | None = typer.Option(None, "--building", help=_("The building it is in.")),
    unit: str | None = _unit_opt(_("The unit that uses it.")),
    kind: str = typer.Option(
        "other", "--kind", help=_("classroom, office, dorm, canteen, store, outdoor or other.")
    ),
) -> None:
    from houqin_cli.people import service

    with state().write() as s:
        p = service.add_place(s, name, building=building, unit=unit, kind=kind)
        code_, name_ = p.code, p.name
    created(code_, _("Added {name} ({code}).").format(name=name_, code=code_))


@place_app.command("list", help=_("List rooms and areas."))
def place_list(
    building: str | None = typer.Option(
        None, "--building", help=_("Only places in this building.")
    ),
    kind: str | None = typer.Option(None, "--kind", help=_("Only places of this kind.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.people import service

    with state().read() as s:
        rows = service.list_places(s, building, kind)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("building", _("Building")),
        Column("kind", _("Kind")),
        Column("unit", _("Unit")),
    ]
    show(Report(_("Places"), cols, rows), fmt, output)
