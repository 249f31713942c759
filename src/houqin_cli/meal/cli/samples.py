"""`houqin meal sample add|discard|list|check` (留样)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, report, write
from houqin_cli.core.i18n import _
from houqin_cli.meal.cli.args import By, Meal, Time, Week

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer(help=_("Food samples (留样): add, discard, list, check."), no_args_is_help=True)


@write(app, "add", help=_("Record a food sample of one dish; prints its code (LY-2026-0001)."))
def sample_add(
    s: Session,
    dish: str = typer.Argument(..., help=_("The dish sampled.")),
    on: str | None = typer.Option(None, "--date", help=_("The day of the meal (default today).")),
    meal: Meal = "lunch",
    grams: str = typer.Option(..., "--grams", help=_("The sample's weight in grams.")),
    by: By = "",
    reviewer: str = typer.Option(
        ..., "--reviewer", help=_("Who checked the sample."), shell_complete=complete.PERSON
    ),
    fridge: str | None = typer.Option(None, "--fridge", help=_("The fridge it is kept in.")),
    time: Time = None,
) -> Done:
    from houqin_cli.meal import service, vocab

    which = vocab.meal(meal)
    row = service.add_sample(
        s, s.info["actor"], day=day(s, on), meal=which, dish=dish, grams_text=grams, by=by,
        reviewer=reviewer, fridge=fridge, time=time,
    )  # fmt: skip
    return Done(_("Recorded food sample {code}.").format(code=row.code), row.code)


@write(app, "discard", help=_("Discard a food sample once its retention hours are up."))
def sample_discard(
    s: Session,
    code: str = typer.Argument(..., help=_("The sample, such as LY-2026-0001.")),
    by: By = "",
    time: Time = None,
) -> Done:
    from houqin_cli.meal import service

    row = service.discard_sample(s, s.info["actor"], code, by, time)
    return Done(_("Discarded food sample {code}.").format(code=row.code))


@report(app, "list", help=_("The food samples (留样记录表), printable."), session="reader")
def sample_list(
    s: Reader,
    on: str | None = typer.Option(None, "--date", help=_("Only this day.")),
    fridge: str | None = typer.Option(None, "--fridge", help=_("Only this fridge.")),
) -> Report:
    from houqin_cli.core import clock, settings
    from houqin_cli.meal import views

    when = clock.parse_date(on, settings.zone(s)) if on else None
    return views.sample_list(s, when, fridge)


@report(
    app,
    "check",
    help=_("Dishes served with no sample, light or early-discarded samples, … (exit 1)."),
    quiet=True,
    session="reader",
)
def sample_check(
    s: Reader,
    on: str | None = typer.Option(None, "--date", help=_("Only this day.")),
    week: Week = None,
) -> Report:
    from houqin_cli.meal import views

    return views.sample_report(s, on, week)
