"""`houqin meal dish add|list`, `meal menu set|import|show|check`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, DryRun, Note, added, report, say, write
from houqin_cli.core.i18n import _
from houqin_cli.meal.cli.args import Meal, Week

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

dish_app = typer.Typer(help=_("Dishes the canteen cooks."), no_args_is_help=True)
menu_app = typer.Typer(help=_("The weekly menu (每周菜谱)."), no_args_is_help=True)


@write(dish_app, "add", help=_("Add a dish; prints its code (CP-0001)."))
def dish_add(
    s: Session,
    name: str = typer.Argument(..., help=_("The dish, such as 红烧肉.")),
    kind: str = typer.Option(
        ..., "--kind", metavar="meat|vegetable|mixed|staple|soup|fruit|dairy", help=_("Its kind.")
    ),
    allergens: str | None = typer.Option(
        None, "--allergens", help=_("The allergens it carries, such as 花生,牛奶.")
    ),
    note: Note = None,
) -> Done:
    from houqin_cli.meal import service

    return added(service.add_dish(s, name, kind, allergens, note))


@report(dish_app, "list", help=_("The dishes."), session="reader")
def dish_list(s: Reader) -> Report:
    from houqin_cli.meal import views

    return views.dish_list(s)


@write(menu_app, "set", help=_("Set the dishes of one meal of one day."))
def menu_set(
    s: Session,
    when: str = typer.Argument(..., metavar="WEEK|DATE", help=_("2026-W49 with --day, or a date.")),
    dishes: list[str] = typer.Argument(..., metavar="DISH…", help=_("The dishes, in order.")),
    day: str | None = typer.Option(None, "--day", help=_("The day of the week: mon … sun.")),
    meal: Meal = "lunch",
) -> Done:
    from houqin_cli.meal import service, vocab

    which = vocab.meal(meal)
    on = service.menu_day(s, when, day)
    ids = service.set_menu(s, on, which, dishes)
    from houqin_cli.core import labels

    shown = labels.label("meal", which)
    return Done(_("Menu of {day} {meal}: {n} dishes.").format(day=on, meal=shown, n=len(ids)))


@write(menu_app, "import", help=_("Import a week's menu: days across, meals down (.xlsx, .csv)."))
def menu_import(
    s: Session,
    file: Path = typer.Argument(..., help=_("The menu file.")),
    week: Week = None,
    dry_run: DryRun = False,
) -> Done:
    from houqin_cli.meal import grid, service

    n = service.import_menu(s, grid.read(file, s), week, file.name)
    if dry_run:
        s.info["dry_run"] = True
        return Done(_("{file}: {n} meals checked, nothing written.").format(file=file.name, n=n))
    say(_("Imported {n} meals from {file}.").format(n=n, file=file.name))
    return None  # type: ignore[return-value]


@report(menu_app, "show", help=_("The week's menu, the sheet posted for students and parents."),
        session="reader")  # fmt: skip
def menu_show(
    s: Reader,
    week: str | None = typer.Argument(None, metavar="[WEEK]", help=_("Default this week.")),
) -> Report:
    from houqin_cli.meal import views

    return views.menu_show(s, week)


@report(
    menu_app,
    "check",
    help=_("The week's menu against the rules: 荤素搭配, repeats, days with none, allergens."),
    quiet=True,
    session="reader",
)
def menu_check(
    s: Reader,
    week: str | None = typer.Argument(None, metavar="[WEEK]", help=_("Default this week.")),
) -> Report:
    from houqin_cli.meal import views

    return views.menu_report(s, week)
