"""`houqin safety …` (#14): plans, records, the hazard's closed loop, watches,
violations and fines, what is due, the checks and the month's report."""

from __future__ import annotations

import json

import pytest
from safety_school import fire_plan, make_school

from conftest import assert_each_refused, assert_refused, findings_json, js, raw

school = pytest.fixture(make_school)


def rows(cli, *args, env=None):
    return js(cli.ok("safety", *args, "-f", "json", env=env))


def hazard(cli, code):
    [found] = [h for h in rows(cli, "hazard", "list") if h["code"] == code]
    return found


def test_a_plan_is_added_listed_shown_and_journalled(school):
    code = fire_plan(school, "--from", "2026-01-01")
    assert code == "AJ-0001"
    [plan] = rows(school, "plan", "list")
    assert plan["every"] == "monthly:15" and plan["checklist"] == ["灭火器", "消火栓", "应急照明"]
    assert plan["place"] == "操场, 食堂" and plan["owner"] == "王芳"
    shown = rows(school, "plan", "show", "aj-0001")
    assert shown["due"] == "2026-03-16"  # the 15th is a Sunday: due the next school day
    with raw(school.db) as con:
        action = con.exec_driver_sql("SELECT action FROM journal ORDER BY seq DESC").first()[0]
    assert action == "safety.plan.add"
    school.ok("safety", "plan", "edit", "AJ-0001", "--every", "monthly:1", "--rotate", "王芳,李强")
    [plan] = rows(school, "plan", "list")
    assert plan["every"] == "monthly:1" and plan["owner"] == "王芳, 李强"
    school.ok("safety", "plan", "stop", "AJ-0001", "--date", "2026-03-31")
    assert rows(school, "plan", "list") == [] and len(rows(school, "plan", "list", "--all")) == 1
    assert school.ok("audit", "verify").exit_code == 0


def test_plan_load_ships_the_offices_inspections_once(school):
    res = school.ok("safety", "plan", "load")
    assert "AJ-0001 to AJ-0010" in res.stderr
    plans = {p["name"]: p for p in rows(school, "plan", "list")}
    assert plans["大型玩具、体育器材检查"]["every"] == "weekly:mon"
    assert plans["班级与办公场所电扇检修"]["every"] == "monthly:1"
    assert plans["防火巡查"]["every"] == "daily"
    assert plans["消防设施和灭火器检查"]["every"] == "monthly:15"
    assert {"全校安全检查（十月）", "全校安全检查（十一月）", "全校安全检查（十二月）"} <= set(
        plans
    )
    assert_refused(school, 3, "safety", "plan", "load", contains="already loaded")


def test_the_hazard_loop_closes_only_on_someone_elses_passing_recheck(school):
    plan = fire_plan(school)
    res = school.ok("safety", "record", plan, "--by", "王芳", "--place", "食堂",
                    "--ok", "灭火器", "--ok", "应急照明", "--problem", "消火栓=水压不足")  # fmt: skip
    assert res.stdout == "AQ-2026-0001\n" and "YH-2026-0001" in res.stderr
    h = hazard(school, "YH-2026-0001")
    assert (h["status"], h["place"], h["owner"], h["found_on"], h["deadline"]) == (
        "open", "食堂", "王芳", "2026-03-02", "2026-03-09")  # fmt: skip
    assert_refused(school, 3, "safety", "hazard", "recheck", "YH-2026-0001", "--by", "张伟",
                   "--pass", contains="only a fixed hazard is re-checked")  # fmt: skip
    school.ok("safety", "hazard", "fix", "YH-2026-0001", "--by", "李强", "--note", "更换阀门")
    assert_refused(school, 3, "safety", "hazard", "recheck", "YH-2026-0001", "--by", "李强",
                   "--pass", contains="cannot re-check their own fix")  # fmt: skip
    assert_refused(school, 3, "safety", "hazard", "recheck", "YH-2026-0001", "--by", "赵敏",
                   "--pass", contains="does not have the approver role")  # fmt: skip
    assert_refused(school, 2, "safety", "hazard", "recheck", "YH-2026-0001", "--by", "张伟",
                   "--fail", contains="new deadline")  # fmt: skip
    school.ok("safety", "hazard", "recheck", "YH-2026-0001", "--by", "张伟", "--fail",
              "--deadline", "2026-03-12", "--note", "仍漏水")  # fmt: skip
    h = hazard(school, "YH-2026-0001")
    assert (h["status"], h["deadline"]) == ("open", "2026-03-12")
    assert [x["code"] for x in rows(school, "hazard", "list", "--open")] == ["YH-2026-0001"]
    school.ok("safety", "hazard", "fix", "YH-2026-0001", "--by", "李强", "--note", "再修")
    school.ok("safety", "hazard", "recheck", "YH-2026-0001", "--by", "张伟", "--pass")
    h = hazard(school, "YH-2026-0001")
    assert (h["status"], h["closed_on"]) == ("closed", "2026-03-02")
    assert rows(school, "hazard", "list", "--open") == []
    shown = rows(school, "hazard", "show", "YH-2026-0001")
    assert len(shown["rechecks"]) == 2 and shown["repair"] is None
    with raw(school.db) as con:
        checks = con.exec_driver_sql(
            "SELECT passed, new_deadline FROM hazard_recheck ORDER BY id"
        ).all()
    assert [(bool(p), str(d) if d else None) for p, d in checks] == [
        (False, "2026-03-12"), (True, None)]  # fmt: skip
    assert school.ok("audit", "verify").exit_code == 0


