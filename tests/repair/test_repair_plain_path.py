"""The repairs' read commands run on the plain reader: on SQLite no ORM (nor rich,
tabulate, openpyxl) is imported on their path (#14, #17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from repair_school import make_school, request

from conftest import BASE_ENV

ROOT = Path(__file__).resolve().parents[2]
HEAVY = "{'sqlmodel', 'sqlalchemy', 'rich', 'tabulate', 'openpyxl'}"

school = pytest.fixture(make_school)


@pytest.mark.sqlite_only
def test_the_orm_stays_off_their_path(school):
    code = request(school, "灯管不亮", "--place", "302", "--by", "王芳")
    school.ok("repair", "assign", code, "--to", "张伟")
    school.ok("repair", "use", code, "灯管", "1")
    request(school, "粉刷", "--place", "302", "--by", "王芳", "--for", "summer", "--estimate", "9")
    for args in (
        ["repair", "list", "--open"],
        ["repair", "list", "--assignee", "张伟", "--place", "302"],
        ["repair", "show", code],
        ["repair", "plan", "--for", "summer"],
        ["repair", "cost", "--month", "2026-03"],
    ):
        prog = (
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
            [sys.executable, "-c", prog], capture_output=True, text=True, env=env, check=False
        )
        assert proc.returncode == 0, (args, proc.stderr)
        assert proc.stdout.count("\n") >= 2, args  # a header and at least one row
        assert proc.stderr.strip().splitlines()[-1] == "[]", (args, proc.stderr)
