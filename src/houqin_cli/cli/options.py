"""Options and arguments every group shares, as `Annotated` types, so that a
command declares `fmt: Format = None` instead of repeating the option.

Help texts are translated when a group's module is first imported, which is
after the root command has read --lang."""

from __future__ import annotations

from typing import Annotated

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _

Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="table|plain|csv|json|markdown",
        help=_("Output format (default: table on a terminal, plain otherwise)."),
        shell_complete=complete.FORMAT,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=_(
            "Write to FILE; the format follows its extension (.csv .xlsx .json .md .html .pdf)."
        ),
    ),
]
Quiet = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=_("Print nothing when all is well (for cron); the exit code still tells."),
    ),
]
Force = Annotated[
    bool,
    typer.Option("--force", help=_("With -o: replace FILE if it exists.")),
]
Note = Annotated[str | None, typer.Option("--note", help=_("A note."))]
Pieces = Annotated[str | None, typer.Option("--qty", help=_("How many pieces (default all)."))]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help=_("Check the whole file and report, writing nothing."))
]
Category = Annotated[
    str | None,
    typer.Option("--category", help=_("Only this category."), shell_complete=complete.CATEGORY),
]
Month = Annotated[str | None, typer.Option("--month", help=_("The month (default: this month)."))]
Code = Annotated[str, typer.Argument(help=_("The record's code."), shell_complete=complete.RECORD)]
