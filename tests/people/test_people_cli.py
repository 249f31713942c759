"""`houqin people`: add, list, show, edit, leave, and how a person is named,
driven through the CLI as a clerk or a script would."""

from __future__ import annotations

import pytest

from conftest import assert_refused, assert_refused_as_left, js


def people(cli, *args):
    return {p["code"]: p for p in js(cli.ok("people", "list", "-f", "json", *args))}


def journal_for(cli, code):
    return js(cli.ok("audit", "log", "--entity", code, "-f", "json"))


@pytest.fixture
def school(cli):
    """总务处 (DW-0001); 张世杰 RY-0001 of 总务处; two 张三 RY-0002 and RY-0003;
    李四 RY-0004, who left on 2026-02-27."""
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("people", "add", "张世杰", "--unit", "总务处", "--role", "approver")
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "李四")
    cli.ok("people", "leave", "李四", "--date", "2026-02-27")
    return cli


# -- add -------------------------------------------------------------------------


def test_add_prints_the_new_code_on_stdout_and_the_message_on_stderr(cli):
    res = cli.ok("people", "add", "张世杰")
    assert res.stdout == "RY-0001\n"
    assert "张世杰" in res.stderr and "RY-0001" in res.stderr
    assert cli.ok("people", "add", "王芳").stdout == "RY-0002\n"


def test_add_with_code_unit_roles_and_phone(cli):
    cli.ok("unit", "add", "总务处", "--kind", "department")
    res = cli.ok(
        "people",
        "add",
        "李红",
        "--code",
        "T100",
        "--unit",
        "总务处",
        "--role",
        "teacher",
        "--role",
        "审批人",
        "--phone",
        "138-0000-1111",
    )
    assert res.stdout == "T100\n"
    p = people(cli)["T100"]
    assert p["name"] == "李红"
    assert p["unit"] == "总务处"
    assert p["roles"] == ["approver", "teacher"]
    assert p["phone"] == "138-0000-1111"
    assert p["active"] is True


def test_add_accepts_chinese_role_labels_and_comma_lists(cli):
    cli.ok("people", "add", "王芳", "--role", "保管员，会计", "--role", "teacher,班主任")
    p = people(cli)["RY-0001"]
    assert sorted(p["roles"]) == ["accountant", "head_teacher", "storekeeper", "teacher"]


def test_a_refused_add_uses_no_code_up(cli):
    assert_refused(
        cli, 2, "people", "add", "王芳", "--role", "boss", contains="Unknown role 'boss'"
    )
    assert cli.ok("people", "add", "王芳").stdout == "RY-0001\n"


def test_add_is_journalled(cli):
    cli.ok("people", "add", "张世杰")
    entries = journal_for(cli, "RY-0001")
    assert [e["action"] for e in entries] == ["people.add"]
    assert entries[0]["operator"] == "tester"
    assert entries[0]["entity"] == "person"


# -- list ------------------------------------------------------------------------


def test_list_json_carries_the_documented_keys(school):
    rows = js(school.ok("people", "list", "-f", "json"))
    assert isinstance(rows, list)
    for row in rows:
        assert {"code", "name", "unit", "roles", "active"} <= set(row)
        assert isinstance(row["roles"], list)
        assert isinstance(row["active"], bool)
    zsj = next(r for r in rows if r["code"] == "RY-0001")
    assert zsj == {**zsj, "name": "张世杰", "unit": "总务处", "roles": ["approver"]}


def test_list_shows_only_people_still_here_unless_all(school):
    assert sorted(people(school)) == ["RY-0001", "RY-0002", "RY-0003"]
    everyone = people(school, "--all")
    assert sorted(everyone) == ["RY-0001", "RY-0002", "RY-0003", "RY-0004"]
    assert everyone["RY-0004"]["active"] is False
    assert everyone["RY-0004"]["left_on"] == "2026-02-27"
    assert everyone["RY-0001"]["active"] is True


def test_list_plain_shows_names_and_codes(school):
    res = school.ok("people", "list", "-f", "plain")
    assert "张世杰" in res.stdout and "RY-0001" in res.stdout
    assert "李四" not in res.stdout
    assert "李四" in school.ok("people", "list", "--all", "-f", "plain").stdout


def test_list_by_unit(school):
    school.ok("unit", "add", "食堂", "--kind", "department")
    school.ok("people", "add", "赵六", "--unit", "食堂")
    assert sorted(people(school, "--unit", "总务处")) == ["RY-0001"]
    # the unit is named like any other: by pinyin initials, by code
    assert sorted(people(school, "--unit", "st")) == ["RY-0005"]
    assert sorted(people(school, "--unit", "dw-0001")) == ["RY-0001"]


