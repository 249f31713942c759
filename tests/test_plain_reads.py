"""The read commands on the plain reader (#17): on SQLite no ORM (nor rich, tabulate,
openpyxl) is imported on their path, and what they show agrees with what the ORM reads
from the same rows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import BASE_ENV, Cli, js, sa_url

ROOT = Path(__file__).resolve().parents[1]
HEAVY = "{'sqlmodel', 'sqlalchemy', 'rich', 'tabulate', 'openpyxl'}"


@pytest.fixture
def school(cli: Cli) -> Cli:
    """A term, three units (one retired), a place, three people (one has left), a stock item, a
    card."""
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "初三(1)班", "--kind", "class")
    cli.ok("unit", "add", "初三(9)班", "--kind", "class")
    cli.ok("place", "add", "一号库房", "--building", "实验楼", "--kind", "store")
    cli.ok("people", "add", "王芳", "--unit", "总务处", "--role", "storekeeper,approver")
    cli.ok("people", "add", "李强", "--unit", "初三(1)班", "--phone", "13800000000")
    cli.ok("people", "add", "赵敏")
    cli.ok("people", "leave", "赵敏", "--date", "2026-02-01")
    cli.ok("people", "edit", "李强", "--phone", "13900000000")
    cli.ok("unit", "retire", "初三(9)班")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "receive", "粉笔", "10", "--price", "1", "--date", "2026-02-01")
    cli.ok("asset", "add", "电脑", "--category", "201", "--value", "7200", "--place", "一号库房",
           "--acquired", "2025-06-10")  # fmt: skip
    return cli


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["asset", "depreciation", "--month", "2026-02"],
        ["asset", "register"],
        ["asset", "summary", "--by", "unit"],
        ["stock", "balance"],
        ["stock", "item", "list", "--all"],
        ["people", "list", "--all"],
        ["people", "list", "--unit", "zwc", "--role", "审批人"],
        ["people", "show", "lq"],
        ["unit", "list", "--all"],
        ["place", "list", "--building", "实验楼"],
        ["term", "list"],
        ["term", "current"],
    ],
)
def test_the_orm_stays_off_their_path(school: Cli, args: list[str]) -> None:
    code = (
        "import sys\n"
        "from houqin_cli.app import main\n"
        f"sys.argv = ['houqin', '--db', {school.db!r}, *{args!r}, '-f', 'csv']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY}), file=sys.stderr)\n"
    )
    env = {**os.environ, **BASE_ENV, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.count("\n") >= 2  # a header and at least one row
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def orm(db: str, sql: str) -> list[tuple[object, ...]]:
    """Rows through SQLAlchemy's typed ORM session (not the plain reader)."""
    from sqlmodel import Session

    eng = sa.create_engine(sa_url(db))
    try:
        with Session(eng) as s:
            return [tuple(r) for r in s.execute(sa.text(sql))]
    finally:
        eng.dispose()


def test_registries_agree_with_the_orm(school: Cli) -> None:
    from sqlmodel import Session, col, select

    from houqin_cli.people.models import Person, Place, Unit

    eng = sa.create_engine(sa_url(school.db))
    try:
        with Session(eng) as s:
            people = list(s.exec(select(Person).order_by(col(Person.code))))
            units = {u.id: u for u in s.exec(select(Unit))}
            places = list(s.exec(select(Place)))
    finally:
        eng.dispose()
    listed = js(school("people", "list", "--all", "-f", "json"))
    assert [
        (r["code"], r["name"], r["unit"], r["roles"], r["active"], r["left_on"]) for r in listed
    ] == [
        (
            p.code,
            p.name,
            units[p.unit_id].name if p.unit_id else None,
            p.roles.split(),
            p.active,
            p.left_on.isoformat() if p.left_on else None,
        )
        for p in people
    ]
    here = js(school("people", "list", "-f", "json"))
    assert [r["code"] for r in here] == [p.code for p in people if p.active]
    approvers = js(school("people", "list", "--role", "approver", "-f", "json"))
    assert [r["name"] for r in approvers] == ["王芳"]
    of_class = js(school("people", "list", "--unit", "初三(1)班", "-f", "json"))
    assert [r["name"] for r in of_class] == ["李强"]
    shown = js(school("people", "show", "李强", "-f", "json"))
    assert shown["phone"] == "13900000000"
    assert [h["action"] for h in shown["history"]] == ["people.add", "people.edit"]
    all_units = js(school("unit", "list", "--all", "-f", "json"))
    assert [(r["code"], r["name"], r["retired_on"]) for r in all_units] == [
        (u.code, u.name, u.retired_on.isoformat() if u.retired_on else None)
        for u in sorted(units.values(), key=lambda u: u.code)
    ]
    assert [r["name"] for r in js(school("unit", "list", "-f", "json"))] == ["总务处", "初三(1)班"]
    assert [r["code"] for r in js(school("place", "list", "-f", "json"))] == [
        p.code for p in places
    ]


def test_a_name_that_matches_nothing_or_several_is_exit_2(school: Cli) -> None:
    school.ok("people", "add", "王芳芳")
    res = school("people", "show", "王")
    assert res.exit_code == 2 and "王芳" in res.stderr and "王芳芳" in res.stderr
    res = school("people", "list", "--unit", "体育组")
    assert res.exit_code == 2 and "体育组" in res.stderr
