"""Verifying, sealing and reading the journal."""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli import domains
from houqin_cli.core import clock, journal, settings
from houqin_cli.core import verify as chain
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Journal
from houqin_cli.core.report import Column, Finding, Report

_SEAL = re.compile(r"^(\d+):([0-9a-fA-F]{64})$")


def parse_seal(text: str) -> tuple[int, str]:
    m = _SEAL.match(text.strip())
    if not m:
        raise InputError(
            _("Invalid seal {text!r}: give SEQ:HASH as printed by `houqin audit seal`.").format(
                text=text
            )
        )
    return int(m.group(1)), m.group(2).lower()


def verify(
    session: Session, against: tuple[int, str] | None = None
) -> tuple[list[Finding], dict[str, Any]]:
    domains.load_models()  # every table, for the row check
    return chain.verify(session.connection(), against)


def verification(session: Session, against: str | None = None) -> Report:
    """`audit verify`: the chain and every record's digest, against a seal if given."""
    seal = parse_seal(against) if against else None
    findings, stats = verify(session, seal)
    return Report(_("Journal verification"), [], findings=findings, extra=stats)


def journal_check(session: Session) -> list[Finding]:
    findings, _stats = verify(session)
    return findings


def seal(session: Session) -> tuple[int, str]:
    return journal.head(session)


# `audit seal -f json` is a machine format only (any other format prints SEQ:HASH), so
# its headers are never shown: they stay the keys themselves.
SEAL_COLUMNS = [Column(k, k, "int" if k == "seq" else "text") for k in ("seq", "hash", "seal")]


def seal_report(session: Session) -> Report:
    """The journal's head as the JSON object of `audit seal -f json`."""
    seq, digest = seal(session)
    row = {"seq": seq, "hash": digest, "seal": f"{seq}:{digest}"}
    return Report(_("Seal"), SEAL_COLUMNS, [row], record=True)


LOG = ("seq", "time", "operator", "action", "entity", "code", "command", "hash")


def log_report(session: Session, **filters: Any) -> Report:
    """`audit log`: the entries `filters` (those of `log`) select, oldest first."""
    return Report(_("Journal"), columns(*LOG), log(session, settings.timezone(session), **filters))


def _like(text: str) -> str:
    """`text` for a LIKE pattern with `\\` as its escape."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def about(session: Session, code: str) -> Any:
    """SQL: the entry is about the record `code` (its code), names it in its payload (a
    loan, a damage, a count or a movement of a card or an item; a receipt's links; an
    import), or wrote its row (its digests list `table:pk=`: a scrapping approved
    changes the card). Codes stand in the canonical JSON as quoted strings, so the
    quotes keep ZC-2026-0001 from matching ZC-2026-00012. The rows come from each
    table's unique code (indexed); payload and digests have no index: a LIKE each."""
    c = code.strip()
    cond = (col(Journal.code) == c) | col(Journal.payload).like(f'%"{_like(c)}"%', escape="\\")
    domains.load_models()
    digests = literal(" ") + col(Journal.digests)
    for name, table in journal.tracked_tables().items():
        keys = list(table.primary_key.columns)
        if "code" not in table.c or len(keys) != 1:
            continue
        for (pk,) in session.execute(select(keys[0]).where(table.c.code == c)):
            cond = cond | digests.like(f"% {_like(name)}:{_like(str(pk))}=%", escape="\\")
    return cond


def log(
    session: Session,
    tz: tzinfo,
    *,
    since: str | None = None,
    until: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    operator: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Journal entries, oldest first; `limit` keeps the most recent ones; `entity` the
    entries about that record's code or naming it (`about`)."""
    q = select(Journal)
    if since:
        q = q.where(col(Journal.time) >= clock.iso_utc(clock.parse_period(since, tz).start_utc(tz)))
    if until:
        q = q.where(col(Journal.time) < clock.iso_utc(clock.parse_period(until, tz).end_utc(tz)))
    if action:
        a = action.strip()
        q = q.where((col(Journal.action) == a) | col(Journal.action).startswith(a + "."))
    if entity:
        q = q.where(about(session, entity))
    if operator:
        q = q.where(col(Journal.operator) == operator.strip())
    if limit is not None:
        if limit < 1:
            raise InputError(_("--limit must be at least 1."))
        q = q.order_by(col(Journal.seq).desc()).limit(limit)
    else:
        q = q.order_by(col(Journal.seq))
    entries = list(session.execute(q).scalars())
    entries.sort(key=lambda e: e.seq)
    return [
        {
            "seq": e.seq,
            "time": clock.from_iso_utc(e.time).astimezone(tz),
            "operator": e.operator,
            "action": e.action,
            "entity": e.entity,
            "code": e.code,
            "reverses": e.reverses,
            "command": e.command,
            "hash": e.hash,
        }
        for e in entries
    ]
