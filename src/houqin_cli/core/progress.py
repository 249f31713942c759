"""What a long import shows on a terminal, from the first byte read to the commit: the
file being read (rows counted as they come), each row checked, then the writing — one
transient rich display on stderr, held open by the import command (`shown()`) around its
whole transaction. Silence when stderr is not a terminal; rich is imported only then."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_display: ContextVar[Any] = ContextVar("houqin_progress", default=None)


@contextmanager
def shown() -> Iterator[None]:
    """Hold one progress display open (when stderr is a terminal) until the block ends."""
    stream = sys.stderr
    if stream is None or not stream.isatty() or _display.get() is not None:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    token = _display.set(display)
    try:
        with display:
            yield
    finally:
        _display.reset(token)


def _finish_open(display: Any) -> None:
    for task in display.tasks:
        if not task.finished:
            display.update(task.id, total=task.completed or 1, completed=task.completed or 1)


def step(label: str) -> None:
    """A phase without a count (writing to the ledger): shown until the next one."""
    display = _display.get()
    if display is not None:
        _finish_open(display)
        display.add_task(label, total=None, count="")


def counted(items: Iterable[T], label: str, *, then_write: bool = True) -> Iterator[T]:
    """`items` as they come, each one counted on the display (a bar when their number is
    known); when they are done, the writing begins (unless `then_write` is False: the
    file read, its rows still to be checked)."""
    display = _display.get()
    if display is None:
        yield from items
        return
    _finish_open(display)
    total = len(items) if isinstance(items, Sized) else None
    task = display.add_task(label, total=total, count="")
    for n, item in enumerate(items, 1):
        yield item
        display.update(task, advance=1, count=f"{n:,}" + (f"/{total:,}" if total else ""))
    if then_write:
        step(_writing())
    else:
        _finish_open(display)


def _writing() -> str:
    from houqin_cli.core.i18n import _

    return _("Writing to the ledger")
