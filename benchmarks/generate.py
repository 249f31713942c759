"""Build a large school's ledger for the benchmarks.

    python benchmarks/generate.py --db big.db [--people 3000] [--entries 1000000]

1. The ledger is created by the real `houqin init` code (ledger.service.create).
2. Units, places and `--people` people are added through the real services in
   one `Ledger.write` transaction, so those entries are exactly what the
   program writes.
3. The rest of the `--entries` journal entries (the total, counting those above)
   are appended with raw SQL in batches, for speed: each is a `people.edit`
   (phone, unit or role change) written as `edit_person` + `journal.append`
   would write it. The person row is updated, the entry carries the row's new
   digest (`journal.row_digest`), and its hash is `journal.entry_hash` over the
   previous hash, so `houqin audit verify` passes on the result. Each batch
   updates its rows and appends its entries in one transaction, so the ledger
   verifies after every commit.

`--db` takes a SQLite path or a postgresql+psycopg:// URL (an empty database).
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from houqin_cli.people import demo

SCHOOL = "青山实验学校（基准测试）"
OPERATORS = ("liming", "wangfang", "zhaojun", "chenjing", "houqin-cron")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅海燕晓东文辉"
    "鹏飞宇浩然子轩欣怡思雨佳琪梓涵一诺雅婷俊杰嘉豪心怡博文天佑若曦晨阳昊辰"
)
GRADES = ["初一", "初二", "初三", "高一", "高二", "高三"]
CLASSES_PER_GRADE = 12
# the demo school's departments, and two a big school has besides
DEPARTMENTS = [*demo.DEPARTMENTS, ("后勤维修组", ["repairer"]), ("图书馆", ["clerk"])]
EXTRA_PLACES = [
    ("学生餐厅", "后勤楼", "canteen", "食堂"),
    ("教工餐厅", "后勤楼", "canteen", "食堂"),
    ("厨房", "后勤楼", "canteen", "食堂"),
    ("总务库房", "后勤楼", "store", "总务处"),
    ("维修间", "后勤楼", "other", "后勤维修组"),
    ("门卫室", "校门", "office", "保卫科"),
    ("操场", None, "outdoor", None),
    ("体育馆", None, "other", None),
]
# 2020-09-01 08:00 Asia/Shanghai: the services' entries; the bulk ones follow.
START = datetime(2020, 9, 1, 0, 0, tzinfo=UTC)
PERSON_COLUMNS = (
    "id",
    "code",
    "name",
    "unit_id",
    "roles",
    "phone",
    "active",
    "left_on",
    "initials",
)
JOURNAL_COLUMNS = (
    "seq",
    "time",
    "operator",
    "command",
    "action",
    "entity",
    "entity_id",
    "code",
    "reverses",
    "payload",
    "digests",
    "prev_hash",
    "hash",
)


def log(message: str) -> None:
    sys.stderr.write(message + "\n")


def journal_row(prev: str, *entry: Any) -> tuple[Any, ...]:
    """The journal row (JOURNAL_COLUMNS) of an entry, given what `journal.entry_hash`
    hashes after the previous hash (seq, time, ... digests): the entry, `prev` and
    the entry's own hash, chained on `prev` as journal.append chains it."""
    from houqin_cli.core.journal import entry_hash

    return (*entry, prev, entry_hash(prev, *entry))


