"""The canteen's part of `houqin demo`: dishes, this week's lunch menu, the meals served
on this week's past days (and last week's) with a sample of every dish, disinfection
and a leader's 陪餐 each, canteen staff with their health certificates, a food receipt
inspected by two people and issued to the canteen. Everything dated from today, so
that `houqin check` stays clean whatever day the demo runs."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DISHES = [
    ("红烧肉", "meat", None), ("宫保鸡丁", "meat", "花生"), ("清蒸鱼", "meat", "鱼"),
    ("土豆牛肉", "mixed", None), ("炒青菜", "vegetable", None), ("西红柿炒蛋", "vegetable", "鸡蛋"),
    ("醋溜白菜", "vegetable", None), ("清炒豆芽", "vegetable", None), ("米饭", "staple", None),
    ("紫菜汤", "soup", None), ("冬瓜汤", "soup", None), ("玉米排骨汤", "soup", None),
    ("绿豆汤", "soup", None),
]  # fmt: skip
MEATS = ["红烧肉", "宫保鸡丁", "清蒸鱼", "土豆牛肉"]
GREENS = ["炒青菜", "西红柿炒蛋", "醋溜白菜", "清炒豆芽"]
SOUPS = ["紫菜汤", "冬瓜汤", "玉米排骨汤", "绿豆汤"]


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    from houqin_cli.core import clock, settings
    from houqin_cli.meal import hygiene, inspect, service, staff
    from houqin_cli.people import certs
    from houqin_cli.people import service as people
    from houqin_cli.stock import items
    from houqin_cli.stock import service as stock

    actor = s.info["actor"]
    today = clock.today(settings.timezone(s))
    for name, kind, allergens in DISHES:
        service.add_dish(s, name, kind, allergens, None)
    monday = today - timedelta(days=today.weekday())
    days = [monday - timedelta(days=7) + timedelta(days=i) for i in range(14)]
    for n, day in enumerate(days):
        k = n % 7
        lunch = [MEATS[k % 4], GREENS[(k + 1) % 4], "米饭", SOUPS[(k + 2) % 4]]
        service.set_menu(s, day, "lunch", lunch)
    principal = people.with_role(s, "principal")[0]
    workers = _unit_people(s, "食堂")[:3] or [principal]
    for i, code in enumerate(workers):
        certs.add(s, code, "health", f"JK-{today.year}-{i + 1:03d}",
                  today - timedelta(days=100), None)  # fmt: skip
        staff.add(s, code, ("cook", "helper", "buyer")[i])
    worker_names = workers
    meals = samples = 0
    for day in days:
        if day >= today or day.weekday() >= 5:
            continue
        cook = worker_names[0]
        service.serve(s, day, "lunch", rng.randint(380, 420), staff=rng.randint(20, 30), cook=cook)
        meals += 1
        for dish in service_menu(s, day):
            row = service.add_sample(
                s, actor, day=day, meal="lunch", dish=dish, grams_text=str(rng.randint(125, 160)),
                by=worker_names[1 % len(worker_names)], reviewer=principal, fridge="留样冰箱1",
            )  # fmt: skip
            samples += 1
            taken = clock.from_iso_utc(row.taken_at)
            if actor.now - taken >= timedelta(hours=49):
                service.discard_sample(
                    s, actor, row.code, worker_names[1 % len(worker_names)],
                    clock.local_text(clock.iso_utc(taken + timedelta(hours=49)),
                                     settings.timezone(s)),
                )  # fmt: skip
        hygiene.disinfect(s, day=day, meal="lunch", method_text="steam", temp=100, minutes=15,
                          seconds=None, ppm=None, by=cook, failed=False)  # fmt: skip
        hygiene.accompany(s, day=day, meal="lunch", by=principal, parent=None,
                          rating=rng.randint(4, 5), note=None, problem=None)  # fmt: skip
    items.add_item(s, "大米", unit="kg", category="食材")
    rk = stock.receive(s, actor, "大米", "200", price="4.60", supplier="粮油公司", day=today,
                       expires=today + timedelta(days=180))  # fmt: skip
    inspect.inspect(s, rk.code, [worker_names[-1], principal], batch="20260301", produced=None,
                    expires=None, licence="JY13301000000001", rejects=[], today=today)  # fmt: skip
    settings.put(s, actor, "meal.canteen_unit", "食堂")
    stock.issue(s, actor, "大米", "20", to="食堂", day=today)
    return {"dishes": len(DISHES), "meals served": meals, "food samples": samples}


def _unit_people(s: Session, unit: str) -> list[str]:
    """The codes of the people of `unit` still here."""
    from houqin_cli.core.db import reader_of

    return [
        code
        for (code,) in reader_of(s).rows(
            "SELECT p.code FROM person p JOIN unit u ON u.id = p.unit_id"
            " WHERE u.name = :u AND p.active = :yes ORDER BY p.code",
            {"u": unit, "yes": True},
        )
    ]


def service_menu(s: Session, day: object) -> list[str]:
    from houqin_cli.core.db import reader_of
    from houqin_cli.meal import reads

    r = reader_of(s)
    names = {d.id: d.name for d in reads.dishes(r)}
    return [names[i] for i in reads.menu(r, day, day).get((day, "lunch"), [])]  # type: ignore[arg-type]
