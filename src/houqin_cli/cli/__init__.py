"""The CLI kit every group's commands use: the run state (`state()`, on the
click context), shared options (`options`), output (`show`, `created`, `say`),
the `--date` helper and name completion. Imports no ORM."""

from houqin_cli.cli.complete import complete_person, complete_place, complete_unit
from houqin_cli.cli.options import Category, Code, DryRun, Format, Month, Note, Output, Pieces
from houqin_cli.cli.output import created, day, run_import, say, show
from houqin_cli.cli.run import Run, state

__all__ = [
    "Category",
    "Code",
    "DryRun",
    "Format",
    "Month",
    "Note",
    "Output",
    "Pieces",
    "Run",
    "complete_person",
    "complete_place",
    "complete_unit",
    "created",
    "day",
    "run_import",
    "say",
    "show",
    "state",
]
