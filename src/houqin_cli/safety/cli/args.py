"""Options and arguments the safety commands share, as `Annotated` types."""

from typing import Annotated

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _

PlanCode = Annotated[
    str, typer.Argument(help=_("The plan's code, such as AJ-0001."), shell_complete=complete.RECORD)
]
HazardCode = Annotated[
    str,
    typer.Argument(
        help=_("The hazard's code, such as YH-2026-0001."), shell_complete=complete.RECORD
    ),
]
By = Annotated[str, typer.Option("--by", help=_("Who did it."), shell_complete=complete.PERSON)]
Date = Annotated[str | None, typer.Option("--date", help=_("The day (default today)."))]
Place = Annotated[
    str | None, typer.Option("--place", help=_("The place."), shell_complete=complete.PLACE)
]
