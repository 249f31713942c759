"""Decorators that register a command and do its ceremony, so that a command's body is
only what it parses and which service it calls.

    @report(item_app, "list", help=_("List items ..."))
    def item_list(s: Session, category: Category = None) -> Report:
        return items.list_report(s, category=category)

`report` adds -f/--format and -o/--output, opens the read session (or, with
`session="reader"`, the plain SQL reader; with `session=None`, none) and passes it
first, renders the Report the function returns once the session is closed, and
exits 1 when the Report is a check with findings.

    @write(item_app, "add", help=_("Add an item ..."))
    def item_add(s: Session, name: str = typer.Argument(...)) -> Done:
        it = items.add_item(s, name)
        return Done(_("Added {name} ({code}).").format(name=it.name, code=it.code), it.code)

`write` runs the function inside one write transaction (all of it or none, and the
journal entries the service appends commit with it) and, after the commit, prints
the created record's code on stdout and the message on stderr.

The hidden first parameter is named and typed as the caller likes; Typer sees the
function's other parameters only.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import typer

from houqin_cli.cli.options import Force, Format, Output, Quiet
from houqin_cli.cli.output import created, say, show
from houqin_cli.cli.run import state
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from houqin_cli.core.report import Report

F = Callable[..., Any]


@dataclass(frozen=True)
class Done:
    """What a write command says once its transaction has committed."""

    message: str
    code: str | None = None  # a created record's code, printed on stdout


def added(record: Any) -> Done:
    """The answer to an add: the new record's code, and "Added NAME (CODE)."."""
    return Done(_("Added {name} ({code}).").format(name=record.name, code=record.code), record.code)


def _export_mode(s: Any, plain: bool) -> int:
    """The mode of a file written with -o: the setting `export.mode` (0600 unless
    widened), read on the command's session (`plain`: a Reader)."""
    from houqin_cli.core import settings

    text = (
        settings.read(s, "export.mode")["export.mode"] if plain else settings.get(s, "export.mode")
    )
    return int(text, 8)


def _expose(command: F, fn: F, hidden: int, extra: list[inspect.Parameter]) -> None:
    """Show Typer `fn`'s parameters after the first `hidden` ones, then `extra`. The
    hidden parameter's annotation is never evaluated (it may name a type imported
    only for type checking)."""
    params = []
    for p in list(inspect.signature(fn).parameters.values())[hidden:]:
        ann = p.annotation
        if isinstance(ann, str):
            ann = eval(ann, fn.__globals__)  # what `from __future__ import annotations` deferred
        params.append(p.replace(annotation=ann))
    params += extra
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}


_OUTPUT = [
    inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Format),
    inspect.Parameter("output", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Output),
    inspect.Parameter("force", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Force),
]


_QUIET = inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Quiet)


def report(
    app: typer.Typer,
    name: str,
    *,
    help: str,
    session: Literal["read", "reader"] | None = "read",
    quiet: bool = False,
    **settings: Any,
) -> Callable[[F], F]:
    """Register a report command: the function returns the Report to render. A check
    given `quiet=True` takes --quiet: nothing printed when it finds nothing."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def command(
            *args: Any,
            fmt: str | None = None,
            output: str | None = None,
            force: bool = False,
            **kw: Any,
        ) -> None:
            run_quiet = kw.pop("quiet", False)
            state().quiet = run_quiet
            mode = 0o600
            if session is None:
                result: Report = fn(*args, **kw)
            else:
                run = state()
                with run.reader() if session == "reader" else run.read() as s:
                    result = fn(s, *args, **kw)
                    if output is not None:
                        mode = _export_mode(s, session == "reader")
            if run_quiet and result.is_check and result.ok:
                return
            show(result, fmt, output, force=force, mode=mode)

        extra = [*_OUTPUT, _QUIET] if quiet else _OUTPUT
        _expose(command, fn, 0 if session is None else 1, extra)
        app.command(name, help=help, **settings)(command)
        return fn

    return register


def shows(
    app: typer.Typer,
    name: str,
    help: str,
    call: str,
    *,
    session: Literal["read", "reader"] = "read",
    **arg: Any,
) -> None:
    """Register a report command whose one argument goes straight to a service
    function: `shows(app, "show", _("…"), "asset.listings:card",
    asset=AssetArg)`. The service's module (under houqin_cli) is imported only when the
    command runs; `session="reader"` hands it a plain `Reader` (as `report`)."""
    ((param, annotation),) = arg.items()
    module, attr = call.split(":")

    def command(s: Any, **kw: Any) -> Report:
        result: Report = getattr(importlib.import_module(f"houqin_cli.{module}"), attr)(
            s, kw[param]
        )
        return result

    each = inspect.Parameter.POSITIONAL_OR_KEYWORD
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("s", each), inspect.Parameter(param, each, annotation=annotation)]
    )
    command.__name__ = command.__qualname__ = f"{name}_{attr}"
    report(app, name, help=help, session=session)(command)


def write(app: typer.Typer, name: str, *, help: str, **settings: Any) -> Callable[[F], F]:
    """Register a write command: the function gets the write session and returns Done."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def command(*args: Any, **kw: Any) -> None:
            with state().write() as s:
                done: Done | None = fn(s, *args, **kw)
            if done is None:
                return
            if done.code is not None:
                created(done.code, done.message)
            else:
                say(done.message)

        _expose(command, fn, 1, [])
        app.command(name, help=help, **settings)(command)
        return fn

    return register
