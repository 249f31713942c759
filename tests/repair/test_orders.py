"""`houqin repair …`: the closed loop from request to the requester's acceptance, its
refusals, parts through the storeroom, outside work, the checks (#14)."""

from __future__ import annotations

import pytest
from repair_school import actions, listing, make_school, request, show

from conftest import (
    assert_each_refused,
    assert_refused,
    assert_refused_as_left,
    findings_json,
    js,
    snapshot,
)

school = pytest.fixture(make_school)


def _assigned(cli, *args: str) -> str:
    code = request(cli, "灯管不亮", "--place", "302", "--by", "王芳", *args)
    cli.ok("repair", "assign", code, "--to", "张伟")
    return code


def test_the_closed_loop_request_to_acceptance(school):
    res = school.ok("repair", "request", "302教室灯管不亮", "--place", "302", "--by", "王芳",
                    "--urgency", "urgent", "--note", "第三排")  # fmt: skip
    assert res.stdout == "WX-2026-0001\n"
    code = "WX-2026-0001"
    row = listing(school)[code]
    assert row["status"] == "requested" and row["urgency"] == "urgent"
    assert row["due_at"] == "2026-03-03 09:00"  # 24 hours (repair.due_hours.urgent)
    school.ok("repair", "assign", code, "--to", "张伟")
    used = school.ok("repair", "use", code, "灯管", "2")
    assert used.stdout == "CK-2026-0001\n"
    school.ok("repair", "cost", code, "--amount", "50", "--note", "外请电工")
    school.ok("repair", "done", code, "--note", "已换两根")
    assert listing(school, "--open")[code]["status"] == "done"
    school.ok("repair", "accept", code, "--by", "王芳", "--rating", "5")
    order = show(school, code)
    assert order["status"] == "accepted" and order["rating"] == 5
    assert order["assignee"] == "张伟" and order["requester"] == "王芳"
    assert (order["parts_cost"], order["outside_cost"], order["total_cost"]) == (
        "36.00", "50.00", "86.00")  # fmt: skip
    assert order["parts_used"] == ["CK-2026-0001 灯管 2 ¥36.00"]
    steps = [line.split(" ")[2] for line in order["history"]]
    assert steps == ["Requested", "Assigned", "Part", "Outside", "Repaired", "Accepted"]
    assert "王芳" in order["history"][0] and "张伟" in order["history"][1]
    assert "(tester)" in order["history"][-1]
    # only an accepted order is closed; nothing deleted
    assert code not in listing(school, "--open") and code in listing(school)
    assert actions(school) == ["repair.request", "repair.assign", "repair.use", "repair.cost",
                               "repair.done", "repair.accept"]  # fmt: skip
    # the part is a real storeroom issue, to the requester's unit, noting the order
    [issue] = [m for m in js(school.ok("stock", "movements", "--kind", "issue", "-f", "json"))
               if m["code"] == "CK-2026-0001"]  # fmt: skip
    assert issue["unit"] == "初一(1)班" and code in (issue["note"] or "")
    balance = {r["item"]: r for r in js(school.ok("stock", "balance", "-f", "json"))}
    assert balance["灯管"]["quantity"] == "8"
    assert school.ok("audit", "verify").exit_code == 0


def test_the_head_of_the_requesters_unit_may_accept_and_a_rejection_sends_it_back(school):
    code = _assigned(school)
    school.ok("repair", "done", code)
    school.ok("repair", "reject", code, "--by", "王芳", "--reason", "还是闪")
    order = show(school, code)
    assert order["status"] == "assigned" and order["done_at"] is None
    assert "还是闪" in order["history"][-1]
    school.ok("repair", "done", code)
    school.ok("repair", "accept", code, "--by", "李强")  # the class's head
    assert show(school, code)["status"] == "accepted"


def test_accepting_refusals_change_nothing(school):
    code = _assigned(school)
    assert_refused(school, 3, "repair", "accept", code, "--by", "王芳",
                   contains="is Assigned: it is not done yet")  # fmt: skip
    school.ok("repair", "done", code)
    assert_each_refused(
        school,
        (3, ["repair", "accept", code, "--by", "赵敏"],
         "Only the requester (王芳 RY-0001) or the head of the requester's unit signs"),
        (3, ["repair", "accept", code, "--by", "张伟"],
         "张伟 (RY-0003) repaired WX-2026-0001 and cannot also accept it"),
        (3, ["repair", "reject", code, "--by", "赵敏", "--reason", "x"], "Only the requester"),
        (2, ["repair", "accept", code, "--by", "王芳", "--rating", "6"], "--rating is 1 to 5"),
        (2, ["repair", "accept", code, "--by", "无名氏"], "No person matches '无名氏'"),
        (2, ["repair", "reject", code, "--by", "王芳", "--reason", " "], "needs a reason"),
        (3, ["repair", "cancel", code, "--reason", "不修了"], "waits for acceptance"),
    )  # fmt: skip
    school.ok("repair", "accept", code, "--by", "王芳")
    assert_each_refused(
        school,
        (3, ["repair", "accept", code, "--by", "王芳"], "is Accepted; nothing more can be done"),
        (3, ["repair", "use", code, "灯管", "1"], "nothing more can be done"),
        (3, ["repair", "cost", code, "--amount", "10"], "nothing more can be done"),
    )  # fmt: skip


