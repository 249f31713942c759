"""Build a big school's storeroom for the stock benchmarks.

    python benchmarks/generate_stock.py --db stock.db [--items 2000] [--movements 500000]

1. `houqin demo` (run as a command, HOUQIN_NOW pinned to 2016-08-20) gives the
   people, classes and departments, and its own 9 items and ~105 movements.
2. The rest of `--items` (a total) are added through the real service
   (`stock.items.add_item`) in one `Ledger.write` transaction: ten categories,
   units of measure, about a third durable, most with a reorder level.
3. The rest of `--movements` (a total) are ten years of receipts, issues to the
   demo's classes, departments and staff (durables against the old ones back,
   or an approved exemption), returns and voids (红冲), 2016-09-01 to
   2026-08-31, written with raw SQL in batches. Each movement is valued with
   `stock.valuation.Position`, as `stock.valuation.post` values the newest
   movement of an item; the item row carries the running quantity and value,
   and each movement gets the journal entry `stock.service._journal` +
   `journal.append` would write: its payload, the digests of the item and
   movement rows, and the chained hash.
4. Self-check: at `--check-at` movements the ledger is copied and the next
   `--check-count` movements also go through the real services
   (`service.receive/issue/give_back/void`, one `Ledger.write` each, HOUQIN_NOW
   at the movement's time) on the copy; the two ledgers' stock tables, code
   counters and journal entries must be identical, or the generator stops. At
   the end every item's movements are re-valued by the service's own
   `value_movement`/`apply_movement` (as `_replay` does) and compared, every item's quantity
   and value are compared with the sums of its movements, and
   `houqin audit verify` must exit 0.

Progress goes to stderr. SQLite only.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import shlex
import sqlite3
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import JOURNAL_COLUMNS, Raw, journal_row, log  # noqa: E402

from core import copy_ledger  # noqa: E402
from houqin_cli.core import journal, money, tx  # noqa: E402
from houqin_cli.stock.service import PREFIX  # noqa: E402
from houqin_cli.stock.valuation import Position  # noqa: E402

VERSION = "stock-2"  # bump when the generated ledger changes; --keep caches on it
START = date(2016, 9, 1)
END = date(2026, 8, 31)
DEMO_NOW = "2016-08-20T09:00:00+08:00"
ITEMS_NOW = "2016-08-25T09:00:00+08:00"
BEIJING = timedelta(hours=8)
OPERATORS = ("liming", "wangfang", "zhaojun")
VOID_REASONS = ("数量录错，重开", "单价录错", "领用单位录错", "重复录入")
NO_OLD_REASONS = ("新教室首次配发", "遗失已报告", "损坏无法回收", "新增岗位配发")
# fmt: off
BRANDS = (
    "晨光", "得力", "齐心", "真彩", "白雪", "宝克", "国誉", "金万年", "欧普", "雷士", "公牛", "正泰", "德力西", "飞利浦",
    "李宁", "红双喜", "斯伯丁", "摩腾", "蓝月亮", "威露士", "心相印", "维达", "金龙鱼", "福临门", "鲁花", "五得利", "海天",
    "三棵树", "立邦", "东方",
)
# fmt: on
# category -> supplier, [(name, unit, durable, price range in yuan, issue step, decimals)]
CATALOGUE: dict[str, tuple[str, list[tuple[str, str, bool, tuple[float, float], float, bool]]]] = {
    "办公用品": (
        "县教育用品公司",
        [
            ("签字笔", "支", False, (1, 3), 10, False),
            ("笔记本", "本", False, (3, 12), 5, False),
            ("文件夹", "个", False, (2, 8), 5, False),
            ("订书钉", "盒", False, (1, 3), 2, False),
            ("A4复印纸", "包", False, (18, 28), 5, False),
            ("档案盒", "个", False, (3, 9), 10, False),
            ("便利贴", "本", False, (2, 5), 5, False),
            ("订书机", "个", True, (15, 45), 1, False),
            ("计算器", "个", True, (20, 80), 1, False),
        ],
    ),
    "清洁用品": (
        "华联超市",
        [
            ("扫把", "把", True, (12, 25), 1, False),
            ("拖把", "把", True, (18, 35), 1, False),
            ("垃圾袋", "卷", False, (4, 9), 2, False),
            ("洗手液", "瓶", False, (8, 20), 2, False),
            ("消毒液", "桶", False, (25, 60), 1, False),
            ("抹布", "条", False, (2, 6), 5, False),
            ("洗衣粉", "kg", False, (6, 12), 2.5, True),
            ("垃圾桶", "个", True, (20, 60), 1, False),
        ],
    ),
    "维修材料": (
        "五金建材店",
        [
            ("LED灯管", "根", True, (15, 30), 2, False),
            ("水龙头", "个", True, (25, 80), 1, False),
            ("电线", "米", False, (2, 6), 10, True),
            ("开关面板", "个", True, (8, 25), 2, False),
            ("螺丝", "盒", False, (5, 15), 1, False),
            ("水管", "米", False, (5, 15), 4, True),
            ("门锁", "把", True, (30, 120), 1, False),
            ("油漆", "桶", False, (80, 260), 1, False),
        ],
    ),
    "教学用品": (
        "县教育用品公司",
        [
            ("粉笔", "盒", False, (2, 6), 3, False),
            ("白板笔", "支", False, (2, 5), 6, False),
            ("黑板擦", "个", True, (3, 10), 1, False),
            ("作业本", "本", False, (1, 3), 50, False),
            ("试卷纸", "包", False, (15, 30), 2, False),
            ("彩色粉笔", "盒", False, (4, 9), 2, False),
        ],
    ),
    "体育器材": (
        "体育用品商店",
        [
            ("篮球", "个", True, (80, 260), 1, False),
            ("足球", "个", True, (70, 220), 1, False),
            ("跳绳", "根", True, (8, 30), 5, False),
            ("乒乓球", "盒", False, (10, 30), 1, False),
            ("羽毛球", "筒", False, (25, 70), 1, False),
            ("秒表", "个", True, (20, 90), 1, False),
        ],
    ),
    "实验耗材": (
        "市化学试剂站",
        [
            ("试管", "支", False, (1, 4), 20, False),
            ("烧杯", "个", False, (4, 15), 5, False),
            ("酒精", "瓶", False, (8, 20), 2, False),
            ("滤纸", "盒", False, (6, 18), 1, False),
            ("橡胶手套", "副", False, (1, 4), 10, False),
        ],
    ),
    "食堂用品": (
        "粮油配送中心",
        [
            ("大米", "kg", False, (4, 8), 25, True),
            ("面粉", "kg", False, (3, 6), 12.5, True),
            ("食用油", "桶", False, (60, 120), 2, False),
            ("餐盘", "个", True, (8, 25), 10, False),
            ("一次性筷子", "包", False, (8, 20), 5, False),
            ("洗洁精", "桶", False, (20, 45), 1, False),
        ],
    ),
    "医务用品": (
        "县医药公司",
        [
            ("医用口罩", "盒", False, (15, 40), 2, False),
            ("创可贴", "盒", False, (5, 15), 1, False),
            ("体温计", "支", True, (5, 25), 2, False),
            ("碘伏", "瓶", False, (5, 12), 1, False),
            ("棉签", "包", False, (2, 6), 5, False),
        ],
    ),
    "电教耗材": (
        "电脑城",
        [
            ("投影灯泡", "个", True, (150, 600), 1, False),
            ("鼠标", "个", True, (20, 80), 1, False),
            ("键盘", "个", True, (40, 150), 1, False),
            ("墨盒", "个", False, (60, 180), 1, False),
            ("网线", "米", False, (1, 4), 20, True),
        ],
    ),
    "劳保用品": (
        "五金建材店",
        [
            ("劳保手套", "副", False, (2, 6), 10, False),
            ("雨靴", "双", True, (30, 70), 1, False),
            ("工作服", "套", True, (80, 200), 1, False),
            ("安全帽", "顶", True, (20, 60), 1, False),
        ],
    ),
}
MOVEMENT_COLUMNS = (
    "id",
    "code",
    "kind",
    "item_id",
    "date",
    "qty_delta",
    "value_delta",
    "price_fen",
    "supplier",
    "unit_id",
    "person_id",
    "by_id",
    "old_returned_milli",
    "no_old_reason",
    "approved_by_id",
    "reverses_id",
    "count_id",
    "note",
    "operator",
    "recorded_at",
)
COMPARED = {  # table -> ORDER BY, for the self-check against the services
    "stock_item": "id",
    "stock_movement": "id",
    "code_counter": "prefix, year",
}


@dataclass(frozen=True)
class Party:
    kind: str  # "unit" or "person"
    id: int
    code: str


@dataclass
class Rec:
    """What a later void or return needs to know of a movement."""

    id: int
    code: str
    kind: str
    qty_delta: int
    value_delta: int
    unit_id: int | None
    person_id: int | None
    seq: int
    day: date
    reversed: bool = False


def _drawer(rec: Rec) -> tuple[str, int]:
    """(party kind, id) of who drew or returned a movement (as Party.kind says)."""
    return ("unit", rec.unit_id) if rec.unit_id else ("person", rec.person_id or 0)


@dataclass
class Item:
    row: dict[str, Any]  # the stock_item row, as SELECT * gives it
    supplier: str
    price_fen: int  # the price in 2016
    step: int  # a usual issue, milli
    decimals: bool
    pos: Any = None  # stock.valuation.Position
    last_issue: tuple[int, int] | None = None  # (value, milli), for a return at zero
    recent: deque[Rec] = field(default_factory=lambda: deque(maxlen=6))
    drawers: deque[Party] = field(default_factory=lambda: deque(maxlen=8))
    # (party kind, id) -> what it drew net of returns: a return never exceeds it
    net: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def code(self) -> str:
        return str(self.row["code"])


@dataclass
class Spec:
    """One movement as a storekeeper would type it."""

    kind: str
    item: Item
    day: date
    stamp: str
    operator: str
    milli: int
    command: str = ""
    price: str | None = None
    amount: str | None = None
    supplier: str | None = None
    party: Party | None = None
    by: Party | None = None
    old: int | None = None
    no_old: str | None = None
    approver: Party | None = None
    original: Rec | None = None
    reason: str | None = None


# -- stage 1 and 2: the real program ----------------------------------------------


def houqin_exe() -> str:
    exe = Path(sys.executable).parent / "houqin"
    return str(exe) if exe.exists() else "houqin"


def build_with_services(ledger: Any, path: Path, n_items: int, seed: int) -> list[Item]:
    from houqin_cli.stock import items as item_service

    env = {k: v for k, v in os.environ.items() if k not in ("HOUQIN_DB", "HOUQIN_DEBUG")}
    env.update(HOUQIN_NOW=DEMO_NOW, HOUQIN_OPERATOR="bench", HOUQIN_LANG="en")
    t0 = time.perf_counter()
    subprocess.run([houqin_exe(), "--db", str(path), "demo"], check=True, env=env)
    log(f"houqin demo ({time.perf_counter() - t0:.1f} s)")
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    have = con.execute("SELECT count(*) FROM stock_item").fetchone()[0]
    con.close()
    plans = _item_plans(rng, max(n_items - have, 0))
    os.environ["HOUQIN_NOW"] = ITEMS_NOW
    command = shlex.join(["python", "benchmarks/generate_stock.py", "--items", str(n_items)])
    t0 = time.perf_counter()
    made: dict[str, tuple[str, int, int, bool]] = {}
    with tx.write(ledger, "bench", command) as s:
        for name, unit, cat, durable, level, spec, supplier, price, step, decimals in plans:
            it = item_service.add_item(
                s,
                name,
                unit=unit,
                category=cat,
                durable=durable,
                reorder_level=level,
                spec=spec,
            )
            made[it.code] = (supplier, price, step, decimals)
    os.environ.pop("HOUQIN_NOW", None)
    log(f"added {len(plans):,} items through the service ({time.perf_counter() - t0:.1f} s)")
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    out = []
    for r in con.execute("SELECT * FROM stock_item ORDER BY id"):
        if r["code"] in made:
            supplier, price, step, decimals = made[r["code"]]
            row = dict(r)
            for flag in ("durable", "active"):  # as the typed database layer reads them back
                row[flag] = bool(row[flag])
            out.append(Item(row, supplier, price, step, decimals))
    con.close()
    return out


def _item_plans(rng: random.Random, count: int) -> list[tuple[Any, ...]]:
    bases = [(cat, sup, b) for cat, (sup, lst) in CATALOGUE.items() for b in lst]
    plans = []
    for k in range(count):
        cat, supplier, (base, unit, durable, (lo, hi), step, decimals) = bases[k % len(bases)]
        brand = BRANDS[(k // len(bases)) % len(BRANDS)]
        lap = k // (len(bases) * len(BRANDS))
        name = f"{base}（{brand}{'' if not lap else lap + 1}）"
        spec = f"{brand}-{rng.randint(10, 999)}" if rng.random() < 0.6 else None
        price = int(rng.uniform(lo, hi) * 100)
        step_milli = int(step * 1000)
        level = None
        if rng.random() < 0.7:
            level = str(int(step * rng.randint(3, 10)))
        plans.append((name, unit, cat, durable, level, spec, supplier, price, step_milli, decimals))
    return plans


# -- people and units of the demo --------------------------------------------------


def parties(path: Path) -> dict[str, list[Party]]:
    con = sqlite3.connect(path)
    try:
        units = con.execute("SELECT id, code, kind FROM unit ORDER BY id").fetchall()
        people = con.execute(
            "SELECT id, code, roles FROM person WHERE active = 1 ORDER BY id"
        ).fetchall()
    finally:
        con.close()
    return {
        "class": [Party("unit", i, c) for i, c, k in units if k == "class"],
        "department": [Party("unit", i, c) for i, c, k in units if k == "department"],
        "person": [Party("person", i, c) for i, c, _r in people],
        "storekeeper": [
            Party("person", i, c)
            for i, c, r in people
            if "storekeeper" in r.split() or "handler" in r.split()
        ],
        "approver": [Party("person", i, c) for i, c, r in people if "approver" in r.split()],
    }


# -- stage 3: ten years of movements ------------------------------------------------


def _days(total: int, rng: random.Random) -> list[tuple[date, int]]:
    """School days with how many movements each; busy at term start, quiet in holidays."""
    days: list[date] = []
    weights: list[float] = []
    d = START
    while d <= END:
        if d.weekday() < 5:
            days.append(d)
            weights.append({7: 0.3, 8: 0.4, 2: 0.5, 9: 1.6, 3: 1.5}.get(d.month, 1.0))
        d += timedelta(days=1)
    whole = sum(weights)
    counts = [int(total * w / whole) for w in weights]
    for i in rng.sample(range(len(days)), total - sum(counts)):
        counts[i] += 1
    return list(zip(days, counts, strict=True))


def _qty(milli: int) -> str:
    return money.qty_str(money.milli_to_qty(milli))


class Simulation:
    """Decides what happens next from each item's position; the Writer values it."""

    def __init__(self, items: list[Item], who: dict[str, list[Party]], seed: int) -> None:
        self.rng = random.Random(seed + 7)
        self.items = items
        order = list(range(len(items)))
        self.rng.shuffle(order)
        weights = [0.0] * len(items)
        for rank, i in enumerate(order, start=1):  # Zipf-like: a few busy items
            weights[i] = 1 / rank**0.5
        self.cum: list[float] = []
        acc = 0.0
        for w in weights:
            acc += w
            self.cum.append(acc)
        self.who = who

    def pick(self) -> Item:
        x = self.rng.random() * self.cum[-1]
        return self.items[min(bisect.bisect_right(self.cum, x), len(self.items) - 1)]

    def next(self, day: date, stamp: str) -> Spec:
        rng = self.rng
        it = self.pick()
        op = rng.choice(OPERATORS)
        pos = it.pos
        r = rng.random()
        if pos.qty == 0 and it.last_issue is not None and r < 0.15:
            back = self._return(it, day, stamp, op)
            if back is not None:
                return back
        if pos.qty < it.step:
            if pos.qty > 0 and r < 0.3:  # the last of it goes out
                return self._issue(it, day, stamp, op, pos.qty)
            return self._receive(it, day, stamp, op)
        if r < 0.035:
            spec = self._void(it, day, stamp, op)
            if spec is not None:
                return spec
        if r < 0.07 and it.drawers:
            back = self._return(it, day, stamp, op)
            if back is not None:
                return back
        if r < 0.10:
            return self._receive(it, day, stamp, op)
        want = it.step * rng.choice((1, 1, 1, 2, 2, 3))
        if it.decimals and rng.random() < 0.5:
            want = max(500, want // 2 + rng.randint(0, 4) * 125)
        return self._issue(it, day, stamp, op, min(want, pos.qty))

    def _receive(self, it: Item, day: date, stamp: str, op: str) -> Spec:
        rng = self.rng
        years = (day - START).days / 365
        price = int(it.price_fen * 1.03**years * rng.uniform(0.95, 1.05)) or 1
        milli = it.step * rng.randint(20, 60)
        spec = Spec("receive", it, day, stamp, op, milli, supplier=it.supplier)
        if rng.random() < 0.8:
            spec.price = money.money_str(price)
            how = ["--price", spec.price]
        else:
            spec.amount = money.money_str(
                max(money.times(price, money.milli_to_qty(milli)) - rng.randint(0, 99), 1)
            )
            how = ["--amount", spec.amount]
        spec.command = shlex.join(
            ["houqin", "stock", "receive", it.code, _qty(milli), *how]
            + ["--supplier", it.supplier, "--date", day.isoformat()]
        )
        return spec

    def _party(self) -> Party:
        r = self.rng.random()
        kind = "class" if r < 0.7 else "department" if r < 0.95 else "person"
        return self.rng.choice(self.who[kind])

    def _issue(self, it: Item, day: date, stamp: str, op: str, milli: int) -> Spec:
        rng = self.rng
        party = self._party()
        spec = Spec("issue", it, day, stamp, op, milli, party=party)
        spec.by = rng.choice(self.who["storekeeper"]) if rng.random() < 0.9 else None
        argv = ["houqin", "stock", "issue", it.code, _qty(milli), "--to", party.code]
        if spec.by:
            argv += ["--by", spec.by.code]
        if it.row["durable"]:
            if rng.random() < 0.88:
                spec.old = milli
                argv += ["--old-returned", _qty(milli)]
            else:
                spec.no_old = rng.choice(NO_OLD_REASONS)
                # the approval rule: not who draws it nor who hands it out
                spec.approver = rng.choice(
                    [a for a in self.who["approver"] if a not in (party, spec.by)]
                )
                argv += ["--no-old", spec.no_old, "--approved-by", spec.approver.code]
        spec.command = shlex.join([*argv, "--date", day.isoformat()])
        return spec

    def _return(self, it: Item, day: date, stamp: str, op: str) -> Spec | None:
        """A return by one who drew the item, of no more than it drew net of returns."""
        drew = [p for p in it.drawers if it.net.get((p.kind, p.id), 0) > 0]
        if not drew:
            return None
        party = self.rng.choice(drew)
        milli = it.step if not it.decimals else max(500, it.step // 4)
        milli = min(milli, it.net[(party.kind, party.id)])
        spec = Spec("return", it, day, stamp, op, milli, party=party)
        spec.command = shlex.join(
            ["houqin", "stock", "return", it.code, _qty(milli), "--from", party.code]
            + ["--date", day.isoformat()]
        )
        return spec

    def _void(self, it: Item, day: date, stamp: str, op: str) -> Spec | None:
        pos = it.pos
        for rec in reversed(it.recent):
            if rec.reversed or rec.kind not in ("receive", "issue", "return"):
                continue
            if rec.kind == "issue" and it.net.get(_drawer(rec), 0) < -rec.qty_delta:
                continue  # its unit has returned some of it: that stays returned
            q, v = pos.qty - rec.qty_delta, pos.value - rec.value_delta
            if q < 0 or v < 0 or (q == 0 and v != 0):
                continue
            reason = self.rng.choice(VOID_REASONS)
            spec = Spec("void", it, day, stamp, op, 0, original=rec, reason=reason)
            spec.command = shlex.join(["houqin", "stock", "void", rec.code, "--reason", reason])
            return spec
        return None


class Writer:
    """Values each movement as the service does and writes it with its journal entry."""

    def __init__(self, ledger: Any, batch: int) -> None:
        self.journal = journal
        self.raw = Raw(ledger)
        self.batch = batch
        cur = self.raw.begin()
        self.seq, self.prev = cur.execute(
            "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        self.next_id = (cur.execute("SELECT max(id) FROM stock_movement").fetchone()[0] or 0) + 1
        self.counters: dict[tuple[str, int], int] = {
            (p, y): n for p, y, n in cur.execute("SELECT prefix, year, last FROM code_counter")
        }
        self.raw.commit()
        self.movements: list[tuple[Any, ...]] = []
        self.entries: list[tuple[Any, ...]] = []
        self.touched: dict[int, Item] = {}
        self.written = 0

    def write(self, spec: Spec) -> Rec:
        j = self.journal
        it, kind = spec.item, spec.kind
        pos = it.pos
        day = spec.day
        if kind == "void":
            assert spec.original is not None
            day = max(day, spec.original.day)
        key = (PREFIX[kind], day.year)
        n = self.counters.get(key, 0) + 1
        self.counters[key] = n
        code = f"{key[0]}-{key[1]}-{n:04d}"
        mid = self.next_id
        self.next_id += 1
        m: dict[str, Any] = dict.fromkeys(MOVEMENT_COLUMNS)
        m.update(
            id=mid,
            code=code,
            kind=kind,
            item_id=it.id,
            date=day.isoformat(),
            operator=spec.operator,
            recorded_at=spec.stamp,
        )
        payload: dict[str, Any]
        reverses = None
        if kind == "receive":
            qty = spec.milli
            if spec.price is not None:
                m["price_fen"] = money.parse_money(spec.price)
                value = money.times(m["price_fen"], money.milli_to_qty(qty))
            else:
                value = money.parse_money(str(spec.amount))
            m["supplier"] = spec.supplier
            extra: dict[str, Any] = {"supplier": spec.supplier}
        elif kind == "issue":
            assert spec.party is not None
            qty = -spec.milli
            value = -pos.out_value(spec.milli)
            m[f"{spec.party.kind}_id"] = spec.party.id
            m["by_id"] = spec.by.id if spec.by else None
            m["old_returned_milli"] = spec.old
            m["no_old_reason"] = spec.no_old
            m["approved_by_id"] = spec.approver.id if spec.approver else None
            extra = {
                "to": spec.party.code,
                "by": spec.by.code if spec.by else None,
                "old_returned": None if spec.old is None else _qty(spec.old),
                "no_old": spec.no_old,
                "approved_by": spec.approver.code if spec.approver else None,
            }
        elif kind == "return":
            assert spec.party is not None
            qty = spec.milli
            at_avg = pos.in_value_at_average(qty)
            if at_avg is None:
                assert it.last_issue is not None
                last_value, last_milli = it.last_issue
                at_avg = money.round_fen(Decimal(last_value) * qty / last_milli)
            value = at_avg
            m[f"{spec.party.kind}_id"] = spec.party.id
            extra = {"returned_by": spec.party.code}
        else:  # void
            orig = spec.original
            assert orig is not None
            qty, value = -orig.qty_delta, -orig.value_delta
            m.update(
                reverses_id=orig.id,
                note=spec.reason,
                unit_id=orig.unit_id,
                person_id=orig.person_id,
            )
            orig.reversed = True
            reverses = orig.seq
            extra = {"reverses": orig.code, "reason": spec.reason}
        m["qty_delta"], m["value_delta"] = qty, value
        pos.qty += qty
        pos.value += value
        if pos.qty < 0 or pos.value < 0 or (pos.qty == 0 and pos.value != 0):
            raise SystemExit(f"{code}: the generator left {it.code} at {pos}; a bug")
        it.row["qty_milli"], it.row["value_fen"] = pos.qty, pos.value
        self.touched[it.id] = it
        payload = {
            "kind": kind,
            "item": it.code,
            "date": m["date"],
            "quantity": _qty(qty),
            "value": money.money_str(value),
            **extra,
        }
        self.seq += 1
        digests = (
            f"stock_item:{it.id}={j.row_digest(it.row)} stock_movement:{mid}={j.row_digest(m)}"
        )
        text = j.canonical_json(payload)
        action, entity_id = f"stock.{kind}", str(mid)
        head = (self.seq, spec.stamp, spec.operator, spec.command, action, "stock_movement")
        self.entries.append(journal_row(self.prev, *head, entity_id, code, reverses, text, digests))
        self.prev = self.entries[-1][-1]
        self.movements.append(tuple(m[c] for c in MOVEMENT_COLUMNS))
        rec = Rec(mid, code, kind, qty, value, m["unit_id"], m["person_id"], self.seq, day)
        it.recent.append(rec)
        if kind != "receive" and (rec.unit_id or rec.person_id):
            key = _drawer(rec)
            it.net[key] = it.net.get(key, 0) - qty
        if kind == "issue":
            it.last_issue = (-value, -qty)
            assert spec.party is not None
            it.drawers.append(spec.party)
        if len(self.movements) >= self.batch:
            self.flush()
        return rec

    def flush(self) -> None:
        if not self.movements:
            return
        cur = self.raw.begin()
        cur.executemany(
            f"INSERT INTO stock_movement ({', '.join(MOVEMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(MOVEMENT_COLUMNS))})",
            self.movements,
        )
        cur.executemany(
            "UPDATE stock_item SET qty_milli = ?, value_fen = ? WHERE id = ?",
            [(it.pos.qty, it.pos.value, it.id) for it in self.touched.values()],
        )
        cur.executemany(
            "INSERT OR REPLACE INTO code_counter (prefix, year, last) VALUES (?, ?, ?)",
            [(p, y, n) for (p, y), n in self.counters.items()],
        )
        cur.executemany(
            f"INSERT INTO journal ({', '.join(JOURNAL_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(JOURNAL_COLUMNS))})",
            self.entries,
        )
        self.raw.commit()
        self.written += len(self.movements)
        self.movements.clear()
        self.entries.clear()
        self.touched.clear()

    def close(self) -> None:
        self.flush()
        self.raw.close()


# -- the self-check against the real services ---------------------------------------


def via_services(ledger: Any, spec: Spec) -> None:
    """The same movement through the program's own service, as the command would."""
    from houqin_cli.stock import service

    os.environ["HOUQIN_NOW"] = spec.stamp
    qty = _qty(spec.milli)
    with tx.write(ledger, spec.operator, spec.command) as s:
        actor = s.info["actor"]
        code = spec.item.code
        if spec.kind == "receive":
            service.receive(
                s,
                actor,
                code,
                qty,
                price=spec.price,
                amount=spec.amount,
                supplier=spec.supplier,
                day=spec.day,
            )
        elif spec.kind == "issue":
            assert spec.party is not None
            service.issue(
                s,
                actor,
                code,
                qty,
                to=spec.party.code,
                by=spec.by.code if spec.by else None,
                old_returned=None if spec.old is None else _qty(spec.old),
                no_old=spec.no_old,
                approved_by=spec.approver.code if spec.approver else None,
                day=spec.day,
            )
        elif spec.kind == "return":
            assert spec.party is not None
            service.give_back(s, actor, code, qty, from_=spec.party.code, day=spec.day)
        else:
            assert spec.original is not None and spec.reason is not None
            service.void(s, actor, spec.original.code, spec.reason, spec.day)


def compare(a: Path, b: Path, after_seq: int) -> None:
    """The raw ledger `a` and the services' ledger `b` must hold the same rows."""
    ca, cb = sqlite3.connect(a), sqlite3.connect(b)
    try:
        queries = [(t, f"SELECT * FROM {t} ORDER BY {o}") for t, o in COMPARED.items()]
        queries.append(("journal", f"SELECT * FROM journal WHERE seq > {after_seq} ORDER BY seq"))
        for table, sql in queries:
            ra, rb = ca.execute(sql).fetchall(), cb.execute(sql).fetchall()
            for x, y in zip(ra, rb, strict=False):
                if x != y:
                    raise SystemExit(
                        f"self-check: {table} differs from what the services write:\n"
                        f"  generator: {x}\n  services:  {y}"
                    )
            if len(ra) != len(rb):
                raise SystemExit(f"self-check: {table} has {len(ra)} rows, services {len(rb)}")
    finally:
        ca.close()
        cb.close()


def _variety(specs: list[Spec]) -> list[str]:
    seen = set()
    for s in specs:
        seen.add(s.kind)
        if s.kind == "receive":
            seen.add("receive --amount" if s.amount else "receive --price")
        if s.kind == "issue":
            if s.no_old:
                seen.add("issue --no-old")
            if s.old:
                seen.add("issue --old-returned")
            if s.party and s.party.kind == "person":
                seen.add("issue to a person")
            if s.milli == s.item.pos.qty:
                seen.add("issue the last")
        if s.kind == "return" and s.item.pos.qty == 0:
            seen.add("return at zero")
        if s.kind == "void" and s.original is not None:
            seen.add(f"void ({s.original.kind})")
    return sorted(seen)


# -- the final checks ------------------------------------------------------------------


def check_sums(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        bad = con.execute(
            "SELECT i.code, i.qty_milli, i.value_fen, coalesce(s.q, 0), coalesce(s.v, 0) "
            "FROM stock_item i LEFT JOIN (SELECT item_id, SUM(qty_delta) q, SUM(value_delta) v "
            "FROM stock_movement GROUP BY item_id) s ON s.item_id = i.id "
            "WHERE i.qty_milli != coalesce(s.q, 0) OR i.value_fen != coalesce(s.v, 0) "
            "OR (i.qty_milli = 0 AND i.value_fen != 0) LIMIT 5"
        ).fetchall()
    finally:
        con.close()
    if bad:
        raise SystemExit(f"item quantity/value differ from the sums of their movements: {bad}")
    log("every item's quantity and value equal the sums of its movements")


def check_valuation(ledger: Any) -> None:
    """Re-value every movement with the service's own value_movement/apply_movement, as _replay does."""
    from sqlalchemy import select
    from sqlmodel import col

    from houqin_cli.stock import valuation
    from houqin_cli.stock.models import StockItem, StockMovement

    t0 = time.perf_counter()
    checked = 0
    with ledger.read() as s, s.no_autoflush:
        ids = [i for (i,) in s.execute(select(col(StockItem.id)).order_by(col(StockItem.id)))]
        for item_id in ids:
            item = s.get(StockItem, item_id)
            assert item is not None
            pos = valuation.Position(0, 0)
            q = (
                select(StockMovement)
                .where(col(StockMovement.item_id) == item_id)
                .order_by(col(StockMovement.date), col(StockMovement.id))
            )
            for m in s.execute(q).scalars():
                stored = m.value_delta
                valuation.value_movement(s, item, m, pos)
                valuation.apply_movement(item, m, pos)
                checked += 1
                if m.value_delta != stored:
                    raise SystemExit(
                        f"{m.code}: valued {stored}, the service values it {m.value_delta}"
                    )
            if (pos.qty, pos.value) != (item.qty_milli, item.value_fen):
                raise SystemExit(f"{item.code}: the service's replay ends at {pos}")
            s.rollback()
            s.expunge_all()
    log(
        f"the service re-values all {checked:,} movements identically "
        f"({time.perf_counter() - t0:.1f} s)"
    )


def audit_verify(path: Path) -> None:
    t0 = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k not in ("HOUQIN_NOW", "HOUQIN_DB")}
    res = subprocess.run(
        [houqin_exe(), "--db", str(path), "audit", "verify"],
        env={**env, "HOUQIN_LANG": "en"},
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode != 0:
        raise SystemExit(f"houqin audit verify exit {res.returncode}:\n{res.stdout}{res.stderr}")
    log(f"houqin audit verify: exit 0 ({time.perf_counter() - t0:.1f} s)")


# -- main --------------------------------------------------------------------------------


def generate(
    path: Path,
    n_items: int,
    n_movements: int,
    *,
    batch: int = 50_000,
    seed: int = 2026,
    check_at: int = 50_000,
    check_count: int = 1500,
    checks: bool = True,
) -> None:
    from houqin_cli.core.db import Ledger

    ledger = Ledger.from_option(str(path))
    t_all = time.perf_counter()
    items = build_with_services(ledger, path, n_items, seed)
    ledger.dispose()
    if not items:
        raise SystemExit("no items to move; give --items above the demo's")
    for it in items:
        it.pos = Position(0, 0)
    who = parties(path)
    con = sqlite3.connect(path)
    have = con.execute("SELECT count(*) FROM stock_movement").fetchone()[0]
    con.close()
    todo = max(n_movements - have, 0)
    sim = Simulation(items, who, seed)
    rng = random.Random(seed + 11)
    writer = Writer(ledger, batch)
    check_at = min(check_at, todo // 2)
    window: list[Spec] = []
    variety: list[str] = []
    base_seq = 0
    check_db = path.with_name(path.name + ".check")
    log(f"writing {todo:,} movements, {START} to {END}, in batches of {batch:,}")
    t0 = time.perf_counter()
    done = 0
    for day, count in _days(todo, rng):
        secs = sorted(rng.randint(8 * 3600, 17 * 3600 + 1800) for _ in range(count))
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC) - BEIJING
        for sec in secs:
            stamp = (midnight + timedelta(seconds=sec)).strftime("%Y-%m-%dT%H:%M:%SZ")
            if checks and done == check_at:
                writer.flush()
                copy_ledger(path, check_db)
                base_seq = writer.seq
            spec = sim.next(day, stamp)
            in_window = checks and check_at <= done < check_at + check_count
            if in_window:
                variety.extend(_variety([spec]))
            writer.write(spec)
            if in_window:
                window.append(spec)
            done += 1
            if checks and done == check_at + check_count:
                writer.flush()
                self_check(path, check_db, window, base_seq, sorted(set(variety)))
            if done % batch == 0:
                rate = done / max(time.perf_counter() - t0, 1e-9)
                log(f"  {done:,} / {todo:,} movements ({rate:,.0f}/s), {day}")
    writer.close()
    log(f"wrote {done:,} movements in {time.perf_counter() - t0:.1f} s")
    if checks:
        check_sums(path)
        check_valuation(ledger)
        ledger.dispose()
        audit_verify(path)
    log(f"done in {time.perf_counter() - t_all:.1f} s: {path}")


def self_check(
    path: Path, check_db: Path, window: list[Spec], base_seq: int, kinds: list[str]
) -> None:
    from houqin_cli.core.db import Ledger

    t0 = time.perf_counter()
    other = Ledger.from_option(str(check_db))
    try:
        for spec in window:
            via_services(other, spec)
    finally:
        other.dispose()
        os.environ.pop("HOUQIN_NOW", None)
    compare(path, check_db, base_seq)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{check_db}{suffix}").unlink(missing_ok=True)
    log(
        f"self-check: {len(window):,} movements through the services give the same rows and "
        f"journal entries ({time.perf_counter() - t0:.1f} s); covered: {', '.join(kinds)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, type=Path, help="a SQLite path")
    ap.add_argument("--items", type=int, default=2000, help="items in total (default 2000)")
    ap.add_argument(
        "--movements", type=int, default=500_000, help="movements in total (default 500,000)"
    )
    ap.add_argument("--batch", type=int, default=50_000, help="movements per transaction")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--check-at", type=int, default=50_000, help="self-check from this movement")
    ap.add_argument("--check-count", type=int, default=1500, help="movements self-checked")
    ap.add_argument("--no-check", action="store_true", help="skip the self-check and the checks")
    ap.add_argument("--force", action="store_true", help="replace an existing file")
    args = ap.parse_args(argv)
    path: Path = args.db
    if path.exists() and not args.force:
        log(f"{path} exists; give --force to replace it")
        return 2
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ.pop("HOUQIN_DB", None)
    generate(
        path,
        args.items,
        args.movements,
        batch=args.batch,
        seed=args.seed,
        check_at=args.check_at,
        check_count=args.check_count,
        checks=not args.no_check,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