def test_list_by_role_matches_whole_roles(cli):
    cli.ok("people", "add", "甲", "--role", "teacher")
    cli.ok("people", "add", "乙", "--role", "head_teacher")
    cli.ok("people", "add", "丙", "--role", "head_teacher", "--role", "teacher")
    assert sorted(people(cli, "--role", "teacher")) == ["RY-0001", "RY-0003"]
    assert sorted(people(cli, "--role", "班主任")) == ["RY-0002", "RY-0003"]
    assert people(cli, "--role", "approver") == {}


def test_list_on_an_empty_registry_is_an_empty_array(cli):
    assert js(cli.ok("people", "list", "-f", "json")) == []


# -- show ------------------------------------------------------------------------


def test_show_json_gives_the_record_and_its_history(school):
    school.ok("people", "edit", "RY-0001", "--phone", "123")
    rec = js(school.ok("people", "show", "RY-0001", "-f", "json"))
    assert rec["code"] == "RY-0001"
    assert rec["name"] == "张世杰"
    assert rec["unit"] == "总务处"
    assert rec["roles"] == ["approver"]
    assert rec["phone"] == "123"
    assert rec["active"] is True
    assert [h["action"] for h in rec["history"]] == ["people.add", "people.edit"]
    assert rec["history"][0]["operator"] == "tester"
    assert rec["history"][0]["time"].startswith("2026-03-02T09:00")
    assert rec["history"][0]["seq"] < rec["history"][1]["seq"]


def test_show_plain_names_the_person_and_their_history(school):
    res = school.ok("people", "show", "张世杰", "-f", "plain")
    assert "张世杰" in res.stdout
    assert "RY-0001" in res.stdout
    assert "people.add" in res.stdout
    assert res.stderr == ""


def test_a_person_who_left_keeps_their_history(school):
    rec = js(school.ok("people", "show", "李四", "-f", "json"))
    assert rec["active"] is False
    assert rec["left_on"] == "2026-02-27"
    assert [h["action"] for h in rec["history"]] == ["people.add", "people.leave"]


# -- edit ------------------------------------------------------------------------


def test_edit_name_and_the_new_initials_find_them(school):
    school.ok("people", "edit", "张世杰", "--name", "王海涛")
    assert people(school)["RY-0001"]["name"] == "王海涛"
    assert js(school.ok("people", "show", "wht", "-f", "json"))["code"] == "RY-0001"
    assert_refused(school, 2, "people", "show", "zsj", contains="zsj")


def test_edit_code_keeps_the_history(school):
    school.ok("people", "edit", "RY-0001", "--code", "T9")
    rec = js(school.ok("people", "show", "t9", "-f", "json"))
    assert rec["name"] == "张世杰"
    assert [h["action"] for h in rec["history"]] == ["people.add", "people.edit"]
    assert "RY-0001" not in people(school)
    assert_refused(school, 2, "people", "show", "RY-0001", contains="No person matches 'RY-0001'")


def test_edit_unit_sets_and_clears(school):
    school.ok("unit", "add", "食堂", "--kind", "department")
    school.ok("people", "edit", "RY-0002", "--unit", "食堂")
    assert people(school)["RY-0002"]["unit"] == "食堂"
    school.ok("people", "edit", "RY-0002", "--unit", "-")
    assert people(school)["RY-0002"]["unit"] is None


def test_edit_role_replaces_the_roles(school):
    school.ok("people", "edit", "RY-0001", "--role", "teacher", "--role", "会计")
    assert people(school)["RY-0001"]["roles"] == ["accountant", "teacher"]


def test_edit_add_and_remove_role(school):
    school.ok("people", "edit", "RY-0001", "--add-role", "storekeeper", "--add-role", "出纳")
    assert people(school)["RY-0001"]["roles"] == ["approver", "cashier", "storekeeper"]
    school.ok("people", "edit", "RY-0001", "--remove-role", "审批人")
    assert people(school)["RY-0001"]["roles"] == ["cashier", "storekeeper"]


def test_edit_phone_sets_and_clears(school):
    school.ok("people", "edit", "RY-0001", "--phone", "+86 138 0000 1111")
    assert people(school)["RY-0001"]["phone"] == "+86 138 0000 1111"
    school.ok("people", "edit", "RY-0001", "--phone", "")
    assert people(school)["RY-0001"]["phone"] is None


def test_edit_writes_a_journal_entry(school):
    before = journal_for(school, "RY-0001")
    res = school.ok("people", "edit", "RY-0001", "--phone", "123", "--add-role", "teacher")
    assert res.stdout == ""
    assert "RY-0001" in res.stderr
    after = journal_for(school, "RY-0001")
    assert len(after) == len(before) + 1
    entry = after[-1]
    assert entry["action"] == "people.edit"
    assert entry["operator"] == "tester"
    assert entry["code"] == "RY-0001"
    assert "people edit" in entry["command"]
    assert school.ok("audit", "verify").exit_code == 0


