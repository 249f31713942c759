"""The admin group's Reports: `houqin check`, `config list`, `db info`, `db check`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, LedgerError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding, Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Ledger, Reader


def run_checks(
    reader: Reader, only: list[str] | None, skip: tuple[str, ...] = (), quick: bool = False
) -> list[Finding]:
    """Every group's checks, as the manifest lists them (or only the groups named), but
    the checks named in `skip`; `quick`: each check's quick form where it has one."""
    from houqin_cli import domains
    from houqin_cli.core import checks

    known = domains.check_groups()
    unknown = [g for g in only or [] if g not in known]
    if unknown:
        raise InputError(
            _("Unknown check group {groups}; known: {known}.").format(
                groups=", ".join(unknown), known=", ".join(known)
            )
        )
    groups = [g for g in known if not only or g in only]
    found = [c for g in groups for c in domains.checks(g) if c.name not in skip]
    return checks.run(found, reader, quick)


def checks(reader: Reader, only: str | None, quick: bool = False) -> Report:
    """Every group's checks (or those named, comma-separated): a check Report."""
    groups = [g.strip() for g in only.split(",") if g.strip()] if only else None
    return Report(_("Checks"), [], findings=run_checks(reader, groups, quick=quick))


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
        with ledger.reader() as r:
            more, stats = audit.verify(r)
    except LedgerError:
        if not findings:
            raise
        # the damage the integrity check found stops the verification: the findings
        # say what is damaged, which is what a damaged file's check reports
        return Report(_("Ledger check"), [], findings=findings)
    findings.extend(more)
    return Report(_("Ledger check"), [], findings=findings, extra=stats)
