"""Verifying, sealing and reading the journal."""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli import domains
from houqin_cli.core import clock, journal
from houqin_cli.core import verify as chain
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Journal
from houqin_cli.core.report import Finding

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


def journal_check(session: Session) -> list[Finding]:
    findings, _stats = verify(session)
    return findings


def seal(session: Session) -> tuple[int, str]:
    return journal.head(session)


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
    """Journal entries, oldest first; `limit` keeps the most recent ones."""
    q = select(Journal)
    if since:
        q = q.where(col(Journal.time) >= clock.iso_utc(clock.parse_period(since, tz).start_utc(tz)))
    if until:
        q = q.where(col(Journal.time) < clock.iso_utc(clock.parse_period(until, tz).end_utc(tz)))
    if action:
        a = action.strip()
        q = q.where((col(Journal.action) == a) | col(Journal.action).startswith(a + "."))
    if entity:
        q = q.where(col(Journal.code) == entity.strip())
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
