"""Build a school's property ledger for benchmarks/asset.py: ten years of asset cards.

    python benchmarks/generate_asset.py --db assets.db [--cards 20000] [--splits 30000]

1. The school (units, places, `--people` people) is built by the foundation's
   generate.build_with_services, registered on 1 January ten years ago; then,
   through the real services, 18 more rooms (grade offices, labs, music and art
   rooms, the library) and the twenty terms of the ten years.
2. At the start of the first spring term the school imports its old register
   (a fifth of `--cards`, acquired in the ten years before) with the real
   `asset import` code (card_import.import_file, from a CSV with Chinese headers), and
   a few weeks go through the real services: cards added, a batch split by a
   move, a whole card moved, part of a batch lent and returned damaged, a
   damage and its compensation, a scrapping requested, appraised and approved,
   an office inspected. The generator then checks that its own digest of every
   asset row, read back with plain SQL, is the one those services journalled.
3. The rest of the ten years is appended with raw SQL, in transactions of
   `--batch` journal entries, each written as the service and journal.append
   would write it (rows, asset events, payload, `digests`, hash chain): the
   rest of the cards bought (batches of desks, beds or books to the store,
   single projectors, pianos, laptops), moves of parts of batches from the store
   to classrooms, dorms, offices and labs that split them until there are
   `--cards` + `--splits` cards, whole-card moves, loans against IOUs (returned
   on time, late, damaged, or still out), damages (human, with compensation
   paid in full, in part or not yet; natural), scrappings (appraised, then
   approved by one or, above asset.scrap_committee_threshold, two people,
   whole cards or part of a batch), and every term each class's mid- and
   end-of-term inspection and each office's and public room's, recording
   every card in scope (a few damaged or missing; cards out on loan left
   uninspected).
4. Finally it runs `houqin audit verify` on the result and fails unless it
   exits 0.

The journal writer is generate_money.Bulk. Progress goes to stderr.
"""

from __future__ import annotations

import csv
import heapq
import random
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from generate import log  # noqa: E402
from generate_money import (  # noqa: E402
    CST,
    Bulk,
    check_digests,
    moment,
    open_school,
    pinned,
    school_options,
    verify,
)

VERSION = "2"  # bump when the generated ledger changes shape (reuse with --keep)
ASSET_TABLES = (
    "asset",
    "asset_event",
    "asset_loan",
    "asset_damage",
    "asset_scrap",
    "asset_inspection",
    "asset_inspection_line",
)


@dataclass(frozen=True)
class Item:
    name: str
    category: str
    unit: str
    low: int  # yuan per piece
    high: int
    batch: tuple[int, int] | None  # pieces on a new card; None: one piece
    groups: tuple[str, ...]  # where it goes (see rooms())
    weight: int  # how often it is bought


CATALOGUE = (
    Item("学生课桌椅", "601", "套", 220, 380, (40, 300), ("class",), 6),
    Item("讲台", "601", "张", 600, 1200, None, ("class",), 2),
    Item("教学一体机", "202", "台", 8000, 15000, None, ("class", "hall"), 3),
    Item("教学投影仪", "202", "台", 2800, 6000, None, ("class", "lab", "hall"), 3),
    Item("空调", "206", "台", 2600, 5200, (10, 60), ("class", "office", "dorm", "lab"), 4),
    Item("电风扇", "206", "台", 150, 320, (20, 200), ("class", "dorm"), 4),
    Item("学生床", "601", "张", 450, 900, (40, 400), ("dorm",), 5),
    Item("衣柜", "601", "组", 600, 1100, (20, 200), ("dorm",), 4),
    Item("宿舍书桌", "601", "张", 260, 480, (40, 300), ("dorm",), 4),
    Item("办公桌", "601", "张", 900, 1800, (5, 40), ("office",), 4),
    Item("办公椅", "601", "把", 300, 700, (10, 60), ("office", "hall"), 4),
    Item("文件柜", "601", "组", 800, 1400, (5, 30), ("office",), 3),
    Item("台式电脑", "201", "台", 3500, 6500, (10, 60), ("office", "lab"), 8),
    Item("笔记本电脑", "201", "台", 4500, 8000, None, ("person",), 8),
    Item("打印机", "202", "台", 1200, 3500, None, ("office",), 6),
    Item("复印机", "202", "台", 12000, 30000, None, ("office",), 1),
    Item("显微镜", "301", "台", 1200, 2600, (10, 60), ("lab",), 2),
    Item("实验台", "601", "张", 1500, 3000, (6, 30), ("lab",), 2),
    Item("物理演示仪器", "301", "套", 800, 2400, (5, 30), ("lab",), 3),
    Item("篮球架", "302", "副", 5000, 12000, None, ("sport",), 1),
    Item("乒乓球台", "302", "张", 1500, 3000, (2, 12), ("sport",), 1),
    Item("体操垫", "302", "块", 120, 300, (10, 60), ("sport",), 2),
    Item("钢琴", "303", "台", 15000, 40000, None, ("art",), 1),
    Item("画架", "303", "个", 90, 200, (10, 60), ("art",), 1),
    Item("蒸饭柜", "305", "台", 6000, 12000, None, ("canteen",), 1),
    Item("消毒柜", "305", "台", 2000, 5000, None, ("canteen",), 2),
    Item("餐桌椅", "601", "套", 400, 900, (20, 160), ("canteen",), 2),
    Item("图书", "5", "册", 20, 60, (100, 2000), ("library",), 5),
    Item("书架", "601", "组", 700, 1500, (5, 40), ("library",), 2),
    Item("监控摄像头", "207", "个", 300, 900, (8, 60), ("office", "sport"), 3),
    Item("灭火器", "602", "具", 80, 200, (20, 200), ("class", "dorm", "office"), 3),
    Item("数码相机", "208", "台", 2500, 6000, None, ("person",), 3),
    Item("维修工具组", "205", "套", 600, 2500, None, ("workshop",), 2),
    Item("音响设备", "208", "套", 3000, 9000, None, ("hall", "sport"), 2),
)
ITEM_BY_NAME = {it.name: i for i, it in enumerate(CATALOGUE)}
EXTRA_ROOMS = (  # name, building, kind, unit (None: no unit), group
    ("物理实验室", "实验楼", "other", "教务处", "lab"),
    ("化学实验室", "实验楼", "other", "教务处", "lab"),
    ("生物实验室", "实验楼", "other", "教务处", "lab"),
    ("计算机教室一", "实验楼", "other", "教务处", "lab"),
    ("计算机教室二", "实验楼", "other", "教务处", "lab"),
    ("计算机教室三", "实验楼", "other", "教务处", "lab"),
    ("音乐教室", "艺术楼", "other", "教务处", "art"),
    ("美术教室", "艺术楼", "other", "教务处", "art"),
    ("图书馆书库", "图书馆楼", "other", "图书馆", "library"),
    ("阅览室", "图书馆楼", "other", "图书馆", "library"),
    ("会议室", "综合楼", "office", "校长室", "office"),
    ("报告厅", "综合楼", "other", None, "hall"),
)
FUNDING = ("财政拨款", "财政拨款", "自筹资金", "专项资金", "捐赠")
SCRAP_REASONS = ("使用年限已满，无法修复", "严重损坏，维修费用过高", "设备老化，性能不能满足教学")
OPINIONS = ("经鉴定无修复价值，同意报废", "情况属实，同意报废", "已拆除可用配件，同意报废")
NOTES = ("桌面开裂", "桌腿松动", "屏幕损坏", "无法开机", "门锁损坏", "表面划伤")


