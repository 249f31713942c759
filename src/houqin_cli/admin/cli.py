"""`houqin init`, `check`, `term`, `config` and `db`: parse -> service -> render."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, Quiet, complete, report, say, state, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

init_app = typer.Typer()
check_app = typer.Typer()
config_app = typer.Typer(help=_("School-wide settings stored in the ledger."), no_args_is_help=True)
db_app = typer.Typer(
    help=_("The ledger database: info, upgrade, backup, restore, check."), no_args_is_help=True
)


@init_app.command("init", help=_("Create the ledger (schema to head) and say where it is."))
def init(
    school: str | None = typer.Option(None, "--school", help=_("The school's name.")),
    timezone: str | None = typer.Option(
        None, "--timezone", help=_("The school's time zone (IANA name, default Asia/Shanghai).")
    ),
) -> None:
    from houqin_cli.admin import service

    st = state()
    ledger = st.target()
    options = {k: v for k, v in (("school.name", school), ("timezone", timezone)) if v is not None}
    if service.create(ledger, st.operator_name(), st.command_line(), options):
        say(_("Created the ledger at {location}.").format(location=ledger.location))
    else:
        say(
            _("{location} is already a current ledger; nothing changed.").format(
                location=ledger.location
            )
        )


@report(
    check_app,
    "check",
    help=_("Run every group's checks; exit 1 if any finds a problem."),
    quiet=True,
    session="reader",
)
def check(
    r: Reader,
    only: str | None = typer.Option(
        None,
        "--only",
        help=_("Only these groups, comma-separated (e.g. stock,asset)."),
        shell_complete=complete.CHECK_GROUPS,
    ),
    quick: bool = typer.Option(
        False,
        "--quick",
        help=_(
            "Verify the journal only from the last full verification on this computer: "
            "a row changed behind the program's back that no entry since then wrote is "
            "not seen (`audit verify` sees it)."
        ),
    ),
) -> Report:
    from houqin_cli.admin import reports

    return reports.checks(r, only, quick)


# -- config ------------------------------------------------------------------------


@report(
    config_app,
    "list",
    help=_("Every setting: value, default, who set it and when."),
    session="reader",
)
def config_list(r: Reader) -> Report:
    from houqin_cli.admin import reports

    return reports.config(r)


@config_app.command("get", help=_("Print one setting's value."))
def config_get(key: str = typer.Argument(..., help=_("The setting's key, e.g. timezone."))) -> None:
    from houqin_cli.core import settings

    settings.spec(key)
    with state().read() as s:
        value = settings.raw(s, key)
    typer.echo(value)


@write(config_app, "set", help=_("Change a setting (typed and validated)."))
def config_set(
    s: Session,
    key: str = typer.Argument(..., help=_("The setting's key.")),
    value: str = typer.Argument(..., help=_("The new value.")),
) -> Done:
    from houqin_cli.core import settings

    sp, old, new = settings.put(s, s.info["actor"], key, value)
    return Done(_("{key}: {old} -> {new}").format(key=sp.key, old=old, new=new))


# -- db ----------------------------------------------------------------------------


@report(
    db_app,
    "info",
    help=_("Backend, location, schema revision, journal length and head, size."),
    session=None,
)
def db_info() -> Report:
    from houqin_cli.admin import reports

    return reports.info(state().target())


@db_app.command(
    "upgrade", help=_("Migrate an older ledger to this program's schema (backs up SQLite first).")
)
def db_upgrade() -> None:
    from houqin_cli.admin import service

    st = state()
    old, new, saved = service.upgrade(st.target(), st.operator_name(), st.command_line())
    if old == new:
        say(_("The ledger is already at {rev}; nothing to do.").format(rev=new))
        return
    if saved is not None:
        say(_("Saved a copy of the old ledger as {path}.").format(path=saved))
    say(_("Upgraded the ledger from {old} to {new}.").format(old=old, new=new))


@db_app.command("backup", help=_("Copy a SQLite ledger consistently, even while others write."))
def db_backup(
    file: Path = typer.Argument(..., help=_("Where to write the copy.")),
    force: bool = typer.Option(False, "--force", help=_("Replace FILE if it exists.")),
    quiet: Quiet = False,
) -> None:
    from houqin_cli.admin import service

    state().quiet = quiet
    size = service.backup(state().ledger(), file, force=force)
    say(_("Backed up to {path} ({size} bytes).").format(path=file, size=size))


@db_app.command(
    "restore",
    help=_(
        "Put a backup made by `db backup` back: its journal must verify; the replaced "
        "ledger is kept beside it (SQLite; PostgreSQL: pg_restore)."
    ),
)
def db_restore(
    file: Path = typer.Argument(..., help=_("The backup to put back.")),
    force: bool = typer.Option(
        False, "--force", help=_("Replace the existing ledger (it is kept beside it).")
    ),
) -> None:
    from houqin_cli.admin import restore

    st = state()
    ledger = st.target()
    kept = restore.restore(ledger, file, st.operator_name(), st.command_line(), force=force)
    if kept is not None:
        say(_("Kept the replaced ledger as {path}.").format(path=kept))
    say(_("Restored {location} from {path}.").format(location=ledger.location, path=file))


@report(
    db_app,
    "check",
    help=_("SQLite integrity check plus journal verification; exit 1 on findings."),
    session=None,
    quiet=True,
)
def db_check() -> Report:
    from houqin_cli.admin import reports

    return reports.ledger_report(state().ledger())
