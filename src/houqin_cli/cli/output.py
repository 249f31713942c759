"""How a command speaks: a report on stdout (exit 1 for a check with findings),
a created record's code on stdout, messages on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from houqin_cli.cli.run import state

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.imports import Imported
    from houqin_cli.core.journal import Actor
    from houqin_cli.core.report import Report


PRINTED = (".xlsx", ".pdf")  # the files whose title block names the school


def show(
    report: Report, fmt: str | None, output: str | None, *, force: bool = False, mode: int = 0o600
) -> None:
    """Render a report; a check with findings then exits 1 (on purpose)."""
    from houqin_cli.core.render import render

    printed = output is not None and Path(output).suffix.lower() in PRINTED
    if printed and report.school is None:
        report.school = _school()
    render(report, fmt, output, force=force, mode=mode)
    if report.is_check and not report.ok:
        raise typer.Exit(1)


def _school() -> str | None:
    """The school's name for a printed sheet's title block (None without a ledger)."""
    from houqin_cli.core import settings
    from houqin_cli.core.errors import HouqinError

    try:
        with state().read() as s:
            return settings.raw(s, "school.name").strip() or None
    except HouqinError:
        return None


def day(session: Any, text: str | None, *, future: bool = False) -> Any:
    """A --date option in the school's zone; today when not given. A day after today
    is exit 2 (a typo such as 2027 for 2026 would otherwise count in every balance)
    unless `future` says the command looks ahead (a loan's due date, a term)."""
    from houqin_cli.core import clock, settings
    from houqin_cli.core.errors import InputError
    from houqin_cli.core.i18n import _

    tz = settings.timezone(session)
    today = clock.today(tz)
    if not text:
        return today
    when = clock.parse_date(text, tz)
    if when > today and not future:
        raise InputError(
            _(
                "{date} is after today ({today}): nothing can be recorded as done in the future."
            ).format(date=when, today=today)
        )
    return when


def say(message: str) -> None:
    """A message for the person at the terminal: stderr, never stdout; none under
    --quiet, so that cron mails only news."""
    if not state().quiet:
        sys.stderr.write(message + "\n")


def created(code: str, message: str) -> None:
    """A command that creates a record prints its code on stdout."""
    sys.stdout.write(code + "\n")
    say(message)


def run_import(
    load: Callable[[Session, Actor], int | Imported],
    file: Path,
    dry_run: bool,
    checked: str,
    done: str,
) -> None:
    """An import command: every row checked and written in one transaction, all or
    nothing; with --dry-run everything is checked and nothing written. `checked`
    and `done` are the two messages, with {file} and {n} (rows). When `load` says
    what it wrote (an `Imported`), a dry run shows its first rows on stdout and its
    further counts on stderr, so the clerk sees what the import would write."""
    from houqin_cli.core import progress

    with progress.shown(), state().write() as s:  # the display lasts until the commit
        result = load(s, s.info["actor"])
        s.info["dry_run"] = dry_run
    n = result if isinstance(result, int) else result.n
    if dry_run and not isinstance(result, int) and result.report is not None:
        show(result.report, None, None)
    say((checked if dry_run else done).format(file=file, n=n))
    if not isinstance(result, int) and result.more:
        say(result.more)
