"""The calendar's part of `houqin demo`: two terms, New Year's Day for a year the
chinese-calendar package lacks (this one and the next), and three recurring tasks from
today on (so that none is overdue yet)."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TERMS = [
    ("2026-spring", date(2026, 2, 23), date(2026, 7, 10)),
    ("2026-autumn", date(2026, 9, 1), date(2027, 1, 22)),
]

TASKS = [
    ("绿化带和绿篱修剪", "2/term"),
    ("全校安全检查", "monthly:last season:autumn,winter"),
    ("开学初检查水电暖和照明", "term:start-7d"),
]


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    from houqin_cli.calendar import holidays, service, tasks
    from houqin_cli.core import clock, settings
    from houqin_cli.core.tx import reader_of

    for name, start, end in TERMS:
        service.add_term(s, name, start, end)
    today = clock.today(settings.timezone(s))
    for year in (today.year, today.year + 1):
        if not holidays.known(reader_of(s), year):
            holidays.add(s, date(year, 1, 1), None, "元旦", "off")
    for title, every in TASKS:
        tasks.add(s, tasks.Fields(title=title, every=every), today)
    return {"recurring tasks": len(TASKS)}
