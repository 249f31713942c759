"""The run state: what the root command learnt (--db, --operator, the command
line as typed), kept on the click context's `obj` and handed down to every
command of the run. Imports no ORM at module level."""

from __future__ import annotations

import getpass
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Ledger, Reader


@dataclass
class Run:
    argv: list[str] = field(default_factory=list)
    db: str | None = None
    operator: str | None = None
    quiet: bool = False  # --quiet: nothing on stdout or stderr when all is well (cron)
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

    def command_line(self) -> str:
        """The command as typed, passwords in URLs masked: recorded by the journal."""
        from houqin_cli.core.db import mask_url

        return shlex.join(["houqin", *(mask_url(a) for a in self.argv)])

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
        from houqin_cli.core import tx

        with tx.write(self.ledger(), self.operator_name(), self.command_line()) as session:
            yield session

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.dispose()


def state() -> Run:
    """This run's state, from the click context of the command being run."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    run = ctx.obj if ctx is not None else None
    if not isinstance(run, Run):  # pragma: no cover - a group run without the root
        run = Run()
        if ctx is not None:
            ctx.find_root().obj = run
    return run
