"""`houqin audit verify | seal | log`: the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Format, report, say, show, state
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()  # verify, seal, log


@report(
    app,
    "verify",
    help=_("Recompute the journal's chain and every record's digest; exit 1 on findings."),
    quiet=True,
    session="reader",
)
def verify(
    r: Reader,
    against: str | None = typer.Option(
        None,
        "--against",
        metavar="SEQ:HASH",
        help=_("Prove the chain still holds an entry sealed earlier."),
    ),
) -> Report:
    from houqin_cli.audit import service

    found = service.verification(r, against)
    if found.ok:
        say(_("Journal intact: {entries} entries, {rows} records match.").format(**found.extra))
    return found


@app.command("seal", help=_("Print SEQ:HASH of the journal's head, to keep somewhere safe."))
def seal(fmt: Format = None) -> None:
    from houqin_cli.audit import service

    with state().reader() as r:
        head = service.seal_report(r)
    if fmt == "json":
        show(head, fmt, None)
    else:
        typer.echo(head.rows[0]["seal"])


@report(app, "log", help=_("Read the journal, oldest first."), session="reader")
def log(
    r: Reader,
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
        None,
        "--entity",
        metavar="CODE",
        help=_(
            "Only entries about this record, or naming it: its loans, damages, counts, movements, links."
        ),
    ),
    operator: str | None = typer.Option(
        None, "--operator", help=_("Only entries by this operator.")
    ),
    limit: int | None = typer.Option(None, "--limit", help=_("Only the last N entries.")),
) -> Report:
    from houqin_cli.audit import log_reads

    return log_reads.log_report(
        r, since=since, until=until, action=action, entity=entity, operator=operator, limit=limit
    )
