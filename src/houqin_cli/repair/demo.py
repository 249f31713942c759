"""The repairs' part of `houqin demo`: seven orders in every state of their life — one
just asked for, one assigned, one with a part used and done, one accepted, one
rejected and back with the repairer, one cancelled, and one on the summer list."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    from houqin_cli.people import service as people
    from houqin_cli.repair import orders
    from houqin_cli.stock import service as stock
    from houqin_cli.stock.valuation import on_hand

    repairer = people.with_role(s, "repairer")[0]
    places = [p.code for p in people.places_of_kinds(s, ("classroom",))]
    office = [p.code for p in people.places_of_kinds(s, ("office",))]
    teachers = [code for code in people.with_role(s, "teacher") if code != repairer]
    pick = rng.sample(places, 6)
    asker = rng.sample(teachers, 6)

    def ask(i: int, what: str, **kw: str) -> str:
        return orders.request(s, what, place=pick[i], by=asker[i], **kw).code

    ask(0, "门锁损坏,关不上", urgency="urgent")
    a = ask(1, "黑板灯不亮")
    orders.assign(s, a, repairer)
    b = ask(2, "水龙头漏水", urgency="urgent")
    orders.assign(s, b, repairer)
    if on_hand(s, stock.find_item(s, "水龙头")).qty >= 1000:  # the demo's day may be early
        orders.use(s, b, "水龙头", "1", old_returned="1")
    orders.cost(s, b, "80.00", note="外请水电工")
    orders.done(s, b, "已更换阀芯")
    c = ask(3, "窗户玻璃破裂")
    orders.assign(s, c, repairer)
    orders.cost(s, c, "45.50")
    orders.done(s, c)
    orders.accept(s, c, asker[3], rating=5)
    d = ask(4, "电扇异响")
    orders.assign(s, d, repairer)
    orders.done(s, d)
    orders.reject(s, d, asker[4], "仍有异响")
    e = ask(5, "投影仪不亮")
    orders.cancel(s, e, "已报资产科更换")
    orders.request(s, "办公室墙面粉刷", place=office[0] if office else pick[0], by=asker[0],
                   for_holiday="summer", estimate="1200.00")  # fmt: skip
    return {"repair orders": 7}
