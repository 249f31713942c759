"""`unit promote --from-year YEAR` (issue #10): each September the classes move up
a grade — 初一(1)班 becomes 初二(1)班 under 初二 — and the top grade's classes are
retired, in one journalled transaction; once a year."""

from __future__ import annotations

import json

import pytest

from conftest import assert_each_refused, assert_refused, js, raw, snapshot


@pytest.fixture
def school(cli):
    """Grades 初一 DW-0001, 初二 DW-0002, 初三 DW-0003; classes (1) and (2) of each:
    初一(1)班 DW-0004 … 初三(2)班 DW-0009; 张老师 RY-0001 heads 初一(1)班 and belongs
    to it; 李老师 RY-0002 heads 初三(1)班."""
    for grade in ("初一", "初二", "初三"):
        cli.ok("unit", "add", grade, "--kind", "grade")
    cli.ok("people", "add", "张老师")
    cli.ok("people", "add", "李老师")
    for grade in ("初一", "初二", "初三"):
        for k in (1, 2):
            head = {("初一", 1): ["--head", "张老师"], ("初三", 1): ["--head", "李老师"]}
            extra = head.get((grade, k), [])
            cli.ok("unit", "add", f"{grade}({k})班", "--kind", "class", "--parent", grade, *extra)
    cli.ok("people", "edit", "张老师", "--unit", "初一(1)班")
    return cli


def units(cli, *args):
    return {u["code"]: u for u in js(cli.ok("unit", "list", "-f", "json", *args))}


PLAN = [
    ("DW-0004", "初一(1)班", "初二(1)班", "初二", "promote"),
    ("DW-0005", "初一(2)班", "初二(2)班", "初二", "promote"),
    ("DW-0006", "初二(1)班", "初三(1)班", "初三", "promote"),
    ("DW-0007", "初二(2)班", "初三(2)班", "初三", "promote"),
    ("DW-0008", "初三(1)班", None, "初三", "retire"),
    ("DW-0009", "初三(2)班", None, "初三", "retire"),
]


def plan_of(res):
    return [(r["code"], r["name"], r["new_name"], r["parent"], r["action"]) for r in js(res)]


def test_dry_run_shows_the_plan_and_writes_nothing(school):
    before = snapshot(school.db)
    res = school.ok("unit", "promote", "--from-year", "2026", "--dry-run", "-f", "json")
    assert plan_of(res) == PLAN
    assert "nothing written" in res.stderr
    assert snapshot(school.db) == before


def test_promote_moves_the_classes_up_and_retires_the_top_grade(school):
    res = school.ok("unit", "promote", "--from-year", "2026", "-f", "json")
    assert plan_of(res) == PLAN
    assert "Moved 4 classes up a grade and retired 2." in res.stderr
    now = units(school)
    assert {c: (u["name"], u["parent"]) for c, u in now.items() if u["kind"] == "class"} == {
        "DW-0004": ("初二(1)班", "初二"),
        "DW-0005": ("初二(2)班", "初二"),
        "DW-0006": ("初三(1)班", "初三"),
        "DW-0007": ("初三(2)班", "初三"),
    }
    # the head and the members move up with their class
    assert now["DW-0004"]["head"] == "张老师"
    assert js(school.ok("people", "show", "张老师", "-f", "json"))["unit"] == "初二(1)班"
    # the graduated classes keep their names and history, retired
    gone = units(school, "--all")
    assert (gone["DW-0008"]["name"], gone["DW-0008"]["retired_on"]) == ("初三(1)班", "2026-03-02")
    # and the names find the classes in use
    school.ok("people", "add", "王芳", "--unit", "初三(1)班")
    assert js(school.ok("people", "show", "王芳", "-f", "json"))["unit"] == "初三(1)班"
    assert [p["name"] for p in js(school.ok("people", "list", "--unit", "cs1b", "-f", "json"))] == [
        "王芳"
    ]
    # one journal entry for the whole promotion
    with raw(school.db) as con:
        rows = con.exec_driver_sql(
            "SELECT code, payload FROM journal WHERE action = 'unit.promote'"
        ).all()
    assert len(rows) == 1
    payload = json.loads(rows[0][1])
    assert payload["year"] == 2026
    assert payload["retired"] == ["DW-0008", "DW-0009"]
    assert payload["promoted"][0] == {
        "code": "DW-0004", "old": "初一(1)班", "new": "初二(1)班", "grade": "初二"
    }  # fmt: skip
    assert school.ok("audit", "verify").exit_code == 0
    # a new 初一(1)班 can then be added
    school.ok("unit", "add", "初一(1)班", "--kind", "class", "--parent", "初一")


def test_promote_notes_what_still_points_at_a_graduated_class(school):
    school.ok("place", "add", "301", "--unit", "初三(2)班", "--kind", "classroom")
    res = school.ok("unit", "promote", "--from-year", "2026", "--dry-run", "-f", "json")
    note = {r["code"]: r["note"] for r in js(res)}
    assert "301 (DD-0001)" in note["DW-0009"]
    assert note["DW-0004"] is None


def test_promoting_twice_for_a_year_is_refused(school):
    school.ok("unit", "promote", "--from-year", "2026")
    assert_each_refused(
        school,
        (3, ["unit", "promote", "--from-year", "2026"],
         "The classes were already promoted from 2026"),
        (3, ["unit", "promote", "--from-year", "2025", "--dry-run"], "already promoted from 2026"),
    )  # fmt: skip


def test_a_target_name_taken_by_a_unit_in_use_is_refused(school):
    school.ok("unit", "add", "初二(3)班", "--kind", "class")  # under no grade: it stays
    school.ok("unit", "add", "初一(3)班", "--kind", "class", "--parent", "初一")
    assert_refused(
        school, 3, "unit", "promote", "--from-year", "2026",
        contains="初二(3)班 already exists as a unit in use (DW-0010), so 初一(3)班 cannot move up",
    )  # fmt: skip


def test_a_class_not_named_after_its_grade_is_refused(school):
    school.ok("unit", "add", "实验班", "--kind", "class", "--parent", "初二")
    assert_refused(
        school, 3, "unit", "promote", "--from-year", "2026",
        contains="Cannot work out the new name of 实验班",
    )  # fmt: skip


def test_bad_years_are_refused(school):
    assert_refused(
        school, 2, "unit", "promote", "--from-year", "2027",
        contains="2027 is after this year (2026)",
    )  # fmt: skip
    assert_refused(
        school, 2, "unit", "promote", "--from-year", "next", usage=True, contains="--from-year"
    )


def test_primary_grades_move_up_too(cli):
    cli.ok("unit", "add", "五年级", "--kind", "grade")
    cli.ok("unit", "add", "六年级", "--kind", "grade")
    cli.ok("unit", "add", "五年级(1)班", "--kind", "class", "--parent", "五年级")
    cli.ok("unit", "add", "六年级(1)班", "--kind", "class", "--parent", "六年级")
    res = cli.ok("unit", "promote", "--from-year", "2026", "-f", "json")
    assert [(r["name"], r["new_name"]) for r in js(res)] == [
        ("五年级(1)班", "六年级(1)班"),
        ("六年级(1)班", None),
    ]
