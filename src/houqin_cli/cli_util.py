"""What every group's cli.py shares: the per-run state built by the root
command, the output options, and name completion. Imports no ORM at module level."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Ledger, Reader
    from houqin_cli.core.report import Report

ARGV: list[str] = []  # the arguments of this run, for the journal's "command as typed"


@dataclass
class State:
    db: str | None
    operator: str | None
    _ledger: Ledger | None = field(default=None, repr=False)

    def target(self) -> Ledger:
        """The ledger named by --db / HOUQIN_DB / the default, not yet checked."""
        if self._ledger is None:
            from houqin_cli.core.db import Ledger

            self._ledger = Ledger.from_option(self.db)
        return self._ledger

    def ledger(self) -> Ledger:
        """The ledger, checked to exist and to carry this program's schema (exit 4)."""
        ledger = self.target()
        ledger.require_current()
        return ledger

    def operator_name(self) -> str:
        if self.operator and self.operator.strip():
            return self.operator.strip()
        try:
            return getpass.getuser()
        except Exception:
            return "unknown"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.ledger().read() as session:
            yield session

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """Plain SQL without the ORM, for reports over every card or movement."""
        with self.ledger().reader() as reader:
            yield reader

    @contextmanager
    def write(self) -> Iterator[Session]:
        from houqin_cli.app import command_line

        with self.ledger().write(self.operator_name(), command_line()) as session:
            yield session

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.dispose()


CURRENT: list[State] = []  # set by the root command for this run


def state() -> State:
    if not CURRENT:  # pragma: no cover - only when a group runs without the root
        CURRENT.append(State(db=None, operator=None))
    return CURRENT[-1]


def fmt_option() -> Any:
    return typer.Option(
        None,
        "--format",
        "-f",
        metavar="table|plain|csv|json|markdown",
        help=_("Output format (default: table on a terminal, plain otherwise)."),
    )


def output_option() -> Any:
    return typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help=_("Write to FILE; the format follows its extension (.csv .xlsx .json .md)."),
    )


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


# -- completion ----------------------------------------------------------------


def _complete(ctx: typer.Context, model_path: str, incomplete: str) -> list[tuple[str, str]]:
    """Names (or codes) of people, units or places that begin with what was typed."""
    try:
        import importlib
        import os

        from sqlalchemy import or_, select

        from houqin_cli.core.db import Ledger

        db = ctx.find_root().params.get("db") or os.environ.get("HOUQIN_DB")
        ledger = Ledger.from_option(db)
        ledger.require_current()
        module, name = model_path.rsplit(".", 1)
        model = getattr(importlib.import_module(module), name)
        with ledger.read() as session:
            rows = session.execute(
                select(model.name, model.code)
                .where(or_(model.name.like(f"{incomplete}%"), model.code.like(f"{incomplete}%")))
                .order_by(model.name)
                .limit(50)
            ).all()
        ledger.dispose()
        # typer keeps only values that start with what was typed: a name, or else a code
        return [
            (str(n), str(c)) if str(n).startswith(incomplete) else (str(c), str(n)) for n, c in rows
        ]
    except Exception:
        return []


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "houqin_cli.people.models.Person", incomplete)


def complete_unit(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "houqin_cli.people.models.Unit", incomplete)


def complete_place(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "houqin_cli.people.models.Place", incomplete)