def test_more_parts_than_the_storeroom_holds_is_refused_and_nothing_is_issued(school):
    code = _assigned(school)
    before = snapshot(school.db)
    res = assert_refused(school, 3, "repair", "use", code, "灯管", "11",
                         contains="Not enough 灯管")  # fmt: skip
    assert "10 根 on hand" in res.stderr
    assert snapshot(school.db) == before
    assert show(school, code)["parts_used"] == []
    # a durable item follows 以旧换新 there
    assert_refused(school, 3, "repair", "use", code, "水龙头", "1", contains="durable item")
    school.ok("repair", "use", code, "水龙头", "1", "--old-returned", "1")
    assert show(school, code)["parts_cost"] == "35.00"


def test_request_and_write_bad_input(school):
    code = _assigned(school)
    req = ("repair", "request", "窗户坏了", "--by", "王芳")
    assert_each_refused(
        school,
        (2, [*req, "--place", "不存在的教室"], "No place matches '不存在的教室'"),
        (2, [*req, "--place", "302", "--urgency", "very"], "Invalid --urgency 'very'"),
        (2, [*req, "--place", "302", "--for", "spring"], "Invalid --for 'spring'"),
        (2, [*req, "--place", "302", "--estimate", "0.001"], "at most two decimal places"),
        (2, ["repair", "request", " ", "--place", "302", "--by", "王芳"], "Say what"),
        (2, ["repair", "cost", code, "--amount", "0.001"], "at most two decimal places"),
        (2, ["repair", "cost", code, "--amount", "¥0.001"], "at most two decimal places"),
        (2, ["repair", "cost", code, "--amount", "0"], "must be more than ¥0"),
        (2, ["repair", "cost", code, "--amount", "-5"], "-5"),
        (2, ["repair", "cost", code, "--amount", "10", "--receipt", "BX-2026-0099"],
         "No purchase receipt 'BX-2026-0099'"),
        (2, ["repair", "cost", code, "--amount", "10", "--receipt", "CK-2026-0001"],
         "is not a purchase receipt"),
        (2, ["repair", "cost", "--month", "2026-03", "--amount", "10"], "--month reports"),
        (2, ["repair", "cost", code], "Give an order and --amount"),
        (2, ["repair", "assign", "WX-2026-0099", "--to", "张伟"], "No repair order"),
        (2, ["repair", "assign", code, "--to", "张伟", "--due", "2026-02-30"], "Invalid date"),
        (2, ["repair", "assign", code, "--to", "张伟", "--due", "2026-03-01"],
         "is before WX-2026-0001 was asked for"),
        (2, ["repair", "cancel", code, "--reason", ""], "needs a reason"),
    )  # fmt: skip
    school.ok("people", "add", "钱老师")
    school.ok("people", "leave", "钱老师", "--date", "2026-03-01")
    assert_refused_as_left(school, "钱老师 (RY-0005)", "2026-03-01",
                           "repair", "request", "窗户坏了", "--place", "302", "--by", "钱老师")  # fmt: skip
    assert_refused_as_left(school, "钱老师 (RY-0005)", "2026-03-01",
                           "repair", "assign", code, "--to", "钱老师")  # fmt: skip
    other = request(school, "门锁坏了", "--place", "302", "--by", "王芳")
    assert_refused(school, 3, "repair", "done", other, contains="assign it first")
    # the refusals used no number up
    assert other == "WX-2026-0002"


def test_cancelled_stays_visible(school):
    code = request(school, "投影仪不亮", "--place", "302", "--by", "王芳")
    school.ok("repair", "cancel", code, "--reason", "资产科换新")
    assert listing(school)[code]["status"] == "cancelled"
    assert code not in listing(school, "--open")
    assert "资产科换新" in show(school, code)["history"][-1]


