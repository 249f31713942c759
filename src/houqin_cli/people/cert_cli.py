"""`houqin people cert add|list`: people's certificates (health, cook, guard, …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, complete, day, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

cert_app = typer.Typer(
    help=_("Certificates people hold: health (健康证), cook, guard, electrician, …"),
    no_args_is_help=True,
)


@write(cert_app, "add", help=_("Record a certificate; prints its code (ZS-0001)."))
def cert_add(
    s: Session,
    person: str = typer.Argument(..., help=_("The holder."), shell_complete=complete.PERSON),
    kind: str = typer.Option(
        ..., "--kind", help=_("health, cook, guard, electrician, … (health: 健康证).")
    ),
    number: str = typer.Option(..., "--no", help=_("The certificate's number.")),
    issued: str = typer.Option(..., "--issued", help=_("The day it was issued.")),
    expires: str | None = typer.Option(
        None, "--expires", help=_("The day it expires (health: default a year after issue).")
    ),
) -> Done:
    from houqin_cli.people import certs

    cert = certs.add(
        s, person, kind, number, day(s, issued), day(s, expires, future=True) if expires else None
    )
    return Done(_("Recorded certificate {code}.").format(code=cert.code), cert.code)


@report(cert_app, "list", help=_("The certificates (--expiring DAYS: those due soon)."),
        session="reader")  # fmt: skip
def cert_list(
    s: Reader,
    expiring: int | None = typer.Option(
        None, "--expiring", help=_("Only those expiring within this many days (or expired).")
    ),
) -> Report:
    from houqin_cli.core import clock, settings
    from houqin_cli.people import certs

    return certs.list_report(s, expiring, clock.today(settings.zone(s)))
