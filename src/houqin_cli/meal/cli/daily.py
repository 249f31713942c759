"""`houqin meal serve` and the other records of a meal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, write
from houqin_cli.core.i18n import _
from houqin_cli.meal.cli.args import Meal

if TYPE_CHECKING:
    from sqlmodel import Session

app = typer.Typer()


@write(app, "serve", help=_("Record how many ate a meal (by class where known)."))
def serve(
    s: Session,
    on: str = typer.Argument(..., metavar="DATE", help=_("The day.")),
    meal: Meal = "lunch",
    count: int = typer.Option(..., "--count", help=_("How many students ate.")),
    unit: str | None = typer.Option(
        None, "--unit", help=_("The class, when counted by class."), shell_complete=complete.UNIT
    ),
    staff: int = typer.Option(0, "--staff", help=_("How many staff ate.")),
    dishes: str | None = typer.Option(
        None, "--dishes", help=_("What was served, comma-separated, when no menu was entered.")
    ),
    cook: str | None = typer.Option(
        None, "--cook", help=_("The cook on duty."), shell_complete=complete.PERSON
    ),
) -> Done:
    from houqin_cli.meal import service, vocab

    which = vocab.meal(meal)
    named = [
        t for t in (dishes or "").replace("，", ",").replace("、", ",").split(",") if t.strip()
    ]
    row = service.serve(
        s, day(s, on), which, count, unit=unit, staff=staff, dishes=named, cook=cook
    )
    return Done(_("Recorded {meal} on {day}: {n} served ({code}).").format(
        meal=meal, day=row.day, n=row.count, code=row.code), row.code)  # fmt: skip
