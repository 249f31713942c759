"""Options and arguments the asset commands share, as `Annotated` types."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from houqin_cli.cli import Done, complete
from houqin_cli.core.i18n import _

AssetArg = Annotated[
    str,
    typer.Argument(
        help=_("An asset card: code, name, prefix or pinyin initials."),
        shell_complete=complete.ASSET,
    ),
]
Funding = Annotated[str | None, typer.Option("--funding", help=_("Source of funds."))]
Invoice = Annotated[str | None, typer.Option("--invoice", help=_("Invoice number."))]
Spec = Annotated[str | None, typer.Option("--spec", help=_("Specification or model."))]
CausedBy = Annotated[
    str | None,
    typer.Option(
        "--by", help=_("Who caused it: a person or a unit."), shell_complete=complete.HOLDER
    ),
]
# the scope of a round (an inspection, a count): one of a unit, a place or everything
ScopeUnit = Annotated[
    str | None,
    typer.Option("--unit", help=_("A class or department."), shell_complete=complete.UNIT),
]
ScopePlace = Annotated[
    str | None, typer.Option("--place", help=_("A room."), shell_complete=complete.PLACE)
]
At = Annotated[
    str | None,
    typer.Option("--at", help=_("As the register stood at the end of this day (default: today).")),
]
Everything = Annotated[bool, typer.Option("--all", help=_("Every card."))]
TermOpt = Annotated[
    str | None,
    typer.Option(
        "--term",
        shell_complete=complete.TERM,
        help=_(
            "The term, such as 2026-autumn (default: the current one; between terms, the one that ended last)."
        ),
    ),
]
Correct = Annotated[
    bool, typer.Option("--correct", help=_("Record the card again over a wrong line (journalled)."))
]


def place_opt(help: str, name: str = "--place", default: Any = None) -> Any:
    """A place option (--place unless named otherwise), completed by name."""
    return typer.Option(default, name, help=help, shell_complete=complete.PLACE)


def made(message: str, code: str, **fields: Any) -> Done:
    """A command that makes a record: `message` (naming its {code}), the code on stdout."""
    return Done(message.format(code=code, **fields), code)


def _categories() -> list[tuple[str, str]]:
    from houqin_cli.asset.categories import CATEGORIES

    return [(c.code, c.name) for c in CATEGORIES]


# --category of a card: the classification's codes and names
ASSET_CATEGORY = complete.values(_categories)
