"""`houqin safety violation add|list|pay`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, report, write
from houqin_cli.core.i18n import _
from houqin_cli.safety.cli.args import Date

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer(
    help=_("Electricity violations (违规用电) and their fines: add, list, pay."),
    no_args_is_help=True,
)


@write(app, "add", help=_("Record a violation; prints its code (WG-2026-0001)."))
def violation_add(
    s: Session,
    place: str = typer.Option(..., "--place", help=_("Where."), shell_complete=complete.PLACE),
    what: str = typer.Option(..., "--what", help=_("What was found, such as 电炉.")),
    by: str = typer.Option(..., "--by", help=_("The inspector."), shell_complete=complete.PERSON),
    unit: str | None = typer.Option(
        None, "--unit", help=_("The unit that owes the fine."), shell_complete=complete.UNIT
    ),  # fmt: skip
    person: str | None = typer.Option(
        None, "--person", help=_("The person who owes the fine."), shell_complete=complete.PERSON
    ),  # fmt: skip
    fine: str | None = typer.Option(None, "--fine", help=_("The fine, such as 50.")),
    on: Date = None,
) -> Done:
    from houqin_cli.safety import violations

    v = violations.add(s, place=place, what=what, by=by, unit=unit, person=person, fine=fine,
                       day=day(s, on))  # fmt: skip
    return Done(_("Recorded violation {code}.").format(code=v.code), v.code)


@report(app, "list", help=_("The violations (--month; --unpaid: fines still owed)."),
        session="reader")  # fmt: skip
def violation_list(
    s: Reader,
    month: str | None = typer.Option(None, "--month", help=_("Only this month.")),
    unpaid: bool = typer.Option(False, "--unpaid", help=_("Only fines still owed.")),
) -> Report:
    from houqin_cli.safety import views

    return views.violations_report(s, month, unpaid)


@write(app, "pay", help=_("Record a fine paid; it is entered as income (category 罚款)."))
def violation_pay(
    s: Session,
    code: str = typer.Argument(
        ..., help=_("The violation's code, such as WG-2026-0001."), shell_complete=complete.RECORD
    ),  # fmt: skip
    amount: str = typer.Option(..., "--amount", help=_("The amount paid.")),
    on: Date = None,
) -> Done:
    from houqin_cli.core import money
    from houqin_cli.safety import violations

    v, income = violations.pay(s, code, amount, day(s, on))
    return Done(_("Paid {amount} of {code} (income {income}); {owed} still owed.").format(
        amount=money.format_money(money.parse_money(amount)), code=v.code, income=income,
        owed=money.format_money(v.fine_fen - v.paid_fen)))  # fmt: skip
