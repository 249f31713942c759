"""The admin group's Reports: `houqin check`, `config list`, `db info`, `db check`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import LedgerError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Ledger, Reader


def checks(session: Session, only: str | None) -> Report:
    """Every group's checks (or those named, comma-separated): a check Report."""
    from houqin_cli.admin import service

    groups = [g.strip() for g in only.split(",") if g.strip()] if only else None
    return Report(_("Checks"), [], findings=service.run_checks(session, groups))


def config(reader: Reader) -> Report:
    """`config list`, in plain SQL (no ORM on its path)."""
    tz = settings.zone(reader)
    rows = settings.listing(reader)
    for r in rows:
        r["set_at"] = clock.from_iso_utc(r["set_at"]).astimezone(tz) if r["set_at"] else None
    keys = ("key", "value", "default", "set_by", "set_at", "description")
    return Report(_("Settings"), columns(*keys, command="config list"), rows)


def info(ledger: Ledger) -> Report:
    from houqin_cli.admin import service

    keys = (
        "backend",
        "location",
        "school",
        "revision",
        "program_revision",
        "journal_length",
        "journal_head",
        "file_size",
    )
    return Report(_("Ledger"), columns(*keys), [service.info(ledger)], record=True)


def ledger_report(ledger: Ledger) -> Report:
    """SQLite's integrity check, then the journal's verification."""
    from houqin_cli.admin import service
    from houqin_cli.audit import service as audit

    findings = service.integrity(ledger)
    try:
        with ledger.read() as s:
            more, stats = audit.verify(s)
    except LedgerError:
        if not findings:
            raise
        # the damage the integrity check found stops the verification: the findings
        # say what is damaged, which is what a damaged file's check reports
        return Report(_("Ledger check"), [], findings=findings)
    findings.extend(more)
    return Report(_("Ledger check"), [], findings=findings, extra=stats)
