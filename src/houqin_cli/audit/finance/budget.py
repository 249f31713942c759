"""Money in (income, and its reversals) and the monthly budgets per receipt category."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance import reversal
from houqin_cli.audit.finance.categories import category
from houqin_cli.audit.finance.models import Budget, Income
from houqin_cli.audit.finance.receipts import amount_of
from houqin_cli.core import clock, journal, money, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor


def add_income(
    session: Session,
    actor: Actor,
    *,
    source: str,
    amount: str,
    day: date,
    category_text: str | None,
    note: str | None,
) -> Income:
    fen = amount_of(amount)
    src = source.strip()
    if not src:
        raise InputError(_("Income needs its source: --source TEXT."))
    inc = Income(
        code=next_code(session, "SR", year=day.year, model=Income),
        date=day,
        source=src,
        amount_fen=fen,
        category=(category_text or "").strip() or None,
        note=note,
        operator=actor.operator,
        recorded_at=clock.iso_utc(actor.now),
    )
    session.add(inc)
    session.flush()
    journal.record(
        session,
        "audit.income.add",
        inc,
        {
            "date": day.isoformat(),
            "source": src,
            "amount": money.money_str(fen),
            "category": inc.category,
        },
    )
    return inc


def find_income(session: Session, code: str) -> Income:
    inc: Income = names.find_code(session, Income, code, _("No income {code}."))
    return inc


def void_income(session: Session, actor: Actor, code: str, reason: str, day: date) -> Income:
    """Reverse an income by a new entry with the opposite amount, as a receipt is voided."""
    why = reversal.reason_of(reason)
    original = find_income(session, code)
    reversal.require_reversible(session, Income, original)
    new = Income(
        code=next_code(session, "SR", year=day.year, model=Income),
        date=max(day, original.date),
        source=original.source,
        amount_fen=-original.amount_fen,
        category=original.category,
        reverses_id=original.id,
        note=why,
        operator=actor.operator,
        recorded_at=clock.iso_utc(actor.now),
    )
    reversal.record(session, "audit.income.void", new, original, why)
    return new


def set_budget(
    session: Session, actor: Actor, month: str, category_text: str, amount: str
) -> tuple[Budget, int | None]:
    """Set the month's budget for a category; over an existing one it is a change
    (journalled with the old amount and the new). Returns the budget and what it replaced."""
    period = clock.parse_month(month)
    cat = category(category_text)
    fen = money.parse_money(amount)
    code = f"{period.label}/{cat.code}"
    budget = session.execute(select(Budget).where(col(Budget.code) == code)).scalars().first()
    old = budget.amount_fen if budget else None
    if budget is None:
        budget = Budget(
            code=code,
            month=period.label,
            category=cat.code,
            amount_fen=fen,
            set_by=actor.operator,
            set_at=clock.iso_utc(actor.now),
        )
        session.add(budget)
    elif old == fen:
        return budget, old  # nothing changes: nothing to journal
    else:
        budget.amount_fen, budget.set_by, budget.set_at = (
            fen,
            actor.operator,
            clock.iso_utc(actor.now),
        )
    session.flush()
    payload = {"month": period.label, "category": cat.code, "amount": money.money_str(fen)}
    if old is None:
        journal.record(session, "audit.budget.set", budget, {**payload, "old": None})
    else:
        journal.record(
            session,
            "audit.budget.change",
            budget,
            {**payload, "old": money.money_str(old), "new": money.money_str(fen)},
        )
    return budget, old
