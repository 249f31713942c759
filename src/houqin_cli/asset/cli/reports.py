"""`houqin asset depreciation | register | summary`."""

from __future__ import annotations

from typing import Any

import typer

from houqin_cli.cli import Category, Format, Month, Output, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

app = typer.Typer()  # depreciation, register, summary


@app.command(
    "depreciation",
    help=_(
        "Straight-line monthly depreciation: original value, this month's charge, accumulated, net value."
    ),
)
def depreciation(
    month: Month = None,
    category: Category = None,
    fmt: Format = None,
    output: Output = None,
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


@app.command(
    "register",
    help=_("The 固定资产明细账: every fixed-asset card with value and net value, by category."),
)
def register(fmt: Format = None, output: Output = None) -> None:
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


@app.command(
    "summary", help=_("Cards, pieces, value and net value by category, place, unit or custodian.")
)
def summary(
    by: str = typer.Option("category", "--by", help=_("category, place, unit or custodian.")),
    fmt: Format = None,
    output: Output = None,
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
