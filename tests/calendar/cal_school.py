"""The calendar tests' school (each test file makes it its `school` fixture): two terms,
four people (one of whom left), a place."""

from __future__ import annotations

from conftest import Cli, raw


def make_school(cli: Cli) -> Cli:
    """Terms 2026-spring (Feb 23 - Jul 10) and 2026-autumn; 王芳 RY-0001, 李强 RY-0002,
    张伟 RY-0003, 赵敏 RY-0004 (left 2026-02-01); place 操场 DD-0001."""
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    for name in ("王芳", "李强", "张伟", "赵敏"):
        cli.ok("people", "add", name)
    cli.ok("people", "leave", "赵敏", "--date", "2026-02-01")
    cli.ok("place", "add", "操场", "--kind", "outdoor")
    return cli


def journalled(cli: Cli, action: str) -> int:
    """How many journal entries of `action` the ledger holds."""
    import sqlalchemy as sa

    with raw(cli.db) as con:
        n: int = con.execute(
            sa.text("SELECT count(*) FROM journal WHERE action = :action"), {"action": action}
        ).scalar_one()
    return n
