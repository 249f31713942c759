"""The storeroom's part of `houqin demo`."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.people.demo import GRADES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# name, unit of measure, category, durable, reorder level, spec, price
STOCK_ITEMS = [
    ("粉笔", "盒", "办公用品", False, "20", "无尘白色", "3.50"),
    ("A4复印纸", "包", "办公用品", False, "30", "70g 500张", "21.80"),
    ("签字笔", "支", "办公用品", False, "50", "0.5mm 黑色", "1.20"),
    ("扫把", "把", "清洁用品", True, "5", None, "15.00"),
    ("拖把", "把", "清洁用品", True, "5", None, "22.00"),
    ("垃圾袋", "卷", "清洁用品", False, "20", "大号", "6.50"),
    ("洗手液", "瓶", "清洁用品", False, "10", "500ml", "9.90"),
    ("LED灯管", "根", "维修材料", True, "10", "T8 1.2m", "18.00"),
    ("水龙头", "个", "维修材料", True, "3", None, "35.00"),
]


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    """The storeroom: receipts at the start of each term, issues to the classes
    (durables against the old ones), a return, a reversal and a stocktake."""
    from houqin_cli.core import money
    from houqin_cli.people import service as people
    from houqin_cli.stock import count, items, service
    from houqin_cli.stock.valuation import on_hand

    actor = s.info["actor"]
    classes = [f"{grade}({k})班" for grade in GRADES for k in range(1, 4)]
    storekeeper = next(p for p in people.with_role(s, "storekeeper"))
    approver = next(p for p in people.with_role(s, "approver"))
    for name, unit, category, durable, level, spec, _price in STOCK_ITEMS:
        items.add_item(
            s, name, unit=unit, category=category, durable=durable, reorder_level=level, spec=spec
        )
    moves = 0

    def restock(day: date) -> int:
        for name, _unit, _cat, _durable, level, _spec, price in STOCK_ITEMS:
            qty = int(level) * 4 + rng.randint(0, 20)
            service.receive(
                s, actor, name, str(qty), price=price, supplier="县教育用品公司", day=day
            )
        return len(STOCK_ITEMS)

    def term_start(day: date) -> int:
        for cls in classes:
            service.issue(s, actor, "粉笔", str(rng.randint(2, 4)), to=cls, by=storekeeper, day=day)
            service.issue(s, actor, "垃圾袋", "1", to=cls, by=storekeeper, day=day)
        return 2 * len(classes)

    moves += restock(date(2026, 2, 20)) + term_start(date(2026, 3, 2))
    service.issue(s, actor, "A4复印纸", "10", to="教务处", by=storekeeper, day=date(2026, 3, 3))
    for cls in classes[:6]:
        service.issue(
            s, actor, "扫把", "1", to=cls, by=storekeeper, old_returned="1", day=date(2026, 3, 16)
        )
    service.give_back(s, actor, "A4复印纸", "2", from_="教务处", day=date(2026, 3, 20))
    service.issue(
        s,
        actor,
        "LED灯管",
        "4",
        to="总务处",
        by=storekeeper,
        old_returned="4",
        day=date(2026, 4, 8),
    )
    wrong = service.issue(s, actor, "洗手液", "5", to="食堂", by=storekeeper, day=date(2026, 5, 6))
    service.void(s, actor, wrong.code, "数量录错，重开", date(2026, 5, 6))
    service.issue(s, actor, "洗手液", "3", to="食堂", by=storekeeper, day=date(2026, 5, 6))
    moves += 13
    pd = count.start(s, actor, "办公用品", "期末盘点", date(2026, 7, 3))
    for item in ("粉笔", "A4复印纸", "签字笔"):
        # the book a count compares with is as of today, whatever day HOUQIN_NOW pins
        have = money.milli_to_qty(on_hand(s, service.find_item(s, item)).qty)
        counted = have - 1 if item == "签字笔" and have >= 1 else have
        count.record(s, actor, pd.code, item, money.qty_str(counted))
    count.close(s, actor, pd.code, approver, False, date(2026, 7, 3))
    moves += 1 + restock(date(2026, 8, 28))
    service.issue(
        s,
        actor,
        "拖把",
        "2",
        to="一年级(1)班",
        no_old="新教室首次配发",
        approved_by=approver,
        by=storekeeper,
        day=date(2026, 9, 1),
    )
    return {"movements": moves + 1 + term_start(date(2026, 9, 7))}


# the storeroom's categories -> the receipt categories they are bought under
