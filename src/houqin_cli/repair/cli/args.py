"""Options and arguments the repairs' commands share, as `Annotated` types."""

from typing import Annotated

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _

OrderCode = Annotated[
    str,
    typer.Argument(
        help=_("The repair order's code, such as WX-2026-0001."), shell_complete=complete.RECORD
    ),
]
By = Annotated[
    str, typer.Option("--by", help=_("Who signs (the requester)."), shell_complete=complete.PERSON)
]
Holiday = Annotated[
    str | None,
    typer.Option("--for", metavar="summer|winter", help=_("The holiday's repair list.")),
]
Place = Annotated[
    str | None,
    typer.Option("--place", help=_("Only this place."), shell_complete=complete.PLACE),
]