def test_edit_reaches_only_the_person_named_by_code(school):
    school.ok("people", "edit", "RY-0003", "--phone", "555")
    found = people(school)
    assert found["RY-0003"]["phone"] == "555"
    assert found["RY-0002"]["phone"] is None


# -- leave -----------------------------------------------------------------------


def test_leave_defaults_to_today(school):
    res = school.ok("people", "leave", "张世杰")
    assert res.stdout == ""
    assert "2026-03-02" in res.stderr
    rec = people(school, "--all")["RY-0001"]
    assert rec["active"] is False
    assert rec["left_on"] == "2026-03-02"
    assert "RY-0001" not in people(school)
    assert journal_for(school, "RY-0001")[-1]["action"] == "people.leave"


@pytest.mark.parametrize("given, day", [("2026-02-20", "2026-02-20"), ("yesterday", "2026-03-01")])
def test_leave_with_a_date(school, given, day):
    school.ok("people", "leave", "RY-0002", "--date", given)
    assert people(school, "--all")["RY-0002"]["left_on"] == day


def test_a_person_who_left_cannot_head_a_unit(school):
    school.ok("people", "leave", "张世杰")
    head = ("unit", "add", "初一(1)班", "--kind", "class", "--head", "张世杰")
    assert_refused_as_left(school, "张世杰 (RY-0001)", "2026-03-02", *head)


def test_leaving_twice_is_refused(school):
    res = assert_refused(school, 3, "people", "leave", "李四", contains="already left")
    assert "2026-02-27" in res.stderr


# -- naming a person -------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["RY-0001", "ry-0001", "Ry-0001", "张世杰", "张世", "zsj", "ZSJ", "zs"],
)
def test_a_person_is_found_by_code_name_prefix_or_initials(cli, typed):
    cli.ok("people", "add", "张世杰")
    cli.ok("people", "add", "李四")
    assert js(cli.ok("people", "show", typed, "-f", "json"))["code"] == "RY-0001"


@pytest.mark.parametrize("typed", ["cxm", "zxm"])
def test_a_polyphonic_surname_matches_either_reading(cli, typed):
    cli.ok("people", "add", "曾小明")
    assert js(cli.ok("people", "show", typed, "-f", "json"))["name"] == "曾小明"


def test_an_exact_name_wins_over_a_longer_name(cli):
    cli.ok("people", "add", "张三丰")
    cli.ok("people", "add", "张三")
    assert js(cli.ok("people", "show", "张三", "-f", "json"))["code"] == "RY-0002"


def test_exact_initials_win_over_longer_initials(cli):
    cli.ok("people", "add", "张世杰")
    cli.ok("people", "add", "张三")
    assert js(cli.ok("people", "show", "zs", "-f", "json"))["code"] == "RY-0002"


def test_an_ambiguous_name_lists_each_candidate_with_its_code(school):
    res = assert_refused(
        school, 2, "people", "show", "张三",
        contains="'张三' matches several records: 张三 (RY-0002), 张三 (RY-0003)",
    )  # fmt: skip
    assert "RY-0002" in res.stderr and "RY-0003" in res.stderr
    # a prefix shared by several is ambiguous too, also across different names
    res = assert_refused(
        school, 2, "people", "show", "张",
        contains="'张' matches several records: 张世杰 (RY-0001), 张三 (RY-0002), 张三 (RY-0003)",
    )  # fmt: skip
    for code in ("RY-0001", "RY-0002", "RY-0003"):
        assert code in res.stderr


def test_two_people_of_one_name_are_told_apart_by_code(school):
    assert js(school.ok("people", "show", "RY-0002", "-f", "json"))["name"] == "张三"
    assert js(school.ok("people", "show", "ry-0003", "-f", "json"))["name"] == "张三"
    listed = [p["name"] for p in people(school).values()]
    assert listed.count("张三") == 2


def test_like_wildcards_in_a_name_are_taken_literally(cli):
    cli.ok("people", "add", "a_b")
    cli.ok("people", "add", "axb")
    assert js(cli.ok("people", "show", "a_", "-f", "json"))["name"] == "a_b"
    assert_refused(cli, 2, "people", "show", "%", contains="No person matches '%'")
    assert_refused(cli, 2, "people", "show", "_", contains="No person matches '_'")


