"""`houqin init`, `check`, `term`, `config` and `db`: parse -> service -> render."""

from __future__ import annotations

from pathlib import Path

import typer

from houqin_cli.cli import Format, Output, say, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

init_app = typer.Typer()
check_app = typer.Typer()
config_app = typer.Typer(help=_("School-wide settings stored in the ledger."), no_args_is_help=True)
db_app = typer.Typer(
    help=_("The ledger database: info, upgrade, backup, check."), no_args_is_help=True
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


@check_app.command("check", help=_("Run every group's checks; exit 1 if any finds a problem."))
def check(
    only: str | None = typer.Option(
        None, "--only", help=_("Only these groups, comma-separated (e.g. stock,asset).")
    ),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.admin import service

    groups = [g.strip() for g in only.split(",") if g.strip()] if only else None
    with state().read() as s:
        findings = service.run_checks(s, groups)
    show(Report(_("Checks"), [], findings=findings), fmt, output)


# -- terms -------------------------------------------------------------------------


@config_app.command("list", help=_("Every setting: value, default, who set it and when."))
def config_list(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.core import clock, settings

    with state().read() as s:
        tz = settings.timezone(s)
        rows = settings.listing(s)
    for r in rows:
        r["set_at"] = clock.from_iso_utc(r["set_at"]).astimezone(tz) if r["set_at"] else None
    cols = [
        Column("key", _("Key")),
        Column("value", _("Value")),
        Column("default", _("Default")),
        Column("set_by", _("Set by")),
        Column("set_at", _("Set at"), "datetime"),
        Column("description", _("Description")),
    ]
    show(Report(_("Settings"), cols, rows), fmt, output)


@config_app.command("get", help=_("Print one setting's value."))
def config_get(key: str = typer.Argument(..., help=_("The setting's key, e.g. timezone."))) -> None:
    from houqin_cli.core import settings

    settings.spec(key)
    with state().read() as s:
        value = settings.raw(s, key)
    typer.echo(value)


@config_app.command("set", help=_("Change a setting (typed and validated)."))
def config_set(
    key: str = typer.Argument(..., help=_("The setting's key.")),
    value: str = typer.Argument(..., help=_("The new value.")),
) -> None:
    from houqin_cli.core import settings

    settings.spec(key).parse(value)
    with state().write() as s:
        sp, old, new = settings.put(s, s.info["actor"], key, value)
    say(_("{key}: {old} -> {new}").format(key=sp.key, old=old, new=new))


# -- db ----------------------------------------------------------------------------


@db_app.command(
    "info", help=_("Backend, location, schema revision, journal length and head, size.")
)
def db_info(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.admin import service

    row = service.info(state().target())
    cols = [
        Column("backend", _("Backend")),
        Column("location", _("Location")),
        Column("school", _("School")),
        Column("revision", _("Schema revision")),
        Column("program_revision", _("Program's revision")),
        Column("journal_length", _("Journal entries"), "int"),
        Column("journal_head", _("Journal head")),
        Column("file_size", _("File size (bytes)"), "int"),
    ]
    show(Report(_("Ledger"), cols, [row], record=True), fmt, output)


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
) -> None:
    from houqin_cli.admin import service

    size = service.backup(state().ledger(), file, force=force)
    say(_("Backed up to {path} ({size} bytes).").format(path=file, size=size))


@db_app.command(
    "check", help=_("SQLite integrity check plus journal verification; exit 1 on findings.")
)
def db_check(fmt: Format = None, output: Output = None) -> None:
    from houqin_cli.admin import service
    from houqin_cli.audit import service as audit

    ledger = state().ledger()
    findings = service.integrity(ledger)
    with ledger.read() as s:
        more, stats = audit.verify(s)
    findings.extend(more)
    show(Report(_("Ledger check"), [], findings=findings, extra=stats), fmt, output)
