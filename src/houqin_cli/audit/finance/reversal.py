"""Voiding by a reversing entry, the same for receipts and income: the original stays,
a new record with the opposite amount points at it (`reverses_id`), once, and the
journal entry points at the entry that recorded the original."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, money
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _


def reason_of(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise InputError(_("A reversal needs a reason: --reason TEXT."))
    return reason


def require_reversible(session: Session, model: Any, original: Any) -> None:
    """Refused (exit 3) for a reversal itself and for what was reversed already."""
    if original.reverses_id is not None:
        raise RuleError(
            _("{code} is itself a reversal and cannot be reversed.").format(code=original.code)
        )
    done = session.execute(
        select(col(model.code)).where(col(model.reverses_id) == original.id)
    ).scalar()
    if done:
        raise RuleError(
            _("{code} was already reversed by {by}.").format(code=original.code, by=done)
        )


def record(session: Session, action: str, reversal: Any, original: Any, reason: str) -> None:
    """Journal the reversal, pointing at the entry that recorded the original."""
    session.add(reversal)
    session.flush()
    entries = journal.entries_for(session, [original.code])  # the first is what is reversed
    journal.record(
        session,
        action,
        reversal,
        {
            "reverses": original.code,
            "amount": money.money_str(reversal.amount_fen),
            "reason": reason,
        },
        reverses=entries[0].seq if entries else None,
    )