# -- the old register (imported at the start, and by the benchmark) ----------------------


@dataclass
class Directory:
    """Who and where, as the ledger holds them."""

    places: dict[int, dict[str, Any]]
    units: dict[int, dict[str, Any]]
    people: dict[int, dict[str, Any]]
    groups: dict[str, list[int]]  # group -> place ids
    unit_of_name: dict[str, int]

    def place_name(self, pid: int | None) -> str | None:
        return None if pid is None else self.places[pid]["name"]


def directory(path: Path) -> Directory:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        places = {r["id"]: dict(r) for r in con.execute("SELECT * FROM place")}
        units = {r["id"]: dict(r) for r in con.execute("SELECT * FROM unit")}
        people = {r["id"]: dict(r) for r in con.execute("SELECT * FROM person")}
    finally:
        con.close()
    extra = {name: group for name, _b, _k, _u, group in EXTRA_ROOMS}
    groups: dict[str, list[int]] = {}
    for pid, p in sorted(places.items()):
        if p["name"] in extra:
            g = extra[p["name"]]
        elif p["kind"] == "classroom" and p["unit_id"] and units[p["unit_id"]]["kind"] == "class":
            g = "class"
        elif p["kind"] in ("dorm", "office", "canteen", "store"):
            g = p["kind"]
        elif p["name"] in ("操场", "体育馆"):
            g = "sport"
        else:
            g = "workshop"
        groups.setdefault(g, []).append(pid)
    return Directory(places, units, people, groups, {u["name"]: i for i, u in units.items()})


def unique_people(d: Directory) -> list[dict[str, Any]]:
    """People whose name is theirs alone and no unit's: a register may name them."""
    count: dict[str, int] = {}
    for p in d.people.values():
        count[p["name"]] = count.get(p["name"], 0) + 1
    return [
        p
        for p in d.people.values()
        if count[p["name"]] == 1 and p["name"] not in d.unit_of_name and p["active"]
    ]


def register_rows(
    rng: random.Random, d: Directory, n: int, first: date, last: date
) -> list[dict[str, Any]]:
    """`n` rows of a school's register, acquired between `first` and `last`, with a
    place and a custodian (unit or person, by name) where the item goes."""
    weights = [it.weight for it in CATALOGUE]
    keepers = unique_people(d)
    span = (last - first).days
    rows = []
    for _ in range(n):
        it = CATALOGUE[rng.choices(range(len(CATALOGUE)), weights)[0]]
        qty = rng.randint(*it.batch) if it.batch else 1
        group = rng.choice(it.groups)
        place = None if group == "person" else d.places[rng.choice(d.groups[group])]
        if group == "person" or (group == "office" and rng.random() < 0.3):
            custodian = rng.choice(keepers)["name"]
        elif place is not None and place["unit_id"] and rng.random() < 0.7:
            custodian = d.units[place["unit_id"]]["name"]
        else:
            custodian = "总务处"
        rows.append(
            {
                "name": it.name,
                "category": it.category,
                "value": rng.randint(it.low * 2, it.high * 2) * 50,  # fen, to 0.50 yuan
                "acquired": first + timedelta(days=rng.randint(0, span)),
                "qty": qty,
                "unit": it.unit,
                "place": place["name"] if place else None,
                "custodian": custodian,
                "funding": rng.choice(FUNDING),
                "spec": f"{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}型"
                if rng.random() < 0.5
                else None,
            }
        )
    return rows


HEADERS = (
    "名称",
    "类别",
    "单价",
    "取得日期",
    "数量",
    "单位",
    "存放地点",
    "保管人",
    "经费来源",
    "规格",
)


def _money_text(fen: int) -> str:
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def _date_text(rng: random.Random, day: date) -> Any:
    r = rng.random()
    if r < 0.4:
        return f"{day.year}.{day.month:02d}.{day.day:02d}"
    if r < 0.7:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def write_csv(path: Path, rows: list[dict[str, Any]], rng: random.Random) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for r in rows:
            out.writerow(
                [
                    r["name"],
                    r["category"],
                    _money_text(r["value"]),
                    _date_text(rng, r["acquired"]),
                    r["qty"],
                    r["unit"],
                    r["place"] or "",
                    r["custodian"],
                    r["funding"],
                    r["spec"] or "",
                ]
            )


