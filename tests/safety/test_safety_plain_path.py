"""The safety reads on the plain reader (#14, #17): on SQLite no ORM (nor rich,
tabulate, openpyxl) is imported on their path."""

from __future__ import annotations

import pytest
from safety_school import fire_plan, make_school

from conftest import Cli
from plain_path import heavy_imports


@pytest.fixture(scope="module")
def school(ledger_template: str, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    from conftest import new_database

    where = tmp_path_factory.mktemp("safety-plain")
    with new_database(where / "ledger.db", ledger_template) as url:
        cli = make_school(Cli(url))
        fire_plan(cli, "--from", "2026-01-01")
        cli.ok("safety", "record", "AJ-0001", "--by", "王芳", "--place", "操场",
               "--ok", "灭火器", "--problem", "消火栓=漏水")  # fmt: skip
        cli.ok("safety", "watch", "add", "东墙裂缝", "--place", "101教室", "--unit", "mm")
        cli.ok("safety", "watch", "record", "东墙裂缝", "1", "--by", "李强")
        cli.ok("safety", "violation", "add", "--place", "101教室", "--what", "电炉", "--by",
               "张伟", "--person", "赵敏", "--fine", "20")  # fmt: skip
        yield cli


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["safety", "plan", "list"],
        ["safety", "plan", "show", "AJ-0001"],
        ["safety", "due", "--month"],
        ["safety", "hazard", "list", "--open"],
        ["safety", "hazard", "show", "YH-2026-0001"],
        ["safety", "watch", "list"],
        ["safety", "violation", "list"],
        ["safety", "report", "--month", "2026-03"],
        ["safety", "check"],
    ],
)
def test_the_orm_stays_off_their_path(school: Cli, args: list[str]) -> None:
    heavy, out = heavy_imports(school.db, args, codes=(0, 1))
    assert out.count("\n") >= 2  # a header and at least one row
    assert heavy == []
