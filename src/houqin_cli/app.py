"""The root command: global options, lazy loading of the groups, and the single
error boundary (error -> one line on stderr + its exit code).

Nothing here imports the ORM: `houqin --version` and `houqin --help` load only
typer; a group's module is imported when that group is invoked."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from houqin_cli import __version__, domains
from houqin_cli.click_i18n import COMPLETION_HELP
from houqin_cli.core.control import control_character
from houqin_cli.core.errors import HouqinError, InputError
from houqin_cli.core.i18n import N_, _, detect_language, set_language


class LazyGroup(TyperGroup):
    """Loads a group's module only when it runs; help lists groups without loading them."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(domains.commands())

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = domains.commands().get(cmd_name)
        if entry is None:
            return None
        if self._listing:
            return TyperCommand(name=cmd_name, help=_(entry.help), callback=lambda: None)
        obj = getattr(importlib.import_module(entry.module), entry.attr)
        cmd = typer.main.get_command(obj)
        cmd.name = cmd_name
        return cmd

    def localize(self) -> None:
        """Put the root's help in the language chosen for this run (the root is
        built before --lang is read; group modules load after it)."""
        self.help = _(ROOT_HELP)
        for param in self.params:
            msgid = OPTION_HELP.get(param.name or "") or COMPLETION_HELP.get(param.name or "")
            if msgid:
                param.help = _(msgid)  # type: ignore[attr-defined]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.localize()
        LazyGroup._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            LazyGroup._listing = False

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from houqin_cli.cli.run import Run
        from houqin_cli.click_i18n import install

        install()  # click's and typer's own words through our catalogs
        if os.environ.get(complete_var or "_HOUQIN_COMPLETE"):
            from houqin_cli.cli.complete import prepare

            prepare(complete_var or "_HOUQIN_COMPLETE")  # a TAB: values as typed
        argv = list(sys.argv[1:] if args is None else args)
        _early_language(argv)
        if "--show-completion" in argv or "--install-completion" in argv:
            from houqin_cli.cli.complete import shell_option

            done = shell_option(argv)
            if done is not None:
                if standalone_mode:
                    sys.exit(done)
                return done
        extra.setdefault("obj", Run(argv=argv))
        code = run_guarded(
            lambda: super(LazyGroup, self).main(
                args=argv,
                prog_name=prog_name or "houqin",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            ),
            argv,
        )
        if standalone_mode:
            sys.exit(code)
        return code


def _require_text(argv: Sequence[str]) -> None:
    """Arguments and HOUQIN_* variables that are not valid UTF-8 (Python keeps their
    bytes as lone surrogates) or hold a control character (NUL, ESC, …; a tab or a
    line break may stand in a note) are a bad argument, not an error deep in the
    driver or a record no tool can show."""
    named = [(_("Argument {n}").format(n=i), a) for i, a in enumerate(argv, start=1)]
    named += [(k, v) for k, v in os.environ.items() if k.startswith("HOUQIN_")]
    for name, text in named:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(
                _("{name} is not valid UTF-8 text ({shown}); type it again.").format(
                    name=name, shown=repr(os.fsencode(text))[2:-1]
                )
            ) from exc
        bad = control_character(text)
        if bad is not None:
            raise InputError(
                _(
                    "{name} holds a control character (U+{code:04X}); type it again without it."
                ).format(name=name, code=ord(bad))
            )


def run_guarded(call: Any, argv: Sequence[str] = ()) -> int:
    """The error boundary: every failure becomes one line and its exit code."""
    from typer._click import exceptions as click_exc

    try:
        _require_text(argv)
        rv = call()
        return rv if isinstance(rv, int) else 0
    except HouqinError as exc:
        if exc.exit_code == 70:
            _fail(_internal(exc))
        else:
            _debug(exc)
            _fail(exc.message)
        return exc.exit_code
    except click_exc.NoArgsIsHelpError as exc:
        sys.stderr.write(exc.format_message() + "\n")
        return 2
    except click_exc.UsageError as exc:
        try:
            problem = _usage_message(exc)
        except Exception:
            problem = exc.format_message()
        _fail(_("{problem} (see --help)").format(problem=problem))
        return 2
    except click_exc.ClickException as exc:
        _fail(exc.format_message())
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except (typer.Abort, KeyboardInterrupt):
        _fail(_("Interrupted."))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        _fail(_internal(exc))
        return 70


