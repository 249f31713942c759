"""The repair tests' school (each test file makes it its `school` fixture). "Now" is
2026-03-02 09:00 (Asia/Shanghai)."""

from __future__ import annotations

from typing import Any

from conftest import Cli, js, raw


def make_school(cli: Cli) -> Cli:
    """Class 初一(1)班 DW-0001, its head 李强 RY-0002; 王芳 RY-0001 (of the class), 张伟
    RY-0003 (a repairer), 赵敏 RY-0004; places 302 (a classroom of 教学楼, DD-0001) and
    总务处 (an office of 综合楼, DD-0002); the storeroom holds 10 灯管 at ¥18.00 and 2
    水龙头 (durable) at ¥35.00, received on 2026-03-01."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "王芳", "--unit", "初一(1)班")
    cli.ok("people", "add", "李强")
    cli.ok("people", "add", "张伟", "--role", "repairer")
    cli.ok("people", "add", "赵敏")
    cli.ok("unit", "edit", "初一(1)班", "--head", "李强")
    cli.ok("place", "add", "302", "--kind", "classroom", "--building", "教学楼")
    cli.ok("place", "add", "总务处", "--kind", "office", "--building", "综合楼")
    cli.ok("stock", "item", "add", "灯管", "--unit", "根", "--category", "维修材料")
    cli.ok("stock", "item", "add", "水龙头", "--unit", "个", "--category", "维修材料", "--durable")
    cli.ok("stock", "receive", "灯管", "10", "--price", "18.00", "--date", "2026-03-01")
    cli.ok("stock", "receive", "水龙头", "2", "--price", "35.00", "--date", "2026-03-01")
    return cli


def request(cli: Cli, *args: str, env: dict[str, str] | None = None) -> str:
    """`repair request …`; the code it printed."""
    res = cli.ok("repair", "request", *args, env=env)
    code = res.stdout.strip()
    assert code.startswith("WX-") and "\n" not in code, res
    return code


def show(cli: Cli, code: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    data = js(cli.ok("repair", "show", code, "-f", "json", env=env))
    return dict(data[0] if isinstance(data, list) else data)


def listing(cli: Cli, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    return {r["code"]: r for r in js(cli.ok("repair", "list", "-f", "json", *args, env=env))}


def actions(cli: Cli) -> list[str]:
    """The journal's actions of the repair group, in order."""
    import sqlalchemy as sa

    with raw(cli.db) as con:
        return [
            a
            for (a,) in con.execute(
                sa.text("SELECT action FROM journal WHERE action LIKE 'repair.%' ORDER BY seq")
            )
        ]
