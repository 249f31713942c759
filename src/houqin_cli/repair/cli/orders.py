"""`houqin repair request|assign|use|cost|done|accept|reject|cancel|list|show|plan|check`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, Format, Note, Output, complete, report, write
from houqin_cli.cli.options import Force
from houqin_cli.core.i18n import _
from houqin_cli.repair.cli.args import By, Holiday, OrderCode, Place

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()


@write(app, "request", help=_("Ask for a repair (报修); prints its code (WX-2026-0001)."))
def request(
    s: Session,
    what: str = typer.Argument(..., help=_("What is broken, such as 302教室灯管不亮.")),
    place: str = typer.Option(
        ..., "--place", help=_("Where it is."), shell_complete=complete.PLACE
    ),
    by: str = typer.Option(
        ..., "--by", help=_("Who asks for it (the requester)."), shell_complete=complete.PERSON
    ),
    asset: str | None = typer.Option(
        None,
        "--asset",
        help=_("The asset card, such as ZC-2026-0001."),
        shell_complete=complete.ASSET,
    ),  # fmt: skip
    urgency: str | None = typer.Option(
        None,
        "--urgency",
        metavar="normal|urgent|emergency",
        help=_("How urgent (default normal); sets the due time."),
    ),  # fmt: skip
    for_holiday: Holiday = None,
    estimate: str | None = typer.Option(
        None, "--estimate", help=_("The estimated cost, for the holiday repair plan.")
    ),
    note: Note = None,
) -> Done:
    from houqin_cli.repair import orders

    o = orders.request(s, what, place=place, by=by, asset=asset, urgency=urgency,
                       for_holiday=for_holiday, estimate=estimate, note=note)  # fmt: skip
    return Done(_("Repair requested: {code} {what}.").format(code=o.code, what=o.what), o.code)


@write(app, "assign", help=_("Give the repair to someone, due by the urgency or --due."))
def assign(
    s: Session,
    code: OrderCode,
    to: str = typer.Option(..., "--to", help=_("Who repairs it."), shell_complete=complete.PERSON),
    due: str | None = typer.Option(
        None, "--due", help=_("Due by (a day, or a day and time); default from the urgency.")
    ),
) -> Done:
    from houqin_cli.core import clock, settings
    from houqin_cli.repair import orders

    o = orders.assign(s, code, to, due)
    when = clock.local_text(o.due_at or "", settings.timezone(s))
    return Done(_("Assigned {code}, due {due}.").format(code=o.code, due=when))


@write(app, "use", help=_("Parts from the storeroom for the repair (a stock issue)."))
def use(
    s: Session,
    code: OrderCode,
    item: str = typer.Argument(..., help=_("The stock item."), shell_complete=complete.ITEM),
    qty: str = typer.Argument(..., help=_("How many.")),
    old_returned: str | None = typer.Option(
        None, "--old-returned", help=_("How many old ones came back (a durable item).")
    ),
    no_old: str | None = typer.Option(
        None,
        "--no-old",
        metavar="REASON",
        help=_("Why no old one comes back (needs --approved-by)."),
    ),
    approved_by: str | None = typer.Option(
        None,
        "--approved-by",
        help=_("Who approved issuing without the old one."),
        shell_complete=complete.PERSON,
    ),  # fmt: skip
    note: Note = None,
) -> Done:
    from houqin_cli.core import money
    from houqin_cli.repair import orders

    o, m = orders.use(s, code, item, qty, old_returned=old_returned, no_old=no_old,
                      approved_by=approved_by, note=note)  # fmt: skip
    return Done(
        _("Issued {movement} for {code}: {value}.").format(
            movement=m.code, code=o.code, value=money.format_money(-m.value_delta)
        ),
        m.code,
    )


@app.command(
    "cost",
    help=_(
        "Outside work on an order (WX --amount [--receipt BX-…]), or what repairs cost in "
        "a month (--month 2026-05 [--by place|kind])."
    ),
)
def cost(
    code: str | None = typer.Argument(
        None, help=_("The repair order's code (with --amount)."), shell_complete=complete.RECORD
    ),
    amount: str | None = typer.Option(None, "--amount", help=_("What the outside work cost.")),
    receipt: str | None = typer.Option(
        None, "--receipt", help=_("Its purchase receipt, such as BX-2026-0001.")
    ),
    note: Note = None,
    month: str | None = typer.Option(None, "--month", help=_("The month, such as 2026-05.")),
    by: str | None = typer.Option(
        None, "--by", metavar="place|kind", help=_("With --month: by building or by kind.")
    ),
    fmt: Format = None,
    output: Output = None,
    force: Force = False,
) -> None:
    from houqin_cli.cli import say, show, state
    from houqin_cli.core.errors import InputError

    if month is not None:
        if code is not None or amount is not None or receipt is not None or note is not None:
            raise InputError(
                _("--month reports a month's costs; give it without an order, --amount, "
                  "--receipt or --note.")
            )  # fmt: skip
        from houqin_cli.core import settings
        from houqin_cli.repair import views

        with state().reader() as r:
            result = views.cost_report(r, month, by)
            mode = int(settings.read(r, "export.mode")["export.mode"], 8)
        show(result, fmt, output, force=force, mode=mode)
        return
    if code is None or amount is None:
        raise InputError(
            _("Give an order and --amount (outside work), or --month (a month's costs).")
        )
    if by is not None or fmt is not None or output is not None:
        raise InputError(_("--by, --format and --output go with --month."))
    from houqin_cli.core import money
    from houqin_cli.repair import orders

    with state().write() as s:
        o = orders.cost(s, code, amount, receipt, note)
        fen = money.parse_money(amount)
    say(_("Recorded outside work on {code}: {amount}.").format(
        code=o.code, amount=money.format_money(fen)))  # fmt: skip


@write(app, "done", help=_("Repaired: it now waits for the requester's acceptance."))
def done(s: Session, code: OrderCode, note: Note = None) -> Done:
    from houqin_cli.repair import orders

    o = orders.done(s, code, note)
    return Done(_("{code} is done; the requester accepts it.").format(code=o.code))


@write(app, "accept", help=_("The requester (or their unit's head) signs acceptance; closes it."))
def accept(
    s: Session,
    code: OrderCode,
    by: By,
    rating: int | None = typer.Option(None, "--rating", help=_("How well it was done, 1-5.")),
    note: Note = None,
) -> Done:
    from houqin_cli.repair import orders

    o = orders.accept(s, code, by, rating, note)
    return Done(_("{code} accepted and closed.").format(code=o.code))


@write(app, "reject", help=_("Not repaired to satisfaction: back to the assignee."))
def reject(
    s: Session,
    code: OrderCode,
    by: By,
    reason: str = typer.Option(..., "--reason", help=_("What is still wrong.")),
) -> Done:
    from houqin_cli.repair import orders

    o = orders.reject(s, code, by, reason)
    return Done(_("{code} rejected: back to the assignee.").format(code=o.code))


@write(app, "cancel", help=_("Cancel an order, with the reason; it stays visible."))
def cancel(
    s: Session,
    code: OrderCode,
    reason: str = typer.Option(..., "--reason", help=_("Why it is cancelled.")),
) -> Done:
    from houqin_cli.repair import orders

    o = orders.cancel(s, code, reason)
    return Done(_("{code} cancelled.").format(code=o.code))


@report(app, "list", help=_("Repair orders (--open: not yet closed)."), session="reader")
def list_(
    s: Reader,
    open_: bool = typer.Option(False, "--open", help=_("Only those not yet closed.")),
    place: Place = None,
    assignee: str | None = typer.Option(
        None, "--assignee", help=_("Only this assignee's."), shell_complete=complete.PERSON
    ),
    overdue: bool = typer.Option(False, "--overdue", help=_("Only those past due.")),
    for_holiday: Holiday = None,
) -> Report:
    from houqin_cli.repair import views

    return views.list_report(s, open_only=open_, place=place, assignee=assignee,
                             overdue=overdue, for_holiday=for_holiday)  # fmt: skip


@report(
    app, "show", help=_("One order's life: who asked, assigned, parts, cost, done, accepted."),
    session="reader",
)  # fmt: skip
def show_(s: Reader, code: OrderCode) -> Report:
    from houqin_cli.repair import views

    return views.show_report(s, code)


@report(
    app, "plan", help=_("The holiday repair list by building, with estimated cost."),
    session="reader",
)  # fmt: skip
def plan(
    s: Reader,
    for_holiday: str = typer.Option(
        ..., "--for", metavar="summer|winter", help=_("Which holiday.")
    ),
) -> Report:
    from houqin_cli.repair import views

    return views.plan_report(s, for_holiday)


@report(
    app,
    "check",
    help=_("Repairs overdue by urgency, and done but not accepted (exit 1)."),
    quiet=True,
    session="reader",
)
def check(s: Reader) -> Report:
    from houqin_cli.repair import views

    return views.check_report(s)