def _usage_message(exc: Any) -> str:
    """Click's usage errors in the chosen language (click itself speaks English)."""
    from typer._click import exceptions as click_exc

    param = getattr(exc, "param", None)
    try:
        hint = param.get_error_hint() if param is not None else ""
    except Exception:
        hint = ""
    if isinstance(exc, click_exc.NoSuchOption):
        return _("No such option: {name}").format(name=exc.option_name)
    if isinstance(exc, click_exc.MissingParameter):
        if param is not None and param.param_type_name == "argument":
            return _("Missing argument {name}.").format(name=hint)
        return _("Missing option {name}.").format(name=hint)
    if isinstance(exc, click_exc.BadParameter) and hint:
        return _("Invalid value for {name}: {problem}").format(name=hint, problem=exc.message)
    text = exc.format_message()
    if text.startswith("Got unexpected extra argument"):
        return _("Unexpected extra arguments: {args}").format(
            args=text.rsplit("(", 1)[-1].rstrip(")")
        )
    return str(text)


def _debug(exc: BaseException) -> None:
    """HOUQIN_DEBUG=1 shows where an error came from."""
    if os.environ.get("HOUQIN_DEBUG"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)


def _internal(exc: BaseException) -> str:
    _debug(exc)
    return _("Internal error ({kind}): {detail}. Set HOUQIN_DEBUG=1 to see where.").format(
        kind=type(exc).__name__, detail=str(exc).splitlines()[0] if str(exc) else "-"
    )


def _fail(message: str) -> None:
    sys.stderr.write(_("Error: {message}").format(message=message) + "\n")
    sys.stderr.flush()


ROOT_HELP = N_(
    "houqin (后勤): the logistics office's ledger — people, school property, the "
    "storeroom, money, the calendar and the journal. Data goes to stdout, messages to stderr; "
    "exit 1 means a check found problems."
)


OPTION_HELP = {
    "db": N_("Ledger: a SQLite path or a postgresql+psycopg:// URL (env HOUQIN_DB)."),
    "operator": N_("Who is typing; recorded on every journal entry (env HOUQIN_OPERATOR)."),
    "lang": N_("Language of messages and headers: zh or en (env HOUQIN_LANG)."),
    "version": N_("Show the version and exit."),
}


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"houqin {__version__}\n")
        raise typer.Exit(0)


def _early_language(argv: list[str]) -> None:
    """The language of this run before click parses anything, so that an eager option
    (`--help` before `--lang`) and click's own words speak it; a bad value is left for
    `--lang`'s own callback to refuse."""
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
    with contextlib.suppress(HouqinError):
        set_language(detect_language(given))


def _lang(value: str | None) -> str | None:
    try:
        set_language(detect_language(value))
    except HouqinError:
        set_language("zh")  # so that the error itself can be told
        raise
    return value


app = typer.Typer(
    cls=LazyGroup,
    name="houqin",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help formatting costs more than typer's import
)


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="HOUQIN_DB",
        metavar="PATH|URL",
        help=OPTION_HELP["db"],
        show_default=False,
    ),
    operator: str | None = typer.Option(
        None,
        "--operator",
        envvar="HOUQIN_OPERATOR",
        metavar="NAME",
        help=OPTION_HELP["operator"],
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="zh|en",
        is_eager=True,
        callback=_lang,
        help=OPTION_HELP["lang"],
    ),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_version, help=OPTION_HELP["version"]
    ),
) -> None:
    from houqin_cli.cli.run import Run

    run = ctx.obj if isinstance(ctx.obj, Run) else Run()
    run.db, run.operator = db, operator
    ctx.obj = run
    ctx.call_on_close(run.close)


def main() -> None:
    typer.main.get_command(app).main(prog_name="houqin")
