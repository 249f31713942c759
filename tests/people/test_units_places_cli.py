"""`houqin unit` and `houqin place`: the school's departments, grades, classes
and rooms, and how they are named."""

from __future__ import annotations

import pytest

from conftest import assert_each_refused, assert_refused, assert_refused_as_left, js


def units(cli, *args):
    return {u["name"]: u for u in js(cli.ok("unit", "list", "-f", "json", *args))}


def places(cli, *args):
    return js(cli.ok("place", "list", "-f", "json", *args))


@pytest.fixture
def school(cli):
    """总务处 DW-0001 (head 张世杰 RY-0001), grade 初一 DW-0002, classes 初一(1)班
    DW-0003 and 初一(2)班 DW-0004; two 张三 (RY-0002, RY-0003); 李四 RY-0004 left;
    places 101 in 教学楼 (DD-0001) and 101 in 实验楼 (DD-0002), 化学实验室 (DD-0003)."""
    cli.ok("people", "add", "张世杰")
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "李四")
    cli.ok("people", "leave", "李四")
    cli.ok("unit", "add", "总务处", "--kind", "department", "--head", "张世杰")
    cli.ok("unit", "add", "初一", "--kind", "grade")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class", "--parent", "初一")
    cli.ok("unit", "add", "初一(2)班", "--kind", "class", "--parent", "初一")
    cli.ok("place", "add", "101", "--building", "教学楼", "--kind", "classroom")
    cli.ok("place", "add", "101", "--building", "实验楼", "--kind", "classroom")
    cli.ok("place", "add", "化学实验室", "--building", "实验楼", "--unit", "初一")
    return cli


# -- units -----------------------------------------------------------------------


def test_unit_add_prints_its_code(cli):
    res = cli.ok("unit", "add", "总务处", "--kind", "department")
    assert res.stdout == "DW-0001\n"
    assert "总务处" in res.stderr
    assert cli.ok("unit", "add", "食堂", "--kind", "department").stdout == "DW-0002\n"


def test_unit_list_json(school):
    rows = js(school.ok("unit", "list", "-f", "json"))
    assert [r["code"] for r in rows] == ["DW-0001", "DW-0002", "DW-0003", "DW-0004"]
    by_name = {r["name"]: r for r in rows}
    assert by_name["总务处"]["kind"] == "department"
    assert by_name["总务处"]["head"] == "张世杰"
    assert by_name["总务处"]["parent"] is None
    assert by_name["初一"]["kind"] == "grade"
    assert by_name["初一(1)班"]["kind"] == "class"
    assert by_name["初一(1)班"]["parent"] == "初一"
    assert by_name["初一(1)班"]["head"] is None


def test_unit_list_by_kind(school):
    assert sorted(units(school, "--kind", "class")) == ["初一(1)班", "初一(2)班"]
    assert sorted(units(school, "--kind", "department")) == ["总务处"]


def test_unit_list_plain(school):
    res = school.ok("unit", "list", "-f", "plain")
    for text in ("DW-0001", "总务处", "张世杰", "初一(2)班"):
        assert text in res.stdout


def test_unit_add_is_journalled(school):
    entries = js(school.ok("audit", "log", "--entity", "DW-0003", "-f", "json"))
    assert [e["action"] for e in entries] == ["unit.add"]


@pytest.mark.parametrize("head", ["RY-0001", "ry-0001", "张世杰", "张世", "zsj", "ZSJ"])
def test_a_head_is_named_like_any_person(school, head):
    school.ok("unit", "add", "初二", "--kind", "grade", "--head", head)
    assert units(school)["初二"]["head"] == "张世杰"


def test_a_head_of_a_shared_name_is_given_by_code(school):
    school.ok("unit", "add", "食堂", "--kind", "department", "--head", "RY-0003")
    assert units(school)["食堂"]["head"] == "张三"


@pytest.mark.parametrize(
    "parent", ["DW-0002", "dw-0002", "初一", "cy", "CY"], ids=lambda p: f"parent={p}"
)
def test_a_parent_is_named_by_code_name_or_initials(school, parent):
    school.ok("unit", "add", "初一(3)班", "--kind", "class", "--parent", parent)
    assert units(school)["初一(3)班"]["parent"] == "初一"


@pytest.mark.parametrize("typed", ["初一(1)班", "初一(1", "cy1b", "dw-0003"])
def test_a_unit_is_named_by_name_prefix_initials_or_code(school, typed):
    school.ok("people", "add", "王芳", "--unit", typed)
    assert js(school.ok("people", "show", "王芳", "-f", "json"))["unit"] == "初一(1)班"


def test_an_ambiguous_unit_lists_each_candidate_with_its_code(school):
    res = assert_refused(
        school, 2, "people", "add", "王芳", "--unit", "初一(",
        contains="'初一(' matches several records: 初一(1)班 (DW-0003), 初一(2)班 (DW-0004)",
    )  # fmt: skip
    assert "DW-0003" in res.stderr and "DW-0004" in res.stderr


def test_a_misspelt_unit_creates_nothing(school):
    assert_each_refused(
        school,
        (2, ["place", "add", "102", "--unit", "初二(1)班"], "No unit matches '初二(1)班'"),
        (2, ["unit", "add", "初一(3)班", "--kind", "class", "--parent", "初二"], "No unit matches '初二'"),
    )  # fmt: skip
    assert len(units(school)) == 4


# -- places ----------------------------------------------------------------------


def test_place_add_prints_its_code(cli):
    res = cli.ok("place", "add", "101", "--building", "教学楼")
    assert res.stdout == "DD-0001\n"
    assert "101" in res.stderr


