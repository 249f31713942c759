"""`houqin asset label`: a sheet of labels with QR codes, to stick on the cards' things."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.asset.cli.args import Everything, ScopePlace, ScopeUnit
from houqin_cli.cli import complete, report
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.report import Report

app = typer.Typer()


@report(
    app, "label", help=_("Labels with QR codes for cards, a place, a unit or all: -o labels.pdf.")
)
def label(
    s: Session,
    cards: list[str] | None = typer.Argument(
        None, help=_("The cards (codes), if not a scope."), shell_complete=complete.records("card")
    ),
    place: ScopePlace = None,
    unit: ScopeUnit = None,
    everything: Everything = False,
    sheet: str = typer.Option(
        "3x8", "--sheet", help=_("Labels across x down on an A4 sheet, such as 3x8.")
    ),
) -> Report:
    from houqin_cli.asset import tags

    return tags.labels(s, cards or [], place, unit, everything, sheet)
