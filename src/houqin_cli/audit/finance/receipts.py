"""Purchase receipts, valid only with three signatures, and their reversals.

购物发票要做到有经手人、验收人、审核人三人签字后方有效,购物不实者一律不予报销:
each rule below refuses with exit 3 and names itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance import reversal
from houqin_cli.audit.finance.categories import Category, category
from houqin_cli.audit.finance.goods import is_voided, links
from houqin_cli.audit.finance.models import Receipt, ReceiptApproval
from houqin_cli.core import clock, journal, money, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import active_person_on, require_role


def amount_of(text: str) -> int:
    fen = money.parse_money(text)
    if fen <= 0:
        raise InputError(_("Invalid amount {text!r}: it must be more than ¥0.").format(text=text))
    return fen


def _signers(
    session: Session, handler: str, acceptor: str, reviewer: str, day: date
) -> dict[str, Any]:
    """The three who sign (三人签字): three different people, all still here on the
    receipt's date (someone who left later may have signed it)."""
    signers = {
        "handler": active_person_on(session, handler, day),
        "acceptor": active_person_on(session, acceptor, day),
        "reviewer": active_person_on(session, reviewer, day),
    }
    if len({p.id for p in signers.values()}) < 3:
        raise RuleError(
            _(
                "The handler, the acceptor and the reviewer must be three different people (三人签字); one person cannot sign twice."
            )
        )
    return signers


def _approvers(session: Session, names: list[str], signers: list[Any], day: date) -> list[Any]:
    """The approvers named: each once, none of the signers, each with the approver role
    and still here on the receipt's date."""
    approved = [active_person_on(session, a, day) for a in names]
    if len({p.id for p in approved}) < len(approved):
        raise RuleError(_("The same approver is named twice; one person cannot sign twice."))
    ids = [p.id for p in signers]
    for p in approved:
        if p.id in ids:
            raise RuleError(
                _("{name} ({code}) already signs this receipt and cannot also approve it.").format(
                    name=p.name, code=p.code
                )
            )
        require_role(session, p)
    return approved


def _require_approval(session: Session, fen: int, cat: Category, approvers: int) -> None:
    """Above the approval threshold one approver, above the committee's two; a category
    that always needs an approver (travel) needs one whatever the amount."""
    threshold = settings.get(session, "audit.approval_threshold")
    committee = settings.get(session, "audit.committee_threshold")
    needed = 2 if fen > committee else 1 if fen > threshold or cat.needs_approver else 0
    if approvers < needed:
        limit = committee if needed == 2 else threshold
        raise RuleError(
            _(
                "{amount} is above {limit}: it needs {n} approver(s) with the approver role, none of the three signers; add --approved-by PERSON."
            ).format(amount=money.format_money(fen), limit=money.format_money(limit), n=needed)
            if fen > threshold
            else _(
                "A {category} receipt always needs an approver: add --approved-by PERSON."
            ).format(category=cat.label)
        )


def _require_valid_invoice(
    session: Session, supplier: str, invoice: str, invoice_date: date, day: date
) -> None:
    """Not from the future, not expired, not reimbursed before."""
    if invoice_date > day:
        raise RuleError(
            _(
                "The invoice is dated {date}, after the receipt ({day}); an invoice from the future is not valid."
            ).format(date=invoice_date, day=day)
        )
    max_age = settings.get(session, "audit.invoice_max_age_days")
    if (day - invoice_date).days > max_age:
        raise RuleError(
            _(
                "The invoice of {date} is more than {days} days old (audit.invoice_max_age_days): it has expired."
            ).format(date=invoice_date, days=max_age)
        )
    dup = session.execute(
        select(col(Receipt.code)).where(
            col(Receipt.supplier) == supplier,
            col(Receipt.invoice) == invoice,
            col(Receipt.reverses_id).is_(None),
            ~is_voided(),
        )
    ).scalar()
    if dup:
        raise RuleError(
            _(
                "Invoice {invoice} of {supplier} was already reimbursed as {code}; an invoice is reimbursed once."
            ).format(invoice=invoice, supplier=supplier, code=dup)
        )


