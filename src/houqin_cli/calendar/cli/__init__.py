"""`houqin calendar` and `houqin term`: the group, mounting its children (arrows parent
-> child only)."""

import typer

from houqin_cli.calendar.cli import holiday, plan, tasks
from houqin_cli.calendar.cli.term import term_app
from houqin_cli.core.i18n import _

__all__ = ["calendar_app", "term_app"]

calendar_app = typer.Typer(
    help=_(
        "The school year: recurring tasks with owners, the month's task list, holidays and 调休."
    ),
    no_args_is_help=True,
)
calendar_app.add_typer(tasks.app)
calendar_app.add_typer(tasks.task_app, name="task")
calendar_app.add_typer(holiday.app, name="holiday")
calendar_app.add_typer(plan.app, name="plan")
