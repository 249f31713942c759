"""`houqin check`, `audit verify`, `audit seal`, the month-start report and the asset
group's owed things on the plain reader: on SQLite no ORM is imported on their path
(the schema comes from core/layout.py), and what they report is what the ledger holds."""

from __future__ import annotations

import pytest

from conftest import Cli, js
from plain_path import heavy_imports


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--only", "asset"],
        ["audit", "verify"],
        ["audit", "seal"],
        ["calendar", "month-start"],
        ["asset", "overdue"],
        ["asset", "damages"],
    ],
)
def test_the_orm_stays_off_their_path(demo_ledger: Cli, args: list[str]) -> None:
    heavy, out = heavy_imports(demo_ledger.db, args, codes=(0, 1))
    assert out.strip()
    assert heavy == []


def test_the_checks_find_on_the_plain_reader_what_the_ledger_holds(demo_ledger: Cli) -> None:
    """A loan past due, compensation unpaid, an inspection owed: each a finding of its
    check, named as the asset commands name it."""
    env = {"HOUQIN_NOW": "2026-12-20T09:00"}
    found = js(demo_ledger("check", "-f", "json", env=env))
    by_check: dict[str, list[dict]] = {}
    for f in found["findings"]:
        by_check.setdefault(f["check"], []).append(f)
    owed = js(demo_ledger("asset", "damages", "--open", "-f", "json", env=env))
    unpaid = {f["damage"] for f in by_check.get("asset.compensation", [])}
    assert unpaid and unpaid <= {d["code"] for d in owed}
    inspections = js(demo_ledger("asset", "inspect", "due", "-f", "json", env=env))
    overdue_lines = [r for r in inspections["rows"] if r["overdue"]]
    assert len(by_check["asset.inspections"]) >= len(overdue_lines) > 0
    assert demo_ledger("check", env=env).exit_code == 1
