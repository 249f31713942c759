"""Build a school's money ledger for benchmarks/audit.py: ten years of purchase receipts.

    python benchmarks/generate_money.py --db money.db [--receipts 50000] [--people 3000]

1. The school (units, places, `--people` people) is built by the foundation's
   generate.build_with_services, registered on 1 January ten years ago.
2. Its first week goes through the real services (receipts.add_receipt,
   void_receipt, add_income, set_budget): the month's budgets, two incomes,
   a dozen service receipts (one above the approval threshold, one above the
   committee threshold, travel with its approver) and one reversal. The
   generator then checks that its own digest of every row, read back with
   plain SQL, is the digest those services journalled.
3. The rest of the ten calendar years is appended with raw SQL, in
   transactions of `--batch` journal entries, each entry written as the
   service and journal.append would write it (the same rows, payload,
   `digests` and hash chain): every month the budgets of the ten categories,
   the allocation from the central office, the canteen fees and some other
   income, then the month's receipts (busier in March and September, quieter
   in January, February and August), each signed by three different people,
   with one approver above audit.approval_threshold and two above
   audit.committee_threshold, and ~0.5 % reversed a few days later. Goods
   receipts (office, teaching, cleaning, food, equipment) certify stock
   receipts (RK-) or asset cards (ZC-) adding up to the amount to the fen; those
   RK-/ZC- records are not in this ledger (the storeroom and the asset register
   have their own benchmarks), only the receipt_link rows naming them.
4. Finally it runs `houqin audit verify` on the result and fails unless it
   exits 0.

The bulk journal writer (class Bulk) and the digest check are shared with
benchmarks/generate_asset.py. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shlex
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (the foundation's school: units, places, people)
from generate import log  # noqa: E402

VERSION = "1"  # bump when the generated ledger changes shape (reuse with --keep)
CST = timedelta(hours=8)  # the school's zone, Asia/Shanghai (no daylight saving)


# -- time ------------------------------------------------------------------------------


def ten_years(today: date | None = None) -> tuple[date, date]:
    """The last ten whole calendar years before this one."""
    today = today or date.today()
    return date(today.year - 10, 1, 1), date(today.year - 1, 12, 31)


def moment(day: date, minutes: int) -> datetime:
    """`minutes` after local midnight of `day`, as an aware UTC datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - CST + timedelta(minutes=minutes)


def office_minutes(rng: random.Random) -> int:
    """A moment of the working day, 08:00-17:30 local."""
    return rng.randint(8 * 60, 17 * 60 + 30)


def working_days(year: int, month: int) -> list[date]:
    d = date(year, month, 1)
    out = []
    while d.month == month:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


def months(first: date, last: date) -> Iterator[tuple[int, int]]:
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


@contextmanager
def pinned(at: datetime) -> Iterator[None]:
    """HOUQIN_NOW for the services called inside."""
    old = os.environ.get("HOUQIN_NOW")
    os.environ["HOUQIN_NOW"] = at.isoformat()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HOUQIN_NOW", None)
        else:
            os.environ["HOUQIN_NOW"] = old


# -- the school, through the foundation's generator -------------------------------------


def create_school(path: Path, people: int, start: date, seed: int, command: str) -> Any:
    """A new ledger at `path` with the foundation's school, registered on `start`."""
    from houqin_cli.core.db import Ledger
    from houqin_cli.core.i18n import set_language

    set_language("zh")  # what a Chinese school's ledger holds (event details, messages)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ledger = Ledger.from_option(str(path))
    # build_with_services pins HOUQIN_NOW to generate.START: the day the ten years begin
    generate.START = moment(start, 8 * 60)
    generate.build_with_services(ledger, people, command, "bench", seed)
    return ledger


