"""`houqin duty`: posts, the roster, swaps, leave, check-ins, patrols, 查岗, attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, added, day, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

__all__ = ["duty_app"]

duty_app = typer.Typer(
    help=_("Duty (值班护校): posts, fair rosters over terms and holidays, check-ins, 查岗."),
    no_args_is_help=True,
)
post_app = typer.Typer(help=_("Duty posts: 门卫白班, 夜间巡逻, 教师值周, …"), no_args_is_help=True)
roster_app = typer.Typer(help=_("The duty roster: make it, show it."), no_args_is_help=True)
duty_app.add_typer(post_app, name="post")
duty_app.add_typer(roster_app, name="roster")

PostArg = typer.Argument(..., metavar="POST", help=_("The post: its code or name."))
When = typer.Option(None, "--time", help=_("When (default now), such as '2026-05-01 08:05'."))


@write(post_app, "add", help=_("Add a duty post with its shift and pools."))
def post_add(
    s: Session,
    name: str = typer.Argument(..., help=_("Like 门卫白班.")),
    shift: str = typer.Option(..., "--shift", help=_("Its hours, such as 08:00-20:00.")),
    division: str | None = typer.Option(None, "--division", help=_("A unit, such as 中学部.")),
    kind: str = typer.Option("gate", "--kind", help=_("gate, night, patrol or week.")),
    pool: str | None = typer.Option(
        None,
        "--pool",
        help=_("Who takes it on school days: a role or people (default: logistics)."),
    ),
    holiday_pool: str | None = typer.Option(
        None, "--holiday-pool", help=_("Who takes it on holidays (default: the logistics staff).")
    ),
) -> Done:
    from houqin_cli.duty import service

    return added(service.add_post(s, name, shift, division=division, kind=kind, pool=pool,
                                  holiday_pool=holiday_pool))  # fmt: skip


@report(post_app, "list", help=_("The duty posts."), session="reader")
def post_list(r: Reader) -> Report:
    from houqin_cli.duty import reads

    return reads.post_list(r)


@write(roster_app, "make", help=_("Roster every shift of a range by the fairness rule."))
def roster_make(
    s: Session,
    first: str = typer.Option(..., "--from", help=_("The first day.")),
    last: str = typer.Option(..., "--to", help=_("The last day.")),
    post: str | None = typer.Option(None, "--post", help=_("Only this post.")),
    replace: bool = typer.Option(
        False, "--replace", help=_("Make it again (shifts already checked in are kept).")
    ),
) -> Done:
    from houqin_cli.duty import service

    done = service.make_roster(s, day(s, first, future=True), day(s, last, future=True),
                               post=post, replace=replace)  # fmt: skip
    return Done(_("Rostered {shifts} shifts on {posts} posts ({kept} kept).").format(**done))


@report(roster_app, "show", help=_("The printed roster (for the wall and the gate)."),
        session="reader")  # fmt: skip
def roster_show(
    r: Reader,
    week: str | None = typer.Option(None, "--week", help=_("An ISO week, such as 2026-W49.")),
    month: str | None = typer.Option(None, "--month", help=_("A month, such as 2026-05.")),
    post: str | None = typer.Option(None, "--post", help=_("Only this post.")),
    person: str | None = typer.Option(None, "--person", help=_("Only this person.")),
) -> Report:
    from houqin_cli.duty import reads

    return reads.roster(r, week=week, month=month, post=post, person=person)


@write(duty_app, "holiday-plan", help=_("Make the summer or winter vacation's roster from the "
       "term dates."))  # fmt: skip
def duty_holiday_plan(
    s: Session,
    summer: bool = typer.Option(False, "--summer", help=_("The summer vacation.")),
    winter: bool = typer.Option(False, "--winter", help=_("The winter vacation.")),
    replace: bool = typer.Option(
        False, "--replace", help=_("Make it again (shifts already checked in are kept).")
    ),
) -> Done:
    from houqin_cli.core.errors import InputError
    from houqin_cli.duty import service

    if summer == winter:
        raise InputError(_("Give --summer or --winter."))
    first, last = service.vacation(s, summer)
    done = service.make_roster(s, first, last, replace=replace)
    return Done(_("Rostered {first} to {last}: {shifts} shifts.").format(
        first=first, last=last, shifts=done["shifts"]))  # fmt: skip


@write(duty_app, "swap", help=_("Give PERSON_A's shift on POST that day to PERSON_B."))
def duty_swap(
    s: Session,
    date: str = typer.Argument(..., metavar="DATE", help=_("The day.")),
    post: str = PostArg,
    a: str = typer.Argument(..., metavar="PERSON_A", help=_("Who is rostered.")),
    b: str = typer.Argument(..., metavar="PERSON_B", help=_("Who takes it.")),
) -> Done:
    from houqin_cli.duty import service

    pa, pb = service.swap(s, day(s, date, future=True), post, a, b)
    return Done(_("Swapped: {b} takes {a}'s shift.").format(a=pa.name, b=pb.name))


@write(duty_app, "leave", help=_("Leave from duty; its shifts go to others by the same rule."))
def duty_leave(
    s: Session,
    person: str = typer.Argument(..., metavar="PERSON", help=_("Who is away.")),
    first: str = typer.Option(..., "--from", help=_("The first day.")),
    last: str = typer.Option(..., "--to", help=_("The last day.")),
    reason: str = typer.Option(..., "--reason", help=_("Why.")),
    approved_by: str | None = typer.Option(None, "--approved-by", help=_("Who approved it.")),
) -> Done:
    from houqin_cli.duty import service

    moved = service.leave(s, person, day(s, first, future=True), day(s, last, future=True),
                          reason, approved_by)  # fmt: skip
    if not moved:
        return Done(_("Leave recorded; no shifts to reassign."))
    told = "; ".join(f"{d} {post} → {who}" for d, post, who in moved)
    return Done(_("Leave recorded; reassigned: {told}.").format(told=told))


@write(duty_app, "checkin", help=_("Check in to the post's shift now (or --time)."))
def duty_checkin(
    s: Session,
    post: str = PostArg,
    by: str | None = typer.Option(None, "--by", help=_("Who (default: whoever is rostered).")),
    time: str | None = When,
    cover: str | None = typer.Option(
        None, "--cover", help=_("Standing in for whoever is rostered: the reason.")
    ),
) -> Done:
    from houqin_cli.duty import service

    shift, late = service.checkin(s, post, by, service.moment(s, time), cover)
    return Done(_("Checked in (late).") if late else _("Checked in."))


@write(duty_app, "checkout", help=_("Check out of the post's shift."))
def duty_checkout(s: Session, post: str = PostArg, time: str | None = When) -> Done:
    from houqin_cli.duty import service

    service.checkout(s, post, service.moment(s, time))
    return Done(_("Checked out."))


@write(duty_app, "patrol", help=_("Record a night round."))
def duty_patrol(
    s: Session,
    by: str = typer.Option(..., "--by", help=_("Who walked it.")),
    note: str = typer.Option(..., "--note", help=_("What the round found.")),
    place: str | None = typer.Option(None, "--place", help=_("Where.")),
    time: str | None = When,
) -> Done:
    from houqin_cli.duty import service

    service.patrol(s, by, note, place, service.moment(s, time))
    return Done(_("Patrol recorded."))


@write(duty_app, "inspect", help=_("查岗: the person on duty found at the post, or not."))
def duty_inspect(
    s: Session,
    post: str = PostArg,
    by: str = typer.Option(..., "--by", help=_("The inspector.")),
    present: bool = typer.Option(False, "--present", help=_("Found at the post.")),
    absent: bool = typer.Option(False, "--absent", help=_("Not at the post.")),
    note: str | None = typer.Option(None, "--note", help=_("A note.")),
    time: str | None = When,
) -> Done:
    from houqin_cli.core.errors import InputError
    from houqin_cli.duty import service

    if present == absent:
        raise InputError(_("Give --present or --absent."))
    service.inspect(s, post, by, present, note, service.moment(s, time))
    return Done(_("Inspection recorded."))


@report(duty_app, "attendance", help=_("Per person: shifts rostered, worked, missed, late, "
        "absent at 查岗."), session="reader")  # fmt: skip
def duty_attendance(
    r: Reader,
    month: str | None = typer.Option(None, "--month", help=_("A month, such as 2026-05.")),
    person: str | None = typer.Option(None, "--person", help=_("Only this person.")),
) -> Report:
    from houqin_cli.duty import reads

    return reads.attendance(r, month, person)


@report(duty_app, "check", help=_("Missed shifts, nights without a patrol, posts not rostered."),
        session="reader", quiet=True)  # fmt: skip
def duty_check(r: Reader) -> Report:
    from houqin_cli.core.report import Report
    from houqin_cli.duty.checks import CHECKS

    findings = [f for c in CHECKS for f in c.fn(r)]
    return Report(_("Duty check"), [], [], findings=findings)


@report(duty_app, "wages", help=_("Each hired guard's monthly wage, deductions, a signature "
        "column; --record enters the total as a service expense (三人签字)."), session=None)  # fmt: skip
def duty_wages(
    month: str | None = typer.Option(None, "--month", help=_("A month, such as 2026-05.")),
    record: bool = typer.Option(
        False, "--record", help=_("Enter the total as a service expense, for the statement.")
    ),
    handler: str | None = typer.Option(None, "--handler", help=_("Who handled it (经办人).")),
    acceptor: str | None = typer.Option(None, "--acceptor", help=_("Who accepted it (验收人).")),
    reviewer: str | None = typer.Option(None, "--reviewer", help=_("Who reviewed it (审核人).")),
    approved_by: list[str] = typer.Option([], "--approved-by", help=_("An approver (repeatable).")),
) -> Report:
    from houqin_cli.cli import say
    from houqin_cli.cli.run import state
    from houqin_cli.core import money
    from houqin_cli.core.errors import InputError
    from houqin_cli.duty import reads

    if record:
        from houqin_cli.duty import service

        if not (month and handler and acceptor and reviewer):
            raise InputError(
                _("--record needs --month, --handler, --acceptor and --reviewer (三人签字).")
            )
        with state().write() as s:
            code, total = service.record_wages(s, month, handler=handler, acceptor=acceptor,
                                               reviewer=reviewer, approvers=approved_by)  # fmt: skip
        say(_("Recorded {month}'s duty wages, {total}, as {code}.").format(
            month=month, total=money.format_money(total), code=code))  # fmt: skip
    with state().reader() as r:
        return reads.wages(r, month)


@write(duty_app, "incident", help=_("Property lost or damaged during a shift; names who was on "
       "duty, and with --asset opens a human-cause damage against them."))  # fmt: skip
def duty_incident(
    s: Session,
    date: str = typer.Option(..., "--date", help=_("The day.")),
    post: str = typer.Option(..., "--post", help=_("The post.")),
    what: str = typer.Option(..., "--what", help=_("What was lost or damaged.")),
    asset: str | None = typer.Option(None, "--asset", help=_("The asset, such as ZC-2026-0001.")),
) -> Done:
    from houqin_cli.duty import service

    _row, name, damage = service.incident(s, day(s, date), post, what, asset)
    if damage:
        return Done(_("Incident recorded; {name} was on duty; damage {code} opened against "
                      "them.").format(name=name, code=damage), damage)  # fmt: skip
    return Done(_("Incident recorded; {name} was on duty.").format(name=name))
