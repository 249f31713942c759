"""`houqin asset inspect | scrap | depreciation | register | summary` (`count`: count_cli.py)."""

from __future__ import annotations

from typing import Any

import typer

from houqin_cli.asset.cli import AssetArg, asset_app
from houqin_cli.cli_util import created, fmt_option, output_option, say, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

inspect_app = typer.Typer(
    help=_("Inspections: classes mid- and end-of-term, offices once a term."), no_args_is_help=True
)
scrap_app = typer.Typer(
    help=_("Scrapping: request, appraisal by 总务处, approval."), no_args_is_help=True
)
asset_app.add_typer(inspect_app, name="inspect")
asset_app.add_typer(scrap_app, name="scrap")

CodeArg = typer.Argument(..., help=_("The record's code."))


@inspect_app.command("start", help=_("Start an inspection of a unit, a place or everything."))
def inspect_start(
    kind: str = typer.Option(..., "--kind", help=_("mid, end or term.")),
    term: str = typer.Option(..., "--term", help=_("The term, such as 2026-autumn.")),
    unit: str | None = typer.Option(None, "--unit", help=_("A class or department.")),
    place: str | None = typer.Option(None, "--place", help=_("A room.")),
    all_: bool = typer.Option(False, "--all", help=_("Every card.")),
) -> None:
    from houqin_cli.asset import inspections

    with state().write() as s:
        insp, n = inspections.start(s, s.info["actor"], kind, term, unit, place, all_)
        code = insp.code
    created(
        code,
        _(
            "Started inspection {code}: {n} cards to inspect (`houqin asset inspect report {code}` lists them)."
        ).format(code=code, n=n),
    )


@inspect_app.command("record", help=_("Record a card's state; damaged opens a damage record."))
def inspect_record(
    code: str = CodeArg,
    asset: str = AssetArg,
    status: str = typer.Option(..., "--status", help=_("ok, damaged or missing.")),
    cause: str | None = typer.Option(None, "--cause", help=_("human or natural (for damaged).")),
    by: str | None = typer.Option(None, "--by", help=_("Who caused it: a person or a unit.")),
    qty: str | None = typer.Option(None, "--qty", help=_("How many pieces (default all).")),
    note: str | None = typer.Option(None, "--note", help=_("A note.")),
) -> None:
    from houqin_cli.asset import inspections

    with state().write() as s:
        inspections.record(s, s.info["actor"], code, asset, status, cause, by, qty, note)
    say(_("Recorded {asset}: {status}.").format(asset=asset, status=status))


@inspect_app.command(
    "report", help=_("Every card in scope; exit 1 for damaged, missing or uninspected cards.")
)
def inspect_report(
    code: str = CodeArg, fmt: str | None = fmt_option(), output: str | None = output_option()
) -> None:
    from houqin_cli.asset import inspections

    with state().read() as s:
        insp, rows, findings = inspections.report(s, code)
        title = _("Inspection {code}").format(code=insp.code)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("place", _("Place")),
        Column("qty", _("Qty"), "int"),
        Column("status", _("Status")),
        Column("cause", _("Cause")),
        Column("note", _("Note")),
    ]
    show(Report(title, cols, rows, findings=findings, rows_key="lines"), fmt, output)


@inspect_app.command("close", help=_("Close an inspection."))
def inspect_close(code: str = CodeArg) -> None:
    from houqin_cli.asset import inspections

    with state().write() as s:
        insp = inspections.close(s, s.info["actor"], code)
        c = insp.code
    say(_("Closed inspection {code}.").format(code=c))


