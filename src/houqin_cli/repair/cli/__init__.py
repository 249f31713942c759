"""`houqin repair`: the group (arrows parent -> child only)."""

import typer

from houqin_cli.core.i18n import _
from houqin_cli.repair.cli import orders

__all__ = ["repair_app"]

repair_app = typer.Typer(
    help=_(
        "Repairs (报修): request, assign, parts and outside work, done, the requester's "
        "acceptance; the holiday repair plan and what repairs cost."
    ),
    no_args_is_help=True,
)
repair_app.add_typer(orders.app)