def test_due_from_the_urgency_and_the_overdue_check(school):
    emergency = request(school, "水管爆裂", "--place", "302", "--by", "王芳",
                        "--urgency", "emergency")  # fmt: skip
    normal = request(school, "门把手松", "--place", "总务处", "--by", "赵敏")
    assert listing(school)[emergency]["due_at"] == "2026-03-02 13:00"
    assert listing(school)[normal]["due_at"] == "2026-03-05 09:00"
    res, data = findings_json(school, "repair", "check", env={"HOUQIN_NOW": "2026-03-02T13:00"})
    assert res.exit_code == 0
    late = {"HOUQIN_NOW": "2026-03-02T13:01"}
    res, data = findings_json(school, "repair", "check", env=late)
    assert res.exit_code == 1
    assert [(f["check"], f["code"], f["repair"]) for f in data["findings"]] == [
        ("repair.overdue", "order.overdue", emergency)]  # fmt: skip
    assert set(listing(school, "--overdue", env=late)) == {emergency}
    res, data = findings_json(school, "check", "--only", "repair", env=late)
    assert res.exit_code == 1 and len(data["findings"]) == 1
    # assigned with its own due time; then done: no longer overdue
    school.ok("repair", "assign", emergency, "--to", "张伟", "--due", "2026-03-02 18:00")
    assert findings_json(school, "repair", "check", env=late)[0].exit_code == 0
    school.ok("config", "set", "repair.due_hours.normal", "24")
    assert listing(school)[normal]["due_at"] == "2026-03-05 09:00"  # set at the request
    assert request(school, "灯不亮", "--place", "302", "--by", "王芳") == "WX-2026-0003"
    assert listing(school)["WX-2026-0003"]["due_at"] == "2026-03-03 09:00"


def test_done_but_not_accepted_after_the_accept_days(school):
    code = _assigned(school)
    school.ok("repair", "done", code)
    res, _data = findings_json(school, "repair", "check", env={"HOUQIN_NOW": "2026-03-05T09:00"})
    assert res.exit_code == 0
    res, data = findings_json(school, "repair", "check", env={"HOUQIN_NOW": "2026-03-05T09:01"})
    assert res.exit_code == 1
    [f] = data["findings"]
    assert (f["check"], f["code"], f["repair"], f["requester"]) == (
        "repair.unaccepted", "order.unaccepted", code, "王芳")  # fmt: skip
    assert (
        school("repair", "check", "--quiet", env={"HOUQIN_NOW": "2026-03-05T09:01"}).exit_code == 1
    )
    school.ok("repair", "accept", code, "--by", "王芳")
    assert findings_json(school, "repair", "check", env={"HOUQIN_NOW": "2026-04-01T09:00"})[
        0].exit_code == 0  # fmt: skip


def test_a_holiday_order_is_on_the_plan_not_the_queue(school):
    code = request(school, "墙面粉刷", "--place", "302", "--by", "王芳", "--for", "summer",
                   "--estimate", "1,200.50")  # fmt: skip
    assert listing(school)[code]["due_at"] is None
    assert set(listing(school, "--for", "summer")) == {code}
    assert listing(school, "--for", "winter") == {}
    far = {"HOUQIN_NOW": "2026-07-20T09:00"}
    assert findings_json(school, "repair", "check", env=far)[0].exit_code == 0
    school.ok("repair", "assign", code, "--to", "张伟", env=far)
    assert listing(school)[code]["due_at"] == "2026-07-23 09:00"  # from its assignment


def test_chinese_labels_are_accepted(school):
    code = request(school, "地面破损", "--place", "302", "--by", "王芳", "--urgency", "紧急",
                   "--for", "暑假")  # fmt: skip
    row = listing(school)[code]
    assert (row["urgency"], row["for_holiday"]) == ("urgent", "summer")
    res = school.ok("--lang", "zh", "repair", "list", "-f", "plain")
    assert "紧急" in res.stdout and "暑假" in res.stdout and "已报修" not in res.stderr


def test_outside_work_cites_its_purchase_receipt(school):
    code = _assigned(school)
    res = school.ok("audit", "receipt", "add", "--supplier", "修缮公司", "--invoice", "INV-1",
                    "--invoice-date", "2026-03-01", "--amount", "100", "--category", "repair",
                    "--handler", "王芳", "--acceptor", "李强", "--reviewer", "赵敏",
                    "--service")  # fmt: skip
    bx = res.stdout.strip()
    school.ok("repair", "cost", code, "--amount", "60", "--receipt", bx.lower())
    assert bx in show(school, code)["history"][-1]
    assert_refused(school, 3, "repair", "cost", code, "--amount", "40.01", "--receipt", bx,
                   contains="more than the bill")  # fmt: skip
    school.ok("repair", "cost", code, "--amount", "40", "--receipt", bx)
    assert show(school, code)["outside_cost"] == "100.00"
