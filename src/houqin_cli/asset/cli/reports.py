"""`houqin asset depreciation | register | summary`: reports over every card, read
with the plain SQL reader (no ORM on their path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.asset.cli.args import At
from houqin_cli.cli import Category, Month, report
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()  # depreciation, register, summary


@report(
    app,
    "depreciation",
    help=_(
        "Straight-line monthly depreciation: original value, this month's charge, accumulated, net value."
    ),
    session="reader",
)
def depreciation(r: Reader, month: Month = None, category: Category = None) -> Report:
    from houqin_cli.asset import reports

    return reports.depreciation_report(r, month, category)


@report(
    app,
    "register",
    help=_("The 固定资产明细账: every fixed-asset card with value and net value, by category."),
    session="reader",
)
def register(r: Reader, at: At = None) -> Report:
    from houqin_cli.asset import reports

    return reports.register_report(r, at)


@report(
    app,
    "summary",
    help=_("Cards, pieces, value and net value by category, place, unit or custodian."),
    session="reader",
)
def summary(
    r: Reader,
    by: str = typer.Option("category", "--by", help=_("category, place, unit or custodian.")),
    at: At = None,
) -> Report:
    from houqin_cli.asset import reports

    return reports.summary_report(r, by, at)