def verify(path: Path) -> None:
    """`houqin audit verify` on the result must exit 0."""
    houqin = Path(sys.executable).parent / "houqin"
    env = {k: v for k, v in os.environ.items() if k not in ("HOUQIN_NOW", "HOUQIN_DB")}
    t0 = time.perf_counter()
    res = subprocess.run(
        [str(houqin), "--db", str(path), "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode != 0:
        raise SystemExit(
            f"houqin audit verify failed on {path} (exit {res.returncode}):\n"
            + "\n".join((res.stdout + res.stderr).splitlines()[:20])
        )
    log(f"houqin audit verify: exit 0 ({time.perf_counter() - t0:.1f} s) {res.stderr.strip()}")


# -- the bulk journal writer -------------------------------------------------------------


def _tables() -> dict[str, list[str]]:
    from sqlmodel import SQLModel

    from houqin_cli import domains

    domains.load_models()

    return {name: [c.key for c in t.columns] for name, t in SQLModel.metadata.tables.items()}


def _booleans() -> dict[str, tuple[str, ...]]:
    """table -> its Boolean columns: SQLAlchemy reads them as bool (SQLite stores 0/1),
    and a row's digest is over what SQLAlchemy reads."""
    from sqlalchemy import Boolean
    from sqlmodel import SQLModel

    from houqin_cli import domains

    domains.load_models()

    return {
        name: tuple(c.key for c in t.columns if isinstance(c.type, Boolean))
        for name, t in SQLModel.metadata.tables.items()
    }


def typed(row: dict[str, Any], booleans: tuple[str, ...]) -> dict[str, Any]:
    """A row as SQLAlchemy returns it, for its digest: booleans as bool (dates may stay
    ISO text: the canonical JSON writes a date as its ISO text)."""
    for key in booleans:
        if row[key] is not None:
            row[key] = bool(row[key])
    return row


def digests_text(touched: Iterable[tuple[str, dict[str, Any]]]) -> str:
    """'table:pk=digest …' as journal._current_digests writes it: tables by name,
    keys sorted as text, each row's digest over its non-null columns."""
    from houqin_cli.core.journal import row_digest

    by_table: dict[str, dict[str, dict[str, Any]]] = {}
    for table, row in touched:
        by_table.setdefault(table, {})[str(row["id"])] = row
    out = []
    for name in sorted(by_table):
        rows = by_table[name]
        out.extend(f"{name}:{pk}={row_digest(rows[pk])}" for pk in sorted(rows))
    return " ".join(out)


def check_digests(path: Path, tables: Iterable[str]) -> int:
    """Every row of `tables`, read back with plain SQL, must have the digest its last
    journal entry recorded: what the services wrote is what Bulk writes. Returns rows."""
    from houqin_cli.core.journal import parse_digests, row_digest

    booleans = _booleans()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        recorded: dict[tuple[str, str], str] = {}
        for (digests,) in con.execute("SELECT digests FROM journal ORDER BY seq"):
            for table, pk, digest in parse_digests(digests):
                recorded[(table, pk)] = digest
        n = 0
        for table in tables:
            for r in con.execute(f"SELECT * FROM {table}"):
                row = typed(dict(r), booleans[table])
                if recorded.get((table, str(row["id"]))) != row_digest(row):
                    raise SystemExit(
                        f"{table} {row['id']}: the digest of the row as stored differs from the "
                        "one the services journalled; the generator no longer matches "
                        "journal.row_digest or the table"
                    )
                n += 1
    finally:
        con.close()
    return n


@dataclass
class Bulk:
    """Appends journal entries, and the rows they record, straight to a SQLite ledger,
    as the services and journal.append would write them.

    Rows are plain dicts of every column as SQLAlchemy reads them back (booleans
    as bool; dates as ISO text, which digests as a date does), so their digests
    are the ones `audit verify` recomputes.
    Rows an entry touches are written (INSERT OR REPLACE, their latest state) in
    the same transaction as the entry, so the ledger verifies after every commit."""

    path: Path
    batch: int = 20_000
    con: sqlite3.Connection = field(init=False)
    columns: dict[str, list[str]] = field(init=False)
    booleans: dict[str, tuple[str, ...]] = field(init=False)
    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    first_seq: dict[str, int] = field(default_factory=dict)  # code -> its first entry
    seq: int = 0
    prev: str = ""
    appended: int = 0
    _rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    _journal: list[tuple[Any, ...]] = field(default_factory=list)
    _t0: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        self.con = sqlite3.connect(str(self.path), isolation_level=None)
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.execute("PRAGMA cache_size=-200000")
        self.columns = _tables()
        self.booleans = _booleans()
        self.seq, self.prev = self.con.execute(
            "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        for prefix, year, last in self.con.execute("SELECT prefix, year, last FROM code_counter"):
            self.counters[(prefix, year)] = last

    def load(self, table: str, where: str = "") -> dict[int, dict[str, Any]]:
        """The table's rows as dicts (kept: later entries may change them)."""
        cur = self.con.execute(f"SELECT * FROM {table} {where}")
        names = [d[0] for d in cur.description]
        rows = self.rows.setdefault(table, {})
        for r in cur:
            row = typed(dict(zip(names, r, strict=True)), self.booleans[table])
            rows[row["id"]] = row
        return rows

    def new(self, table: str, keep: bool = True, **values: Any) -> dict[str, Any]:
        """A new row with the next id; columns not given are NULL. Rows never changed
        again (events, lines) are not kept in `rows` (`keep=False`)."""
        if table not in self.next_id:
            (top,) = self.con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
            self.next_id[table] = top + 1
        row: dict[str, Any] = dict.fromkeys(self.columns[table])
        row.update(values)
        typed(row, self.booleans[table])
        row["id"] = self.next_id[table]
        self.next_id[table] += 1
        if keep:
            self.rows.setdefault(table, {})[row["id"]] = row
        return row

    def code(self, prefix: str, year: int = 0, width: int = 4) -> str:
        """The next code as codes.next_code gives it (PREFIX-YEAR-NNNN or PREFIX-NNNN)."""
        n = self.counters.get((prefix, year), 0) + 1
        self.counters[(prefix, year)] = n
        return f"{prefix}-{year}-{n:0{width}d}" if year else f"{prefix}-{n:0{width}d}"

    def append(
        self,
        at: datetime,
        operator: str,
        argv: list[str],
        action: str,
        entity: str,
        touched: list[tuple[str, dict[str, Any]]],
        *,
        entity_id: Any = None,
        code: str | None = None,
        payload: dict[str, Any] | None = None,
        reverses: int | None = None,
    ) -> int:
        """One journal entry for the rows `touched` in their current state; its seq."""
        from houqin_cli.core.journal import canonical_json

        self.seq += 1
        stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        command = shlex.join(["houqin", *argv])
        body = canonical_json(dict(payload or {}))
        digests = digests_text(touched)
        eid = None if entity_id is None else str(entity_id)
        what = (action, entity, eid, code, reverses, body, digests)
        line = generate.journal_row(self.prev, self.seq, stamp, operator, command, *what)
        self._journal.append(line)
        self.prev = line[-1]
        for table, row in touched:
            self._rows.setdefault(table, {})[row["id"]] = row
        if code is not None and code not in self.first_seq:
            self.first_seq[code] = self.seq
        self.appended += 1
        if len(self._journal) >= self.batch:
            self.flush()
        return self.seq

    def coded(
        self,
        at: datetime,
        operator: str,
        argv: list[str],
        action: str,
        record: tuple[str, dict[str, Any]],
        payload: dict[str, Any],
        touched: list[tuple[str, dict[str, Any]]] | None = None,
        reverses: int | None = None,
    ) -> int:
        """The entry of `action` on one coded record (its table and row), named by the
        row's id and code as journal.record names it; the rows `touched` default to the
        record alone."""
        table, row = record
        return self.append(
            at, operator, argv, action, table, touched or [record],
            entity_id=row["id"], code=row["code"], payload=payload, reverses=reverses,
        )  # fmt: skip

    def flush(self) -> None:
        if not self._journal:
            return
        cur = self.con.cursor()
        cur.execute("BEGIN IMMEDIATE")
        for table, rows in self._rows.items():
            cols = self.columns[table]
            cur.executemany(
                f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                [tuple(r[c] for c in cols) for r in rows.values()],
            )
        cur.executemany(
            f"INSERT INTO journal ({', '.join(generate.JOURNAL_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(generate.JOURNAL_COLUMNS))})",
            self._journal,
        )
        cur.executemany(
            "INSERT OR REPLACE INTO code_counter (prefix, year, last) VALUES (?, ?, ?)",
            [(p, y, n) for (p, y), n in self.counters.items()],
        )
        cur.execute("COMMIT")
        self._rows.clear()
        self._journal.clear()
        rate = self.appended / max(time.perf_counter() - self._t0, 1e-9)
        log(f"  {self.seq:,} journal entries ({rate:,.0f} appended/s)")

    def close(self) -> None:
        self.flush()
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.execute("ANALYZE")  # as a long-lived ledger would have, after `db` upkeep
        self.con.close()


# -- the money -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    code: str
    weight: float  # share of the receipts
    median: float  # yuan
    sigma: float
    suppliers: tuple[str, ...]
    link: str | None  # "stock" or "asset" for goods; None: --service


KINDS = (
    Kind(
        "office", 12, 600, 0.9, ("县教育用品公司", "晨光文具专营店", "得力办公用品经销部"), "stock"
    ),
    Kind("teaching", 10, 1200, 1.0, ("新华书店教育服务部", "县教学仪器站", "育才教具厂"), "stock"),
    Kind("cleaning", 8, 400, 0.7, ("洁雅保洁用品商行", "蓝月亮日化经销部"), "stock"),
    Kind(
        "food",
        35,
        2500,
        0.6,
        ("县粮油公司", "绿源蔬菜配送中心", "鲜达肉类批发部", "光明乳业经销部", "城南禽蛋批发部"),
        "stock",
    ),
    Kind("equipment", 4, 8000, 1.1, ("联想电脑专卖店", "县电器城", "县体育器材公司"), "asset"),
    Kind("repair", 10, 1500, 1.0, ("后勤维修服务部", "城关水电维修队", "鑫达门窗维修部"), None),
    Kind("utilities", 5, 6000, 0.5, ("县供电公司", "县自来水公司", "中国电信县分公司"), None),
    Kind("travel", 6, 900, 0.6, ("县交通客运站", "中国铁路", "如家酒店"), None),
    Kind("training", 4, 2000, 0.8, ("县教师进修学校", "市教育学会"), None),
    Kind("other", 6, 800, 1.0, ("县印刷厂", "县邮政局", "县保险公司"), None),
)
BY_KIND = {k.code: k for k in KINDS}
# busier when terms start (March, September), quieter in the holidays
SEASON = {1: 0.6, 2: 0.7, 3: 1.4, 4: 1.0, 5: 1.0, 6: 1.1, 7: 0.8, 8: 0.7, 9: 1.5, 10: 1.0}
VOID_SHARE = 0.005
VOID_REASONS = ("发票信息有误，重新开具", "重复录入", "供应商退货退款", "金额录入错误")
THRESHOLD, COMMITTEE = 500_000, 5_000_000  # fen: the settings' defaults


@dataclass
class Signers:
    handlers: list[tuple[int, str]]
    acceptors: list[tuple[int, str]]
    reviewers: list[tuple[int, str]]
    approvers: list[tuple[int, str]]


def signers(path: Path) -> Signers:
    """Pools of people (id, code): 总务处 and teachers buy, clerks of the offices that
    receive goods accept, 财务室 reviews, people with the approver role approve."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        people = con.execute(
            "SELECT p.id, p.code, p.roles, u.name, u.kind FROM person p "
            "LEFT JOIN unit u ON u.id = p.unit_id WHERE p.active = 1 ORDER BY p.id"
        ).fetchall()
    finally:
        con.close()
    dept = {name for name, _roles in generate.DEPARTMENTS}
    handlers = [(i, c) for i, c, _r, u, k in people if u == "总务处" or k == "grade"][:80]
    acceptors = [(i, c) for i, c, _r, u, _k in people if u in ("总务处", "食堂", "图书馆")]
    reviewers = [(i, c) for i, c, _r, u, _k in people if u == "财务室"]
    approvers = [(i, c) for i, c, r, u, _k in people if "approver" in r.split() and u in dept]
    if min(len(handlers), len(acceptors), len(reviewers)) < 3 or len(approvers) < 4:
        raise SystemExit("too few people to sign receipts; give --people 1000 or more")
    return Signers(handlers, acceptors, reviewers, approvers)


def _amount(rng: random.Random, kind: Kind) -> int:
    yuan = kind.median * math.exp(rng.gauss(0, kind.sigma))
    yuan = min(max(yuan, 20.0), 400_000.0)
    fen = int(round(yuan * 100))
    return fen - fen % 100 if rng.random() < 0.5 else fen  # half of them whole yuan


# what a reversal keeps of the receipt it reverses (the amount is negated)
REVERSAL_KEEPS = (
    "supplier",
    "invoice",
    "invoice_date",
    "category",
    "handler_id",
    "acceptor_id",
    "reviewer_id",
    "service",
)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    if parts == 1 or total < parts * 100:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


@dataclass
class Planned:
    at: datetime
    order: int  # budgets, then income, then receipts, then reversals at the same moment
    kind: str
    data: dict[str, Any]


def plan(
    rng: random.Random, first: date, last: date, receipts: int, start_after: datetime
) -> list[Planned]:
    """Every action of the ten years, in time order."""
    spans = list(months(first, last))
    weights = [SEASON.get(m, 1.0) * (1 + 0.04 * (y - first.year)) for y, m in spans]
    scale = receipts / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(len(spans)), receipts - sum(counts)):
        counts[i] += 1
    kinds = [k.code for k in KINDS]
    kind_w = [k.weight for k in KINDS]
    out: list[Planned] = []
    for (y, m), n in zip(spans, counts, strict=True):
        days = working_days(y, m)
        opening = moment(days[0], 8 * 60 + 10)
        served = opening <= start_after  # the first week went through the services
        if served:
            days = [d for d in days if moment(d, 8 * 60) > start_after] or days[-1:]
            opening = moment(days[0], 8 * 60 + 5)
        spent: dict[str, int] = {}
        for _ in range(n):
            kind = BY_KIND[rng.choices(kinds, kind_w)[0]]
            fen = _amount(rng, kind)
            day = rng.choice(days)
            at = max(moment(day, office_minutes(rng)), opening + timedelta(minutes=30))
            spent[kind.code] = spent.get(kind.code, 0) + fen
            out.append(Planned(at, 2, "receipt", {"kind": kind, "fen": fen, "day": day}))
            if rng.random() < VOID_SHARE and day < last:
                later = at + timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 120))
                out.append(Planned(later, 3, "void", {"of": out[-1]}))

        def income(at: datetime, source: str, fen: int, day: date) -> None:
            if fen > 0:
                out.append(Planned(at, 1, "income", {"source": source, "fen": fen, "day": day}))

        total = sum(spent.values())
        if not served:  # the services set the first month's budgets and allocation
            for code, fen in sorted(spent.items()):
                budget = int(fen * rng.uniform(0.95, 1.3)) // 10_000 * 10_000 + 10_000
                month = f"{y:04d}-{m:02d}"
                out.append(
                    Planned(opening, 0, "budget", {"month": month, "cat": code, "fen": budget})
                )
            allocation = int(total * rng.uniform(0.55, 0.7)) // 100_000 * 100_000
            income(opening + timedelta(minutes=1), "总校拨款", allocation, days[0])
        food_day = days[min(len(days) - 1, rng.randint(3, 7))]
        fees = int(spent.get("food", 0) * rng.uniform(1.0, 1.1))
        income(moment(food_day, 9 * 60), "伙食费", fees, food_day)
        if m in (3, 6, 9, 12):
            d = rng.choice(days)
            income(moment(d, 10 * 60), "上级专项补助", int(total * 0.25) // 100 * 100, d)
        if rng.random() < 0.3:
            d = rng.choice(days)
            income(moment(d, 15 * 60), "场地租金", rng.randint(30, 120) * 10_000, d)
    out.sort(key=lambda p: (p.at, p.order))
    return out


def _signed(rng: random.Random, pool: Signers, fen: int, kind: Kind) -> dict[str, Any]:
    chosen: set[int] = set()

    def one(candidates: list[tuple[int, str]]) -> tuple[int, str]:
        while True:
            p = rng.choice(candidates)
            if p[0] not in chosen:
                chosen.add(p[0])
                return p

    handler, acceptor, reviewer = one(pool.handlers), one(pool.acceptors), one(pool.reviewers)
    need = 2 if fen > COMMITTEE else 1 if fen > THRESHOLD or kind.code == "travel" else 0
    approvers = sorted((one(pool.approvers) for _ in range(need)), key=lambda p: p[0])
    return {"handler": handler, "acceptor": acceptor, "reviewer": reviewer, "approvers": approvers}


def receipt_argv(
    sig: dict[str, Any],
    supplier: str,
    invoice: str,
    invoice_date: date,
    amount: str,
    category: str,
    day: date,
    refs: list[str],
) -> list[str]:
    """The `houqin audit receipt add` command line of a receipt signed by `sig`
    (`_signed`): linked to the stock receipts and asset cards `refs`, or `--service`."""
    return [
        *("audit", "receipt", "add", "--supplier", supplier, "--invoice", invoice),
        *("--invoice-date", invoice_date.isoformat(), "--amount", amount, "--category", category),
        *("--handler", sig["handler"][1], "--acceptor", sig["acceptor"][1]),
        *("--reviewer", sig["reviewer"][1]),
        *[x for a in sig["approvers"] for x in ("--approved-by", a[1])],
        *[x for r in refs for x in ("--stock" if r.startswith("RK") else "--asset", r)],
        *([] if refs else ["--service"]),
        *("--date", day.isoformat()),
    ]


def service_week(ledger: Any, rng: random.Random, pool: Signers, first: date) -> datetime:
    """The first week through the real services; returns the last moment used."""
    from houqin_cli.audit.finance import budget, receipts
    from houqin_cli.core import money, tx

    days = working_days(first.year, first.month)[:5]
    at = moment(days[0], 8 * 60 + 30)
    month = f"{first.year:04d}-{first.month:02d}"

    def write(argv: list[str]) -> Any:
        return tx.write(ledger, rng.choice(generate.OPERATORS), shlex.join(["houqin", *argv]))

    for k in KINDS:
        fen = int(k.median * 100 * 20 * k.weight / 10)
        text = money.money_str(fen)
        with pinned(at), write(["audit", "budget", "set", month, k.code, text]) as s:
            budget.set_budget(s, s.info["actor"], month, k.code, text)
        at += timedelta(minutes=1)
    for source, fen in (("上年结转", 120_000_000), ("总校拨款", 80_000_000)):
        text = money.money_str(fen)
        argv = ["audit", "income", "add", "--source", source, "--amount", text]
        with pinned(at), write(argv) as s:
            budget.add_income(
                s,
                s.info["actor"],
                source=source,
                amount=text,
                day=days[0],
                category_text=None,
                note=None,
            )
        at += timedelta(minutes=3)
    amounts = [
        38_000,
        126_050,
        520_000,
        5_230_000,
        64_000,
        88_000,
        290_000,
        41_500,
        730_000,
        15_000,
        99_900,
        265_000,
    ]
    cats = [
        "repair",
        "utilities",
        "repair",
        "repair",
        "travel",
        "training",
        "utilities",
        "other",
        "training",
        "other",
        "repair",
        "utilities",
    ]
    made = []
    for i, (fen, cat) in enumerate(zip(amounts, cats, strict=True)):
        kind = BY_KIND[cat]
        day = days[1 + i % 4]
        at = max(at, moment(day, 9 * 60)) + timedelta(minutes=7)
        sig = _signed(rng, pool, fen, kind)
        supplier, invoice = rng.choice(kind.suppliers), f"4400{i + 1:04d}"
        text = money.money_str(fen)
        argv = receipt_argv(sig, supplier, invoice, day, text, cat, day, [])
        with pinned(at), write(argv) as s:
            r = receipts.add_receipt(
                s,
                s.info["actor"],
                supplier=supplier,
                invoice=invoice,
                invoice_date=day,
                amount=text,
                category_text=cat,
                handler=sig["handler"][1],
                acceptor=sig["acceptor"][1],
                reviewer=sig["reviewer"][1],
                approvers=[a[1] for a in sig["approvers"]],
                stock=[],
                assets=[],
                service=True,
                day=day,
                note=None,
            )
            made.append(r.code)
    at += timedelta(hours=1)
    argv = ["audit", "receipt", "void", made[2], "--reason", VOID_REASONS[0]]
    with pinned(at), write(argv) as s:
        receipts.void_receipt(s, s.info["actor"], made[2], VOID_REASONS[0], days[4])
    ledger.dispose()
    return moment(days[4], 18 * 60)


def bulk_money(
    path: Path, rng: random.Random, pool: Signers, actions: list[Planned], batch: int
) -> int:
    from houqin_cli.core import money

    w = Bulk(path, batch=batch)
    invoice_no = 10_000
    link_no: dict[tuple[str, int], int] = {}
    made: dict[int, dict[str, Any]] = {}  # id(Planned) -> receipt row
    log(f"appending {len(actions):,} actions in transactions of {batch:,} entries")
    for p in actions:
        op = rng.choice(generate.OPERATORS)
        stamp = p.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        d = p.data
        if p.kind == "budget":
            code = f"{d['month']}/{d['cat']}"
            row = w.new(
                "budget",
                code=code,
                month=d["month"],
                category=d["cat"],
                amount_fen=d["fen"],
                set_by=op,
                set_at=stamp,
            )
            text = money.money_str(d["fen"])
            argv = ["audit", "budget", "set", d["month"], d["cat"], text]
            payload = {"month": d["month"], "category": d["cat"], "amount": text, "old": None}
            w.coded(p.at, op, argv, "audit.budget.set", ("budget", row), payload)
        elif p.kind == "income":
            day: date = d["day"]
            row = w.new(
                "income",
                code=w.code("SR", day.year),
                date=day.isoformat(),
                source=d["source"],
                amount_fen=d["fen"],
                operator=op,
                recorded_at=stamp,
            )
            text = money.money_str(d["fen"])
            argv = ["audit", "income", "add", "--source", d["source"], "--amount", text]
            argv += ["--date", day.isoformat()]
            payload = {
                "date": day.isoformat(),
                "source": d["source"],
                "amount": text,
                "category": None,
            }
            w.coded(p.at, op, argv, "audit.income.add", ("income", row), payload)
        elif p.kind == "receipt":
            kind: Kind = d["kind"]
            fen: int = d["fen"]
            day = d["day"]
            inv_day = day - timedelta(days=min(rng.randint(0, 40), rng.randint(0, 40)))
            sig = _signed(rng, pool, fen, kind)
            supplier = rng.choice(kind.suppliers)
            invoice_no += rng.randint(1, 3)
            invoice = f"{invoice_no:08d}"
            row = w.new(
                "receipt",
                code=w.code("BX", day.year),
                date=day.isoformat(),
                supplier=supplier,
                invoice=invoice,
                invoice_date=inv_day.isoformat(),
                amount_fen=fen,
                category=kind.code,
                handler_id=sig["handler"][0],
                acceptor_id=sig["acceptor"][0],
                reviewer_id=sig["reviewer"][0],
                service=not kind.link,
                operator=op,
                recorded_at=stamp,
            )
            made[id(p)] = row
            touched = [("receipt", row)]
            for pid, _code in sig["approvers"]:
                touched.append(
                    (
                        "receipt_approval",
                        w.new("receipt_approval", receipt_id=row["id"], person_id=pid),
                    )
                )
            refs = []
            if kind.link:
                prefix = "RK" if kind.link == "stock" else "ZC"
                parts = 1 if kind.link == "asset" else rng.choice((1, 1, 1, 2, 3))
                for share in _split(rng, fen, parts):
                    n = link_no.get((prefix, day.year), 0) + 1
                    link_no[(prefix, day.year)] = n
                    ref = f"{prefix}-{day.year}-{n:04d}"
                    refs.append(ref)
                    touched.append(
                        (
                            "receipt_link",
                            w.new(
                                "receipt_link",
                                receipt_id=row["id"],
                                kind=kind.link,
                                ref_code=ref,
                                amount_fen=share,
                            ),
                        )
                    )
            text = money.money_str(fen)
            argv = receipt_argv(sig, supplier, invoice, inv_day, text, kind.code, day, refs)
            payload = {
                "date": day.isoformat(),
                "supplier": supplier,
                "invoice": invoice,
                "invoice_date": inv_day.isoformat(),
                "amount": text,
                "category": kind.code,
                "handler": sig["handler"][1],
                "acceptor": sig["acceptor"][1],
                "reviewer": sig["reviewer"][1],
                "approvers": [a[1] for a in sig["approvers"]],
                "links": refs,
                "service": not kind.link,
            }
            w.coded(p.at, op, argv, "audit.receipt.add", ("receipt", row), payload, touched)
        else:  # void
            original = made[id(d["of"])]
            day = (p.at + CST).date()
            reason = rng.choice(VOID_REASONS)
            rev = w.new(
                "receipt",
                code=w.code("BX", day.year),
                date=max(day.isoformat(), original["date"]),
                amount_fen=-original["amount_fen"],
                reverses_id=original["id"],
                note=reason,
                operator=op,
                recorded_at=stamp,
                **{k: original[k] for k in REVERSAL_KEEPS},
            )
            argv = ["audit", "receipt", "void", original["code"], "--reason", reason]
            amount = money.money_str(rev["amount_fen"])
            payload = {"reverses": original["code"], "amount": amount, "reason": reason}
            of = w.first_seq[original["code"]]
            w.coded(p.at, op, argv, "audit.receipt.void", ("receipt", rev), payload, reverses=of)
    w.close()
    return w.appended


def school_options(doc: str) -> argparse.ArgumentParser:
    """The options of a generator of the ten-year school (this one, generate_asset.py):
    --db, --people, --batch, --seed, --force; the caller adds its own sizes."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--db", required=True, type=Path, help="the SQLite file to create")
    ap.add_argument("--people", type=int, default=3000, help="people (default 3000)")
    ap.add_argument("--batch", type=int, default=20_000, help="journal entries per transaction")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--force", action="store_true", help="replace an existing file")
    return ap


def open_school(args: argparse.Namespace, argv: list[str], script: str) -> tuple[Any, date, date]:
    """The ledger at --db with the school registered on the first day of the ten years
    (`script` and `argv` make the command its entries record), and the ten years.
    An existing --db without --force is refused: exit 2."""
    if args.db.exists() and not args.force:
        log(f"{args.db} exists; give --force to replace it")
        raise SystemExit(2)
    first, last = ten_years()
    command = shlex.join(["python", f"benchmarks/{script}", *argv])
    return create_school(args.db, args.people, first, args.seed, command), first, last


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = school_options(__doc__)
    ap.add_argument("--receipts", type=int, default=50_000, help="receipts (default 50,000)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    ledger, first, last = open_school(args, argv, "generate_money.py")
    rng = random.Random(args.seed + 5)
    pool = signers(args.db)
    done = service_week(ledger, rng, pool, first)
    n = check_digests(args.db, ("receipt", "receipt_approval", "receipt_link", "income", "budget"))
    log(f"the first week through the services: {n} rows, digests as journalled")
    actions = plan(rng, first, last, args.receipts - 12, done)
    appended = bulk_money(args.db, rng, pool, actions, args.batch)
    log(f"appended {appended:,} entries in {time.perf_counter() - t0:.1f} s so far")
    verify(args.db)
    log(f"done in {time.perf_counter() - t0:.1f} s: {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
