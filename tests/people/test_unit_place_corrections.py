"""`unit edit|retire` and `place edit|retire` (issue #10): corrections journalled with
old and new; a retired unit or place keeps its history, leaves the listings and name
matching, takes nothing new, and cannot be retired while something depends on it."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from conftest import assert_each_refused, assert_refused, js, raw

RETIRED = "was retired on 2026-03-02 and cannot be assigned anything new"


@pytest.fixture
def school(cli):
    """总务处 DW-0001; grade 初一 DW-0002 with 初一(1)班 DW-0003 and 初一(2)班 DW-0004;
    张世杰 RY-0001 of 总务处; 李四 RY-0002 who left; 101 DD-0001 of 初一(1)班 and
    库房 DD-0002."""
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "初一", "--kind", "grade")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class", "--parent", "初一")
    cli.ok("unit", "add", "初一(2)班", "--kind", "class", "--parent", "初一")
    cli.ok("people", "add", "张世杰", "--unit", "总务处")
    cli.ok("people", "add", "李四")
    cli.ok("people", "leave", "李四")
    cli.ok("place", "add", "101", "--building", "教学楼", "--unit", "初一(1)班")
    cli.ok("place", "add", "库房", "--kind", "store")
    return cli


def units(cli, *args):
    return {u["code"]: u for u in js(cli.ok("unit", "list", "-f", "json", *args))}


def places(cli, *args):
    return {p["code"]: p for p in js(cli.ok("place", "list", "-f", "json", *args))}


def last_entry(cli, action):
    with raw(cli.db) as con:
        row = con.execute(
            sa.text("SELECT code, payload FROM journal WHERE action = :a ORDER BY seq DESC"),
            {"a": action},
        ).first()
    return row[0], json.loads(row[1])


# -- unit edit -------------------------------------------------------------------------


def test_unit_edit_changes_name_kind_parent_and_head_journalled_with_old_and_new(school):
    school.ok("unit", "add", "初二", "--kind", "grade")
    res = school.ok(
        "unit", "edit", "初一(2)班", "--name", "初二(1)班", "--parent", "初二", "--head", "zsj"
    )
    assert "初二(1)班 (DW-0004)" in res.stderr
    u = units(school)["DW-0004"]
    assert (u["name"], u["parent"], u["head"]) == ("初二(1)班", "初二", "张世杰")
    code, payload = last_entry(school, "unit.edit")
    assert code == "DW-0004"
    assert payload == {
        "name": {"old": "初一(2)班", "new": "初二(1)班"},
        "parent": {"old": "DW-0002", "new": "DW-0005"},
        "head": {"old": None, "new": "RY-0001"},
    }
    # the new name and its initials find it
    school.ok("people", "add", "王芳", "--unit", "ce1b")
    assert js(school.ok("people", "show", "王芳", "-f", "json"))["unit"] == "初二(1)班"
    school.ok("unit", "edit", "DW-0004", "--head", "-", "--kind", "department", "--parent", "-")
    u = units(school)["DW-0004"]
    assert (u["kind"], u["parent"], u["head"]) == ("department", None, None)
    assert school.ok("audit", "verify").exit_code == 0


def test_bad_unit_edits_are_refused_and_change_nothing(school):
    assert_each_refused(
        school,
        (3, ["unit", "edit", "初一(2)班", "--name", "初一(1)班"], "A unit named 初一(1)班 already exists"),
        (3, ["unit", "edit", "初一", "--parent", "初一(1)班"], "初一 cannot be placed under 初一(1)班, which is part of it"),
        (3, ["unit", "edit", "初一", "--parent", "初一"], "cannot be placed under 初一"),
        (3, ["unit", "edit", "总务处", "--head", "李四"], "李四 (RY-0002) left on"),
        (2, ["unit", "edit", "总务处", "--kind", "office"], "Invalid --kind 'office'"),
        (2, ["unit", "edit", "总务处", "--name", " "], "empty"),
        (2, ["unit", "edit", "总务处"], "Nothing to change"),
        (2, ["unit", "edit", "总务处", "--name", "总务处"], "Nothing to change"),
        (2, ["unit", "edit", "教务处", "--name", "x"], "No unit matches '教务处'"),
    )  # fmt: skip


# -- unit retire -----------------------------------------------------------------------


def test_a_retired_unit_leaves_the_listing_unless_all_and_keeps_its_history(school):
    school.ok("unit", "retire", "初一(2)班", "--date", "2026-02-28")
    assert "DW-0004" not in units(school)
    listed = units(school, "--all")["DW-0004"]
    assert (listed["name"], listed["retired_on"]) == ("初一(2)班", "2026-02-28")
    assert "retired_on" not in units(school)["DW-0003"]  # the default listing keeps its keys
    code, payload = last_entry(school, "unit.retire")
    assert (code, payload) == ("DW-0004", {"date": "2026-02-28"})
    entries = js(school.ok("audit", "log", "--entity", "DW-0004", "-f", "json"))
    assert [e["action"] for e in entries] == ["unit.add", "unit.retire"]


def test_a_retired_unit_takes_nothing_new(school):
    school.ok("unit", "retire", "初一(2)班")
    school.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    school.ok("stock", "receive", "粉笔", "10", "--price", "2")
    assert_each_refused(
        school,
        (3, ["people", "add", "王芳", "--unit", "DW-0004"], f"初一(2)班 (DW-0004) {RETIRED}"),
        (3, ["people", "edit", "张世杰", "--unit", "初一(2)班"], RETIRED),
        (3, ["unit", "add", "初一(2)组", "--kind", "class", "--parent", "DW-0004"], RETIRED),
        (3, ["place", "add", "102", "--unit", "DW-0004"], RETIRED),
        (3, ["stock", "issue", "粉笔", "1", "--to", "初一(2)班"], RETIRED),
        (3, ["unit", "edit", "DW-0004", "--name", "初一(9)班"], RETIRED),
    )  # fmt: skip
    # its history is still there to read
    school.ok("people", "list", "--unit", "DW-0004")


def test_retiring_a_unit_with_people_or_units_under_it_is_refused(school):
    assert_each_refused(
        school,
        (3, ["unit", "retire", "总务处"],
         "总务处 (DW-0001) still has people 张世杰 (RY-0001); move them elsewhere (or retire them) first."),
        (3, ["unit", "retire", "初一"], "初一 (DW-0002) still has units 初一(1)班 (DW-0003), 初一(2)班 (DW-0004)"),
        (3, ["unit", "retire", "初一(1)班"], "places 101 (DD-0001)"),
    )  # fmt: skip
    # someone who left does not hold a unit open
    school.ok("people", "edit", "RY-0002", "--unit", "总务处")
    school.ok("people", "edit", "张世杰", "--unit", "-")
    school.ok("unit", "retire", "总务处")


def test_retiring_a_unit_with_asset_cards_in_its_custody_is_refused(school):
    args = ("--category", "家具", "--value", "100", "--acquired", "2024-01-01")
    code = school.ok("asset", "add", "讲台", *args, "--custodian", "初一(2)班").stdout.strip()
    assert_refused(
        school, 3, "unit", "retire", "初一(2)班", contains=f"1 asset cards on the books ({code})"
    )


def test_retiring_twice_or_in_the_future_is_refused(school):
    school.ok("unit", "retire", "初一(2)班")
    assert_each_refused(
        school,
        (3, ["unit", "retire", "DW-0004"], "初一(2)班 (DW-0004) was already retired on 2026-03-02"),
        (2, ["unit", "retire", "初一(1)班", "--date", "2026-03-03"], "is after today"),
        (2, ["unit", "retire", "教务处"], "No unit matches '教务处'"),
    )  # fmt: skip


# -- places ----------------------------------------------------------------------------


def test_place_edit_changes_fields_journalled_with_old_and_new(school):
    school.ok("place", "edit", "101", "--name", "201", "--building", "实验楼", "--unit", "-")
    p = places(school)["DD-0001"]
    assert (p["name"], p["building"], p["org_unit"]) == ("201", "实验楼", None)
    code, payload = last_entry(school, "place.edit")
    assert code == "DD-0001"
    assert payload == {
        "name": {"old": "101", "new": "201"},
        "building": {"old": "教学楼", "new": "实验楼"},
        "unit": {"old": "DW-0003", "new": None},
    }
    school.ok("place", "edit", "DD-0001", "--kind", "office", "--unit", "总务处")
    p = places(school)["DD-0001"]
    assert (p["kind"], p["org_unit"]) == ("office", "总务处")


def test_bad_place_edits_are_refused_and_change_nothing(school):
    school.ok("place", "add", "102", "--building", "教学楼")
    assert_each_refused(
        school,
        (3, ["place", "edit", "102", "--name", "101"], "A place named 101 already exists there"),
        (3, ["place", "edit", "库房", "--name", "101", "--building", "教学楼"], "already exists there"),
        (2, ["place", "edit", "库房", "--kind", "hall"], "Invalid --kind 'hall'"),
        (2, ["place", "edit", "库房", "--unit", "教务处"], "No unit matches '教务处'"),
        (2, ["place", "edit", "库房"], "Nothing to change"),
        (2, ["place", "edit", "体育馆", "--kind", "other"], "No place matches '体育馆'"),
    )  # fmt: skip


def test_a_retired_place_leaves_the_listing_and_takes_no_card(school):
    school.ok("place", "retire", "库房")
    assert "DD-0002" not in places(school)
    assert places(school, "--all")["DD-0002"]["retired_on"] == "2026-03-02"
    args = (
        "asset",
        "add",
        "书柜",
        "--category",
        "家具",
        "--value",
        "100",
        "--acquired",
        "2024-01-01",
    )
    assert_refused(school, 3, *args, "--place", "DD-0002", contains=f"库房 (DD-0002) {RETIRED}")
    assert_refused(school, 3, "place", "retire", "DD-0002", contains="already retired")


def test_retiring_a_place_with_asset_cards_on_the_books_is_refused(school):
    args = ("--category", "家具", "--value", "100", "--acquired", "2024-01-01")
    code = school.ok("asset", "add", "书柜", *args, "--place", "库房").stdout.strip()
    assert_refused(
        school, 3, "place", "retire", "库房",
        contains=f"库房 (DD-0002) still has 1 asset cards on the books ({code})",
    )  # fmt: skip
