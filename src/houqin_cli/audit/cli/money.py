"""`houqin audit receipt | income | budget | report | check`: the money side."""

from __future__ import annotations

import re

import typer

from houqin_cli.cli import Category, Format, Month, Note, Output, created, day, say, show, state
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

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

RECEIPT_COLUMNS = [
    Column("code", _("Code")),
    Column("date", _("Date"), "date"),
    Column("supplier", _("Supplier")),
    Column("invoice", _("Invoice")),
    Column("category_name", _("Category")),
    Column("amount", _("Amount"), "money"),
    Column("handler", _("Handler")),
    Column("acceptor", _("Acceptor")),
    Column("reviewer", _("Reviewer")),
    Column("approvers", _("Approvers"), "list"),
    Column("reverses", _("Reverses")),
    Column("voided", _("Voided"), "bool"),
]


@receipt_app.command(
    "add",
    help=_(
        "Record a purchase receipt: three different signers, approval above the threshold, goods accepted to the fen."
    ),
)
def receipt_add(
    supplier: str = typer.Option(..., "--supplier", help=_("Supplier.")),
    invoice: str = typer.Option(..., "--invoice", help=_("Invoice number.")),
    invoice_date: str = typer.Option(..., "--invoice-date", help=_("The invoice's date.")),
    amount: str = typer.Option(..., "--amount", help=_("The amount.")),
    category: str = typer.Option(
        ...,
        "--category",
        help=_(
            "office, teaching, cleaning, food, equipment, repair, utilities, travel, training or other (or its Chinese name)"
        ),
    ),
    handler: str = typer.Option(..., "--handler", help=_("Who bought it (经手人).")),
    acceptor: str = typer.Option(..., "--acceptor", help=_("Who accepted the goods (验收人).")),
    reviewer: str = typer.Option(..., "--reviewer", help=_("Who reviewed it (审核人).")),
    approved_by: list[str] = typer.Option(
        [], "--approved-by", help=_("An approver (repeatable); above the thresholds.")
    ),
    stock: list[str] = typer.Option(
        [], "--stock", help=_("A stock receipt RK-… the goods came in by (repeatable).")
    ),
    asset: list[str] = typer.Option(
        [], "--asset", help=_("An asset card ZC-… bought (repeatable).")
    ),
    service: bool = typer.Option(
        False, "--service", help=_("A service (repairs, …): no goods to accept.")
    ),
    date: str | None = typer.Option(None, "--date", help=_("The receipt's date (default: today).")),
    note: Note = None,
) -> None:
    from houqin_cli.audit import receipts
    from houqin_cli.core import clock, settings

    with state().write() as s:
        tz = settings.timezone(s)
        r = receipts.add_receipt(
            s,
            s.info["actor"],
            supplier=supplier,
            invoice=invoice,
            invoice_date=clock.parse_date(invoice_date, tz),
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
        code = r.code
    created(code, _("Recorded receipt {code}.").format(code=code))


@receipt_app.command("list", help=_("List receipts (reversals included)."))
def receipt_list(
    month: str | None = typer.Option(None, "--month", help=_("Only this month, quarter or year.")),
    category: Category = None,
    supplier: str | None = typer.Option(None, "--supplier", help=_("Only this supplier.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.audit import receipts
    from houqin_cli.core import clock, settings

    with state().read() as s:
        period = clock.parse_period(month, settings.timezone(s)) if month else None
        rows = receipts.list_receipts(
            s,
            start=period.start if period else None,
            end=period.end if period else None,
            category_text=category,
            supplier=supplier,
        )
    total = {"supplier": _("Total"), "amount": sum(r["amount"] for r in rows)}
    show(Report(_("Receipts"), RECEIPT_COLUMNS, rows, footer=total), fmt, output)


@receipt_app.command("show", help=_("Show one receipt with its signers and what it certifies."))
def receipt_show(
    code: str = typer.Argument(..., help=_("The receipt's code, such as BX-2026-0001.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.audit import receipts

    with state().read() as s:
        row = receipts.receipt_rows(s, [receipts.find_receipt(s, code)])[0]
    cols = [
        *RECEIPT_COLUMNS[:4],
        Column("invoice_date", _("Invoice date"), "date"),
        *RECEIPT_COLUMNS[4:],
        Column("links", _("Goods accepted"), "list"),
        Column("service", _("Service"), "bool"),
        Column("voided_by", _("Reversed by")),
        Column("note", _("Note")),
    ]
    show(Report(_("Receipt"), cols, [row], record=True), fmt, output)


@receipt_app.command(
    "void", help=_("Reverse a receipt by a new entry; the original stays visible.")
)
def receipt_void(
    code: str = typer.Argument(..., help=_("The receipt's code.")),
    reason: str = typer.Option(..., "--reason", help=_("Why it is reversed.")),
) -> None:
    from houqin_cli.audit import receipts

    with state().write() as s:
        r = receipts.void_receipt(s, s.info["actor"], code, reason, day(s, None))
        new = r.code
    created(new, _("Reversed {code} by {new}.").format(code=code.upper(), new=new))


@income_app.command("add", help=_("Record money in."))
def income_add(
    source: str = typer.Option(..., "--source", help=_("Where it came from (总校拨款, 伙食费 …).")),
    amount: str = typer.Option(..., "--amount", help=_("The amount.")),
    date: str | None = typer.Option(None, "--date", help=_("The day it came in (default: today).")),
    category: str | None = typer.Option(None, "--category", help=_("A category of your own.")),
    note: Note = None,
) -> None:
    from houqin_cli.audit import budget

    with state().write() as s:
        inc = budget.add_income(
            s,
            s.info["actor"],
            source=source,
            amount=amount,
            day=day(s, date),
            category_text=category,
            note=note,
        )
        code = inc.code
    created(code, _("Recorded income {code}.").format(code=code))


BUDGET_COLUMNS = [
    Column("category", _("Category")),
    Column("category_name", _("Name")),
    Column("budget", _("Budget"), "money"),
    Column("spent", _("Spent"), "money"),
    Column("remaining", _("Remaining"), "money"),
    Column("share_used", _("Share used")),
]


@budget_app.command("set", help=_("Set a category's budget for a month."))
def budget_set(
    month: str = typer.Argument(..., help=_("The month, such as 2026-05.")),
    category: str = typer.Argument(..., help=_("The receipt category.")),
    amount: str = typer.Argument(..., help=_("The budget.")),
) -> None:
    from houqin_cli.audit import budget

    with state().write() as s:
        b = budget.set_budget(s, s.info["actor"], month, category, amount)
        code = b.code
    say(_("Budget {code} set.").format(code=code))


@budget_app.command("show", help=_("Budget, spent, remaining and share used per category."))
def budget_show(
    month: str = typer.Argument(..., help=_("The month, such as 2026-05.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.audit import statement
    from houqin_cli.core import clock

    period = clock.parse_month(month)
    with state().read() as s:
        rows = statement.budget_lines(s, period)
    show(Report(_("Budget {month}").format(month=period.label), BUDGET_COLUMNS, rows), fmt, output)


def _statement(kind: str, text: str, fmt: str | None, output: str | None) -> None:
    from houqin_cli.audit import statement
    from houqin_cli.core import clock, settings

    with state().read() as s:
        period = clock.parse_period(text, settings.timezone(s))
        shapes = {"month": r"\d{4}-\d{2}", "quarter": r"\d{4}-Q[1-4]", "year": r"\d{4}"}
        if not re.fullmatch(shapes[kind], period.label):
            raise InputError(
                _("Invalid {kind} {text!r}: give it like {example}.").format(
                    kind=kind,
                    text=text,
                    example={"month": "2026-05", "quarter": "2026-Q1", "year": "2026"}[kind],
                )
            )
        data = statement.statement(s, period, kind)
    summary = [
        {
            "period": data["period"],
            "opening": data["opening"],
            "income_total": data["income_total"],
            "expense_total": data["expense_total"],
            "closing": data["closing"],
            "seal": data["seal"],
        }
    ]
    sections = [
        Report(
            _("{school}: statement for {period}").format(
                school=data["school"], period=data["period"]
            ),
            [
                Column("period", _("Period")),
                Column("opening", _("Opening balance"), "money"),
                Column("income_total", _("Income"), "money"),
                Column("expense_total", _("Expenses"), "money"),
                Column("closing", _("Closing balance"), "money"),
            ],
            summary,
        ),
        Report(
            _("Income by source"),
            [Column("source", _("Source")), Column("amount", _("Amount"), "money")],
            data["income"],
            footer={"source": _("Total"), "amount": data["income_total"]},
        ),
        Report(
            _("Budget against actual"),
            BUDGET_COLUMNS,
            data["categories"],
            footer={"category": _("Total"), "spent": data["expense_total"]},
        ),
        Report(
            _("Receipts"),
            RECEIPT_COLUMNS,
            data["receipts"],
            footer={"supplier": _("Total"), "amount": data["expense_total"]},
        ),
    ]
    note = _("Seal {seal} — verify later with: houqin audit verify --against {seal}").format(
        seal=data["seal"]
    )
    report = Report(
        _("Statement {period}").format(period=data["period"]),
        [],
        sections=sections,
        document=statement.document(data),
        note=note,
    )
    show(report, fmt, output)


@report_app.command(
    "month",
    help=_(
        "The month's statement: opening, income, expenses with every receipt, budget against actual, closing, the seal."
    ),
)
def report_month(
    month: str = typer.Argument(..., help=_("The month, such as 2026-05.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    _statement("month", month, fmt, output)


@report_app.command("quarter", help=_("The quarter's statement, in the same shape."))
def report_quarter(
    quarter: str = typer.Argument(..., help=_("The quarter, such as 2026-Q1.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    _statement("quarter", quarter, fmt, output)


@report_app.command("year", help=_("The year's statement, in the same shape."))
def report_year(
    year: str = typer.Argument(..., help=_("The year, such as 2026.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    _statement("year", year, fmt, output)


@app.command(
    "check", help=_("Budget overruns and receipts lacking what their category requires (exit 1).")
)
def audit_check(
    month: Month = None,
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.audit import statement
    from houqin_cli.core import clock, settings

    with state().read() as s:
        if month:
            period = clock.parse_month(month)
        else:
            today = clock.today(settings.timezone(s))
            period = clock.month_of(today)
        found = statement.findings(s, period)
    show(
        Report(_("Audit check {month}").format(month=period.label), [], findings=found), fmt, output
    )
