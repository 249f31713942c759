"""Verifying, sealing and reading the journal."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from houqin_cli.core import verify as chain
from houqin_cli.core.canonical import GENESIS
from houqin_cli.core.db import Reader, as_reader
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Finding, Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
    source: Reader | Session, against: tuple[int, str] | None = None
) -> tuple[list[Finding], dict[str, Any]]:
    """The journal's verification on the plain reader (a session's, inside a write)."""
    return chain.verify(as_reader(source), against)


def verification(reader: Reader, against: str | None = None) -> Report:
    """`audit verify`: the chain and every record's digest, against a seal if given."""
    seal = parse_seal(against) if against else None
    findings, stats = verify(reader, seal)
    return Report(_("Journal verification"), [], findings=findings, extra=stats)


def journal_check(source: Reader | Session) -> list[Finding]:
    findings, _stats = verify(source)
    return findings


def quick_journal_check(reader: Reader) -> list[Finding]:
    """`houqin check --quick`: the journal from the last full verification on
    (core.verify.quick; what it cannot see is said there)."""
    findings, _stats = chain.quick(reader)
    return findings


def seal(reader: Reader) -> tuple[int, str]:
    """SEQ and hash of the journal's head (0 and the genesis hash when it is empty)."""
    found = reader.rows("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
    return (int(found[0][0]), str(found[0][1])) if found else (0, GENESIS)


# `audit seal -f json` is a machine format only (any other format prints SEQ:HASH), so
# its headers are never shown: they stay the keys themselves.
SEAL_COLUMNS = [Column(k, k, "int" if k == "seq" else "text") for k in ("seq", "hash", "seal")]


def seal_report(reader: Reader) -> Report:
    """The journal's head as the JSON object of `audit seal -f json`."""
    seq, digest = seal(reader)
    row = {"seq": seq, "hash": digest, "seal": f"{seq}:{digest}"}
    return Report(_("Seal"), SEAL_COLUMNS, [row], record=True)
