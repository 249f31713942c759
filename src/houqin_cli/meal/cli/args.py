"""Options the canteen's commands share, as `Annotated` types."""

from typing import Annotated

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _

Meal = Annotated[
    str,
    typer.Option(
        "--meal", metavar="breakfast|lunch|dinner", help=_("The meal (早餐, 午餐, 晚餐).")
    ),
]
Date = Annotated[str | None, typer.Option("--date", help=_("The day (default today)."))]
By = Annotated[str, typer.Option("--by", help=_("Who did it."), shell_complete=complete.PERSON)]
Time = Annotated[
    str | None,
    typer.Option("--time", help=_("When, such as '2026-03-02 11:30' (default now).")),
]
Week = Annotated[str | None, typer.Option("--week", help=_("The week, such as 2026-W49."))]
