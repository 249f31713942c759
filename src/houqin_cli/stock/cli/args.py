"""Options and arguments the storeroom's commands share, as `Annotated` types."""

from typing import Annotated

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _

Item = Annotated[
    str,
    typer.Argument(
        help=_("An item: code, name, prefix or pinyin initials."), shell_complete=complete.ITEM
    ),
]
Qty = Annotated[str, typer.Argument(help=_("Quantity: up to three decimal places."))]
CountCode = Annotated[
    str,
    typer.Argument(
        help=_("The stocktake's code, such as PD-2026-0001."),
        shell_complete=complete.records("stock_count"),
    ),
]
Date = Annotated[
    str | None, typer.Option("--date", help=_("The day it happened (default: today)."))
]
From = Annotated[str | None, typer.Option("--from", help=_("From this day or month."))]
Through = Annotated[str | None, typer.Option("--to", help=_("Through this day or month."))]
