"""`houqin gate`: visitors, students leaving during class hours, the gate book."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from houqin_cli.cli import Done, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

__all__ = ["gate_app"]

gate_app = typer.Typer(
    help=_("The gate (门卫): visitors, students leaving in class hours, the gate book."),
    no_args_is_help=True,
)
visitor_app = typer.Typer(help=_("The visitor log (会客登记)."), no_args_is_help=True)


class _ExitGroup(TyperGroup):
    """`gate exit STUDENT …` is `gate exit out STUDENT …`; `gate exit back CX` and
    `gate exit list` are its other commands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["out", *args]
        return super().parse_args(ctx, args)


exit_app = typer.Typer(
    cls=_ExitGroup,
    help=_("A student leaving during class hours: `gate exit STUDENT`, `exit back`, `exit list`."),
    no_args_is_help=True,
)
gate_app.add_typer(visitor_app, name="visitor")
gate_app.add_typer(exit_app, name="exit")

When = typer.Option(None, "--time", help=_("When (default now), such as '2026-05-01 08:05'."))
Reveal = typer.Option(
    False, "--reveal", help=_("Show phone and ID numbers in full (journalled with who asked).")
)
DayOpt = typer.Option(None, "--date", help=_("The day (default: today)."))


def _journal_reveal(target: str) -> None:
    from houqin_cli.cli.run import state
    from houqin_cli.core.privacy import record_reveal

    with state().write() as s:
        record_reveal(s, "gate_visitor", target)


@write(visitor_app, "in", help=_("A visitor comes in; prints their FK- number."))
def visitor_in(
    s: Session,
    name: str = typer.Argument(..., help=_("The visitor's name.")),
    visiting: str = typer.Option(..., "--visiting", help=_("Whom they see: a person or a unit.")),
    reason: str = typer.Option(..., "--reason", help=_("Why they come.")),
    id_no: str | None = typer.Option(None, "--id-no", help=_("Their ID number.")),
    phone: str | None = typer.Option(None, "--phone", help=_("Their phone.")),
    org: str | None = typer.Option(None, "--org", help=_("Where they come from.")),
    vehicle: str | None = typer.Option(None, "--vehicle", help=_("A vehicle's plate.")),
    time: str | None = When,
) -> Done:
    from houqin_cli.duty.service import moment
    from houqin_cli.gate import service

    v = service.visitor_in(s, name, visiting=visiting, reason=reason, at=moment(s, time),
                           id_no=id_no, phone=phone, org=org, vehicle=vehicle)  # fmt: skip
    return Done(_("{name} signed in ({code}).").format(name=v.name, code=v.code), v.code)


@write(visitor_app, "out", help=_("A visitor leaves."))
def visitor_out(
    s: Session,
    code: str = typer.Argument(..., metavar="FK", help=_("The visitor's FK- number.")),
    time: str | None = When,
) -> Done:
    from houqin_cli.duty.service import moment
    from houqin_cli.gate import service

    v = service.visitor_out(s, code, moment(s, time))
    return Done(_("{name} ({code}) signed out.").format(name=v.name, code=v.code))


@report(visitor_app, "list", help=_("The day's visitors, phone and ID numbers masked."),
        session=None)  # fmt: skip
def visitor_list(
    date: str | None = DayOpt,
    inside: bool = typer.Option(False, "--inside", help=_("Only those still inside.")),
    reveal: bool = Reveal,
) -> Report:
    from houqin_cli.cli.run import state
    from houqin_cli.gate import reads

    with state().reader() as r:
        result = reads.visitors(r, date, inside=inside, reveal=reveal)
    if reveal:
        _journal_reveal(date or "today")
    return result


@write(exit_app, "out", help=_("A student leaves during class hours; prints the CX- number."))
def gate_exit(
    s: Session,
    student: str = typer.Argument(..., metavar="STUDENT", help=_("学号, name or initials.")),
    reason: str = typer.Option(..., "--reason", help=_("Why.")),
    approved_by: str = typer.Option(
        ..., "--approved-by", help=_("The head teacher of the class, or a principal/director.")
    ),
    back_by: str | None = typer.Option(None, "--back-by", help=_("Back by HH:MM.")),
    with_: str | None = typer.Option(None, "--with", help=_("The guardian who takes them.")),
    time: str | None = When,
) -> Done:
    from houqin_cli.duty.service import moment
    from houqin_cli.gate import service

    e = service.student_exit(s, student, reason=reason, approved_by=approved_by,
                             at=moment(s, time), back_by=back_by, with_=with_)  # fmt: skip
    return Done(_("Exit recorded ({code}).").format(code=e.code), e.code)


@write(exit_app, "back", help=_("A student who left is back."))
def gate_exit_back(
    s: Session,
    code: str = typer.Argument(..., metavar="CX", help=_("The exit's CX- number.")),
    time: str | None = When,
) -> Done:
    from houqin_cli.duty.service import moment
    from houqin_cli.gate import service

    e = service.exit_back(s, code, moment(s, time))
    return Done(_("{code}: back.").format(code=e.code))


@report(exit_app, "list", help=_("The day's student exits."), session="reader")
def gate_exits(
    r: Reader,
    date: str | None = DayOpt,
    klass: str | None = typer.Option(None, "--class", help=_("Only this class.")),
) -> Report:
    from houqin_cli.gate import reads

    return reads.exits(r, date, klass)


@report(gate_app, "log", help=_("The day's gate book: visitors, student exits, duty check-ins."),
        session="reader")  # fmt: skip
def gate_log(r: Reader, date: str | None = DayOpt) -> Report:
    from houqin_cli.gate import reads

    return reads.gate_log(r, date)