def size_options(ap: argparse.ArgumentParser) -> None:
    """--people and --entries: the size of the ledger (core.py passes them on)."""
    ap.add_argument("--people", type=int, default=3000, help="people (default 3000)")
    ap.add_argument(
        "--entries",
        type=int,
        default=1_000_000,
        help="journal entries in total (default 1,000,000)",
    )
    sys.stderr.flush()


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def _names(rng: random.Random, count: int) -> list[str]:
    """Mostly distinct names; like a real school, a few may repeat after many tries."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        for _try in range(20):
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))
            )
            if name not in seen:
                break
        seen.add(name)
        out.append(name)
    return out


# -- stage 1 and 2: the real program ----------------------------------------------


def build_with_services(ledger: Any, people: int, command: str, operator: str, seed: int) -> None:
    """Create the ledger and fill units, places and people through the services."""
    from houqin_cli.admin import service as ledger_service
    from houqin_cli.core import tx
    from houqin_cli.people import persons as people_service
    from houqin_cli.people import units as people_units

    os.environ["HOUQIN_NOW"] = START.isoformat()
    t0 = time.perf_counter()
    if not ledger_service.create(ledger, operator, command, {"school.name": SCHOOL}):
        raise SystemExit(f"{ledger.location} already holds a ledger; give an empty one")
    log(f"created the ledger at {ledger.location} ({time.perf_counter() - t0:.1f} s)")
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with tx.write(ledger, operator, command) as s:
        depts = {}
        for name, roles in DEPARTMENTS:
            depts[name] = (people_units.add_unit(s, name, "department").code, roles)
        classes: list[str] = []
        grades: list[str] = []
        for g, grade in enumerate(GRADES):
            gcode = people_units.add_unit(s, grade, "grade").code
            grades.append(gcode)
            for k in range(1, CLASSES_PER_GRADE + 1):
                ccode = people_units.add_unit(s, f"{grade}({k})班", "class", parent=gcode).code
                classes.append(ccode)
                people_units.add_place(
                    s, f"{g + 1}{k:02d}", building="教学楼", unit=ccode, kind="classroom"
                )
        for name in depts:
            people_units.add_place(s, name, building="综合楼", unit=name, kind="office")
        for name, building, kind, owner in EXTRA_PLACES:
            people_units.add_place(s, name, building=building, unit=owner, kind=kind)
        for floor in range(1, 7):
            for room in range(1, 21):
                people_units.add_place(
                    s, f"宿舍{floor}{room:02d}", building="学生公寓", kind="dorm"
                )
        log(f"added {len(depts) + len(grades) + len(classes)} units and their places")
        dept_list = list(depts.values())
        for i, name in enumerate(_names(rng, people)):
            r = rng.random()
            if i < len(classes):  # one head teacher per class
                unit, roles = classes[i], ["teacher", "head_teacher"]
            elif r < 0.55:
                unit, roles = rng.choice(classes), ["teacher"]
            elif r < 0.7:
                unit, roles = rng.choice(grades), ["teacher"]
            else:
                unit, base = rng.choice(dept_list)
                roles = (base if rng.random() < 0.1 else []) + ["clerk"]
            people_service.add_person(s, name, unit=unit, roles=roles, phone=_phone(rng))
            if (i + 1) % 1000 == 0:
                log(f"  {i + 1:,} / {people:,} people through the services")
    log(f"added {people:,} people through the services ({time.perf_counter() - t0:.1f} s)")


# -- stage 3: bulk journal entries ------------------------------------------------


class Raw:
    """A plain DB-API connection to the ledger, SQLite or PostgreSQL."""

    def __init__(self, ledger: Any) -> None:
        self.sqlite = ledger.is_sqlite
        if self.sqlite:
            import sqlite3

            self.con: Any = sqlite3.connect(str(ledger.path), isolation_level=None)
            self.con.execute("PRAGMA synchronous=NORMAL")
            self.con.execute("PRAGMA cache_size=-200000")
            self.mark = "?"
        else:
            self.con = ledger.engine.raw_connection()
            self.mark = "%s"

    def sql(self, text: str) -> str:
        return text.replace("?", self.mark)

    def begin(self) -> Any:
        cur = self.con.cursor()
        if self.sqlite:
            cur.execute("BEGIN IMMEDIATE")
        else:
            from houqin_cli.core.db import PG_LOCK_KEY

            cur.execute(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        return cur

    def commit(self) -> None:
        if self.sqlite:
            self.con.execute("COMMIT")
        else:
            self.con.commit()

    def close(self) -> None:
        if self.sqlite:
            self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()


def _last_digests(cur: Any, mark: str) -> dict[str, str]:
    """person pk -> the digest its last journal entry recorded."""
    out: dict[str, str] = {}
    cur.execute(f"SELECT digests FROM journal WHERE entity = {mark} ORDER BY seq", ("person",))
    for (digests,) in cur.fetchall():
        for item in digests.split():
            table, rest = item.split(":", 1)
            pk, digest = rest.rsplit("=", 1)
            if table == "person":
                out[pk] = digest
    return out


def bulk_append(ledger: Any, total: int, batch: int, seed: int) -> int:
    """Append people.edit entries until the journal holds `total`; returns how many."""
    from houqin_cli.core.journal import canonical_json, row_digest
    from houqin_cli.people.vocab import ROLES

    raw = Raw(ledger)
    rng = random.Random(seed + 1)
    cur = raw.begin()
    cur.execute("SELECT seq, hash, time FROM journal ORDER BY seq DESC LIMIT 1")
    seq, prev, _last_time = cur.fetchone()
    todo = total - seq
    if todo <= 0:
        raw.commit()
        raw.close()
        log(f"the journal already holds {seq:,} entries; nothing to append")
        return 0
    cur.execute(f"SELECT {', '.join(PERSON_COLUMNS)} FROM person ORDER BY id")
    people = [dict(zip(PERSON_COLUMNS, r, strict=True)) for r in cur.fetchall()]
    if not people:
        raise SystemExit("the ledger holds no people to edit; give --people > 0")
    cur.execute("SELECT id, code FROM unit WHERE kind IN ('class', 'grade', 'department')")
    units = cur.fetchall()
    recorded = _last_digests(cur, raw.mark)
    raw.commit()
    for p in people:
        # The same row as SQLAlchemy returns it: bool for active, date for left_on
        # (canon() turns them into 1 and ISO text, as the stored SQLite values are).
        p["active"] = bool(p["active"])
        if recorded.get(str(p["id"])) != row_digest(p):
            raise SystemExit(
                f"person {p['code']}: computed digest differs from the journal's; "
                "the generator no longer matches journal.row_digest"
            )
    role_names = list(ROLES)
    insert = raw.sql(
        f"INSERT INTO journal ({', '.join(JOURNAL_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(JOURNAL_COLUMNS))})"
    )
    update = raw.sql("UPDATE person SET unit_id = ?, roles = ?, phone = ? WHERE id = ?")
    ts = int(START.timestamp()) + 3600
    log(f"appending {todo:,} entries in batches of {batch:,}")
    t0 = time.perf_counter()
    done = 0
    while done < todo:
        n = min(batch, todo - done)
        rows = []
        touched: dict[int, dict[str, Any]] = {}
        for _ in range(n):
            seq += 1
            ts += rng.randint(1, 120)
            if (ts + 8 * 3600) % 86400 >= 18 * 3600:  # office hours, Beijing time
                ts += 86400 - (ts + 8 * 3600) % 86400 + 7 * 3600 + 1800
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))
            operator = rng.choice(OPERATORS)
            p = rng.choice(people)
            code = p["code"]
            r = rng.random()
            if r < 0.75:
                new = _phone(rng)
                field, old = "phone", p["phone"]
                command = f"houqin people edit {code} --phone {new}"
            elif r < 0.9:
                ucode, new = None, p["unit_id"]
                while new == p["unit_id"]:
                    new, ucode = rng.choice(units)
                field, old = "unit_id", p["unit_id"]
                command = f"houqin people edit {code} --unit {ucode}"
            else:
                role = rng.choice(role_names)
                current = p["roles"].split()
                if role in current:
                    new = " ".join(sorted(set(current) - {role}))
                    command = f"houqin people edit {code} --remove-role {role}"
                else:
                    new = " ".join(sorted({*current, role}))
                    command = f"houqin people edit {code} --add-role {role}"
                field, old = "roles", p["roles"]
            p[field] = new
            touched[p["id"]] = p
            entity_id = str(p["id"])
            payload = canonical_json({field: {"old": old, "new": new}})
            digests = f"person:{entity_id}={row_digest(p)}"
            head = (seq, stamp, operator, command, "people.edit", "person", entity_id, code)
            rows.append(journal_row(prev, *head, None, payload, digests))  # reverses nothing
            prev = rows[-1][-1]
        cur = raw.begin()
        cur.executemany(
            update, [(p["unit_id"], p["roles"], p["phone"], p["id"]) for p in touched.values()]
        )
        if raw.sqlite:
            cur.executemany(insert, rows)
        else:  # COPY is several times faster than executemany on PostgreSQL
            with cur.copy(f"COPY journal ({', '.join(JOURNAL_COLUMNS)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
        raw.commit()
        done += n
        rate = done / max(time.perf_counter() - t0, 1e-9)
        log(f"  {seq:,} / {total:,} entries ({rate:,.0f} entries/s)")
    raw.close()
    log(f"appended {todo:,} entries in {time.perf_counter() - t0:.1f} s; head {seq}:{prev}")
    return todo


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="SQLite path or postgresql+psycopg:// URL")
    size_options(ap)
    ap.add_argument("--batch", type=int, default=50_000, help="entries per transaction")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--operator", default="bench")
    ap.add_argument("--force", action="store_true", help="replace an existing SQLite file")
    args = ap.parse_args(argv)

    from houqin_cli.core.db import Ledger

    ledger = Ledger.from_option(args.db)
    if ledger.is_sqlite:
        assert ledger.path is not None
        if ledger.path.exists():
            if not args.force:
                log(f"{ledger.path} exists; give --force to replace it")
                return 2
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{ledger.path}{suffix}").unlink(missing_ok=True)
    command = shlex.join(["python", "benchmarks/generate.py", *argv])
    t0 = time.perf_counter()
    build_with_services(ledger, args.people, command, args.operator, args.seed)
    ledger.dispose()
    bulk_append(ledger, args.entries, args.batch, args.seed)
    ledger.dispose()
    log(f"done in {time.perf_counter() - t0:.1f} s: houqin --db {ledger.location} audit verify")
    return 0


if __name__ == "__main__":
    sys.exit(main())
