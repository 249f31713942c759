"""The exit-code contract under hostile input (#11): a few hundred command lines
generated over the whole click tree — every command, its arguments and a few of its
options, with values a careless or hostile user might type — on a ledger with a
little of everything in it. Each run ends 0, 1, 2, 3 or 4 with no traceback: 70 is
only for a real bug, and this finds none."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, Cli

sys.path.insert(0, str(ROOT / "scripts"))
from gen_reference import walk  # noqa: E402

from houqin_cli.app import app  # noqa: E402

SKIP = {("init",), ("demo",)}  # they make ledgers, which a fuzz run must not multiply
VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "3",
    "1.0005",
    "1e9",
    "99999999999999",
    "NaN",
    "inf",
    "¥1,000.00",
    "2026-02-30",
    "2027-13-01",
    "2026-03-01",
    "2026-03",
    "2026-Q5",
    "2026",
    "0001-01-01",
    "x" * 300,
    "\x00",
    "a\tb",
    "😀",
    "--",
    "-f",
    "'; DROP TABLE person; --",
    "=1+2",
    "RY-0001",
    "DW-0001",
    "WZ-0001",
    "ZC-2026-0001",
    "张三",
    "总务处",
    "办公用品",
    "粉笔",
    "101",
    "json",
    "category",
    "all",
    "mid",
    "teacher",
    "approver",
]


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    out = []
    for path, cmd, _ctx in walk(typer.main.get_command(app), ["houqin"]):
        words = tuple(path[1:])
        if not hasattr(cmd, "list_commands") and words and words not in SKIP:
            out.append((words, cmd))
    return out


COMMANDS = _commands()


@st.composite
def command_lines(draw: Any, folder: Path) -> list[str]:
    words, cmd = draw(st.sampled_from(COMMANDS))
    paths = [str(folder / n) for n in ("out.csv", "out.xlsx", "out.txt", "missing.csv", "bad.xlsx")]
    args = list(words)
    for param in cmd.params:
        if param.param_type_name == "argument":
            pool = paths if "file" in param.name.lower() else VALUES
            args += [draw(st.sampled_from(pool)) for _ in range(max(param.nargs, 1))]
    options = [p for p in cmd.params if p.param_type_name == "option" and p.opts[0] != "--help"]
    for param in draw(st.lists(st.sampled_from(options), max_size=3)) if options else []:
        args.append(param.opts[0])
        if not param.is_flag:
            pool = paths if param.name in ("output", "file") else VALUES
            args.append(draw(st.sampled_from(pool)))
    return args


@pytest.fixture
def school(cli: Cli, tmp_path: Path) -> Cli:
    cli.ok("people", "add", "张三", "--role", "approver")
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("place", "add", "101", "--building", "教学楼", "--kind", "classroom")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "receive", "粉笔", "20", "--price", "12.50", "--date", "2026-02-10")
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return cli


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(data=st.data())
def test_no_command_line_is_an_internal_error(school: Cli, tmp_path: Path, data: Any) -> None:
    args = data.draw(command_lines(tmp_path))
    res = school(*args)
    assert res.exit_code in (0, 1, 2, 3, 4), (args, res)
    assert "Traceback" not in res.stderr, (args, res)