@inspect_app.command(
    "due", help=_("The inspections a term still owes; overdue ones are findings (exit 1).")
)
def inspect_due(
    term: str | None = typer.Option(None, "--term", help=_("The term (default: the current one).")),
    fmt: str | None = fmt_option(),
    output: str | None = output_option(),
) -> None:
    from houqin_cli.asset import inspections
    from houqin_cli.core import clock, settings
    from houqin_cli.core.errors import RuleError
    from houqin_cli.core.report import Finding
    from houqin_cli.ledger import service as ledger

    with state().read() as s:
        today = clock.today(settings.timezone(s))
        t = ledger.resolve_term(s, term) if term else ledger.term_at(s, today)
        if t is None:
            raise RuleError(
                _("No term covers {day}; add one with `houqin term add`.").format(day=today)
            )
        rows = inspections.due(s, t, today)
    findings = [
        Finding(
            "asset.inspections",
            "inspection.owed",
            _("{term}: the {kind} inspection of {where} was due by {due}.").format(
                term=r["term"], kind=r["kind"], where=r["unit"] or r["place"], due=r["due_by"]
            ),
            {"unit": r["unit"], "place": r["place"], "kind": r["kind"]},
        )
        for r in rows
        if r["overdue"]
    ]
    cols = [
        Column("term", _("Term")),
        Column("kind", _("Kind")),
        Column("unit", _("Unit")),
        Column("place", _("Place")),
        Column("due_by", _("Due by"), "date"),
        Column("overdue", _("Overdue"), "bool"),
    ]
    show(Report(_("Inspections owed"), cols, rows, findings=findings), fmt, output)


@scrap_app.command("request", help=_("Ask to scrap an asset."))
def scrap_request(
    asset: str = AssetArg,
    qty: str | None = typer.Option(None, "--qty", help=_("How many pieces (default all).")),
    reason: str = typer.Option(..., "--reason", help=_("Why.")),
    by: str | None = typer.Option(
        None, "--by", help=_("Who asks (default: the operator, if registered).")
    ),
) -> None:
    from houqin_cli.asset import scrap

    with state().write() as s:
        sc = scrap.scrap_request(s, s.info["actor"], asset, qty, reason, by)
        code = sc.code
    created(
        code,
        _("Scrapping requested: {code}; next `houqin asset scrap appraise {code}`.").format(
            code=code
        ),
    )


@scrap_app.command("appraise", help=_("The 总务处's appraisal of a scrapping request."))
def scrap_appraise(
    code: str = CodeArg,
    by: str = typer.Option(..., "--by", help=_("The appraiser.")),
    opinion: str = typer.Option(..., "--opinion", help=_("The appraisal's opinion.")),
) -> None:
    from houqin_cli.asset import scrap

    with state().write() as s:
        sc = scrap.appraise(s, s.info["actor"], code, by, opinion)
        c = sc.code
    say(_("Appraised {code}.").format(code=c))


@scrap_app.command(
    "approve", help=_("Approve scrapping: the card leaves the books, its history stays.")
)
def scrap_approve(
    code: str = CodeArg, by: str = typer.Option(..., "--by", help=_("The approver."))
) -> None:
    from houqin_cli.asset import scrap

    with state().write() as s:
        sc = scrap.approve(s, s.info["actor"], code, by)
        c, status = sc.code, sc.status
    say(
        _("Scrapped: {code}.").format(code=c)
        if status == "approved"
        else _("{code} approved once; a second approver is needed.").format(code=c)
    )


@asset_app.command(
    "depreciation",
    help=_(
        "Straight-line monthly depreciation: original value, this month's charge, accumulated, net value."
    ),
)
def depreciation(
    month: str | None = typer.Option(None, "--month", help=_("The month (default: this month).")),
    category: str | None = typer.Option(None, "--category", help=_("Only this category.")),
    fmt: str | None = fmt_option(),
    output: str | None = output_option(),
) -> None:
    from houqin_cli.asset import depreciation as dep
    from houqin_cli.core import clock, settings

    with state().reader() as r:
        if month:
            period = clock.parse_month(month)
        else:
            period = clock.month_of(clock.today(settings.zone(r)))
        rows = dep.report(r, period.start.year, period.start.month, category)
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("category", _("Category")),
        Column("life_years", _("Life (years)"), "int"),
        Column("original_value", _("Original value"), "money"),
        Column("monthly", _("This month"), "money"),
        Column("accumulated", _("Accumulated"), "money"),
        Column("net_value", _("Net value"), "money"),
    ]
    footer = {
        "name": _("Total"),
        **{
            k: sum(r[k] for r in rows)
            for k in ("original_value", "monthly", "accumulated", "net_value")
        },
    }
    show(
        Report(_("Depreciation {month}").format(month=period.label), cols, rows, footer=footer),
        fmt,
        output,
    )


