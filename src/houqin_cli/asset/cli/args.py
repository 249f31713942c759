"""Arguments the asset commands share."""

import typer

from houqin_cli.core.i18n import _

AssetArg = typer.Argument(..., help=_("An asset card: code, name, prefix or pinyin initials."))
