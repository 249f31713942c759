"""Issue #10 item 11: how a typed name finds one record. A common reading beats a
rare one, records no longer in use leave live names alone, and a name given twice
is accepted with one warning line naming the other record."""

from __future__ import annotations

import pytest

from conftest import assert_refused, js


def shown(cli, typed):
    return js(cli.ok("people", "show", typed, "-f", "json"))


def stderr_lines(res):
    return [line for line in res.stderr.splitlines() if line.strip()]


# -- a rare reading never beats a prefix of the common one -------------------------


def test_common_reading_initials_beat_a_rare_reading(cli):
    cli.ok("people", "add", "刘洋")  # 洋 is yáng, and rarely xiáng: ly, lx
    cli.ok("people", "add", "李秀英")  # lxy
    assert shown(cli, "lx")["name"] == "李秀英"
    assert shown(cli, "ly")["name"] == "刘洋"


def test_a_rare_reading_still_finds_when_nothing_else_does(cli):
    cli.ok("people", "add", "刘洋")
    assert shown(cli, "lx")["name"] == "刘洋"


@pytest.mark.parametrize("typed", ["cxm", "zxm"])
def test_both_readings_of_a_surname_still_find_the_person(cli, typed):
    cli.ok("people", "add", "曾小明")
    cli.ok("people", "add", "李秀英")
    assert shown(cli, typed)["name"] == "曾小明"


# -- records no longer in use -------------------------------------------------------


def test_someone_who_left_does_not_make_a_live_name_ambiguous(cli):
    cli.ok("people", "add", "王芳")
    cli.ok("people", "leave", "王芳", "--date", "2026-02-01")
    cli.ok("people", "add", "王芳")
    assert shown(cli, "王芳")["code"] == "RY-0002"
    assert shown(cli, "wf")["code"] == "RY-0002"
    # the code still finds the one who left, with their history
    left = shown(cli, "RY-0001")
    assert (left["active"], left["left_on"]) == (False, "2026-02-01")


def test_someone_who_left_is_found_by_name_when_no_one_here_answers_to_it(cli):
    cli.ok("people", "add", "王芳")
    cli.ok("people", "leave", "王芳")
    assert shown(cli, "王芳")["active"] is False


def test_a_retired_unit_does_not_make_a_live_name_ambiguous(cli):
    cli.ok("unit", "add", "食堂", "--kind", "department")
    cli.ok("unit", "retire", "食堂")
    res = cli.ok("unit", "add", "食堂", "--kind", "department")
    assert res.stdout == "DW-0002\n"
    assert "食堂 (DW-0001)" in stderr_lines(res)[1]
    cli.ok("people", "add", "厨师", "--unit", "食堂")
    assert shown(cli, "厨师")["unit"] == "食堂"
    assert_refused(
        cli, 3, "people", "add", "帮厨", "--unit", "DW-0001",
        contains="食堂 (DW-0001) was retired on 2026-03-02 and cannot be assigned anything new",
    )  # fmt: skip


# -- a name given twice -------------------------------------------------------------


def test_adding_a_namesake_succeeds_with_one_warning_naming_the_other(cli):
    first = cli.ok("people", "add", "单丽华")
    assert len(stderr_lines(first)) == 1
    res = cli.ok("people", "add", "单丽华")
    assert res.stdout == "RY-0002\n"
    lines = stderr_lines(res)
    assert len(lines) == 2
    assert "Added 单丽华 (RY-0002)." in lines[0]
    assert "单丽华 (RY-0001)" in lines[1] and "tell them apart by code" in lines[1]
    names = [p["name"] for p in js(cli.ok("people", "list", "-f", "json"))]
    assert names == ["单丽华", "单丽华"]


def test_renaming_someone_to_a_registered_name_warns(cli):
    cli.ok("people", "add", "单丽华")
    cli.ok("people", "add", "王芳")
    res = cli.ok("people", "edit", "王芳", "--name", "单丽华")
    lines = stderr_lines(res)
    assert len(lines) == 2 and "单丽华 (RY-0001)" in lines[1]
    assert shown(cli, "RY-0002")["name"] == "单丽华"
    # changing something else says nothing more
    assert len(stderr_lines(cli.ok("people", "edit", "RY-0002", "--phone", "1"))) == 1


def test_a_namesake_who_left_is_named_too(cli):
    cli.ok("people", "add", "单丽华")
    cli.ok("people", "leave", "单丽华")
    res = cli.ok("people", "add", "单丽华")
    assert "单丽华 (RY-0001)" in stderr_lines(res)[1]


def test_a_place_of_the_same_name_elsewhere_warns(cli):
    cli.ok("place", "add", "101", "--building", "教学楼")
    res = cli.ok("place", "add", "101", "--building", "实验楼")
    assert res.stdout == "DD-0002\n"
    assert "101 (DD-0001)" in stderr_lines(res)[1]
    cli.ok("place", "add", "102", "--building", "实验楼")
    res = cli.ok("place", "edit", "DD-0003", "--name", "101", "--building", "综合楼")
    assert "101 (DD-0001), 101 (DD-0002)" in stderr_lines(res)[1]
