"""`houqin calendar plan show|load` (#13): the shipped plan, loaded once."""

from __future__ import annotations

import pytest
from cal_school import journalled, make_school

from conftest import assert_refused, findings_json, js

school = pytest.fixture(make_school)


def test_show_lists_the_shipped_plan(cli):
    plan = js(cli.ok("calendar", "plan", "show", "-f", "json"))
    titles = {p["task"]: p["every"] for p in plan}
    assert titles["开学准备"] == "term:start-14d season:summer,autumn"
    assert titles["绿化带和绿篱修剪"] == "2/term"
    assert sum(1 for p in plan if p["task"].startswith("全校安全检查")) == 3


def test_load_once_then_replace(school):
    n = len(js(school.ok("calendar", "plan", "show", "-f", "json")))
    res = school.ok("calendar", "plan", "load", "--school-year", "2026")
    assert f"Loaded the plan: {n} tasks, RW-0001 to RW-{n:04d}." in res.stderr
    tasks = js(school.ok("calendar", "task", "list", "-f", "json"))
    assert {t["start"] for t in tasks} == {"2026-08-01"}
    sept = js(school.ok("calendar", "month", "2026-08", "-f", "json"))
    assert ("2026-08-18", "开学准备") in {(r["due"], r["task"]) for r in sept}
    assert_refused(school, 3, "calendar", "plan", "load",
                   contains="The plan was already loaded (2026-08-01)")  # fmt: skip
    school.ok("calendar", "plan", "load", "--school-year", "2026", "--replace")
    assert len(js(school.ok("calendar", "task", "list", "-f", "json"))) == n
    assert len(js(school.ok("calendar", "task", "list", "--all", "-f", "json"))) == 2 * n
    assert journalled(school, "calendar.plan.load") == 2
    assert school.ok("audit", "verify").exit_code == 0


def test_loading_this_school_year_leaves_nothing_overdue(school):
    school.ok("calendar", "plan", "load")
    res, data = findings_json(school, "calendar", "overdue")
    assert res.exit_code == 0, data
