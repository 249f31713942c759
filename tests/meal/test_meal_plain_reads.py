"""The canteen's read commands on the plain reader (#15, #17): on SQLite no ORM (nor
rich, tabulate, openpyxl) is imported on their path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from meal_school import make_school, sample_all

from conftest import BASE_ENV, Cli

ROOT = Path(__file__).resolve().parents[2]
HEAVY = "{'sqlmodel', 'sqlalchemy', 'rich', 'tabulate', 'openpyxl'}"


@pytest.fixture
def school(cli: Cli) -> Cli:
    make_school(cli)
    cli.ok("unit", "add", "食堂", "--kind", "department")
    cli.ok("config", "set", "meal.canteen_unit", "食堂")
    cli.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "30")
    sample_all(cli)
    cli.ok("people", "cert", "add", "王芳", "--kind", "health", "--no", "J1", "--issued",
           "2025-04-01")  # fmt: skip
    cli.ok("meal", "staff", "add", "王芳", "--role", "cook")
    cli.ok("stock", "item", "add", "牛奶", "--unit", "箱", "--category", "食品")
    cli.ok("stock", "receive", "牛奶", "2", "--price", "60", "--date", "2026-03-01",
           "--expires", "2026-03-04")  # fmt: skip
    return cli


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["meal", "dish", "list"],
        ["meal", "menu", "show", "2026-W10"],
        ["meal", "menu", "check", "2026-W10"],
        ["meal", "sample", "list"],
        ["meal", "sample", "check", "--week", "2026-W10"],
        ["meal", "expiring"],
        ["meal", "cost", "--month", "2026-03"],
        ["meal", "cost", "--month", "2026-03", "--by", "unit"],
        ["meal", "report", "--month", "2026-03"],
        ["meal", "staff", "list"],
        ["people", "cert", "list"],
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
        "    assert exc.code in (0, 1, None), exc.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY}), file=sys.stderr)\n"
    )
    env = {**os.environ, **BASE_ENV, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.count("\n") >= 1  # a header at least
    assert proc.stderr.strip().splitlines()[-1] == "[]"
