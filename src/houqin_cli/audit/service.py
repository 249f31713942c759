"""Verifying, sealing and reading the journal."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from houqin_cli import domains
from houqin_cli.core import journal
from houqin_cli.core import verify as chain
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
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
