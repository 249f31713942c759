"""`houqin gate`: visitors, students leaving during class hours, the gate book."""

from __future__ import annotations

import typer

from houqin_cli.core.i18n import _

__all__ = ["gate_app"]

gate_app = typer.Typer(
    help=_("The gate (门卫): visitors, students leaving in class hours, the gate book."),
    no_args_is_help=True,
)
