"""`houqin stock`: the group, mounting its children (arrows parent -> child only)."""

import typer

from houqin_cli.core.i18n import _
from houqin_cli.stock.cli import count, movements

stock_app = typer.Typer(
    help=_(
        "The storeroom (库房): items, receipts, issues, returns, the stock ledger and the stocktake."
    ),
    no_args_is_help=True,
)
stock_app.add_typer(movements.app)
stock_app.add_typer(movements.item_app, name="item")
stock_app.add_typer(count.app, name="count")