def _require_goods(cat: Category, fen: int, certified: int, service: bool) -> None:
    """What the acceptor certified matches what is paid: to the fen for goods (购物不实
    otherwise) and for `other` unless it is a service; a service category needs no goods,
    but what is linked to it cannot come to more than the bill."""
    amounts = {"certified": money.format_money(certified), "amount": money.format_money(fen)}
    if cat.service:
        if certified > fen:
            raise RuleError(
                _(
                    "The goods linked to this {category} receipt come to {certified}, more than its {amount}; link only the goods it paid for."
                ).format(category=cat.label, **amounts)
            )
    elif service or certified == fen:
        return
    elif cat.goods:
        raise RuleError(
            _(
                "购物不实: the goods accepted into the storeroom and the asset register come to {certified}, not {amount}; link the stock receipts (--stock RK-…) and asset cards (--asset ZC-…) that add up to the amount, or give --service for a service."
            ).format(**amounts)
        )
    else:
        raise RuleError(
            _(
                "The goods linked to this {category} receipt come to {certified}, not {amount}; link the stock receipts (--stock RK-…) and asset cards (--asset ZC-…) that add up to the amount, or give --service if it paid for a service."
            ).format(category=cat.label, **amounts)
        )


def add_receipt(
    session: Session,
    actor: Actor,
    *,
    supplier: str,
    invoice: str,
    invoice_date: date,
    amount: str,
    category_text: str,
    handler: str,
    acceptor: str,
    reviewer: str,
    approvers: list[str],
    stock: list[str],
    assets: list[str],
    service: bool,
    day: date,
    note: str | None,
) -> Receipt:
    fen = amount_of(amount)
    cat = category(category_text)
    supplier_ = supplier.strip()
    invoice_ = invoice.strip()
    if not supplier_ or not invoice_:
        raise InputError(_("A receipt needs the supplier and the invoice number."))
    signers = _signers(session, handler, acceptor, reviewer, day)
    approved = _approvers(session, approvers, list(signers.values()), day)
    _require_approval(session, fen, cat, len(approved))
    _require_valid_invoice(session, supplier_, invoice_, invoice_date, day)
    linked = links(session, stock, assets, supplier_)
    _require_goods(cat, fen, sum(link.amount_fen for link in linked), service)
    service = service or cat.service
    receipt = Receipt(
        code=next_code(session, "BX", year=day.year, model=Receipt),
        date=day,
        supplier=supplier_,
        invoice=invoice_,
        invoice_date=invoice_date,
        amount_fen=fen,
        category=cat.code,
        handler_id=signers["handler"].id or 0,
        acceptor_id=signers["acceptor"].id or 0,
        reviewer_id=signers["reviewer"].id or 0,
        service=service,
        note=note,
        operator=actor.operator,
        recorded_at=clock.iso_utc(actor.now),
    )
    session.add(receipt)
    session.flush()
    for p in approved:
        session.add(ReceiptApproval(receipt_id=receipt.id or 0, person_id=p.id or 0))
    for link in linked:
        link.receipt_id = receipt.id or 0
        session.add(link)
    session.flush()
    journal.record(
        session,
        "audit.receipt.add",
        receipt,
        {
            "date": day.isoformat(),
            "supplier": supplier_,
            "invoice": invoice_,
            "invoice_date": invoice_date.isoformat(),
            "amount": money.money_str(fen),
            "category": cat.code,
            "handler": signers["handler"].code,
            "acceptor": signers["acceptor"].code,
            "reviewer": signers["reviewer"].code,
            "approvers": [p.code for p in approved],
            "links": [link.ref_code for link in linked],
            "service": service,
        },
    )
    return receipt


def find_receipt(session: Session, code: str) -> Receipt:
    r: Receipt = names.find_code(session, Receipt, code, _("No receipt {code}."))
    return r


def void_receipt(session: Session, actor: Actor, code: str, reason: str, day: date) -> Receipt:
    why = reversal.reason_of(reason)
    original = find_receipt(session, code)
    reversal.require_reversible(session, Receipt, original)
    new = Receipt(
        code=next_code(session, "BX", year=day.year, model=Receipt),
        date=max(day, original.date),
        supplier=original.supplier,
        invoice=original.invoice,
        invoice_date=original.invoice_date,
        amount_fen=-original.amount_fen,
        category=original.category,
        handler_id=original.handler_id,
        acceptor_id=original.acceptor_id,
        reviewer_id=original.reviewer_id,
        service=original.service,
        reverses_id=original.id,
        note=why,
        operator=actor.operator,
        recorded_at=clock.iso_utc(actor.now),
    )
    reversal.record(session, "audit.receipt.void", new, original, why)
    return new
