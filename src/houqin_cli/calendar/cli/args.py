"""Options and arguments the calendar's commands share, as `Annotated` types."""

from typing import Annotated

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _

TaskCode = Annotated[
    str, typer.Argument(help=_("The task's code, such as RW-0001."), shell_complete=complete.RECORD)
]
Occurrence = Annotated[
    str,
    typer.Argument(
        help=_(
            "An occurrence, such as RW-0001:2026-Q1, or a task's code for its earliest open one."
        )
    ),
]
Every = Annotated[
    str | None,
    typer.Option("--every", help=_("The schedule: daily, weekly:mon, monthly:last, 2/term, …")),
]
Owner = Annotated[
    str | None,
    typer.Option("--owner", help=_("The person who does it."), shell_complete=complete.PERSON),
]
Rotate = Annotated[
    str | None,
    typer.Option("--rotate", help=_("People taking turns, comma-separated: 王芳,李强.")),
]
Place = Annotated[
    str | None, typer.Option("--place", help=_("Where it is done."), shell_complete=complete.PLACE)
]
Unit = Annotated[
    str | None,
    typer.Option("--unit", help=_("The unit it belongs to."), shell_complete=complete.UNIT),
]
DueDays = Annotated[
    int | None, typer.Option("--due-days", help=_("Days allowed after the due day (default 0)."))
]
From = Annotated[str | None, typer.Option("--from", help=_("The first day (default today)."))]
Until = Annotated[str | None, typer.Option("--until", help=_("The last day."))]
