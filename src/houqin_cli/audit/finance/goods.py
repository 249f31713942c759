"""What the acceptor certified came in: the stock receipts (RK-) and asset cards (ZC-)
a purchase receipt is linked to, each reimbursed once.

The two lookups below read the storeroom's and the asset register's tables; they are
the group's only crossings and give way to those groups' services once these offer
the same lookups."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance.models import Receipt, ReceiptLink
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _


def is_voided() -> Any:
    """SQL: this receipt has been reversed."""
    rev = Receipt.__table__.alias("rev")  # type: ignore[attr-defined]
    return select(rev.c.id).where(rev.c.reverses_id == col(Receipt.id)).exists()


def by_code(session: Session, model: Any, code: str) -> Any:
    """The record of `model` with this code, in any case; None if there is none."""
    q = select(model).where(func.upper(col(model.code)) == code.strip().upper())
    return session.execute(q).scalars().first()


def stock_receipt(session: Session, code: str) -> tuple[str, int, bool] | None:
    """The stock receipt with this code (any case): its code, value in fen, and whether
    it was reversed; None when there is no stock receipt of that code."""
    from houqin_cli.stock.models import StockMovement

    m = by_code(session, StockMovement, code)
    if m is None or m.kind != "receive":
        return None
    reversed_ = session.execute(
        select(col(StockMovement.code)).where(col(StockMovement.reverses_id) == m.id)
    ).first()
    return m.code, m.value_delta, reversed_ is not None


def asset_card(session: Session, code: str) -> tuple[str, int] | None:
    """The asset card with this code (any case): its code and value in fen; None if none."""
    from houqin_cli.asset.models import Asset

    card = by_code(session, Asset, code)
    return None if card is None else (card.code, card.value_fen)


def links(session: Session, stock: list[str], assets: list[str]) -> list[ReceiptLink]:
    """The receipt's links, refused when a code names nothing, a reversed stock receipt,
    or goods another receipt already reimbursed."""
    found: list[ReceiptLink] = []
    for code in stock:
        receipt = stock_receipt(session, code)
        if receipt is None:
            raise InputError(_("No stock receipt {code}.").format(code=code))
        ref, value, reversed_ = receipt
        if reversed_:
            raise RuleError(
                _("Stock receipt {code} was reversed; it cannot back a purchase.").format(code=ref)
            )
        found.append(ReceiptLink(receipt_id=0, kind="stock", ref_code=ref, amount_fen=value))
    for code in assets:
        card = asset_card(session, code)
        if card is None:
            raise InputError(_("No asset card {code}.").format(code=code))
        found.append(ReceiptLink(receipt_id=0, kind="asset", ref_code=card[0], amount_fen=card[1]))
    for link in found:
        taken = session.execute(
            select(col(Receipt.code))
            .join(ReceiptLink, col(ReceiptLink.receipt_id) == col(Receipt.id))
            .where(col(ReceiptLink.ref_code) == link.ref_code, ~is_voided())
        ).scalar()
        if taken:
            raise RuleError(
                _("{ref} already backs receipt {code}; goods are reimbursed once.").format(
                    ref=link.ref_code, code=taken
                )
            )
    return found
