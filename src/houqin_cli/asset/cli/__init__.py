"""`houqin asset`: the group, mounting its children (arrows parent -> child only)."""

import typer

from houqin_cli.asset.cli import cards, custody, labels, reports, rounds
from houqin_cli.core.i18n import _

asset_app = typer.Typer(
    help=_(
        "School property (校产): cards, custody, loans, inspections, damage, scrapping, depreciation, the count."
    ),
    no_args_is_help=True,
)
asset_app.add_typer(cards.app)
asset_app.add_typer(custody.app)
asset_app.add_typer(reports.app)
asset_app.add_typer(labels.app)
asset_app.add_typer(cards.category_app, name="category")
asset_app.add_typer(rounds.inspect_app, name="inspect")
asset_app.add_typer(custody.scrap_app, name="scrap")
asset_app.add_typer(rounds.count_app, name="count")
