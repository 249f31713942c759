"""Money in (income) and the monthly budgets per receipt category."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance.categories import category
from houqin_cli.audit.finance.models import Budget, Income
from houqin_cli.audit.finance.receipts import amount_of
from houqin_cli.core import clock, journal, money
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


def set_budget(
    session: Session, actor: Actor, month: str, category_text: str, amount: str
) -> Budget:
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
    else:
        budget.amount_fen, budget.set_by, budget.set_at = (
            fen,
            actor.operator,
            clock.iso_utc(actor.now),
        )
    session.flush()
    journal.record(
        session,
        "audit.budget.set",
        budget,
        {
            "month": period.label,
            "category": cat.code,
            "amount": money.money_str(fen),
            "old": None if old is None else money.money_str(old),
        },
    )
    return budget
