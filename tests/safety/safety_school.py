"""The safety tests' school (each test file makes it its `school` fixture): four
people, a class unit, places of three kinds."""

from __future__ import annotations

from conftest import Cli


def make_school(cli: Cli) -> Cli:
    """王芳 RY-0001, 李强 RY-0002, 张伟 RY-0003 (a director, approver), 赵敏 RY-0004; unit
    初一(1)班; places 操场 DD-0001 (outdoor), 食堂 DD-0002 (canteen), 101教室 DD-0003
    (classroom). Today is 2026-03-02 (conftest's HOUQIN_NOW)."""
    for name in ("王芳", "李强", "赵敏"):
        cli.ok("people", "add", name)
    cli.ok("people", "add", "张伟", "--role", "director,approver")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("place", "add", "操场", "--kind", "outdoor")
    cli.ok("place", "add", "食堂", "--kind", "canteen")
    cli.ok("place", "add", "101教室", "--kind", "classroom")
    return cli


def fire_plan(cli: Cli, *more: str) -> str:
    """AJ-…: the monthly fire-equipment check of 操场 and 食堂, owned by 王芳."""
    res = cli.ok("safety", "plan", "add", "消防器材检查", "--every", "monthly:15",
                 "--place", "操场", "--place", "食堂", "--checklist", "灭火器;消火栓;应急照明",
                 "--owner", "王芳", *more)  # fmt: skip
    return res.stdout.strip()
