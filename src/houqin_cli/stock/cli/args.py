"""Arguments the storeroom's commands share."""

import typer

from houqin_cli.core.i18n import _

ItemArg = typer.Argument(..., help=_("An item: code, name, prefix or pinyin initials."))
QtyArg = typer.Argument(..., help=_("Quantity: up to three decimal places."))