def test_bad_input_is_refused_with_one_line_and_nothing_written(school):
    plan = fire_plan(school)
    school.ok("safety", "hazard", "add", "--place", "操场", "--what", "围栏松动", "--level",
              "major", "--owner", "李强", "--deadline", "2026-03-05")  # fmt: skip
    school.ok("safety", "hazard", "fix", "YH-2026-0001", "--by", "李强", "--note", "加固")
    assert_each_refused(
        school,
        (3, ["safety", "hazard", "recheck", "YH-2026-0001", "--by", "李强", "--pass"],
         "李强 fixed YH-2026-0001 and cannot re-check their own fix"),
        (2, ["safety", "hazard", "add", "--place", "无此地", "--what", "x", "--owner", "李强",
             "--deadline", "2026-03-05"], "No place matches '无此地'"),
        (2, ["safety", "hazard", "add", "--place", "操场", "--what", "x", "--owner", "李强",
             "--deadline", "2026-02-27"],
         "The deadline 2026-02-27 is before the hazard was found (2026-03-02)"),
        (2, ["safety", "hazard", "add", "--place", "操场", "--what", "x", "--owner", "李强",
             "--deadline", "2026-03-05", "--found", "2026-03-01", "--level", "huge"],
         "Invalid --level 'huge'"),
        (2, ["safety", "record", plan, "--by", "王芳", "--place", "操场", "--ok", "灭火毯"],
         "'灭火毯' is not on the checklist of AJ-0001"),
        (2, ["safety", "record", plan, "--by", "王芳", "--place", "操场", "--problem", "消火栓"],
         "--problem needs ITEM=what was found"),
        (2, ["safety", "record", plan, "--by", "王芳", "--problem", "消火栓=漏水"],
         "give --place PLACE"),
        (3, ["safety", "record", plan, "--by", "王芳", "--place", "101教室", "--ok", "灭火器"],
         "101教室 is not among the places AJ-0001 covers"),
        (2, ["safety", "record", plan, "--by", "王芳", "--ok", "灭火器", "--date", "2026-03-03"],
         "is after today"),
        (2, ["safety", "violation", "add", "--place", "101教室", "--what", "电炉", "--by", "张伟",
             "--unit", "初一(1)班", "--fine", "¥0.001"], "at most two decimal places"),
        (2, ["safety", "violation", "add", "--place", "101教室", "--what", "电炉", "--by", "张伟",
             "--fine", "50"], "A fine is owed by someone"),
        (2, ["safety", "plan", "add", "x", "--every", "weekly:mon", "--checklist", ";"],
         "A plan needs its checklist"),
        (2, ["safety", "plan", "add", "x", "--every", "fortnightly", "--checklist", "a"],
         "fortnightly"),
        (2, ["safety", "plan", "add", "x", "--every", "daily", "--checklist", "a",
             "--place", "操场", "--kind", "canteen"], "Give --place or --kind, not both"),
        (2, ["safety", "watch", "add", "东墙", "--place", "无此地", "--unit", "mm"],
         "No place matches '无此地'"),
        (3, ["safety", "plan", "add", "x", "--every", "term:start", "--checklist", "a"],
         "counts in the school's terms, and there are none"),
        (2, ["safety", "record", plan, "--by", "王芳", "--place", "操场", "--ok", "灭火器",
             "--date", "2026-02-27"], "is before the plan's first day 2026-03-02"),
    )  # fmt: skip


