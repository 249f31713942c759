"""The CLI kit every group's commands use: the run state (`state()`, on the
click context), shared options (`options`), output (`show`, `created`, `say`),
the `--date` helper, name completion, and the `report` / `write` decorators that
register a command and do its ceremony (`commands`). Imports no ORM."""

from houqin_cli.cli import complete
from houqin_cli.cli.commands import Done, added, report, shows, write
from houqin_cli.cli.options import (
    Category,
    Code,
    DryRun,
    Format,
    Month,
    Note,
    Output,
    Pieces,
    Quiet,
)
from houqin_cli.cli.output import created, day, run_import, say, show
from houqin_cli.cli.run import Run, state

__all__ = [
    "Category",
    "Code",
    "Done",
    "DryRun",
    "Format",
    "Month",
    "Note",
    "Output",
    "Quiet",
    "Pieces",
    "Run",
    "added",
    "complete",
    "created",
    "day",
    "run_import",
    "say",
    "show",
    "shows",
    "report",
    "state",
    "write",
]