@asset_app.command(
    "register",
    help=_("The 固定资产明细账: every fixed-asset card with value and net value, by category."),
)
def register(fmt: str | None = fmt_option(), output: str | None = output_option()) -> None:
    from houqin_cli.asset import reports
    from houqin_cli.core import clock, money, settings

    with state().reader() as r:
        groups = reports.register(r, clock.today(settings.zone(r)))
    cols = [
        Column("code", _("Code")),
        Column("name", _("Name")),
        Column("qty", _("Qty"), "int"),
        Column("unit_value", _("Unit value"), "money"),
        Column("total_value", _("Total value"), "money"),
        Column("acquired", _("Acquired"), "date"),
        Column("accumulated", _("Accumulated"), "money"),
        Column("net_value", _("Net value"), "money"),
        Column("place", _("Place")),
        Column("custodian", _("Custodian")),
    ]
    sections = [Report(title, cols, rows, footer=totals) for title, rows, totals in groups]
    total = sum(t["total_value"] for _t, _r, t in groups)
    net = sum(t["net_value"] for _t, _r, t in groups)

    def document() -> dict[str, Any]:  # built only when JSON is asked for
        return {
            "categories": [
                {
                    "category": title,
                    "total_value": money.money_str(t["total_value"]),
                    "net_value": money.money_str(t["net_value"]),
                    "cards": [
                        {
                            **r,
                            "unit_value": money.money_str(r["unit_value"]),
                            "total_value": money.money_str(r["total_value"]),
                            "accumulated": money.money_str(r["accumulated"]),
                            "monthly": money.money_str(r["monthly"]),
                            "net_value": money.money_str(r["net_value"]),
                            "acquired": r["acquired"].isoformat(),
                        }
                        for r in rows
                    ],
                }
                for title, rows, t in groups
            ],
            "total_value": money.money_str(total),
            "net_value": money.money_str(net),
        }

    note = _("All fixed assets: {total}, net {net}.").format(
        total=money.format_money(total), net=money.format_money(net)
    )
    show(
        Report(_("Fixed-asset register"), [], sections=sections, document=document, note=note),
        fmt,
        output,
    )


@asset_app.command(
    "summary", help=_("Cards, pieces, value and net value by category, place, unit or custodian.")
)
def summary(
    by: str = typer.Option("category", "--by", help=_("category, place, unit or custodian.")),
    fmt: str | None = fmt_option(),
    output: str | None = output_option(),
) -> None:
    from houqin_cli.asset import reports
    from houqin_cli.core import clock, settings

    with state().reader() as r:
        rows = reports.summary(r, by, clock.today(settings.zone(r)))
    cols = [
        Column("group", _("Group")),
        Column("cards", _("Cards"), "int"),
        Column("qty", _("Qty"), "int"),
        Column("total_value", _("Total value"), "money"),
        Column("fixed_value", _("Fixed assets"), "money"),
        Column("net_value", _("Net value"), "money"),
    ]
    footer = {
        "group": _("Total"),
        **{
            k: sum(r[k] for r in rows)
            for k in ("cards", "qty", "total_value", "fixed_value", "net_value")
        },
    }
    show(Report(_("Asset summary"), cols, rows, footer=footer), fmt, output)


from houqin_cli.asset import count_cli  # noqa: E402,F401  (the count commands)
