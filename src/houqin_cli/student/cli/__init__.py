"""`houqin student`: the student registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from houqin_cli.cli import Done, DryRun, added, day, report, run_import, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.report import Report

__all__ = ["student_app"]

student_app = typer.Typer(
    help=_("Students: the registry the gate, the dorms, damage and subsidies name."),
    no_args_is_help=True,
)

StudentArg = typer.Argument(..., metavar="STUDENT", help=_("学号, name, prefix or initials."))
Reveal = typer.Option(
    False, "--reveal", help=_("Show phone and ID numbers in full (journalled with who asked).")
)


@write(student_app, "add", help=_("Add a student; prints the 学号 (or XS-0001)."))
def student_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The student's name.")),
    klass: str = typer.Option(..., "--class", help=_("The class, such as 初一(1)班.")),
    code: str | None = typer.Option(None, "--no", help=_("The 学号 (default: the next XS-).")),
    gender: str | None = typer.Option(None, "--gender", help=_("男 or 女.")),
    boarding: bool = typer.Option(False, "--boarding", help=_("A boarder (住校).")),
    guardian: str | None = typer.Option(None, "--guardian", help=_("The guardian's name.")),
    phone: str | None = typer.Option(None, "--phone", help=_("The guardian's phone.")),
    id_no: str | None = typer.Option(None, "--id-no", help=_("The ID number (身份证号).")),
) -> Done:
    from houqin_cli.student import service

    st = service.add(s, name, klass, code=code, gender=gender, boarding=boarding,
                     guardian=guardian, phone=phone, id_no=id_no)  # fmt: skip
    return added(st)


@student_app.command(
    "import",
    help=_("Import class rosters (学号, 姓名, 性别, 班级, 住宿, 家长, 电话): all or none."),
)
def student_import(
    file: Path = typer.Argument(..., help=_("A .csv or .xlsx file with a header row.")),
    dry_run: DryRun = False,
) -> None:
    from houqin_cli.student import service

    def load(s: Session, _actor: Any) -> int:
        return len(service.import_file(s, file))

    run_import(
        load,
        file,
        dry_run,
        _("Checked {file}: {n} students would be imported; nothing written."),
        _("Imported {n} students from {file}."),
    )


@report(student_app, "list", help=_("The students, phone and ID numbers masked."), session=None)
def student_list(
    klass: str | None = typer.Option(None, "--class", help=_("Only this class.")),
    boarding: bool | None = typer.Option(
        None, "--boarding/--day-pupils", help=_("Only boarders (or only day pupils).")
    ),
    all_: bool = typer.Option(False, "--all", help=_("Include those who left.")),
    reveal: bool = Reveal,
) -> Report:
    from houqin_cli.cli.run import state
    from houqin_cli.core.privacy import record_reveal
    from houqin_cli.student import reads

    with state().reader() as r:
        result = reads.listing(r, klass=klass, boarding=boarding, include_left=all_, reveal=reveal)
    if reveal:
        with state().write() as s:
            record_reveal(s, "student", klass or "*")
    return result


@report(student_app, "show", help=_("One student, phone and ID numbers masked."), session=None)
def student_show(student: str = StudentArg, reveal: bool = Reveal) -> Report:
    from houqin_cli.cli.run import state
    from houqin_cli.core.privacy import record_reveal
    from houqin_cli.student import reads

    with state().reader() as r:
        result = reads.show(r, student, reveal=reveal)
    if reveal:
        with state().write() as s:
            record_reveal(s, "student", str(result.rows[0]["code"]))
    return result


@write(student_app, "move", help=_("Move a student to another class."))
def student_move(
    s: Session,
    student: str = StudentArg,
    klass: str = typer.Option(..., "--class", help=_("The new class.")),
) -> Done:
    from houqin_cli.student import service

    st, old, new = service.move(s, student, klass)
    return Done(_("{name} ({code}) moved from {old} to {new}.").format(
        name=st.name, code=st.code, old=old.name, new=new.name))  # fmt: skip


@write(
    student_app, "leave", help=_("Record that a student left (毕业, 转学, …): kept, never deleted.")
)
def student_leave(
    s: Session,
    student: str = StudentArg,
    reason: str = typer.Option(..., "--reason", help=_("毕业, 转学, …")),
    date: str | None = typer.Option(None, "--date", help=_("The day (default: today).")),
) -> Done:
    from houqin_cli.student import service

    when = day(s, date)
    st = service.leave(s, student, reason, when)
    return Done(_("{name} ({code}) left on {date} ({reason}).").format(
        name=st.name, code=st.code, date=when, reason=st.leave_reason))  # fmt: skip