def test_a_typo_never_creates_a_record(school):
    assert_refused(
        school, 2, "people", "add", "赵六", "--unit", "总物处", contains="No unit matches '总物处'"
    )
    assert_refused(
        school, 2, "people", "edit", "张世节", "--phone", "1", contains="No person matches '张世节'"
    )
    assert len(js(school.ok("unit", "list", "-f", "json"))) == 1
    assert len(people(school, "--all")) == 4


# -- bad input: exit code, one line on stderr, nothing on stdout, ledger unchanged --

BAD = [
    # (exit code, args, stderr contains)
    (2, ["people", "add", ""], "empty"),
    (2, ["people", "add", "   "], "empty"),
    (2, ["people", "add", "王芳", "--role", "boss"], "boss"),
    (2, ["people", "add", "王芳", "--role", "teacher", "--role", "老板"], "老板"),
    (2, ["people", "add", "王芳", "--unit", "nowhere"], "nowhere"),
    (2, ["people", "add", "王芳", "--phone", "call me"], "call me"),
    (2, ["people", "add", "王芳", "--code", "A B"], "A B"),
    (3, ["people", "add", "王芳", "--code", "RY-0001"], "RY-0001"),
    (3, ["people", "add", "王芳", "--code", "ry-0001"], "The code ry-0001 is already taken"),
    (2, ["people", "edit", "nobody", "--phone", "1"], "nobody"),
    (2, ["people", "edit", "张三", "--phone", "1"], "RY-0003"),
    (2, ["people", "edit", "RY-0001", "--name", ""], "empty"),
    (2, ["people", "edit", "RY-0001", "--name", "  "], "empty"),
    (2, ["people", "edit", "RY-0001", "--unit", "nowhere"], "nowhere"),
    (2, ["people", "edit", "RY-0001", "--role", "boss"], "boss"),
    (2, ["people", "edit", "RY-0001", "--add-role", "boss"], "boss"),
    (2, ["people", "edit", "RY-0001", "--remove-role", "boss"], "boss"),
    (2, ["people", "edit", "RY-0001", "--phone", "abc"], "abc"),
    (2, ["people", "edit", "RY-0001"], "Nothing to change"),
    (3, ["people", "edit", "RY-0001", "--code", "RY-0002"], "RY-0002"),
    (3, ["people", "edit", "RY-0001", "--code", "ry-0002"], "The code ry-0002 is already taken"),
    (2, ["people", "leave", "nobody"], "nobody"),
    (2, ["people", "leave", "张三"], "RY-0002"),
    (2, ["people", "leave", "RY-0001", "--date", "2026-02-30"], "2026-02-30"),
    (2, ["people", "leave", "RY-0001", "--date", "2026-13-01"], "2026-13-01"),
    (2, ["people", "leave", "RY-0001", "--date", "soon"], "soon"),
    (3, ["people", "leave", "RY-0004"], "RY-0004"),
    (2, ["people", "show", "nobody"], "nobody"),
    (2, ["people", "list", "--unit", "nowhere"], "nowhere"),
    (2, ["people", "list", "--role", "boss"], "boss"),
]


@pytest.mark.parametrize("code, args, contains", BAD, ids=[" ".join(a) or "-" for _, a, _c in BAD])
def test_bad_input_is_refused_and_changes_nothing(school, code, args, contains):
    assert_refused(school, code, *args, contains=contains)


USAGE = [
    # (args, stderr contains): refused by click's parsing, exit 2 too
    (["people", "add", "王芳", "--bogus"], "No such option: --bogus"),
    (["people", "add"], "Missing argument 'name'"),
    (["people", "edit", "RY-0001", "--bogus", "x"], "No such option: --bogus"),
    (["people", "leave", "RY-0001", "--bogus"], "No such option: --bogus"),
]


@pytest.mark.parametrize("args, contains", USAGE, ids=[" ".join(a) for a, _c in USAGE])
def test_usage_errors_are_refused_and_change_nothing(school, args, contains):
    assert_refused(school, 2, *args, usage=True, contains=contains)


def test_a_bad_date_names_the_accepted_forms(school):
    res = assert_refused(
        school, 2, "people", "leave", "RY-0001", "--date", "2026-02-30",
        contains="Invalid date '2026-02-30'",
    )  # fmt: skip
    assert "2026-02-25" in res.stderr


def test_a_taken_code_in_another_case_does_not_break_naming(school):
    """Codes are matched without regard to case, so a second code differing only
    in case would make both unreachable: it must be refused like the same code."""
    assert_refused(
        school, 3, "people", "add", "王芳", "--code", "ry-0002",
        contains="The code ry-0002 is already taken",
    )  # fmt: skip
    assert js(school.ok("people", "show", "RY-0002", "-f", "json"))["name"] == "张三"
