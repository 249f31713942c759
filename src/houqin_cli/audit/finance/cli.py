"""`houqin audit receipt | income | budget | report | check`: the money side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from houqin_cli.audit.finance.categories import CATEGORY_HELP
from houqin_cli.cli import Category, Done, Month, Note, complete, day, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

receipt_app = typer.Typer(
    help=_("Purchase receipts, valid only with three signatures."), no_args_is_help=True
)
income_app = typer.Typer(help=_("Money in: allocations, fees."), no_args_is_help=True)
budget_app = typer.Typer(help=_("Monthly budgets per category."), no_args_is_help=True)
report_app = typer.Typer(
    help=_("The statement for the central office and for disclosure to staff."),
    no_args_is_help=True,
)
app = typer.Typer()  # `audit check`, then the money's subgroups
app.add_typer(receipt_app, name="receipt")
app.add_typer(income_app, name="income")
app.add_typer(budget_app, name="budget")
app.add_typer(report_app, name="report")

AMOUNT = typer.Option(..., "--amount", help=_("The amount."))
REASON = typer.Option(..., "--reason", help=_("Why it is reversed."))
MonthArg = Annotated[str, typer.Argument(help=_("The month, such as 2026-05."))]


def _many(name: str, help_text: str, completer: Any = None) -> Any:
    """A repeatable option."""
    return typer.Option([], name, help=help_text, shell_complete=completer)


@write(
    receipt_app,
    "add",
    help=_(
        "Record a purchase receipt: three different signers, approval above the threshold, goods accepted to the fen."
    ),
)
def receipt_add(
    s: Session,
    supplier: str = typer.Option(..., "--supplier", help=_("Supplier.")),
    invoice: str = typer.Option(..., "--invoice", help=_("Invoice number.")),
    invoice_date: str = typer.Option(..., "--invoice-date", help=_("The invoice's date.")),
    amount: str = AMOUNT,
    category: str = typer.Option(
        ..., "--category", help=_(CATEGORY_HELP), shell_complete=complete.CATEGORY
    ),
    handler: str = typer.Option(
        ..., "--handler", help=_("Who bought it (经手人)."), shell_complete=complete.PERSON
    ),
    acceptor: str = typer.Option(
        ...,
        "--acceptor",
        help=_("Who accepted the goods (验收人)."),
        shell_complete=complete.PERSON,
    ),
    reviewer: str = typer.Option(
        ..., "--reviewer", help=_("Who reviewed it (审核人)."), shell_complete=complete.PERSON
    ),
    approved_by: list[str] = _many(
        "--approved-by", _("An approver (repeatable); above the thresholds."), complete.PERSON
    ),
    stock: list[str] = _many(
        "--stock", _("A stock receipt RK-… the goods came in by (repeatable).")
    ),
    asset: list[str] = _many("--asset", _("An asset card ZC-… bought (repeatable).")),
    service: bool = typer.Option(
        False,
        "--service",
        help=_(
            "A service, no goods to accept (repair, utilities, travel and training are services already)."
        ),
    ),
    date: str | None = typer.Option(None, "--date", help=_("The receipt's date (default: today).")),
    note: Note = None,
) -> Done:
    from houqin_cli.audit.finance import receipts

    r = receipts.add_receipt(
        s,
        s.info["actor"],
        supplier=supplier,
        invoice=invoice,
        invoice_date=day(s, invoice_date, future=True),  # add_receipt names the rule
        amount=amount,
        category_text=category,
        handler=handler,
        acceptor=acceptor,
        reviewer=reviewer,
        approvers=approved_by,
        stock=stock,
        assets=asset,
        service=service,
        day=day(s, date),
        note=note,
    )
    return Done(_("Recorded receipt {code}.").format(code=r.code), r.code)


@report(receipt_app, "list", help=_("List receipts (reversals included)."), session="reader")
def receipt_list(
    r: Reader,
    month: str | None = typer.Option(None, "--month", help=_("Only this month, quarter or year.")),
    category: Category = None,
    supplier: str | None = typer.Option(None, "--supplier", help=_("Only this supplier.")),
) -> Report:
    from houqin_cli.audit.finance import reports

    return reports.receipts(r, month=month, category_text=category, supplier=supplier)


@report(
    receipt_app,
    "show",
    help=_("Show one receipt with its signers and what it certifies."),
    session="reader",
)
def receipt_show(
    r: Reader,
    code: str = typer.Argument(
        ..., help=_("The receipt's code, such as BX-2026-0001."), shell_complete=complete.RECORD
    ),
) -> Report:
    from houqin_cli.audit.finance import forms

    return forms.receipt(r, code)


def _reversed(code: str, new: str) -> Done:
    return Done(_("Reversed {code} by {new}.").format(code=code.upper(), new=new), new)


@write(receipt_app, "void", help=_("Reverse a receipt by a new entry; the original stays visible."))
def receipt_void(
    s: Session,
    code: str = typer.Argument(..., help=_("The receipt's code."), shell_complete=complete.RECORD),
    reason: str = REASON,
) -> Done:
    from houqin_cli.audit.finance import receipts

    return _reversed(
        code, receipts.void_receipt(s, s.info["actor"], code, reason, day(s, None)).code
    )


@write(income_app, "add", help=_("Record money in."))
def income_add(
    s: Session,
    source: str = typer.Option(..., "--source", help=_("Where it came from (总校拨款, 伙食费 …).")),
    amount: str = AMOUNT,
    date: str | None = typer.Option(None, "--date", help=_("The day it came in (default: today).")),
    category: str | None = typer.Option(None, "--category", help=_("A category of your own.")),
    note: Note = None,
) -> Done:
    from houqin_cli.audit.finance import budget

    inc = budget.add_income(
        s,
        s.info["actor"],
        source=source,
        amount=amount,
        day=day(s, date),
        category_text=category,
        note=note,
    )
    return Done(_("Recorded income {code}.").format(code=inc.code), inc.code)


@report(income_app, "list", help=_("List income (reversals included)."), session="reader")
def income_list(
    r: Reader,
    month: str | None = typer.Option(None, "--month", help=_("Only this month, quarter or year.")),
    category: str | None = typer.Option(
        None, "--category", help=_("Only this category."), shell_complete=complete.CATEGORY
    ),
    source: str | None = typer.Option(None, "--source", help=_("Only this source.")),
) -> Report:
    from houqin_cli.audit.finance import reports

    return reports.incomes(r, month=month, category=category, source=source)


@write(income_app, "void", help=_("Reverse an income by a new entry; the original stays visible."))
def income_void(
    s: Session,
    code: str = typer.Argument(
        ..., help=_("The income's code, such as SR-2026-0001."), shell_complete=complete.RECORD
    ),
    reason: str = REASON,
) -> Done:
    from houqin_cli.audit.finance import budget

    return _reversed(code, budget.void_income(s, s.info["actor"], code, reason, day(s, None)).code)


@write(budget_app, "set", help=_("Set a category's budget for a month."))
def budget_set(
    s: Session,
    month: MonthArg,
    category: str = typer.Argument(
        ..., help=_("The receipt category."), shell_complete=complete.labels("budget_category")
    ),
    amount: str = typer.Argument(..., help=_("The budget.")),
) -> Done:
    from houqin_cli.audit.finance import budget

    b, old = budget.set_budget(s, s.info["actor"], month, category, amount)
    if old is None:
        return Done(_("Budget {code} set.").format(code=b.code))
    from houqin_cli.audit.finance.categories import label
    from houqin_cli.core.money import format_money

    parts = {"category": label(b.category), "month": b.month, "old": format_money(old)}
    if old == b.amount_fen:
        return Done(_("Budget for {category} {month}: {old}, unchanged.").format(**parts))
    return Done(
        _("Budget for {category} {month}: {old} replaced by {new}.").format(
            **parts, new=format_money(b.amount_fen)
        )
    )


@report(
    budget_app,
    "show",
    help=_("Budget, spent, remaining and share used per category."),
    session="reader",
)
def budget_show(r: Reader, month: MonthArg) -> Report:
    from houqin_cli.audit.finance import reports

    return reports.budget(r, month)


@report(
    report_app,
    "month",
    help=_(
        "The month's statement: opening, income, expenses with every receipt, budget against actual, closing, the seal."
    ),
    session="reader",
)
def report_month(r: Reader, month: MonthArg) -> Report:
    from houqin_cli.audit.finance import forms

    return forms.statement_notice(r, "month", month)


@report(
    report_app, "quarter", help=_("The quarter's statement, in the same shape."), session="reader"
)
def report_quarter(
    r: Reader, quarter: str = typer.Argument(..., help=_("The quarter, such as 2026-Q1."))
) -> Report:
    from houqin_cli.audit.finance import forms

    return forms.statement_notice(r, "quarter", quarter)


@report(report_app, "year", help=_("The year's statement, in the same shape."), session="reader")
def report_year(
    r: Reader, year: str = typer.Argument(..., help=_("The year, such as 2026."))
) -> Report:
    from houqin_cli.audit.finance import forms

    return forms.statement_notice(r, "year", year)


@report(
    app,
    "check",
    help=_("Budget overruns and receipts lacking what their category requires (exit 1)."),
    session="reader",
)
def audit_check(r: Reader, month: Month = None) -> Report:
    from houqin_cli.audit.finance import checks

    return checks.report(r, month)
