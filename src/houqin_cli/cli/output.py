"""How a command speaks: a report on stdout (exit 1 for a check with findings),
a created record's code on stdout, messages on stderr."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from houqin_cli.core.report import Report


def show(report: Report, fmt: str | None, output: str | None) -> None:
    """Render a report; a check with findings then exits 1 (on purpose)."""
    from houqin_cli.core.render import render

    render(report, fmt, output)
    if report.is_check and not report.ok:
        raise typer.Exit(1)


def day(session: Any, text: str | None) -> Any:
    """A --date option in the school's zone; today when not given."""
    from houqin_cli.core import clock, settings

    tz = settings.timezone(session)
    return clock.parse_date(text, tz) if text else clock.today(tz)


def say(message: str) -> None:
    """A message for the person at the terminal: stderr, never stdout."""
    sys.stderr.write(message + "\n")


def created(code: str, message: str) -> None:
    """A command that creates a record prints its code on stdout."""
    sys.stdout.write(code + "\n")
    say(message)
