"""`houqin gate` (#16): the visitor log (masked, reveal journalled), students leaving
during class hours with the right approver, the gate book, and the checks."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from conftest import Cli, EnvCli, assert_each_refused, assert_refused, findings_json, js, raw

NOW = {"HOUQIN_NOW": "2026-03-02T15:00"}


@pytest.fixture
def school(cli: Cli) -> EnvCli:
    """Classes 初一(1)班 (head 王老师) and 初一(2)班 (head 李老师); 校长 with the role
    principal; student 张伟 XS-0001 in 初一(1)班."""
    c = EnvCli(cli.db, NOW)
    for name in ("王老师", "李老师"):
        c.ok("people", "add", name, "--role", "head_teacher")
    c.ok("people", "add", "校长", "--role", "principal")
    c.ok("unit", "add", "初一(1)班", "--kind", "class", "--head", "王老师")
    c.ok("unit", "add", "初一(2)班", "--kind", "class", "--head", "李老师")
    c.ok("student", "add", "张伟", "--class", "初一(1)班")
    return c


def test_visitor_in_out_masked_and_revealed(school):
    res = school.ok("gate", "visitor", "in", "李四", "--visiting", "王老师", "--reason", "家访",
                    "--phone", "13900001111", "--id-no", "110101199001011234",
                    "--vehicle", "苏a12345", "--time", "2026-03-02 09:00")  # fmt: skip
    assert res.stdout.strip() == "FK-2026-0001"
    [v] = js(school.ok("gate", "visitor", "list", "--inside", "-f", "json"))
    assert v["phone"] == "139****1111" and v["id_no"] == "110***********1234"
    assert v["vehicle"] == "苏A12345" and v["visiting"] == "王老师"
    assert "13900001111" not in school.ok("gate", "visitor", "list", "-f", "csv").stdout
    [full] = js(school.ok("gate", "visitor", "list", "--reveal", "-f", "json"))
    assert full["phone"] == "13900001111"
    with raw(school.db) as con:
        who = con.execute(sa.text("SELECT operator FROM journal WHERE action = 'privacy.reveal'"))
        assert [r[0] for r in who] == ["tester"]
    school.ok("gate", "visitor", "out", "FK-2026-0001", "--time", "2026-03-02 10:00")
    assert js(school.ok("gate", "visitor", "list", "--inside", "-f", "json")) == []
    assert_refused(school, 3, "gate", "visitor", "out", "FK-2026-0001",
                   contains="already left at 2026-03-02 10:00")  # fmt: skip
    assert school.ok("audit", "verify").exit_code == 0


def test_a_visitor_still_inside_is_a_finding_the_next_morning(school):
    school.ok("gate", "visitor", "in", "李四", "--visiting", "初一(1)班", "--reason", "送货",
              "--time", "2026-03-02 09:00")  # fmt: skip
    res, data = findings_json(school, "check", "--only", "gate")
    assert res.exit_code == 0
    res, data = findings_json(school, "check", "--only", "gate",
                              env={"HOUQIN_NOW": "2026-03-03T07:00"})  # fmt: skip
    [f] = data["findings"]
    assert f["code"] == "visitor.inside" and f["visitor"] == "FK-2026-0001"


def test_an_exit_needs_the_head_teacher_or_a_listed_role(school):
    assert_refused(school, 3, "gate", "exit", "张伟", "--reason", "看病", "--approved-by",
                   "李老师", contains="only the head teacher of 初一(1)班")  # fmt: skip
    res = school.ok("gate", "exit", "张伟", "--reason", "看病", "--approved-by", "王老师",
                    "--back-by", "11:00", "--with", "张父", "--time", "2026-03-02 09:30")  # fmt: skip
    assert res.stdout.strip() == "CX-2026-0001"
    school.ok("gate", "exit", "zw", "--reason", "取药", "--approved-by", "校长",
              "--time", "2026-03-02 14:10", "--back-by", "16:00")  # fmt: skip
    res, data = findings_json(school, "check", "--only", "gate")
    assert [f["exit"] for f in data["findings"]] == ["CX-2026-0001"]  # 11:00 passed, 16:00 not
    school.ok("gate", "exit", "back", "CX-2026-0001", "--time", "2026-03-02 10:50")
    assert_refused(school, 3, "gate", "exit", "back", "CX-2026-0001", contains="already back")
    res, data = findings_json(school, "check", "--only", "gate")
    assert res.exit_code == 0
    rows = js(school.ok("gate", "exit", "list", "--class", "初一(1)班", "-f", "json"))
    assert [r["code"] for r in rows] == ["CX-2026-0001", "CX-2026-0002"]


def test_the_gate_book(school):
    school.ok("gate", "visitor", "in", "李四", "--visiting", "王老师", "--reason", "家访",
              "--time", "2026-03-02 09:00")  # fmt: skip
    school.ok("gate", "exit", "张伟", "--reason", "看病", "--approved-by", "王老师",
              "--time", "2026-03-02 09:30")  # fmt: skip
    school.ok("gate", "visitor", "out", "FK-2026-0001", "--time", "2026-03-02 10:00")
    rows = js(school.ok("gate", "log", "--date", "2026-03-02", "-f", "json"))
    assert [r["entry"] for r in rows] == ["visitor in", "student out", "visitor out"]


def test_bad_input(school):
    assert_each_refused(
        school,
        (2, ["gate", "visitor", "in", "李四", "--visiting", "nobody", "--reason", "x"],
         "No person or unit matches 'nobody'"),
        (2, ["gate", "visitor", "in", "李四", "--visiting", "王老师", "--reason", "x",
             "--phone", "abc"], "Invalid phone number"),
        (2, ["gate", "visitor", "in", "李四", "--visiting", "王老师", "--reason", "x",
             "--time", "2026-03-02 16:00"], "is after now"),
        (2, ["gate", "visitor", "out", "FK-2026-0009"], "No visitor FK-2026-0009"),
        (2, ["gate", "exit", "张伟", "--reason", "x", "--approved-by", "王老师",
             "--back-by", "25:00"], "Invalid time '25:00'"),
    )  # fmt: skip
