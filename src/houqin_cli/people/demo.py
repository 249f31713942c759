"""The registries' part of `houqin demo`: about 60 staff, 18 classes in 6
grades, rooms in 3 buildings."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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


def _names(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    """Departments and their staff, six grades of three classes with their heads
    and rooms, offices and public rooms in three buildings, one teacher who left."""
    from houqin_cli.people import persons as people
    from houqin_cli.people import units

    names = iter(_names(rng, 80))
    staff = 0
    for dept, roles in DEPARTMENTS:
        unit = units.add_unit(s, dept, "department")
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
        gunit = units.add_unit(s, grade, "grade")
        for k in range(1, 4):
            head = people.add_person(
                s,
                next(names),
                roles=["teacher", "head_teacher"],
                phone=f"1390571{rng.randint(0, 9999):04d}",
            )
            cunit = units.add_unit(s, f"{grade}({k})班", "class", head=head.code, parent=gunit.code)
            people.edit_person(s, head.code, unit=cunit.code)
            units.add_place(s, f"{g + 1}0{k}", building="教学楼", unit=cunit.code, kind="classroom")
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
        units.add_place(s, dept, building="综合楼", unit=dept, kind="office")
    for room, kind in (
        ("科学实验室", "classroom"),
        ("计算机房", "classroom"),
        ("图书室", "classroom"),
        ("音乐室", "classroom"),
        ("体育器材室", "store"),
    ):
        units.add_place(s, room, building="综合楼", kind=kind)
    for room, kind, owner in (
        ("学生餐厅", "canteen", "食堂"),
        ("厨房", "canteen", "食堂"),
        ("总务库房", "store", "总务处"),
        ("维修间", "other", "总务处"),
        ("门卫室", "office", "保卫科"),
    ):
        units.add_place(s, room, building="后勤楼", unit=owner, kind=kind)
    units.add_place(s, "操场", kind="outdoor")
    left = people.add_person(s, next(names), roles=["teacher"], phone="13905710000")
    people.leave(s, left.code, date(2026, 7, 10))
    return {"staff": staff + 1, "classes": classes}