def write_xlsx(path: Path, rows: list[dict[str, Any]], rng: random.Random, school: str) -> None:
    """The register as a school keeps it in Excel or WPS: two merged title rows above
    the header, dates typed three ways or stored as dates, amounts as numbers or as
    text with ¥ and thousands separators, a 合计 row at the bottom."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "固定资产登记表"
    ws.append([f"{school}固定资产登记表"])
    ws.append([f"截至 {date.today().year} 年 单位：元"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.append(list(HEADERS))
    total = 0
    for r in rows:
        acquired: Any = r["acquired"] if rng.random() < 0.3 else _date_text(rng, r["acquired"])
        value: Any = Decimal(r["value"]) / 100 if rng.random() < 0.5 else _money_text(r["value"])
        total += r["value"] * r["qty"]
        ws.append(
            [
                r["name"],
                r["category"],
                value,
                acquired,
                r["qty"],
                r["unit"],
                r["place"],
                r["custodian"],
                r["funding"],
                r["spec"],
            ]
        )
    ws.append(["合计", None, _money_text(total), None, sum(r["qty"] for r in rows)])
    wb.save(path)


# -- the simulation -----------------------------------------------------------------------


@dataclass
class Sim:
    w: Bulk
    rng: random.Random
    d: Directory
    terms: list[dict[str, Any]]
    target_cards: int
    kind_of: dict[int, int] = field(default_factory=dict)  # asset id -> CATALOGUE index
    by_place: dict[int | None, set[int]] = field(default_factory=dict)
    by_unit: dict[int | None, set[int]] = field(default_factory=dict)
    busy: set[int] = field(default_factory=set)  # on loan or being scrapped
    batch_pool: list[int] = field(default_factory=list)
    all_pool: list[int] = field(default_factory=list)
    queue: list[tuple[datetime, int, Callable[..., None], tuple[Any, ...]]] = field(
        default_factory=list
    )
    afternoon: dict[date, datetime] = field(default_factory=dict)  # inspections' clock
    counter: int = 0
    stats: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from houqin_cli.core import settings

        self.assets = self.w.load("asset")
        for table in ("asset_loan", "asset_damage", "asset_scrap", "asset_inspection"):
            self.w.load(table)
        for a in self.assets.values():
            self.kind_of[a["id"]] = ITEM_BY_NAME.get(a["name"], 0)
            self._index(a)
            self.all_pool.append(a["id"])
            if a["qty"] > 1:
                self.batch_pool.append(a["id"])
        for loan in self.w.rows["asset_loan"].values():
            if loan["returned_on"] is None:
                self.busy.add(loan["asset_id"])
        keep = {p["id"] for p in unique_people(self.d)}
        self.people = [p for p in self.d.people.values() if p["active"]]
        self.keepers = [p for p in self.people if p["id"] in keep]
        dept = self.d.unit_of_name
        self.appraisers = [p for p in self.people if p["unit_id"] == dept["总务处"]]
        self.approvers = [p for p in self.people if "approver" in p["roles"].split()]
        self.classes = sorted(u for u, x in self.d.units.items() if x["kind"] == "class")
        self.rooms_of: dict[int, set[int]] = {}
        for pid, p in self.d.places.items():
            if p["unit_id"]:
                self.rooms_of.setdefault(p["unit_id"], set()).add(pid)
        self.general = settings.SPECS["asset.fixed_threshold_general"].load(
            settings.SPECS["asset.fixed_threshold_general"].default
        )
        self.special = settings.SPECS["asset.fixed_threshold_special"].load(
            settings.SPECS["asset.fixed_threshold_special"].default
        )
        self.committee = settings.SPECS["asset.scrap_committee_threshold"].load(
            settings.SPECS["asset.scrap_committee_threshold"].default
        )

    # -- bookkeeping -------------------------------------------------------------------

    def _index(self, a: dict[str, Any]) -> None:
        self.by_place.setdefault(a["place_id"], set()).add(a["id"])
        self.by_unit.setdefault(a["custodian_unit_id"], set()).add(a["id"])

    def _unindex(self, a: dict[str, Any]) -> None:
        self.by_place.get(a["place_id"], set()).discard(a["id"])
        self.by_unit.get(a["custodian_unit_id"], set()).discard(a["id"])

    def at(self, when: datetime, fn: Callable[..., None], *args: Any) -> None:
        self.counter += 1
        heapq.heappush(self.queue, (when, self.counter, fn, args))

    def run(self) -> None:
        while self.queue:
            when, _n, fn, args = heapq.heappop(self.queue)
            fn(when, *args)

    def count(self, key: str, n: int = 1) -> None:
        self.stats[key] = self.stats.get(key, 0) + n

    def op(self) -> str:
        return self.rng.choice(generate.OPERATORS)

    @staticmethod
    def day(when: datetime) -> date:
        return (when + CST).date()

    def event(
        self,
        a: dict[str, Any],
        kind: str,
        day: date,
        op: str,
        ref: str | None = None,
        detail: str | None = None,
    ) -> tuple[str, dict[str, Any]]:
        row = self.w.new(
            "asset_event",
            keep=False,
            asset_id=a["id"],
            date=day.isoformat(),
            kind=kind,
            ref_code=ref,
            detail=detail,
            operator=op,
        )
        return ("asset_event", row)

    def fixed(self, a: dict[str, Any]) -> bool:
        from houqin_cli.asset import categories
        from houqin_cli.core import money

        cat = categories.BY_CODE.get(a["category"])
        unit_value = money.divide(a["value_fen"], a["qty"]) if a["qty"] else 0
        return unit_value >= (self.special if cat and cat.special else self.general)

    def net_value(self, a: dict[str, Any], day: date) -> int:
        from houqin_cli.asset.depreciation import schedule

        card = SimpleNamespace(
            life_years=a["life_years"],
            category=a["category"],
            value_fen=a["value_fen"],
            acquired=date.fromisoformat(a["acquired"]),
        )
        return int(schedule(card, self.fixed(a), day.year, day.month)["net_value"])

    def pick(self, pool: list[int], ok: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
        """A random card of `pool` that `ok` accepts; cards that never will again leave
        the pool (scrapped, or a batch down to one piece)."""
        for _ in range(40):
            if not pool:
                return None
            i = self.rng.randrange(len(pool))
            a = self.assets[pool[i]]
            gone = a["status"] == "scrapped" or (pool is self.batch_pool and a["qty"] < 2)
            if gone:
                pool[i] = pool[-1]
                pool.pop()
                continue
            if a["status"] == "in_use" and a["id"] not in self.busy and ok(a):
                return a
        return None

    def pick_part(self, part: bool) -> tuple[dict[str, Any] | None, bool]:
        """A card to act on part of (a batch, while cards are still to be split off) or
        else on the whole of; and whether it is a part."""
        part = part and len(self.assets) < self.target_cards
        return self.pick(self.batch_pool if part else self.all_pool, lambda a: True), part

    def place_for(self, a: dict[str, Any]) -> int | None:
        it = CATALOGUE[self.kind_of.get(a["id"], 0)]
        groups = [g for g in it.groups if g != "person"]
        if not groups:
            return None
        choices = self.d.groups[self.rng.choice(groups)]
        for _ in range(5):
            pid = self.rng.choice(choices)
            if pid != a["place_id"]:
                return pid
        return None

    # -- cards ---------------------------------------------------------------------------

    def add(self, when: datetime) -> None:
        from houqin_cli.core import money, names

        rng, op, day = self.rng, self.op(), self.day(when)
        k = rng.choices(range(len(CATALOGUE)), [it.weight for it in CATALOGUE])[0]
        it = CATALOGUE[k]
        qty = rng.randint(*it.batch) if it.batch else 1
        group = rng.choice(it.groups)
        if it.batch and rng.random() < 0.5:
            place: int | None = self.d.groups["store"][0]
        else:
            place = None if group == "person" else rng.choice(self.d.groups[group])
        person = rng.choice(self.keepers) if group == "person" else None
        unit = None
        if person is None:
            owner = self.d.places[place]["unit_id"] if place else None
            unit = owner if owner and rng.random() < 0.7 else self.d.unit_of_name["总务处"]
        unit_fen = rng.randint(it.low * 2, it.high * 2) * 50
        acquired = day - timedelta(days=rng.randint(0, 20))
        year = acquired.year
        a = self.w.new(
            "asset",
            code=self.w.code("ZC", year),
            name=it.name,
            category=it.category,
            qty=qty,
            unit=it.unit,
            value_fen=unit_fen * qty,
            acquired=acquired.isoformat(),
            place_id=place,
            custodian_person_id=person["id"] if person else None,
            custodian_unit_id=unit,
            funding=rng.choice(FUNDING),
            invoice=f"{rng.randint(10_000_000, 99_999_999)}",
            spec=f"{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}型"
            if rng.random() < 0.5
            else None,
            status="in_use",
            initials=names.initials(it.name),
        )
        self.kind_of[a["id"]] = k
        self._index(a)
        self.all_pool.append(a["id"])
        if qty > 1:
            self.batch_pool.append(a["id"])
        ev = self.event(
            a, "added", acquired, op, None, f"{qty}{it.unit} × {money.format_money(unit_fen)}"
        )
        custodian = person["code"] if person else self.d.units[unit]["code"]
        argv = ["asset", "add", it.name, "--category", it.category]
        argv += ["--value", money.money_str(unit_fen), "--acquired", acquired.isoformat()]
        argv += ["--qty", str(qty), "--unit", it.unit]
        argv += ["--place", self.d.places[place]["code"]] if place else []
        argv += ["--custodian", custodian, "--funding", a["funding"], "--invoice", a["invoice"]]
        argv += ["--spec", a["spec"]] if a["spec"] else []
        payload = {
            "name": it.name,
            "category": it.category,
            "qty": qty,
            "unit_value": money.money_str(unit_fen),
            "acquired": acquired.isoformat(),
        }
        self.w.coded(when, op, argv, "asset.add", ("asset", a), payload, [("asset", a), ev])
        self.count("add")

    def split(
        self, a: dict[str, Any], pieces: int, day: date, op: str
    ) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
        """moves.split: `pieces` off `a` onto a new card; the touched rows."""
        from houqin_cli.core import money
        from houqin_cli.core.i18n import _

        if pieces >= a["qty"]:
            return a, [("asset", a)]
        moved, kept = money.split(a["value_fen"], [pieces, a["qty"] - pieces])
        new = self.w.new(
            "asset",
            **{k: a[k] for k in self.w.columns["asset"] if k != "id"},
        )
        new.update(code=self.w.code("ZC", day.year), qty=pieces, value_fen=moved, origin_id=a["id"])
        a["qty"] -= pieces
        a["value_fen"] = kept
        self.kind_of[new["id"]] = self.kind_of.get(a["id"], 0)
        self._index(new)
        self.all_pool.append(new["id"])
        if pieces > 1:
            self.batch_pool.append(new["id"])
        e1 = self.event(a, "split", day, op, new["code"], f"{pieces}{a['unit']} → {new['code']}")
        e2 = self.event(
            new, "split", day, op, a["code"], _("split from {code}").format(code=a["code"])
        )
        self.count("split")
        return new, [("asset", a), ("asset", new), e1, e2]

    def move(self, when: datetime, part: bool) -> None:
        rng, op, day = self.rng, self.op(), self.day(when)
        if part:
            if len(self.assets) >= self.target_cards:
                return
            a = self.pick(self.batch_pool, lambda a: True)
        elif rng.random() < 0.5:  # empty the store: what is left of a batch goes out
            store = tuple(self.by_place.get(self.d.groups["store"][0], ()))
            a = self.pick(list(store), lambda a: True) if store else None
        else:
            a = self.pick(self.all_pool, lambda a: a["place_id"] is not None)
        if a is None:
            return
        to = self.place_for(a)
        if to is None:
            return
        pieces = rng.randint(1, max(1, min(a["qty"] - 1, a["qty"] // 2 + 1))) if part else a["qty"]
        origin_code = a["code"]
        target, touched = self.split(a, pieces, day, op)
        old_place = target["place_id"]
        self._unindex(target)
        target["place_id"] = to
        custodian = None
        owner = self.d.places[to]["unit_id"]
        if owner and rng.random() < 0.6:
            custodian = self.d.units[owner]["code"]
            target["custodian_person_id"], target["custodian_unit_id"] = None, owner
        self._index(target)
        place = self.d.places[to]
        touched.append(self.event(target, "moved", day, op, None, f"→ {place['name']}"))
        argv = ["asset", "move", origin_code, "--to", place["code"]]
        if custodian:
            argv += ["--custodian", custodian]
        if part:
            argv += ["--qty", str(pieces)]
        payload = {
            "from_place": old_place,
            "to": place["code"],
            "qty": pieces,
            "origin": origin_code,
            "custodian": custodian,
        }
        self.w.coded(when, op, argv, "asset.move", ("asset", target), payload, touched)
        self.count("move.part" if part else "move")

    # -- loans -----------------------------------------------------------------------------

    def lend(self, when: datetime, part: bool) -> None:
        rng, op, day = self.rng, self.op(), self.day(when)
        a, part = self.pick_part(part)
        if a is None:
            return
        person = rng.choice(self.people)
        pieces = rng.randint(1, min(5, a["qty"] - 1)) if part else a["qty"]
        due = day + timedelta(days=rng.choice((7, 14, 14, 30, 30, 60)))
        origin_code = a["code"]
        target, touched = self.split(a, pieces, day, op)
        target["status"] = "on_loan"
        self.busy.add(target["id"])
        loan = self.w.new(
            "asset_loan",
            code=self.w.code("JC", day.year),
            asset_id=target["id"],
            qty=pieces,
            person_id=person["id"],
            lent_on=day.isoformat(),
            due=due.isoformat(),
        )
        touched.append(
            self.event(target, "lent", day, op, loan["code"], f"{person['name']} → {due}")
        )
        touched.append(("asset_loan", loan))
        argv = ["asset", "lend", origin_code, "--to", person["code"], "--due", due.isoformat()]
        if part:
            argv += ["--qty", str(pieces)]
        payload = {
            "asset": target["code"],
            "to": person["code"],
            "qty": pieces,
            "due": due.isoformat(),
        }
        self.w.coded(when, op, argv, "asset.lend", ("asset_loan", loan), payload, touched)
        self.count("lend")
        r = rng.random()
        if r < 0.02:
            return  # still out
        back = (
            due - timedelta(days=rng.randint(0, (due - day).days))
            if r < 0.95
            else due + timedelta(days=rng.randint(1, 40))
        )
        self.at(moment(back, rng.randint(8 * 60, 12 * 60)), self.give_back, loan["id"])

    def give_back(self, when: datetime, loan_id: int) -> None:
        rng, op, day = self.rng, self.op(), self.day(when)
        loan = self.w.rows["asset_loan"][loan_id]
        a = self.assets[loan["asset_id"]]
        condition = "damaged" if rng.random() < 0.05 else "ok"
        loan["returned_on"], loan["condition"] = day.isoformat(), condition
        a["status"] = "in_use"
        self.busy.discard(a["id"])
        touched = [("asset", a), self.event(a, "returned", day, op, loan["code"], condition)]
        damage = None
        if condition == "damaged":
            person = self.d.people[loan["person_id"]]
            damage, rows = self.open_damage(
                a, "human", loan["qty"], person, None, None, loan["code"], day, op
            )
            touched += rows
            self.plan_payment(when, damage)
        touched.append(("asset_loan", loan))
        argv = ["asset", "return", loan["code"], "--condition", condition]
        payload = {
            "asset": a["code"],
            "condition": condition,
            "damage": damage["code"] if damage else None,
        }
        self.w.coded(when, op, argv, "asset.return", ("asset_loan", loan), payload, touched)
        self.count("return")

    # -- damage and compensation --------------------------------------------------------------

    def open_damage(
        self,
        a: dict[str, Any],
        cause: str,
        qty: int,
        person: dict[str, Any] | None,
        unit: dict[str, Any] | None,
        note: str | None,
        source: str | None,
        day: date,
        op: str,
    ) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
        from houqin_cli.core import money
        from houqin_cli.core.i18n import _

        amount = 0
        if cause == "human":
            amount = money.round_fen(Decimal(self.net_value(a, day)) * qty / a["qty"])
        dmg = self.w.new(
            "asset_damage",
            code=self.w.code("SH", day.year),
            asset_id=a["id"],
            date=day.isoformat(),
            cause=cause,
            qty=qty,
            by_person_id=person["id"] if person else None,
            by_unit_id=unit["id"] if unit else None,
            due_fen=amount,
            paid_fen=0,
            source=source,
            note=note,
        )
        who = person["name"] if person else unit["name"] if unit else "-"
        detail = (
            f"{cause} {who} {money.format_money(amount)}"
            if cause == "human"
            else _("natural: to repair")
        )
        self.count("damage")
        return dmg, [("asset_damage", dmg), self.event(a, "damaged", day, op, dmg["code"], detail)]

    def damage_entry(
        self,
        when: datetime,
        op: str,
        argv: list[str],
        a: dict[str, Any],
        cause: str,
        qty: int,
        by: dict[str, Any] | None,
        note: str | None,
        source: str | None,
    ) -> dict[str, Any]:
        """damages.damage: the record and its own journal entry."""
        from houqin_cli.core import money

        person = by if by and "roles" in by else None
        unit = by if by and "roles" not in by else None
        dmg, touched = self.open_damage(
            a, cause, qty, person, unit, note, source, self.day(when), op
        )
        payload = {
            "asset": a["code"],
            "cause": cause,
            "qty": qty,
            "due": money.money_str(dmg["due_fen"]),
            "by": by["code"] if by else None,
            "source": source,
        }
        self.w.coded(when, op, argv, "asset.damage", ("asset_damage", dmg), payload, touched)
        if cause == "human":
            self.plan_payment(when, dmg)
        return dmg

    def damage(self, when: datetime) -> None:
        rng, op = self.rng, self.op()
        a = self.pick(self.all_pool, lambda a: True)
        if a is None:
            return
        cause = "human" if rng.random() < 0.5 else "natural"
        owner = self.d.places[a["place_id"]]["unit_id"] if a["place_id"] else None
        by: dict[str, Any] | None = None
        if cause == "human":
            by = self.d.units[owner] if owner and rng.random() < 0.6 else rng.choice(self.people)
        elif rng.random() < 0.3:
            by = self.d.units[owner] if owner else None
        qty = 1 if a["qty"] > 1 else a["qty"]
        note = rng.choice(NOTES)
        argv = ["asset", "damage", a["code"], "--cause", cause]
        if by:
            argv += ["--by", by["code"]]
        argv += ["--qty", str(qty), "--note", note]
        self.damage_entry(when, op, argv, a, cause, qty, by, note, None)

    def plan_payment(self, when: datetime, dmg: dict[str, Any]) -> None:
        rng = self.rng
        if dmg["due_fen"] <= 0:
            return
        r = rng.random()
        if r < 0.7:
            parts = [dmg["due_fen"]]
        elif r < 0.85:
            half = dmg["due_fen"] // 2
            parts = [half, dmg["due_fen"] - half] if half else [dmg["due_fen"]]
        elif r < 0.93:
            parts = [max(1, dmg["due_fen"] // 3)]  # part paid, the rest still owed
        else:
            return  # not yet paid
        t = when
        for fen in parts:
            t = moment(
                self.day(t) + timedelta(days=rng.randint(1, 40)), rng.randint(8 * 60, 12 * 60)
            )
            self.at(t, self.compensate, dmg["id"], fen)

    def compensate(self, when: datetime, damage_id: int, fen: int) -> None:
        from houqin_cli.core import money

        op, day = self.op(), self.day(when)
        dmg = self.w.rows["asset_damage"][damage_id]
        dmg["paid_fen"] += fen
        a = self.assets[dmg["asset_id"]]
        ev = self.event(a, "compensated", day, op, dmg["code"], money.format_money(fen))
        payload = {
            "amount": money.money_str(fen),
            "date": day.isoformat(),
            "owed": money.money_str(dmg["due_fen"] - dmg["paid_fen"]),
        }
        argv = ["asset", "compensate", dmg["code"], "--amount", money.money_str(fen)]
        coded = ("asset_damage", dmg)
        self.w.coded(when, op, argv, "asset.compensate", coded, payload, [coded, ev])
        self.count("compensate")

    # -- scrapping -------------------------------------------------------------------------------

    def scrap_request(self, when: datetime, part: bool) -> None:
        rng, op, day = self.rng, self.op(), self.day(when)
        a, part = self.pick_part(part)
        if a is None:
            return
        qty = rng.randint(1, min(10, a["qty"] - 1)) if part else a["qty"]
        by = rng.choice(self.people)
        reason = rng.choice(SCRAP_REASONS)
        s = self.w.new(
            "asset_scrap",
            code=self.w.code("BF", day.year),
            asset_id=a["id"],
            qty=qty,
            reason=reason,
            requested_by_id=by["id"],
            requested_on=day.isoformat(),
            approver_ids="",
            status="requested",
        )
        self.busy.add(a["id"])
        ev = self.event(a, "scrap_requested", day, op, s["code"], reason)
        argv = ["asset", "scrap", "request", a["code"], "--reason", reason, "--by", by["code"]]
        if part:
            argv[5:5] = ["--qty", str(qty)]
        payload = {"asset": a["code"], "qty": qty, "reason": reason}
        coded = ("asset_scrap", s)
        self.w.coded(when, op, argv, "asset.scrap.request", coded, payload, [ev, coded])
        self.count("scrap.request")
        later = moment(day + timedelta(days=rng.randint(2, 15)), rng.randint(8 * 60, 12 * 60))
        self.at(later, self.appraise, s["id"])

    def appraise(self, when: datetime, scrap_id: int) -> None:
        rng, op, day = self.rng, self.op(), self.day(when)
        s = self.w.rows["asset_scrap"][scrap_id]
        person = rng.choice([p for p in self.appraisers if p["id"] != s["requested_by_id"]])
        opinion = rng.choice(OPINIONS)
        s.update(
            appraiser_id=person["id"],
            opinion=opinion,
            appraised_on=day.isoformat(),
            status="appraised",
        )
        a = self.assets[s["asset_id"]]
        ev = self.event(a, "appraised", day, op, s["code"], f"{person['name']}: {opinion}")
        argv = ["asset", "scrap", "appraise", s["code"], "--by", person["code"]]
        argv += ["--opinion", opinion]
        payload = {"by": person["code"], "opinion": opinion}
        coded = ("asset_scrap", s)
        self.w.coded(when, op, argv, "asset.scrap.appraise", coded, payload, [ev, coded])
        later = moment(day + timedelta(days=rng.randint(1, 10)), rng.randint(8 * 60, 12 * 60))
        self.at(later, self.approve, scrap_id)

    def approve(self, when: datetime, scrap_id: int) -> None:
        from houqin_cli.core import money
        from houqin_cli.core.i18n import _

        rng, op, day = self.rng, self.op(), self.day(when)
        s = self.w.rows["asset_scrap"][scrap_id]
        a = self.assets[s["asset_id"]]
        done = [int(x) for x in s["approver_ids"].split()]
        barred = {s["appraiser_id"], s["requested_by_id"], *done}
        person = rng.choice([p for p in self.approvers if p["id"] not in barred])
        done.append(person["id"])
        s["approver_ids"] = " ".join(str(x) for x in done)
        value = money.round_fen(Decimal(a["value_fen"]) * s["qty"] / a["qty"])
        needed = 2 if value > self.committee else 1
        touched: list[tuple[str, dict[str, Any]]]
        if len(done) >= needed:
            target, touched = self.split(a, s["qty"], day, op)
            target["status"] = "scrapped"
            s["status"] = "approved"
            self.busy.discard(a["id"])
            touched.append(self.event(target, "scrapped", day, op, s["code"], person["name"]))
            self.count("scrapped")
        else:
            touched = [
                self.event(
                    a,
                    "approved",
                    day,
                    op,
                    s["code"],
                    _("{name}; a second approver is needed").format(name=person["name"]),
                )
            ]
            later = moment(day + timedelta(days=rng.randint(1, 7)), rng.randint(8 * 60, 12 * 60))
            self.at(later, self.approve, scrap_id)
        touched.append(("asset_scrap", s))
        argv = ["asset", "scrap", "approve", s["code"], "--by", person["code"]]
        payload = {"by": person["code"], "status": s["status"]}
        self.w.coded(when, op, argv, "asset.scrap.approve", ("asset_scrap", s), payload, touched)

    # -- inspections -----------------------------------------------------------------------

    def scope(self, unit_id: int | None, place_id: int | None) -> list[dict[str, Any]]:
        """inspections.scope: a unit's cards (its custody or its rooms) or a place's."""
        if unit_id is not None:
            ids = set(self.by_unit.get(unit_id, ()))
            for room in self.rooms_of.get(unit_id, ()):
                ids |= self.by_place.get(room, set())
        else:
            ids = set(self.by_place.get(place_id, ()))
        cards = [self.assets[i] for i in ids if self.assets[i]["status"] != "scrapped"]
        return sorted(cards, key=lambda a: a["code"])

    def inspect(
        self,
        when: datetime,
        kind: str,
        term: dict[str, Any],
        unit_id: int | None,
        place_id: int | None,
    ) -> None:
        """Start, record every card in scope, close: one afternoon's work."""
        rng = self.rng
        day = self.day(when)
        when = max(when, self.afternoon.get(day, when))
        op = self.op()
        insp = self.w.new(
            "asset_inspection",
            code=self.w.code("XJ", day.year),
            kind=kind,
            term_id=term["id"],
            unit_id=unit_id,
            place_id=place_id,
            status="open",
            started_on=day.isoformat(),
        )
        cards = self.scope(unit_id, place_id)
        unit = self.d.units[unit_id] if unit_id else None
        place = self.d.places[place_id] if place_id else None
        where = ["--unit", unit["code"]] if unit else ["--place", place["code"]]  # type: ignore[index]
        payload = {
            "kind": kind,
            "term": term["name"],
            "unit": unit["code"] if unit else None,
            "place": place["code"] if place else None,
            "cards": len(cards),
        }
        argv = ["asset", "inspect", "start", "--kind", kind, "--term", term["name"], *where]
        coded = ("asset_inspection", insp)
        self.w.coded(when, op, argv, "asset.inspect.start", coded, payload)
        self.count("inspection")
        for a in cards:
            when += timedelta(seconds=rng.randint(10, 40))
            if a["status"] == "on_loan" or rng.random() < 0.005:
                continue  # not there to inspect: left uninspected
            r = rng.random()
            status = "ok" if r < 0.994 else "damaged" if r < 0.999 else "missing"
            cause = note = None
            qty = a["qty"]
            argv = ["asset", "inspect", "record", insp["code"], a["code"], "--status", status]
            dmg = None
            if status == "damaged":
                cause = "human" if rng.random() < 0.5 else "natural"
                by = (
                    unit
                    if (cause == "human" and unit)
                    else rng.choice(self.people)
                    if cause == "human"
                    else None
                )
                qty = 1
                note = rng.choice(NOTES)
                argv += ["--cause", cause]
                if by:
                    argv += ["--by", by["code"]]
                argv += ["--qty", "1", "--note", note]
                dmg = self.damage_entry(when, op, argv, a, cause, 1, by, note, insp["code"])
            line = self.w.new(
                "asset_inspection_line",
                keep=False,
                inspection_id=insp["id"],
                asset_id=a["id"],
                status=status,
                cause=cause,
                qty=qty,
                damage_id=dmg["id"] if dmg else None,
                note=note,
            )
            ev = self.event(a, "inspected", day, op, insp["code"], status)
            payload = {"asset": a["code"], "status": status, "cause": cause, "qty": qty}
            touched = [ev, ("asset_inspection_line", line)]
            self.w.coded(when, op, argv, "asset.inspect.record", coded, payload, touched)
            self.count("inspect.record")
        when += timedelta(minutes=rng.randint(2, 10))
        insp["status"], insp["closed_on"] = "closed", day.isoformat()
        argv = ["asset", "inspect", "close", insp["code"]]
        self.w.coded(when, op, argv, "asset.inspect.close", coded, {})
        self.afternoon[day] = when + timedelta(minutes=5)

    # -- the plan ------------------------------------------------------------------------

    def plan(self, begin: date, end: date, counts: dict[str, int]) -> None:
        """Spread the actions over the working mornings from `begin` to `end`, and the
        inspections over each term's windows (afternoons)."""
        rng = self.rng
        days = []
        d = begin
        while d <= end:
            if d.weekday() < 5:
                days.append(d)
            d += timedelta(days=1)

        def morning(day: date) -> datetime:
            return moment(day, rng.randint(8 * 60, 12 * 60))

        jobs: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        jobs += [(self.add, ())] * counts["add"]
        jobs += [(self.move, (True,))] * counts["move.part"]
        jobs += [(self.move, (False,))] * counts["move"]
        jobs += [(self.lend, (True,))] * int(counts["lend"] * 0.4)
        jobs += [(self.lend, (False,))] * (counts["lend"] - int(counts["lend"] * 0.4))
        jobs += [(self.damage, ())] * counts["damage"]
        jobs += [(self.scrap_request, (True,))] * (counts["scrap"] // 2)
        jobs += [(self.scrap_request, (False,))] * (counts["scrap"] - counts["scrap"] // 2)
        for fn, args in jobs:
            self.at(morning(rng.choice(days)), fn, *args)
        publics = [
            pid
            for pid, p in self.d.places.items()
            if p["kind"] in ("office", "classroom", "other", "canteen", "store")
            and not (p["kind"] == "classroom" and p["unit_id"] is not None)
        ]
        for term in self.terms:
            start, stop = (
                date.fromisoformat(term["start"]),
                min(date.fromisoformat(term["end"]), end),
            )
            middle = start + (stop - start) / 2
            windows = {
                "mid": (middle - timedelta(days=10), middle + timedelta(days=10)),
                "end": (stop - timedelta(days=21), stop - timedelta(days=3)),
                "term": (stop - timedelta(days=28), stop - timedelta(days=3)),
            }
            todo = [("mid", u, None) for u in self.classes]
            todo += [("end", u, None) for u in self.classes]
            todo += [("term", None, p) for p in publics]
            for kind, unit_id, place_id in todo:
                lo, hi = windows[kind]
                lo = max(lo, begin)
                if hi < lo:
                    continue  # before the generator's start (the services did the first)
                day = lo + timedelta(days=rng.randint(0, (hi - lo).days))
                while day.weekday() >= 5:
                    day += timedelta(days=1)
                self.at(moment(day, 13 * 60 + 30), self.inspect, kind, term, unit_id, place_id)


def service_weeks(
    ledger: Any, rng: random.Random, first: date, work: Path, n_import: int
) -> datetime:
    """The register import and a few weeks of the real services at the start of the
    first spring term; returns the last moment used."""
    from houqin_cli.asset import card_import, cards, custody, damages, inspections, moves, scrap
    from houqin_cli.calendar import service as calendar_service
    from houqin_cli.core import tx
    from houqin_cli.people import units as people_units

    at = moment(first, 9 * 60)

    def write(argv: list[str]) -> Any:
        return tx.write(ledger, rng.choice(generate.OPERATORS), shlex.join(["houqin", *argv]))

    for name, building, kind, unit, _group in EXTRA_ROOMS:
        at += timedelta(minutes=1)
        argv = ["place", "add", name, "--building", building, "--kind", kind]
        argv += ["--unit", unit] if unit else []
        with pinned(at), write(argv) as s:
            people_units.add_place(s, name, building=building, unit=unit, kind=kind)
    terms = []
    for y in range(first.year, first.year + 10):
        terms.append((f"{y}-spring", date(y, 2, 20), date(y, 7, 10)))
        terms.append((f"{y}-autumn", date(y, 9, 1), date(y + 1, 1, 15)))
    for name, start, end in terms:
        at += timedelta(minutes=1)
        argv = ["term", "add", name, "--start", start.isoformat(), "--end", end.isoformat()]
        with pinned(at), write(argv) as s:
            calendar_service.add_term(s, name, start, end)
    d = directory(Path(ledger.path))
    # the old register, through the real import
    rows = register_rows(rng, d, n_import, date(first.year - 10, 1, 1), first - timedelta(days=40))
    rows.sort(key=lambda r: r["acquired"])
    sheet = work / "旧资产登记表.csv"
    write_csv(sheet, rows, rng)
    day = date(first.year, 2, 20)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    at = moment(day, 9 * 60)
    t0 = time.perf_counter()
    with pinned(at), write(["asset", "import", sheet.name]) as s:
        made = card_import.import_file(s, s.info["actor"], sheet)
    log(
        f"imported the old register: {len(made):,} cards through `asset import` ({time.perf_counter() - t0:.1f} s)"
    )
    sheet.unlink()
    import sqlite3

    con = sqlite3.connect(f"file:{ledger.path}?mode=ro", uri=True)
    try:
        batches = [
            c
            for (c,) in con.execute(
                "SELECT code FROM asset WHERE qty >= 20 AND place_id IS NOT NULL ORDER BY id LIMIT 4"
            )
        ]
        singles = [
            c
            for (c,) in con.execute(
                "SELECT code FROM asset WHERE qty = 1 AND place_id IS NOT NULL ORDER BY id LIMIT 4"
            )
        ]
        office = con.execute("SELECT p.code, p.id FROM place p WHERE p.name = '总务处'").fetchone()
    finally:
        con.close()
    keepers = unique_people(d)
    people = [p for p in d.people.values() if p["active"]]
    appraiser = next(p for p in people if p["unit_id"] == d.unit_of_name["总务处"])
    approver = next(
        p for p in people if "approver" in p["roles"].split() and p["id"] != appraiser["id"]
    )
    cls = next(u for u in d.units.values() if u["kind"] == "class")
    classroom = next(p for p in d.places.values() if p["unit_id"] == cls["id"])
    y, today, due = day.year, day.isoformat(), (day + timedelta(days=14)).isoformat()
    act = cards, custody, inspections, scrap, damages, moves
    steps: list[tuple[str, Callable[[Any, Any], Any]]] = [
        (f"asset add 学生课桌椅 --category 601 --value 268.00 --acquired {today} --qty 300 --unit 套 --place 总务库房 --funding 财政拨款",
         lambda s, a: act[0].add(s, a, "学生课桌椅", category="601", value="268.00", acquired=day, qty="300", unit="套", place="总务库房", funding="财政拨款")),
        (f"asset add 教学投影仪 --category 202 --value 4280.00 --acquired {today} --place {classroom['code']} --custodian {cls['code']}",
         lambda s, a: act[0].add(s, a, "教学投影仪", category="202", value="4280.00", acquired=day, place=classroom["code"], custodian=cls["code"])),
        (f"asset add 笔记本电脑 --category 201 --value 5699.00 --acquired {today} --custodian {keepers[0]['code']}",
         lambda s, a: act[0].add(s, a, "笔记本电脑", category="201", value="5699.00", acquired=day, custodian=keepers[0]["code"])),
        (f"asset move {batches[0]} --to {classroom['code']} --custodian {cls['code']} --qty 5",
         lambda s, a: act[5].move(s, a, batches[0], classroom["code"], cls["code"], "5")),
        (f"asset move {singles[0]} --to 总务库房",
         lambda s, a: act[5].move(s, a, singles[0], "总务库房", None, None)),
        (f"asset lend {batches[1]} --to {people[5]['code']} --due {due} --qty 2",
         lambda s, a: act[1].lend(s, a, batches[1], people[5]["code"], date.fromisoformat(due), "2", None)),
        (f"asset return JC-{y}-0001 --condition damaged --note 归还时发现损坏",
         lambda s, a: act[1].give_back(s, a, f"JC-{y}-0001", "damaged", "归还时发现损坏")),
        (f"asset damage ZC-{y}-0002 --cause human --by {cls['code']} --note 学生打闹损坏",
         lambda s, a: act[4].damage(s, a, f"ZC-{y}-0002", "human", cls["code"], None, None, "学生打闹损坏")),
        (f"asset compensate SH-{y}-0002 --amount 10.00",
         lambda s, a: act[4].compensate(s, a, f"SH-{y}-0002", "10.00", day)),
        (f"asset damage {singles[2]} --cause natural",
         lambda s, a: act[4].damage(s, a, singles[2], "natural", None, None, None, None)),
        (f"asset scrap request {batches[2]} --qty 2 --reason {SCRAP_REASONS[0]} --by {people[7]['code']}",
         lambda s, a: act[3].scrap_request(s, a, batches[2], "2", SCRAP_REASONS[0], people[7]["code"])),
        (f"asset scrap appraise BF-{y}-0001 --by {appraiser['code']} --opinion {OPINIONS[0]}",
         lambda s, a: act[3].appraise(s, a, f"BF-{y}-0001", appraiser["code"], OPINIONS[0])),
        (f"asset scrap approve BF-{y}-0001 --by {approver['code']}",
         lambda s, a: act[3].approve(s, a, f"BF-{y}-0001", approver["code"])),
        (f"asset inspect start --kind term --term {y}-spring --place {office[0]}",
         lambda s, a: act[2].start(s, a, "term", f"{y}-spring", None, office[0], False)),
    ]  # fmt: skip
    for i, (line, step) in enumerate(steps):
        with pinned(moment(day, 8 * 60 + 15 * i)), write(shlex.split(line)) as s:
            step(s, s.info["actor"])
    con = sqlite3.connect(f"file:{ledger.path}?mode=ro", uri=True)
    try:
        in_scope = [
            c
            for (c,) in con.execute(
                "SELECT code FROM asset WHERE place_id = ? AND status != 'scrapped' ORDER BY code",
                (office[1],),
            )
        ]
    finally:
        con.close()
    code = f"XJ-{day.year}-0001"
    at = moment(day, 14 * 60)
    for i, card in enumerate(in_scope):
        status, cause = ("damaged", "natural") if i == 1 else ("ok", None)
        argv = ["asset", "inspect", "record", code, card, "--status", status]
        with pinned(at), write(argv) as s:
            inspections.record(s, s.info["actor"], code, card, status, cause, None, None, None)
        at += timedelta(seconds=30)
    with pinned(at), write(["asset", "inspect", "close", code]) as s:
        inspections.close(s, s.info["actor"], code)
    ledger.dispose()
    return at


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = school_options(__doc__)
    ap.add_argument("--cards", type=int, default=20_000, help="cards added (default 20,000)")
    ap.add_argument("--splits", type=int, default=30_000, help="cards split off (default 30,000)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    ledger, first, last = open_school(args, argv, "generate_asset.py")
    rng = random.Random(args.seed + 7)
    n_import = args.cards // 5
    done = service_weeks(ledger, rng, first, args.db.resolve().parent, n_import)
    n = check_digests(args.db, ASSET_TABLES)
    log(f"the first weeks through the services: {n:,} rows, digests as journalled")
    w = Bulk(args.db, batch=args.batch)
    terms = list(w.load("term").values())
    sim = Sim(w, rng, directory(args.db), terms, args.cards + args.splits)
    scale = args.cards / 20_000
    left = args.cards - len(sim.assets)
    splits = sim.target_cards - len(sim.assets) - left  # still to split off
    counts = {
        "add": left,
        "move.part": int((splits - 0.4 * 3000 * scale - 0.5 * 2000 * scale) * 1.04),
        "move": int(6000 * scale),
        "lend": int(3000 * scale),
        "damage": int(2000 * scale),
        "scrap": int(2000 * scale),
    }
    begin = (done + CST).date() + timedelta(days=1)
    sim.plan(begin, last, counts)
    log(f"simulating {begin} to {last}: {counts}")
    sim.run()
    w.close()
    log(
        f"{len(sim.assets):,} cards ({sim.stats.get('split', 0):,} split off); "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(sim.stats.items()))
        + f"; {w.appended:,} entries appended in {time.perf_counter() - t0:.1f} s so far"
    )
    verify(args.db)
    log(f"done in {time.perf_counter() - t0:.1f} s: {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
