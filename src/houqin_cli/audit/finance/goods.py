"""What the acceptor certified came in: the stock receipts (RK-) and asset cards (ZC-)
a purchase receipt is linked to, each reimbursed once; the storeroom's and the asset
register's services look them up."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance.models import Receipt, ReceiptLink
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _


def is_voided() -> Any:
    """SQL: this receipt has been reversed."""
    rev = Receipt.__table__.alias("rev")  # type: ignore[attr-defined]
    return select(rev.c.id).where(rev.c.reverses_id == col(Receipt.id)).exists()


def links(session: Session, stock: list[str], assets: list[str]) -> list[ReceiptLink]:
    """The receipt's links, refused when a code names nothing, a reversed stock receipt,
    or goods another receipt already reimbursed."""
    found: list[ReceiptLink] = []
    if not stock and not assets:  # a service: the other groups' modules stay unloaded
        return found
    from houqin_cli.asset.cards import card_value
    from houqin_cli.stock.service import received

    for code in stock:
        receipt = received(session, code)
        if receipt is None:
            raise InputError(_("No stock receipt {code}.").format(code=code))
        ref, value, reversed_ = receipt
        if reversed_:
            raise RuleError(
                _("Stock receipt {code} was reversed; it cannot back a purchase.").format(code=ref)
            )
        found.append(ReceiptLink(receipt_id=0, kind="stock", ref_code=ref, amount_fen=value))
    for code in assets:
        card = card_value(session, code)
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
