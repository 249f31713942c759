"""`houqin audit`: verify, seal and read the journal."""

from __future__ import annotations

import typer

from houqin_cli.cli import Format, Output, say, show, state
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report

app = typer.Typer()  # verify, seal, log


@app.command(
    "verify", help=_("Recompute the journal's chain and every record's digest; exit 1 on findings.")
)
def verify(
    against: str | None = typer.Option(
        None,
        "--against",
        metavar="SEQ:HASH",
        help=_("Prove the chain still holds an entry sealed earlier."),
    ),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.audit import service

    seal = service.parse_seal(against) if against else None
    with state().read() as s:
        findings, stats = service.verify(s, seal)
    if not findings:
        say(_("Journal intact: {entries} entries, {rows} records match.").format(**stats))
    show(Report(_("Journal verification"), [], findings=findings, extra=stats), fmt, output)


@app.command("seal", help=_("Print SEQ:HASH of the journal's head, to keep somewhere safe."))
def seal(fmt: Format = None) -> None:
    from houqin_cli.audit import service

    with state().read() as s:
        seq, digest = service.seal(s)
    if fmt == "json":
        show(
            Report(
                _("Seal"),
                [Column("seq", "seq", "int"), Column("hash", "hash"), Column("seal", "seal")],
                [{"seq": seq, "hash": digest, "seal": f"{seq}:{digest}"}],
                record=True,
            ),
            fmt,
            None,
        )
    else:
        typer.echo(f"{seq}:{digest}")


@app.command("log", help=_("Read the journal, oldest first."))
def log(
    since: str | None = typer.Option(
        None, "--since", help=_("From this day, month, week or year.")
    ),
    until: str | None = typer.Option(
        None, "--until", help=_("Through this day, month, week or year.")
    ),
    action: str | None = typer.Option(
        None, "--action", help=_("An action such as people.add, or a group such as people.")
    ),
    entity: str | None = typer.Option(
        None, "--entity", metavar="CODE", help=_("Only entries about this record's code.")
    ),
    operator: str | None = typer.Option(
        None, "--operator", help=_("Only entries by this operator.")
    ),
    limit: int | None = typer.Option(None, "--limit", help=_("Only the last N entries.")),
    fmt: Format = None,
    output: Output = None,
) -> None:
    from houqin_cli.audit import service
    from houqin_cli.core import settings

    with state().read() as s:
        rows = service.log(
            s,
            settings.timezone(s),
            since=since,
            until=until,
            action=action,
            entity=entity,
            operator=operator,
            limit=limit,
        )
    cols = [
        Column("seq", _("Seq"), "int"),
        Column("time", _("Time"), "datetime"),
        Column("operator", _("Operator")),
        Column("action", _("Action")),
        Column("entity", _("Entity")),
        Column("code", _("Code")),
        Column("command", _("Command")),
        Column("hash", _("Hash")),
    ]
    show(Report(_("Journal"), cols, rows), fmt, output)
