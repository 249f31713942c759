"""Purchase receipts (valid only with three signatures), income and budgets.

购物发票要做到有经手人、验收人、审核人三人签字后方有效,购物不实者一律不予报销:
each rule below refuses with exit 3 and names itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.models import Receipt, ReceiptApproval, ReceiptLink
from houqin_cli.core import clock, journal, money, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.journal import Actor
from houqin_cli.people.models import Person
from houqin_cli.people.service import find_person, names_by_id, require_active


@dataclass(frozen=True)
class Category:
    code: str
    label: str  # the Chinese name, accepted as input too
    goods: bool  # goods: the acceptor certifies stock receipts or asset cards
    needs_approver: bool = False  # always needs an approver, whatever the amount


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("office", "办公用品", goods=True),
        Category("teaching", "教学用品", goods=True),
        Category("cleaning", "清洁用品", goods=True),
        Category("food", "食材", goods=True),
        Category("equipment", "设备购置", goods=True),
        Category("repair", "维修", goods=False),
        Category("utilities", "水电", goods=False),
        Category("travel", "差旅", goods=False, needs_approver=True),
        Category("training", "培训", goods=False),
        Category("other", "其他", goods=False),
    )
}
CATEGORY_HELP = N_(
    "office, teaching, cleaning, food, equipment, repair, utilities, travel, training or other (or its Chinese name)"
)


def category(text: str) -> Category:
    t = text.strip()
    for c in CATEGORIES.values():
        if t.lower() == c.code or t == c.label:
            return c
    raise InputError(
        _("Unknown category {text!r}; categories: {known}.").format(
            text=text, known=", ".join(f"{c.code} ({c.label})" for c in CATEGORIES.values())
        )
    )


def _signer(session: Session, text: str, role: str) -> Person:
    person = find_person(session, text)
    require_active(person)
    return person


def amount_of(text: str) -> int:
    fen = money.parse_money(text)
    if fen <= 0:
        raise InputError(_("Invalid amount {text!r}: it must be more than ¥0.").format(text=text))
    return fen


def _links(session: Session, stock: list[str], assets: list[str]) -> list[ReceiptLink]:
    """The stock receipts and asset cards the acceptor certified came in."""
    if not stock and not assets:
        return []
    from houqin_cli.stock.models import StockMovement

    links: list[ReceiptLink] = []
    for code in stock:
        m = (
            session.execute(
                select(StockMovement).where(
                    func.upper(col(StockMovement.code)) == code.strip().upper()
                )
            )
            .scalars()
            .first()
        )
        if m is None or m.kind != "receive":
            raise InputError(_("No stock receipt {code}.").format(code=code))
        if session.execute(
            select(col(StockMovement.code)).where(col(StockMovement.reverses_id) == m.id)
        ).first():
            raise RuleError(
                _("Stock receipt {code} was reversed; it cannot back a purchase.").format(
                    code=m.code
                )
            )
        links.append(
            ReceiptLink(receipt_id=0, kind="stock", ref_code=m.code, amount_fen=m.value_delta)
        )
    from houqin_cli.asset.models import Asset

    for code in assets:
        card = (
            session.execute(
                select(Asset).where(func.upper(col(Asset.code)) == code.strip().upper())
            )
            .scalars()
            .first()
        )
        if card is None:
            raise InputError(_("No asset card {code}.").format(code=code))
        links.append(
            ReceiptLink(receipt_id=0, kind="asset", ref_code=card.code, amount_fen=card.value_fen)
        )
    for link in links:
        taken = session.execute(
            select(col(Receipt.code))
            .join(ReceiptLink, col(ReceiptLink.receipt_id) == col(Receipt.id))
            .where(col(ReceiptLink.ref_code) == link.ref_code, ~_is_voided())
        ).scalar()
        if taken:
            raise RuleError(
                _("{ref} already backs receipt {code}; goods are reimbursed once.").format(
                    ref=link.ref_code, code=taken
                )
            )
    return links


def _is_voided() -> Any:
    """SQL: this receipt has been reversed."""
    rev = Receipt.__table__.alias("rev")  # type: ignore[attr-defined]
    return select(rev.c.id).where(rev.c.reverses_id == col(Receipt.id)).exists()


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
    signers = {
        "handler": _signer(session, handler, "handler"),
        "acceptor": _signer(session, acceptor, "acceptor"),
        "reviewer": _signer(session, reviewer, "reviewer"),
    }
    ids = [p.id for p in signers.values()]
    if len(set(ids)) < 3:
        raise RuleError(
            _(
                "The handler, the acceptor and the reviewer must be three different people (三人签字); one person cannot sign twice."
            )
        )
    approved = [_signer(session, a, "approver") for a in approvers]
    if len({p.id for p in approved}) < len(approved):
        raise RuleError(_("The same approver is named twice; one person cannot sign twice."))
    for p in approved:
        if p.id in ids:
            raise RuleError(
                _("{name} ({code}) already signs this receipt and cannot also approve it.").format(
                    name=p.name, code=p.code
                )
            )
        if "approver" not in p.roles.split():
            raise RuleError(
                _(
                    "{name} ({code}) does not have the approver role; give it with `houqin people edit {code} --add-role approver`."
                ).format(name=p.name, code=p.code)
            )
    threshold = settings.get(session, "audit.approval_threshold")
    committee = settings.get(session, "audit.committee_threshold")
    needed = (
        2 if fen > committee else 1 if fen > threshold else 0
    )  # a category's own needs: audit check
    if len(approved) < needed:
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
            col(Receipt.supplier) == supplier_,
            col(Receipt.invoice) == invoice_,
            col(Receipt.reverses_id).is_(None),
            ~_is_voided(),
        )
    ).scalar()
    if dup:
        raise RuleError(
            _(
                "Invoice {invoice} of {supplier} was already reimbursed as {code}; an invoice is reimbursed once."
            ).format(invoice=invoice_, supplier=supplier_, code=dup)
        )
    links = _links(session, stock, assets)
    if not service:
        certified = sum(link.amount_fen for link in links)
        if certified != fen:
            raise RuleError(
                _(
                    "购物不实: the goods accepted into the storeroom and the asset register come to {certified}, not {amount}; link the stock receipts (--stock RK-…) and asset cards (--asset ZC-…) that add up to the amount, or give --service for a service."
                ).format(certified=money.format_money(certified), amount=money.format_money(fen))
            )
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
    for link in links:
        link.receipt_id = receipt.id or 0
        session.add(link)
    session.flush()
    journal.append(
        session,
        "audit.receipt.add",
        "receipt",
        entity_id=receipt.id,
        code=receipt.code,
        payload={
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
            "links": [link.ref_code for link in links],
            "service": service,
        },
    )
    return receipt


def find_receipt(session: Session, code: str) -> Receipt:
    r = (
        session.execute(
            select(Receipt).where(func.upper(col(Receipt.code)) == code.strip().upper())
        )
        .scalars()
        .first()
    )
    if r is None:
        raise InputError(_("No receipt {code}.").format(code=code))
    return r


def void_receipt(session: Session, actor: Actor, code: str, reason: str, day: date) -> Receipt:
    if not reason.strip():
        raise InputError(_("A reversal needs a reason: --reason TEXT."))
    original = find_receipt(session, code)
    if original.reverses_id is not None:
        raise RuleError(
            _("{code} is itself a reversal and cannot be reversed.").format(code=original.code)
        )
    done = session.execute(
        select(col(Receipt.code)).where(col(Receipt.reverses_id) == original.id)
    ).scalar()
    if done:
        raise RuleError(
            _("{code} was already reversed by {by}.").format(code=original.code, by=done)
        )
    reversal = Receipt(
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
        note=reason.strip(),
        operator=actor.operator,
        recorded_at=clock.iso_utc(actor.now),
    )
    session.add(reversal)
    session.flush()
    seq = session.execute(
        select(col(journal.Journal.seq))
        .where(col(journal.Journal.code) == original.code)
        .order_by(col(journal.Journal.seq))
        .limit(1)
    ).scalar()
    journal.append(
        session,
        "audit.receipt.void",
        "receipt",
        entity_id=reversal.id,
        code=reversal.code,
        payload={
            "reverses": original.code,
            "amount": money.money_str(reversal.amount_fen),
            "reason": reason.strip(),
        },
        reverses=seq,
    )
    return reversal


def receipt_rows(session: Session, receipts: list[Receipt]) -> list[dict[str, Any]]:
    """Receipts as listings and reports show them, with signers and approvers by name."""
    ids = [r.id for r in receipts]
    people = names_by_id(session, Person)
    approvals: dict[int, list[str]] = {}
    for a in session.execute(
        select(ReceiptApproval).where(col(ReceiptApproval.receipt_id).in_(ids))
    ).scalars():
        approvals.setdefault(a.receipt_id, []).append(people[a.person_id])
    links: dict[int, list[str]] = {}
    for link in session.execute(
        select(ReceiptLink).where(col(ReceiptLink.receipt_id).in_(ids))
    ).scalars():
        links.setdefault(link.receipt_id, []).append(link.ref_code)
    reversed_by = {
        rid: code
        for rid, code in session.execute(
            select(col(Receipt.reverses_id), col(Receipt.code)).where(
                col(Receipt.reverses_id).in_(ids)
            )
        )
    }
    wanted = {r.reverses_id for r in receipts if r.reverses_id}
    reversed_codes = {
        rid: code
        for rid, code in session.execute(
            select(col(Receipt.id), col(Receipt.code)).where(col(Receipt.id).in_(wanted))
        )
    }
    rows = []
    for r in receipts:
        rows.append(
            {
                "code": r.code,
                "date": r.date,
                "supplier": r.supplier,
                "invoice": r.invoice,
                "invoice_date": r.invoice_date,
                "category": r.category,
                "category_name": CATEGORIES[r.category].label
                if r.category in CATEGORIES
                else r.category,
                "amount": r.amount_fen,
                "handler": people[r.handler_id],
                "acceptor": people[r.acceptor_id],
                "reviewer": people[r.reviewer_id],
                "approvers": approvals.get(r.id or 0, []),
                "links": links.get(r.id or 0, []),
                "service": r.service,
                "voided": r.id in reversed_by,
                "voided_by": reversed_by.get(r.id),
                "reverses": reversed_codes.get(r.reverses_id),
                "note": r.note,
            }
        )
    return rows


def list_receipts(
    session: Session,
    *,
    start: date | None = None,
    end: date | None = None,
    category_text: str | None = None,
    supplier: str | None = None,
) -> list[dict[str, Any]]:
    q = select(Receipt).order_by(col(Receipt.date), col(Receipt.id))
    if start:
        q = q.where(col(Receipt.date) >= start)
    if end:
        q = q.where(col(Receipt.date) <= end)
    if category_text:
        q = q.where(col(Receipt.category) == category(category_text).code)
    if supplier:
        q = q.where(col(Receipt.supplier) == supplier.strip())
    return receipt_rows(session, list(session.execute(q).scalars()))
