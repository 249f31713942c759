"""School property's part of `houqin demo`."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.people.demo import GRADES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.journal import Actor


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    """School property: desks and chairs, projectors per classroom, computers,
    pianos, kitchen equipment; a loan, a damage with part compensation, a
    scrapping through appraisal and approval; and every inspection already due
    (classes mid- and end-of-term, offices and public rooms once a term)."""
    from houqin_cli.asset import cards, custody, damages, owing, scrap
    from houqin_cli.calendar import service as calendar
    from houqin_cli.core import clock, settings
    from houqin_cli.core.tx import reader_of
    from houqin_cli.people import reports as people_reports
    from houqin_cli.people import service as people

    actor = s.info["actor"]
    today = clock.today(settings.timezone(s))
    made = 0
    projector: dict[str, Any] = {}
    for g, grade in enumerate(GRADES):
        for k in range(1, 4):
            room = f"{g + 1}0{k}"
            cls = f"{grade}({k})班"
            cards.add(
                s,
                actor,
                "学生课桌椅",
                category="601",
                value="260.50",
                acquired=min(date(2023, 8, 20), today),
                qty=str(45 + rng.randint(0, 5)),
                unit="套",
                place=room,
                custodian=cls,
                funding="财政拨款",
                spec="单人升降",
            )
            projector[cls] = cards.add(
                s,
                actor,
                "教学投影仪",
                category="202",
                value="3,680.00",
                acquired=min(date(2024, 8, 25), today),
                unit="台",
                place=room,
                custodian=cls,
                funding="财政拨款",
                spec="3LCD 4000流明",
            )
            made += 2
    for name, category, value, qty, unit, place, day in (
        ("台式计算机", "201", "4,999.00", "40", "台", "计算机房", date(2024, 3, 1)),
        ("钢琴", "303", "18,000.00", "1", "台", "音乐室", date(2022, 8, 15)),
        ("显微镜", "301", "1,680.00", "20", "台", "科学实验室", date(2023, 3, 10)),
        ("篮球架", "302", "6,500.00", "2", "副", "操场", date(2021, 7, 1)),
        ("消毒柜", "305", "4,200.00", "2", "台", "厨房", date(2024, 2, 28)),
        ("办公桌", "601", "980.00", "16", "张", "总务处", date(2020, 8, 1)),
        ("图书", "5", "32.00", "3000", "册", "图书室", date(2019, 9, 1)),
    ):
        cards.add(
            s,
            actor,
            name,
            category=category,
            value=value,
            acquired=min(day, today),  # a demo made with an early HOUQIN_NOW
            qty=qty,
            unit=unit,
            place=place,
            funding="财政拨款",
        )
        made += 1
    borrower = people.with_role(s, "teacher")[0]
    loan = custody.lend(s, actor, "显微镜", borrower, today + timedelta(days=14), "2", "科技节展示")
    custody.give_back(s, actor, loan.code, "ok", None)
    broken = damages.damage(
        s,
        actor,
        projector["三年级(2)班"].code,
        "human",
        "三年级(2)班",
        None,
        "1,200.00",
        "投影仪灯泡被砸坏",
        None,
    )
    damages.compensate(s, actor, broken.code, "600.00", today)
    request = scrap.scrap_request(
        s, actor, "办公桌", "2", "桌面开裂，无法修复", people.with_role(s, "storekeeper")[0]
    )
    scrap.appraise(
        s, actor, request.code, people.with_role(s, "repairer")[0], "经鉴定无修复价值，同意报废"
    )
    scrap.approve(s, actor, request.code, people.with_role(s, "approver")[0])
    for term in calendar.terms(s):
        if term.start > today:
            continue
        kinds = ["mid"] + (["end"] if term.end <= today + timedelta(days=14) else [])
        for kind in kinds:
            for row in people_reports.unit_rows(reader_of(s), "class"):
                _inspect(s, actor, kind, term.name, unit=row["code"])
        if term.end <= today + timedelta(days=14):
            for p in people_reports.place_rows(reader_of(s)):
                if p["kind"] in owing.PUBLIC_KINDS and not (
                    p["kind"] == "classroom" and p["org_unit"]
                ):
                    _inspect(s, actor, "term", term.name, place=p["code"])
    return {"cards": made}


def _inspect(
    s: Session,
    actor: Actor,
    kind: str,
    term: str,
    unit: str | None = None,
    place: str | None = None,
) -> None:
    from houqin_cli.asset import inspections, rounds

    insp, _n = inspections.start(s, actor, kind, term, unit, place, False)
    for card in rounds.scope(s, insp.unit_id, insp.place_id):
        inspections.record(s, actor, insp.code, card.code, "ok", None, None, None, None)
    inspections.close(s, actor, insp.code)
