"""`houqin demo`: a realistic demo school in a new ledger.

About 60 staff, 18 classes in 6 grades, rooms in 3 buildings and two terms;
each group adds its own demo data here as it lands. Every record goes through
the services, so the demo is journalled like any other write."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import typer

from houqin_cli.cli_util import say, state
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Actor

demo_app = typer.Typer()

SCHOOL = "青山实验学校"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅海燕晓东文辉"
GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]
DEPARTMENTS = [
    ("校长室", ["principal", "approver"]),
    ("总务处", ["director", "approver"]),
    ("教务处", ["director"]),
    ("德育处", ["director"]),
    ("财务室", ["accountant"]),
    ("食堂", ["canteen"]),
    ("保卫科", ["guard"]),
    ("医务室", ["nurse"]),
]
TERMS = [
    ("2026-spring", date(2026, 2, 23), date(2026, 7, 10)),
    ("2026-autumn", date(2026, 9, 1), date(2027, 1, 22)),
]


def _names(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def fill(s: Session) -> dict[str, int]:
    """Create the demo school through the services; returns counts."""
    from houqin_cli.core import settings
    from houqin_cli.ledger import service as ledger
    from houqin_cli.people import service as people

    rng = random.Random(2026)
    settings.put(s, s.info["actor"], "school.name", SCHOOL)
    for name, start, end in TERMS:
        ledger.add_term(s, name, start, end)
    names = iter(_names(rng, 80))
    staff = 0
    for dept, roles in DEPARTMENTS:
        unit = people.add_unit(s, dept, "department")
        for i in range(3 if dept in ("总务处", "食堂", "保卫科") else 2):
            extra = ["storekeeper", "handler"] if dept == "总务处" and i == 1 else []
            extra += ["repairer"] if dept == "总务处" and i == 2 else []
            people.add_person(
                s,
                next(names),
                unit=unit.code,
                roles=(roles if i == 0 else []) + extra + ["clerk"],
                phone=f"1380571{rng.randint(0, 9999):04d}",
            )
            staff += 1
    classes = 0
    for g, grade in enumerate(GRADES):
        gunit = people.add_unit(s, grade, "grade")
        for k in range(1, 4):
            head = people.add_person(
                s,
                next(names),
                roles=["teacher", "head_teacher"],
                phone=f"1390571{rng.randint(0, 9999):04d}",
            )
            cunit = people.add_unit(
                s, f"{grade}({k})班", "class", head=head.code, parent=gunit.code
            )
            people.edit_person(s, head.code, unit=cunit.code)
            people.add_place(
                s, f"{g + 1}0{k}", building="教学楼", unit=cunit.code, kind="classroom"
            )
            staff += 1
            classes += 1
        for _teacher in range(4):  # subject teachers of the grade
            people.add_person(
                s,
                next(names),
                unit=gunit.code,
                roles=["teacher"],
                phone=f"1370571{rng.randint(0, 9999):04d}",
            )
            staff += 1
    for dept, _roles in DEPARTMENTS:
        people.add_place(s, dept, building="综合楼", unit=dept, kind="office")
    for room, kind in (
        ("科学实验室", "classroom"),
        ("计算机房", "classroom"),
        ("图书室", "classroom"),
        ("音乐室", "classroom"),
        ("体育器材室", "store"),
    ):
        people.add_place(s, room, building="综合楼", kind=kind)
    for room, kind, owner in (
        ("学生餐厅", "canteen", "食堂"),
        ("厨房", "canteen", "食堂"),
        ("总务库房", "store", "总务处"),
        ("维修间", "other", "总务处"),
        ("门卫室", "office", "保卫科"),
    ):
        people.add_place(s, room, building="后勤楼", unit=owner, kind=kind)
    people.add_place(s, "操场", kind="outdoor")
    left = people.add_person(s, next(names), roles=["teacher"], phone="13905710000")
    people.leave(s, left.code, date(2026, 7, 10))
    movements = fill_stock(s, rng)
    receipts = fill_money(s)
    cards = fill_assets(s, rng)
    return {
        "staff": staff + 1,
        "classes": classes,
        "movements": movements,
        "receipts": receipts,
        "cards": cards,
    }


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


def fill_stock(s: Session, rng: random.Random) -> int:
    """The storeroom: receipts at the start of each term, issues to the classes
    (durables against the old ones), a return, a reversal and a stocktake."""
    from houqin_cli.core import money
    from houqin_cli.stock import count, items, service

    actor = s.info["actor"]
    classes = [f"{grade}({k})班" for grade in GRADES for k in range(1, 4)]
    storekeeper = next(p for p in people_with_role(s, "storekeeper"))
    approver = next(p for p in people_with_role(s, "approver"))
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
        have = money.milli_to_qty(service.find_item(s, item).qty_milli)
        counted = have - 1 if item == "签字笔" else have
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
    return moves + 1 + term_start(date(2026, 9, 7))


# the storeroom's categories -> the receipt categories they are bought under
RECEIPT_CATEGORY = {"办公用品": "office", "清洁用品": "cleaning", "维修材料": "other"}


def fill_money(s: Session) -> int:
    """Allocations, budgets, and one purchase receipt per stock receipt, signed by
    the storekeeper, the repairer and the accountant (approved when above the
    threshold)."""
    from houqin_cli.audit import budget, receipts
    from houqin_cli.core import money, settings
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
    handler = people_with_role(s, "storekeeper")[0]
    acceptor = people_with_role(s, "repairer")[0]
    reviewer = people_with_role(s, "accountant")[0]
    approver = people_with_role(s, "principal")[0]
    threshold = settings.get(s, "audit.approval_threshold")
    bought = reports.movements(s, kind="receive")
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
            approvers=[approver] if row["value"] > threshold else [],
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
    return len(bought) + 1


def fill_assets(s: Session, rng: random.Random) -> int:
    """School property: desks and chairs, projectors per classroom, computers,
    pianos, kitchen equipment; a loan, a damage with part compensation, a
    scrapping through appraisal and approval; and every inspection already due
    (classes mid- and end-of-term, offices and public rooms once a term)."""
    from houqin_cli.asset import cards, custody, inspections, scrap
    from houqin_cli.core import clock, settings
    from houqin_cli.ledger import service as ledger
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
    borrower = people_with_role(s, "teacher")[0]
    loan = custody.lend(s, actor, "显微镜", borrower, today + timedelta(days=14), "2", "科技节展示")
    custody.give_back(s, actor, loan.code, "ok", None)
    broken = custody.damage(
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
    custody.compensate(s, actor, broken.code, "600.00", today)
    request = scrap.scrap_request(
        s, actor, "办公桌", "2", "桌面开裂，无法修复", people_with_role(s, "storekeeper")[0]
    )
    scrap.appraise(
        s, actor, request.code, people_with_role(s, "repairer")[0], "经鉴定无修复价值，同意报废"
    )
    scrap.approve(s, actor, request.code, people_with_role(s, "principal")[0])
    for term in ledger.terms(s):
        if term.start > today:
            continue
        kinds = ["mid"] + (["end"] if term.end <= today + timedelta(days=14) else [])
        for kind in kinds:
            for row in people.list_units(s, "class"):
                _inspect(s, actor, kind, term.name, unit=row["code"])
        if term.end <= today + timedelta(days=14):
            for p in people.list_places(s):
                if p["kind"] in inspections.PUBLIC_KINDS and not (
                    p["kind"] == "classroom" and p["unit"]
                ):
                    _inspect(s, actor, "term", term.name, place=p["code"])
    return made


def _inspect(
    s: Session,
    actor: Actor,
    kind: str,
    term: str,
    unit: str | None = None,
    place: str | None = None,
) -> None:
    from houqin_cli.asset import inspections

    insp, _n = inspections.start(s, actor, kind, term, unit, place, False)
    for card in inspections.scope(s, insp.unit_id, insp.place_id):
        inspections.record(s, actor, insp.code, card.code, "ok", None, None, None, None)
    inspections.close(s, actor, insp.code)


def people_with_role(s: Session, role: str) -> list[str]:
    from houqin_cli.people import service as people

    return [p["code"] for p in people.list_people(s, role=role)]


@demo_app.command("demo", help=_("Fill a new (or empty) ledger with a realistic demo school."))
def demo() -> None:
    from houqin_cli.app import command_line
    from houqin_cli.core.errors import RuleError
    from houqin_cli.ledger import service

    st = state()
    ledger = st.target()
    service.create(ledger, st.operator_name(), command_line(), {})
    ledger.require_current()
    with ledger.write(st.operator_name(), command_line()) as s:
        if service.record_count(s):
            raise RuleError(
                _("{location} already holds records; the demo only fills an empty ledger.").format(
                    location=ledger.location
                )
            )
        counts = fill(s)
    say(
        _(
            "Demo school in {location}: {staff} staff, {classes} classes, "
            "{movements} stock movements, {receipts} receipts, {cards} asset cards."
        ).format(location=ledger.location, **counts)
    )
