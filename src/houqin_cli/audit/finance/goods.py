"""What the acceptor certified came in: the stock receipts (RK-) and asset cards (ZC-)
a purchase receipt is linked to, each reimbursed once, each from the receipt's own
supplier and still on the books; the storeroom's and the asset register's services look
them up."""

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


def links(
    session: Session, stock: list[str], assets: list[str], supplier: str
) -> list[ReceiptLink]:
    """The receipt's links, refused when a code names nothing, a reversed stock receipt,
    a stock receipt from another supplier, a scrapped card, or goods another receipt
    already reimbursed."""
    found: list[ReceiptLink] = []
    if not stock and not assets:  # a service: the other groups' modules stay unloaded
        return found
    from houqin_cli.asset.cards import card_value, find_asset
    from houqin_cli.stock.service import received

    for code in stock:
        receipt = received(session, code)
        if receipt is None:
            raise InputError(_("No stock receipt {code}.").format(code=code))
        ref, value, reversed_, theirs = receipt
        if reversed_:
            raise RuleError(
                _("Stock receipt {code} was reversed; it cannot back a purchase.").format(code=ref)
            )
        if theirs is not None and theirs != supplier:
            raise RuleError(
                _(
                    "Stock receipt {code} came from {theirs}, not {supplier}: a receipt certifies only the goods its own supplier delivered; link {supplier}'s stock receipts."
                ).format(code=ref, theirs=theirs, supplier=supplier)
            )
        found.append(ReceiptLink(receipt_id=0, kind="stock", ref_code=ref, amount_fen=value))
    for code in assets:
        card = card_value(session, code)
        if card is None:
            raise InputError(_("No asset card {code}.").format(code=code))
        asset = find_asset(session, card[0])
        if asset.status == "scrapped":
            raise RuleError(
                _(
                    "{code} {name} was scrapped; a card off the books cannot certify goods: link the cards of what was bought."
                ).format(code=asset.code, name=asset.name)
            )
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
