"""The money's part of `houqin demo`: budgets, allocations and one signed
purchase receipt per stock receipt."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.stock.demo import STOCK_ITEMS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


RECEIPT_CATEGORY = {"办公用品": "office", "清洁用品": "cleaning", "维修材料": "other"}


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    """Allocations, budgets, and one purchase receipt per stock receipt, signed by
    the storekeeper, the repairer and the accountant (approved when the day's delivery
    is above the threshold, so that no split purchase is reported)."""
    from houqin_cli.audit.finance import budget, receipts
    from houqin_cli.core import money, settings
    from houqin_cli.people import service as people
    from houqin_cli.stock import reports

    actor = s.info["actor"]
    for day, source, amount in (
        (date(2026, 2, 16), "总校拨款", "60,000"),
        (date(2026, 3, 5), "伙食费", "38,500"),
        (date(2026, 8, 31), "总校拨款", "60,000"),
        (date(2026, 9, 8), "伙食费", "39,200"),
    ):
        budget.add_income(
            s, actor, source=source, amount=amount, day=day, category_text=None, note=None
        )
    for month in ("2026-02", "2026-03", "2026-08", "2026-09"):
        budget.set_budget(s, actor, month, "office", "10,000")
        budget.set_budget(s, actor, month, "cleaning", "4,000")
        budget.set_budget(s, actor, month, "other", "5,000")
    handler = people.with_role(s, "storekeeper")[0]
    acceptor = people.with_role(s, "repairer")[0]
    reviewer = people.with_role(s, "accountant")[0]
    approver = people.with_role(s, "principal")[0]
    threshold = settings.get(s, "audit.approval_threshold")
    bought = reports.movements(s, kind="receive")
    delivered: dict[date, int] = {}  # one supplier's delivery of a day, approved as a whole
    for row in bought:
        delivered[row["date"]] = delivered.get(row["date"], 0) + row["value"]
    for n, row in enumerate(bought, start=1):
        item = row["item"]
        category = next(spec[2] for spec in STOCK_ITEMS if spec[0] == item)
        receipts.add_receipt(
            s,
            actor,
            supplier="县教育用品公司",
            invoice=f"4400{n:04d}",
            invoice_date=row["date"],
            amount=money.money_str(row["value"]),
            category_text=RECEIPT_CATEGORY[category],
            handler=handler,
            acceptor=acceptor,
            reviewer=reviewer,
            approvers=[approver] if delivered[row["date"]] > threshold else [],
            stock=[row["code"]],
            assets=[],
            service=False,
            day=row["date"],
            note=None,
        )
    receipts.add_receipt(
        s,
        actor,
        supplier="城关水电维修部",
        invoice="88120031",
        invoice_date=date(2026, 4, 9),
        amount="1,260.00",
        category_text="repair",
        handler=handler,
        acceptor=acceptor,
        reviewer=reviewer,
        approvers=[],
        stock=[],
        assets=[],
        service=True,
        day=date(2026, 4, 10),
        note="教学楼水管维修",
    )
    return {"receipts": len(bought) + 1}
