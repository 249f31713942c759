"""The safety group's part of `houqin demo`: the shipped plans loaded from today (the
fans' and the fire equipment's first inspections recorded, one problem found), a
hazard fixed and passed on re-check by someone else, a crack gauge with two readings,
and a violation with its fine paid in two parts."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    from houqin_cli.core import clock, settings
    from houqin_cli.people import service as people
    from houqin_cli.safety import hazards, plans, records, violations, watches

    today = clock.today(settings.timezone(s))
    made = plans.load(s, today)
    fire = next(p for p in made if p.name.startswith("防火巡查"))
    repairer = people.with_role(s, "repairer")[0]
    guard = people.with_role(s, "guard")[0]
    director = people.with_role(s, "director")[0]
    office = people.places_of_kinds(s, ("office",))[0]
    classroom = people.places_of_kinds(s, ("classroom",))[0]
    _rec, opened = records.record(
        s, fire.code, by=guard, day=today, place=classroom.code,
        ok=["用火用电", "消防设施器材", "重点部位"], problems=["安全出口和疏散通道=后门堆放杂物"],
    )  # fmt: skip
    hz = hazards.add(s, place=office.code, what="插线板老化", level="minor", owner=repairer,
                     deadline=today + timedelta(days=7), found=today)  # fmt: skip
    hazards.fix(s, hz.code, repairer, "更换插线板", today, False)
    hazards.recheck(s, hz.code, director, True, "已更换", today, None)
    w = watches.add(s, "教学楼东墙裂缝", classroom.code, "mm", "0.2")
    watches.record(s, w.code, "1.20", today, repairer)
    watches.record(s, w.code, "1.30", today, repairer)
    unit = people.units_of_kind(s, "class")[0]
    v = violations.add(s, place=classroom.code, what="使用电热水壶", by=director, unit=unit.code,
                       person=None, fine="50", day=today)  # fmt: skip
    violations.pay(s, v.code, "25", today)
    violations.pay(s, v.code, "25", today)  # paid in two parts: nothing owed
    return {"safety plans": len(made), "hazards": 1 + len(opened), "violations": 1}