def test_place_list_json(school):
    rows = places(school)
    assert {r["code"] for r in rows} == {"DD-0001", "DD-0002", "DD-0003"}
    lab = next(r for r in rows if r["code"] == "DD-0003")
    assert lab == {
        "code": "DD-0003",
        "name": "化学实验室",
        "building": "实验楼",
        "kind": "other",
        "org_unit": "初一",
    }
    room = next(r for r in rows if r["code"] == "DD-0001")
    assert (room["building"], room["kind"], room["org_unit"]) == ("教学楼", "classroom", None)


def test_place_list_by_building_and_kind(school):
    assert sorted(r["code"] for r in places(school, "--building", "实验楼")) == [
        "DD-0002",
        "DD-0003",
    ]
    assert sorted(r["code"] for r in places(school, "--kind", "classroom")) == [
        "DD-0001",
        "DD-0002",
    ]
    assert places(school, "--building", "行政楼") == []


def test_place_unit_is_named_by_initials(school):
    school.ok("place", "add", "财务室", "--unit", "zwc", "--kind", "office")
    row = next(r for r in places(school) if r["name"] == "财务室")
    assert row["org_unit"] == "总务处"
    assert row["building"] is None


def test_the_same_place_name_in_another_building_is_fine(cli):
    cli.ok("place", "add", "101", "--building", "教学楼")
    cli.ok("place", "add", "101", "--building", "实验楼")
    cli.ok("place", "add", "101")
    assert len(places(cli)) == 3


def test_place_add_is_journalled(school):
    entries = js(school.ok("audit", "log", "--entity", "DD-0003", "-f", "json"))
    assert [e["action"] for e in entries] == ["place.add"]


def test_a_place_is_named_by_code_name_prefix_or_initials(school):
    """No command takes a place yet, so resolution is driven through the service
    on the real ledger: what later groups (assets, repairs) will call."""
    from houqin_cli.core.db import Ledger
    from houqin_cli.core.errors import InputError
    from houqin_cli.people.service import find_place

    ledger = Ledger.from_option(school.db)
    try:
        with ledger.read() as s:
            for typed in ("DD-0003", "dd-0003", "化学实验室", "化学", "hxsys"):
                assert find_place(s, typed).code == "DD-0003", typed
            assert find_place(s, "dd-0001").name == "101"
            with pytest.raises(InputError) as ambiguous:
                find_place(s, "101")
            assert ambiguous.value.exit_code == 2
            assert "DD-0001" in ambiguous.value.message
            assert "DD-0002" in ambiguous.value.message
            with pytest.raises(InputError) as unknown:
                find_place(s, "体育馆")
            assert unknown.value.exit_code == 2
            assert "体育馆" in unknown.value.message
    finally:
        ledger.dispose()


# -- bad input -------------------------------------------------------------------

BAD = [
    # (exit code, args, stderr contains)
    (2, ["unit", "add", "", "--kind", "class"], "empty"),
    (2, ["unit", "add", "  ", "--kind", "class"], "empty"),
    (2, ["unit", "add", "财务室", "--kind", "office"], "office"),
    (3, ["unit", "add", "总务处", "--kind", "department"], "总务处"),
    (3, ["unit", "add", "初一", "--kind", "class"], "初一"),
    (2, ["unit", "add", "食堂", "--kind", "department", "--head", "nobody"], "nobody"),
    (2, ["unit", "add", "食堂", "--kind", "department", "--head", "张三"], "RY-0003"),
    (3, ["unit", "add", "食堂", "--kind", "department", "--head", "李四"], "RY-0004"),
    (3, ["unit", "add", "食堂", "--kind", "department", "--head", "RY-0004"], "李四"),
    (2, ["unit", "add", "初二(1)班", "--kind", "class", "--parent", "初二"], "初二"),
    (2, ["unit", "add", "初一(3)班", "--kind", "class", "--parent", "初一("], "DW-0004"),
    (2, ["unit", "list", "--kind", "office"], "office"),
    (2, ["place", "add", ""], "empty"),
    (2, ["place", "add", " "], "empty"),
    (2, ["place", "add", "102", "--kind", "hall"], "hall"),
    (2, ["place", "add", "102", "--unit", "nowhere"], "nowhere"),
    (2, ["place", "add", "102", "--unit", "初一("], "DW-0003"),
    (3, ["place", "add", "101", "--building", "教学楼"], "101"),
    (3, ["place", "add", "化学实验室", "--building", "实验楼", "--kind", "office"], "化学实验室"),
    (2, ["place", "list", "--kind", "hall"], "hall"),
]


@pytest.mark.parametrize("code, args, contains", BAD, ids=[" ".join(a) or "-" for _, a, _c in BAD])
def test_bad_input_is_refused_and_changes_nothing(school, code, args, contains):
    assert_refused(school, code, *args, contains=contains)


USAGE = [
    # (args, stderr contains): refused by click's parsing, exit 2 too
    (["unit", "add", "财务室"], "Missing option '--kind'"),
    (["unit", "add", "财务室", "--kind", "department", "--bogus"], "No such option: --bogus"),
    (["place", "add", "102", "--bogus"], "No such option: --bogus"),
]


@pytest.mark.parametrize("args, contains", USAGE, ids=[" ".join(a) for a, _c in USAGE])
def test_usage_errors_are_refused_and_change_nothing(school, args, contains):
    assert_refused(school, 2, *args, usage=True, contains=contains)


def test_a_place_without_building_is_unique_too(cli):
    cli.ok("place", "add", "操场", "--kind", "outdoor")
    assert_refused(cli, 3, "place", "add", "操场", contains="操场")
    cli.ok("place", "add", "操场", "--building", "东校区")


def test_a_left_head_message_names_the_rule(school):
    head = ("unit", "add", "食堂", "--kind", "department", "--head", "李四")
    assert_refused_as_left(school, "李四 (RY-0004)", "2026-03-02", *head)