def test_due_moves_a_check_falling_on_a_holiday_to_the_next_school_day(school):
    oct9 = {"HOUQIN_NOW": "2026-10-09T09:00"}
    school.ok("safety", "plan", "add", "体育器材检查", "--every", "weekly:mon", "--place",
              "操场", "--checklist", "单杠;篮球架", "--owner", "李强", "--from", "2026-09-28")  # fmt: skip
    due = rows(school, "due", env=oct9)
    # Monday 5 October is a National Day holiday (to the 7th): due Thursday the 8th
    assert [(d["occurrence"], d["due"], d["status"]) for d in due] == [
        ("AJ-0001:2026-09-28", "2026-09-28", "overdue"),
        ("AJ-0001:2026-10-05", "2026-10-08", "overdue"),
    ]
    res, data = findings_json(school, "safety", "check", env=oct9)
    assert res.exit_code == 1 and {f["check"] for f in data["findings"]} == {"safety.due"}
    res = school.ok("safety", "record", "AJ-0001", "--by", "李强", "--date", "2026-10-06",
                    "--ok", "单杠", "--ok", "篮球架", env=oct9)  # fmt: skip
    assert "(2026-10-05)" in res.stderr  # in the holiday: for the occurrence it moved
    school.ok("safety", "record", "AJ-0001", "--by", "李强", "--date", "2026-09-28",
              "--ok", "单杠", env=oct9)  # fmt: skip
    assert [d["status"] for d in rows(school, "due", env=oct9)] == ["done"]
    month = rows(school, "due", "--month", env=oct9)
    assert [d["due"] for d in month][:3] == ["2026-10-08", "2026-10-12", "2026-10-19"]
    assert school("safety", "check", env=oct9).exit_code == 0


def test_a_watch_growing_beyond_its_alert_is_a_finding_and_opens_a_major_hazard(school):
    school.ok("safety", "watch", "add", "东墙裂缝", "--place", "101教室", "--unit", "mm")
    school.ok(
        "safety", "watch", "record", "东墙裂缝", "1.00", "--by", "李强", "--date", "2026-01-05"
    )
    school.ok(
        "safety", "watch", "record", "东墙裂缝", "1.10", "--by", "李强", "--date", "2026-02-05"
    )
    assert school("safety", "check").exit_code == 0 and rows(school, "hazard", "list") == []
    res = school.ok("safety", "watch", "record", "东墙裂缝", "1.25", "--by", "李强")
    assert "opened hazard YH-2026-0001" in res.stderr  # 0.25 since the first
    h = hazard(school, "YH-2026-0001")
    assert (h["level"], h["place"], h["status"]) == ("major", "101教室", "open")
    [w] = rows(school, "watch", "list")
    assert (w["first_reading"], w["last_reading"], w["growth"]) == ("1", "1.25", "0.25")
    res, data = findings_json(school, "safety", "check")
    assert [f["check"] for f in data["findings"]] == ["safety.watch"]
    school.ok("safety", "watch", "record", "东墙裂缝", "1.3", "--by", "李强")
    assert len(rows(school, "hazard", "list")) == 1  # one hazard while it is not closed
    school.ok("safety", "watch", "add", "西墙裂缝", "--place", "101教室", "--unit", "mm",
              "--alert-growth", "0.1")  # fmt: skip
    school.ok("safety", "watch", "record", "西墙裂缝", "2", "--by", "李强", "--date", "2026-02-01")
    school.ok("safety", "watch", "record", "西墙裂缝", "2.2", "--by", "李强")  # a step of 0.2
    assert len(rows(school, "hazard", "list")) == 2
    assert school.ok("audit", "verify").exit_code == 0


def test_a_fine_is_owed_until_paid_and_the_payment_is_audit_income(school):
    res = school.ok("safety", "violation", "add", "--place", "101教室", "--what", "使用电炉",
                    "--by", "张伟", "--unit", "初一(1)班", "--fine", "50")  # fmt: skip
    assert res.stdout == "WG-2026-0001\n"
    res, data = findings_json(school, "safety", "check")
    assert [(f["check"], f["owed"]) for f in data["findings"]] == [("safety.fine", "50.00")]
    school.ok("safety", "violation", "pay", "WG-2026-0001", "--amount", "20")
    assert_refused(school, 3, "safety", "violation", "pay", "WG-2026-0001", "--amount", "40",
                   contains="owes ¥30.00")  # fmt: skip
    res = school.ok("safety", "violation", "pay", "WG-2026-0001", "--amount", "30")
    assert school("safety", "check").exit_code == 0
    incomes = js(school.ok("audit", "income", "list", "-f", "json"))
    assert [(i["source"], i["category"], i["amount"]) for i in incomes] == [
        ("初一(1)班", "罚款", "20.00"), ("初一(1)班", "罚款", "30.00")]  # fmt: skip
    [v] = rows(school, "violation", "list", "--month", "2026-03")
    assert (v["fine"], v["paid"], v["owed"], v["org_unit"]) == (
        "50.00",
        "50.00",
        "0.00",
        "初一(1)班",
    )
    assert rows(school, "violation", "list", "--unpaid") == []
    assert_refused(school, 3, "safety", "violation", "pay", "WG-2026-0001", "--amount", "1",
                   contains="owes nothing")  # fmt: skip
    assert school.ok("audit", "verify").exit_code == 0


