"""`houqin people`, `houqin unit`, `houqin place`: parse -> service -> render."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from houqin_cli.cli import (
    Done,
    DryRun,
    added,
    complete,
    day,
    report,
    run_import,
    say,
    write,
)
from houqin_cli.core.columns import field_names
from houqin_cli.core.i18n import _

UNIT_KIND = complete.labels("unit_kind")
PLACE_KIND = complete.labels("place_kind")

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
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
    ..., help=_("A person: code, name, prefix or pinyin initials."), shell_complete=complete.PERSON
)


def _unit_opt(help_text: str) -> Any:
    return typer.Option(None, "--unit", help=help_text, shell_complete=complete.UNIT)


def _warned(s: Session, done: Done, record: Any) -> Done:
    """`done`, with the warning line when another record bears the same name."""
    from houqin_cli.people import service

    warning = service.namesakes_warning(s, record)
    return Done(f"{done.message}\n{warning}", done.code) if warning else done


def _changed(p: Any, changes: dict[str, Any]) -> Done:
    return Done(
        _("Changed {name} ({code}): {fields}.").format(
            name=p.name, code=p.code, fields=field_names(changes)
        )
    )


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
        [],
        "--role",
        help=_("A role (repeatable): teacher, approver, storekeeper, …"),
        shell_complete=complete.ROLE,
    ),
    phone: str | None = typer.Option(None, "--phone", help=_("Phone number.")),
    wage: str | None = typer.Option(
        None, "--wage", help=_("A hired guard's monthly wage, such as 400.")
    ),
) -> Done:
    from houqin_cli.people import persons

    p = persons.add_person(s, name, code=code, unit=unit, roles=role, phone=phone, wage=wage)
    return _warned(s, added(p), p)


@report(
    people_app, "list", help=_("List people (those still here, unless --all)."), session="reader"
)
def people_list(
    r: Reader,
    unit: str | None = _unit_opt(_("Only people of this unit.")),
    role: str | None = typer.Option(
        None, "--role", help=_("Only people with this role."), shell_complete=complete.ROLE
    ),
    all_: bool = typer.Option(False, "--all", help=_("Include people who have left.")),
) -> Report:
    from houqin_cli.people import reports

    return reports.people(r, unit=unit, role=role, include_left=all_)


@report(
    people_app, "show", help=_("Show a person and their history in the journal."), session="reader"
)
def people_show(r: Reader, person: str = PersonArg) -> Report:
    from houqin_cli.people import reports

    return reports.person(r, person)


@write(people_app, "edit", help=_("Change a person's name, code, unit, roles or phone."))
def people_edit(
    s: Session,
    person: str = PersonArg,
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    code: str | None = typer.Option(None, "--code", help=_("New code.")),
    unit: str | None = _unit_opt(_("New unit ('-' for none).")),
    role: list[str] | None = typer.Option(
        None,
        "--role",
        help=_("Replace the roles with these (repeatable)."),
        shell_complete=complete.ROLE,
    ),
    add_role: list[str] = typer.Option([], "--add-role", help=_("Add a role (repeatable).")),
    remove_role: list[str] = typer.Option(
        [], "--remove-role", help=_("Remove a role (repeatable).")
    ),
    phone: str | None = typer.Option(None, "--phone", help=_("New phone number ('' for none).")),
) -> Done:
    from houqin_cli.people import persons

    p, changes = persons.edit_person(
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
    return _warned(s, _changed(p, changes), p) if "name" in changes else _changed(p, changes)


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
    from houqin_cli.people import persons

    left = day(s, date)
    p = persons.leave(s, person, left)
    return Done(
        _("{name} ({code}) has left as of {date}.").format(name=p.name, code=p.code, date=left)
    )


@people_app.command(
    "import",
    help=_("Import a staff list (姓名, 部门, 角色, 电话) from .csv or .xlsx: all rows or none."),
)
def people_import(
    file: Path = typer.Argument(..., help=_("A .csv or .xlsx file with a header row.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.people import staff

    def load(s: Session, _actor: Any) -> int:
        made, warnings = staff.import_people(s, file)
        for line in warnings:
            say(line)
        return len(made)

    run_import(
        load,
        file,
        dry_run,
        _("Checked {file}: {n} people would be imported; nothing written."),
        _("Imported {n} people from {file}."),
    )


# -- units -----------------------------------------------------------------------


@write(unit_app, "add", help=_("Add a department, grade or class."))
def unit_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The unit's name, such as 总务处 or 初一(1)班.")),
    kind: str = typer.Option(
        ..., "--kind", help=_("department, grade or class."), shell_complete=UNIT_KIND
    ),
    head: str | None = typer.Option(
        None, "--head", help=_("The person in charge."), shell_complete=complete.PERSON
    ),
    parent: str | None = typer.Option(
        None, "--parent", help=_("The unit above (a class's grade)."), shell_complete=complete.UNIT
    ),
) -> Done:
    from houqin_cli.people import units

    u = units.add_unit(s, name, kind, head=head, parent=parent)
    return _warned(s, added(u), u)


@report(
    unit_app,
    "list",
    help=_("List departments, grades and classes (in use, unless --all)."),
    session="reader",
)
def unit_list(
    r: Reader,
    kind: str | None = typer.Option(
        None, "--kind", help=_("Only units of this kind."), shell_complete=UNIT_KIND
    ),
    all_: bool = typer.Option(False, "--all", help=_("Include retired units.")),
) -> Report:
    from houqin_cli.people import reports

    return reports.units(r, kind, retired=all_)


UnitArg = typer.Argument(
    ..., help=_("A unit: code, name, prefix or pinyin initials."), shell_complete=complete.UNIT
)
PlaceArg = typer.Argument(
    ..., help=_("A place: code, name, prefix or pinyin initials."), shell_complete=complete.PLACE
)
RetireDate = typer.Option(None, "--date", help=_("The day it was retired (default: today)."))


@write(unit_app, "edit", help=_("Change a unit's name, kind, parent or head (journalled)."))
def unit_edit(
    s: Session,
    unit: str = UnitArg,
    name: str | None = typer.Option(None, "--name", help=_("The unit's new name.")),
    kind: str | None = typer.Option(
        None, "--kind", help=_("department, grade or class."), shell_complete=UNIT_KIND
    ),
    parent: str | None = typer.Option(
        None, "--parent", help=_("The unit above ('-' for none)."), shell_complete=complete.UNIT
    ),
    head: str | None = typer.Option(
        None,
        "--head",
        help=_("The person in charge ('-' for none)."),
        shell_complete=complete.PERSON,
    ),
) -> Done:
    from houqin_cli.people import units

    u, changes = units.edit_unit(s, unit, name=name, kind=kind, parent=parent, head=head)
    return _warned(s, _changed(u, changes), u) if "name" in changes else _changed(u, changes)


def _retired(record: Any, when: Any) -> Done:
    return Done(
        _("Retired {name} ({code}) as of {date}.").format(
            name=record.name, code=record.code, date=when
        )
    )


@write(
    unit_app,
    "retire",
    help=_("Retire a unit: it keeps its history but leaves the listings and takes nothing new."),
)
def unit_retire(s: Session, unit: str = UnitArg, date: str | None = RetireDate) -> Done:
    from houqin_cli.people import units

    when = day(s, date)
    return _retired(units.retire_unit(s, unit, when), when)


@report(
    unit_app,
    "promote",
    help=_(
        "Move the classes up a grade (初一(1)班 -> 初二(1)班), retiring the top grade's: "
        "once a year, in one transaction."
    ),
    session=None,
)
def unit_promote(
    from_year: int = typer.Option(..., "--from-year", help=_("The year the classes move up from.")),
    dry_run: bool = typer.Option(
        False, "--dry-run", help=_("Show what would change, writing nothing.")
    ),
) -> Report:
    from houqin_cli.cli.run import state
    from houqin_cli.core import clock, settings
    from houqin_cli.people import promote

    with state().write() as s:
        today = clock.today(settings.timezone(s))
        plan = (promote.plan if dry_run else promote.promote)(s, from_year, today)
        s.info["dry_run"] = dry_run
    moved, retired = len(plan.moves), len(plan.retiring)
    say(
        (
            _("Dry run: {moved} classes would move up and {retired} retire; nothing written.")
            if dry_run
            else _("Moved {moved} classes up a grade and retired {retired}.")
        ).format(moved=moved, retired=retired)
    )
    return promote.report(plan)


# -- places ----------------------------------------------------------------------


@write(place_app, "add", help=_("Add a room or area."))
def place_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The place's name, such as 101 or 化学实验室.")),
    building: str | None = typer.Option(None, "--building", help=_("The building it is in.")),
    unit: str | None = _unit_opt(_("The unit that uses it.")),
    kind: str = typer.Option(
        "other",
        "--kind",
        help=_("classroom, office, dorm, canteen, store, outdoor or other."),
        shell_complete=PLACE_KIND,
    ),
) -> Done:
    from houqin_cli.people import units

    p = units.add_place(s, name, building=building, unit=unit, kind=kind)
    return _warned(s, added(p), p)


@report(place_app, "list", help=_("List rooms and areas (in use, unless --all)."), session="reader")
def place_list(
    r: Reader,
    building: str | None = typer.Option(
        None, "--building", help=_("Only places in this building.")
    ),
    kind: str | None = typer.Option(
        None, "--kind", help=_("Only places of this kind."), shell_complete=PLACE_KIND
    ),
    all_: bool = typer.Option(False, "--all", help=_("Include retired places.")),
) -> Report:
    from houqin_cli.people import reports

    return reports.places(r, building, kind, retired=all_)


@write(place_app, "edit", help=_("Change a place's name, building, unit or kind (journalled)."))
def place_edit(
    s: Session,
    place: str = PlaceArg,
    name: str | None = typer.Option(None, "--name", help=_("The place's new name.")),
    building: str | None = typer.Option(
        None, "--building", help=_("The building it is in ('-' for none).")
    ),
    unit: str | None = _unit_opt(_("The unit that uses it ('-' for none).")),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help=_("classroom, office, dorm, canteen, store, outdoor or other."),
        shell_complete=PLACE_KIND,
    ),
) -> Done:
    from houqin_cli.people import units

    p, changes = units.edit_place(s, place, name=name, building=building, unit=unit, kind=kind)
    named = "name" in changes or "building" in changes
    return _warned(s, _changed(p, changes), p) if named else _changed(p, changes)


@write(
    place_app,
    "retire",
    help=_("Retire a place: it keeps its history but leaves the listings and takes nothing new."),
)
def place_retire(s: Session, place: str = PlaceArg, date: str | None = RetireDate) -> Done:
    from houqin_cli.people import units

    when = day(s, date)
    return _retired(units.retire_place(s, place, when), when)


def _mount_certs() -> None:
    from houqin_cli.people.cert_cli import cert_app

    people_app.add_typer(cert_app, name="cert")


_mount_certs()
