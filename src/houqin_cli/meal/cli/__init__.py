"""`houqin meal`: the group, mounting its children (arrows parent -> child only)."""

import typer

from houqin_cli.core.i18n import _
from houqin_cli.meal.cli import accompany, daily, dishes, samples

__all__ = ["meal_app"]

meal_app = typer.Typer(
    help=_(
        "The canteen (食堂): dishes, weekly menus, meals served, food samples, disinfection, "
        "陪餐, purchase inspection, staff, cost and the non-profit check."
    ),
    no_args_is_help=True,
)
meal_app.add_typer(daily.app)
meal_app.add_typer(dishes.dish_app, name="dish")
meal_app.add_typer(dishes.menu_app, name="menu")
meal_app.add_typer(samples.app, name="sample")
meal_app.add_typer(accompany.app, name="accompany")
meal_app.add_typer(daily.staff_app, name="staff")
meal_app.add_typer(daily.records_app, name="records")