def test_a_fix_not_rechecked_is_a_finding_and_the_month_report(school):
    plan = fire_plan(school, "--from", "2026-02-01")
    feb = {"HOUQIN_NOW": "2026-02-26T09:00"}
    school.ok("safety", "record", plan, "--by", "王芳", "--place", "操场", "--ok", "灭火器",
              "--problem", "应急照明=不亮", "--date", "2026-02-25", env=feb)  # fmt: skip
    school.ok("safety", "hazard", "fix", "YH-2026-0001", "--by", "李强", "--note", "换灯",
              "--date", "2026-02-26", env=feb)  # fmt: skip
    res, data = findings_json(school, "check")
    assert "safety.recheck" in {f["check"] for f in data["findings"]}
    report = js(school.ok("safety", "report", "--month", "2026-02", "-f", "json"))
    assert report["month"] == "2026-02" and (report["due"], report["done"]) == (1, 1)
    [line] = report["inspections"]
    assert (line["code"], line["due_count"], line["done_count"], line["problems"]) == (
        "AJ-0001", 1, 1, 1)  # fmt: skip
    assert [p["hazard"] for p in report["problems"]] == ["YH-2026-0001"]
    assert [h["code"] for h in report["hazards_opened"]] == ["YH-2026-0001"]
    assert report["hazards_closed"] == []
    start = school("calendar", "month-start")
    assert start.exit_code == 1 and "YH-2026-0001" in start.stdout


def test_report_writes_an_xlsx(school, tmp_path):
    fire_plan(school)
    out = tmp_path / "安全检查月报.xlsx"
    school.ok("safety", "report", "--month", "2026-03", "-o", str(out))
    assert out.exists() and out.stat().st_size > 0


def test_the_check_is_inside_houqin_check(school):
    fire_plan(school, "--from", "2026-01-01")
    res, data = findings_json(school, "check", "--only", "safety")
    assert res.exit_code == 1
    assert [f["occurrence"] for f in data["findings"]] == [
        "AJ-0001:2026-01-15",
        "AJ-0001:2026-02-15",
    ]
    assert json.dumps(data)  # JSON-ready


def test_a_rotation_takes_turns_in_the_due_list(school):
    school.ok("safety", "plan", "add", "食堂检查", "--every", "weekly:fri", "--kind", "canteen",
              "--checklist", "煤气管;门窗", "--rotate", "王芳,李强", "--from", "2026-03-02")  # fmt: skip
    month = rows(school, "due", "--month")
    assert [(d["due"], d["owner"]) for d in month] == [
        ("2026-03-06", "王芳"), ("2026-03-13", "李强"), ("2026-03-20", "王芳"),
        ("2026-03-27", "李强")]  # fmt: skip
    assert_refused(school, 3, "safety", "record", "AJ-0001", "--by", "王芳", "--place", "操场",
                   "--ok", "门窗", contains="操场 is not among the places AJ-0001 covers")  # fmt: skip
    school.ok("safety", "record", "AJ-0001", "--by", "王芳", "--place", "食堂", "--ok", "门窗",
              "--date", "2026-03-02")  # fmt: skip
    assert rows(school, "due")[0]["status"] == "done"  # recorded early, for the 6th


def test_a_hazard_past_its_deadline_is_overdue(school):
    school.ok("safety", "hazard", "add", "--place", "操场", "--what", "围栏松动", "--owner", "李强",
              "--deadline", "2026-03-02")  # fmt: skip
    assert school("safety", "check").exit_code == 0
    later = {"HOUQIN_NOW": "2026-03-03T09:00"}
    res, data = findings_json(school, "safety", "check", env=later)
    assert [(f["check"], f["hazard"]) for f in data["findings"]] == [
        ("safety.hazard", "YH-2026-0001")]  # fmt: skip
    assert [h["code"] for h in rows(school, "hazard", "list", "--overdue", env=later)] == [
        "YH-2026-0001"]  # fmt: skip
    assert rows(school, "hazard", "list", "--overdue") == []


def test_a_fix_by_repair_opens_a_repair_order_at_the_hazards_place(school):
    plan = fire_plan(school)
    school.ok("safety", "record", plan, "--by", "王芳", "--place", "食堂",
              "--ok", "灭火器", "--ok", "应急照明", "--problem", "消火栓=水压不足")  # fmt: skip
    res = school.ok("safety", "hazard", "fix", "YH-2026-0001", "--by", "李强", "--note", "报修阀门",
                    "--repair")  # fmt: skip
    assert "WX-2026-0001" in res.stderr
    [order] = js(school.ok("repair", "list", "-f", "json"))
    assert (order["code"], order["place"]) == ("WX-2026-0001", "食堂")
    assert rows(school, "hazard", "show", "YH-2026-0001")["repair"] == "WX-2026-0001"
    # the hazard still closes only on someone else's re-check, whatever the order's state
    assert hazard(school, "YH-2026-0001")["status"] == "fixed"
    assert school.ok("audit", "verify").exit_code == 0
