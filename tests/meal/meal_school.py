"""The canteen tests' school: a term, people (a principal, two cooks, a clerk), a
class, four dishes and Monday 2026-03-02's lunch menu."""

from __future__ import annotations

from conftest import Cli, raw


def make_school(cli: Cli) -> Cli:
    """Term 2026-spring (Feb 23 - Jul 10); 王校长 RY-0001 (principal), 王芳 RY-0002,
    李强 RY-0003, 张伟 RY-0004; class 初一(1)班; dishes 红烧肉 CP-0001 (meat), 炒青菜
    CP-0002 (vegetable), 米饭 CP-0003 (staple), 紫菜汤 CP-0004 (soup); the menu of lunch
    on Monday 2026-03-02 (2026-W10): all four."""
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("people", "add", "王校长", "--role", "principal")
    for name in ("王芳", "李强", "张伟"):
        cli.ok("people", "add", name)
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    for name, kind in (("红烧肉", "meat"), ("炒青菜", "vegetable"), ("米饭", "staple"),
                       ("紫菜汤", "soup")):  # fmt: skip
        cli.ok("meal", "dish", "add", name, "--kind", kind)
    cli.ok("meal", "menu", "set", "2026-W10", "--day", "mon", "--meal", "lunch",
           "红烧肉", "炒青菜", "米饭", "紫菜汤")  # fmt: skip
    return cli


def journalled(cli: Cli, action: str) -> int:
    import sqlalchemy as sa

    with raw(cli.db) as con:
        n: int = con.execute(
            sa.text("SELECT count(*) FROM journal WHERE action = :action"), {"action": action}
        ).scalar_one()
    return n


def sample_all(cli: Cli, day: str = "2026-03-02", meal: str = "lunch", **env: str) -> None:
    for dish in ("红烧肉", "炒青菜", "米饭", "紫菜汤"):
        cli.ok("meal", "sample", "add", dish, "--date", day, "--meal", meal, "--grams", "130",
               "--by", "王芳", "--reviewer", "李强", env=env or None)  # fmt: skip
