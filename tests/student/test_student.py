"""`houqin student` (#16): the registry, its lookup, its import, and personal
information masked unless --reveal (journalled)."""

from __future__ import annotations

import pytest

from conftest import Cli, assert_each_refused, assert_refused, js, raw


@pytest.fixture
def school(cli: Cli) -> Cli:
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("unit", "add", "初一(2)班", "--kind", "class")
    cli.ok("unit", "add", "总务处", "--kind", "department")
    return cli


def students(cli: Cli, *args: str) -> list[dict]:
    return js(cli.ok("student", "list", *args, "-f", "json"))


def test_add_prints_the_code_and_lists_masked(school):
    res = school.ok("student", "add", "张伟", "--class", "初一(1)班", "--phone", "13812340000",
                    "--id-no", "110101201001011234", "--guardian", "张父", "--gender", "男",
                    "--boarding")  # fmt: skip
    assert res.stdout.strip() == "XS-0001"
    assert school.ok("student", "add", "李娜", "--class", "初一(2)班", "--no", "2026002").stdout \
        .strip() == "2026002"  # fmt: skip
    [lina, zw] = students(school)
    assert zw["phone"] == "138****0000" and zw["id_no"] == "110***********1234"
    assert zw["class_name"] == "初一(1)班" and zw["boarding"] is True and zw["gender"] == "男"
    for fmt in ("csv", "plain", "markdown"):
        out = school.ok("student", "list", "-f", fmt).stdout
        assert "13812340000" not in out and "138****0000" in out
    shown = js(school.ok("student", "show", "zw", "-f", "json"))
    assert shown["phone"] == "138****0000"
    assert [s["code"] for s in students(school, "--class", "初一(2)班")] == ["2026002"]
    assert [s["code"] for s in students(school, "--boarding")] == ["XS-0001"]


def test_reveal_shows_in_full_and_is_journalled(school):
    school.ok("student", "add", "张伟", "--class", "初一(1)班", "--phone", "13812340000")
    shown = js(school.ok("student", "show", "XS-0001", "--reveal", "-f", "json"))
    assert shown["phone"] == "13812340000"
    assert students(school, "--reveal")[0]["phone"] == "13812340000"
    with raw(school.db) as con:
        import sqlalchemy as sa

        got = con.execute(sa.text("SELECT operator, payload FROM journal "
                                  "WHERE action = 'privacy.reveal' ORDER BY seq")).fetchall()  # fmt: skip
    assert len(got) == 2 and got[0][0] == "tester" and "XS-0001" in got[0][1]
    assert school.ok("audit", "verify").exit_code == 0


def test_namesakes_are_told_apart_by_class(school):
    school.ok("student", "add", "张伟", "--class", "初一(1)班")
    school.ok("student", "add", "张伟", "--class", "初一(2)班")
    res = assert_refused(school, 2, "student", "show", "zw", contains="初一(2)班")
    assert "初一(1)班" in res.stderr
    assert js(school.ok("student", "show", "XS-0002", "-f", "json"))["class_name"] == "初一(2)班"


def test_move_and_leave_keep_the_student(school):
    school.ok("student", "add", "张伟", "--class", "初一(1)班")
    school.ok("student", "move", "zw", "--class", "初一(2)班")
    school.ok("student", "leave", "zw", "--reason", "转学", "--date", "2026-03-01")
    assert students(school) == []
    [left] = students(school, "--all")
    assert left["active"] is False and left["left_on"] == "2026-03-01"
    assert left["class_name"] == "初一(2)班"
    assert js(school.ok("student", "show", "XS-0001", "-f", "json"))["leave_reason"] == "转学"


def test_bad_input(school):
    school.ok("student", "add", "张伟", "--class", "初一(1)班", "--no", "2026001")
    assert_each_refused(
        school,
        (2, ["student", "add", "李娜", "--class", "初三(9)班"], "No unit matches '初三(9)班'"),
        (2, ["student", "add", "李娜", "--class", "总务处"], "not a class"),
        (3, ["student", "add", "李娜", "--class", "初一(1)班", "--no", "2026001"],
         "The 学号 2026001 is already taken."),
        (2, ["student", "add", "李娜", "--class", "初一(1)班", "--phone", "abc"],
         "Invalid phone number"),
        (2, ["student", "add", "李娜", "--class", "初一(1)班", "--id-no", "123"],
         "Invalid ID number"),
        (2, ["student", "add", "李娜", "--class", "初一(1)班", "--gender", "x"], "Invalid gender"),
        (2, ["student", "move", "张伟", "--class", "初一(1)班"], "already in 初一(1)班"),
        (2, ["student", "show", "nobody"], "No student matches 'nobody'"),
        (2, ["student", "leave", "张伟", "--reason", "毕业", "--date", "2027-01-01"],
         "is after today"),
    )  # fmt: skip
    school.ok("student", "leave", "张伟", "--reason", "毕业")
    assert_refused(school, 3, "student", "leave", "2026001", "--reason", "毕业",
                   contains="already left")  # fmt: skip


def test_import_all_or_none(school, tmp_path):
    good = tmp_path / "roster.csv"
    good.write_text("学号,姓名,性别,班级,住宿,家长,电话\n"
                    "2026101,王芳,女,初一(1)班,是,王父,13900001111\n"
                    ",刘洋,男,初一(2)班,否,,\n", encoding="utf-8")  # fmt: skip
    res = school.ok("student", "import", str(good), "--dry-run")
    assert "2 students would be imported" in res.stderr
    assert students(school) == []
    bad = tmp_path / "bad.csv"
    bad.write_text("学号,姓名,性别,班级,住宿,家长,电话\n"
                   "2026101,王芳,女,初一(1)班,是,王父,13900001111\n"
                   "2026102,刘洋,男,初九(9)班,否,,\n", encoding="utf-8")  # fmt: skip
    assert_refused(school, 2, "student", "import", str(bad), contains="Row 3, column 4 (班级)")
    school.ok("student", "import", str(good))
    got = {s["name"]: s for s in students(school)}
    assert got["王芳"]["code"] == "2026101" and got["王芳"]["phone"] == "139****1111"
    assert got["刘洋"]["code"] == "XS-0001" and got["刘洋"]["boarding"] is False
    assert school.ok("audit", "verify").exit_code == 0


def test_a_guard_has_a_monthly_wage(school):
    school.ok("people", "add", "老王", "--role", "guard", "--wage", "400")
    with raw(school.db) as con:
        import sqlalchemy as sa

        assert con.execute(sa.text("SELECT wage FROM person")).scalar_one() == 40000
    assert_refused(school, 2, "people", "add", "老李", "--wage", "abc", contains="abc")
