"""click's and typer's own words (`Usage:`, `Options`, `Show this message and exit.`,
`No such command …`, `[env var: …]`) through houqin's catalogs.

typer.core looks its messages up with a module-level `_` (gettext's, which has no
catalog for them); the click that typer vendors writes `Usage: ` and the help option's
text as plain English. `install()` points typer.core's `_` at ours and wraps the two
English spots, once, before the command line is parsed: a few attribute assignments,
nothing imported that `--version` does not already load."""

from __future__ import annotations

from typing import Any

from houqin_cli.core.i18n import N_, _

# typer.core's messages (its `_` is ours once installed), listed here for the catalogs
TYPER_MESSAGES = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Aborted!"),
)
# typer.rich_utils's, set on the module when a rich help is drawn
RICH = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
}
USAGE = N_("Usage: ")
HELP = N_("Show this message and exit.")
# the root's completion options (typer adds them; app.py's localize translates them)
COMPLETION_HELP = {
    "install_completion": N_(
        "Install completion for the current shell, or for SHELL (bash, zsh, fish) if given."
    ),
    "show_completion": N_(
        "Show completion for the current shell, or for SHELL (bash, zsh, fish) if given, "
        "to copy it or customize the installation."
    ),
}

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    import typer.core
    from typer._click import core as click_core
    from typer._click import formatting

    typer.core._ = _  # type: ignore[attr-defined]
    for cls in (typer.core.TyperCommand, typer.core.TyperGroup):
        _localize_rich_help(cls)

    write_usage = formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _(USAGE) if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]

    get_help_option = click_core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _(HELP)
        return option

    click_core.Command.get_help_option = help_option  # type: ignore[method-assign]


def _localize_rich_help(cls: Any) -> None:
    """Before a command's help is drawn: typer's completion options in our words, and,
    for a group drawn with rich (typer's default markup), typer.rich_utils's panel
    titles and brackets, which are module constants."""
    original = cls.format_help

    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            msgid = COMPLETION_HELP.get(param.name or "")
            if msgid:
                param.help = _(msgid)
        if getattr(self, "rich_markup_mode", None) is not None:
            from typer import rich_utils

            rich_utils._ = _  # type: ignore[attr-defined]
            for name, msgid in RICH.items():
                setattr(rich_utils, name, _(msgid))
        original(self, ctx, formatter)

    cls.format_help = format_help
