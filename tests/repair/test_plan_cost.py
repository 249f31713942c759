"""`repair plan` (the holiday repair list by building), `repair cost --month` (parts at
their stock value plus outside work), and the natural damage that opens an order (#14)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from repair_school import make_school, request, show

from conftest import assert_refused, asset_card, js

school = pytest.fixture(make_school)


def test_the_summer_plan_by_building_with_estimates(school, tmp_path):
    a = request(school, "教室墙面粉刷", "--place", "302", "--by", "王芳", "--for", "summer",
                "--estimate", "1200")  # fmt: skip
    b = request(school, "办公室门窗检修", "--place", "总务处", "--by", "赵敏", "--for", "summer",
                "--estimate", "300.50")  # fmt: skip
    c = request(school, "课桌椅维修", "--place", "302", "--by", "王芳", "--for", "summer")
    request(school, "暖气检修", "--place", "302", "--by", "王芳", "--for", "winter",
            "--estimate", "800")  # fmt: skip
    gone = request(school, "旧黑板", "--place", "302", "--by", "王芳", "--for", "summer",
                   "--estimate", "99")  # fmt: skip
    school.ok("repair", "cancel", gone, "--reason", "换新")
    rows = js(school.ok("repair", "plan", "--for", "summer", "-f", "json"))
    assert [(r["building"], r["code"], r["estimate"]) for r in rows] == [
        ("教学楼", a, "1200.00"), ("教学楼", c, None), ("综合楼", b, "300.50")]  # fmt: skip
    out = tmp_path / "暑假维修计划.xlsx"
    school.ok("repair", "plan", "--for", "summer", "-o", str(out))
    sheet = load_workbook(out).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert a in cells and b in cells and gone not in cells
    assert any("1,500.50" in c or "1500.5" in c for c in cells), cells  # the total
    plain = school.ok("repair", "plan", "--for", "summer", "-f", "plain").stdout
    assert "¥1,500.50" in plain


def test_the_months_cost_by_building_and_by_kind(school):
    a = request(school, "灯管不亮", "--place", "302", "--by", "王芳")
    school.ok("repair", "assign", a, "--to", "张伟")
    school.ok("repair", "use", a, "灯管", "3")  # 3 × ¥18.00
    school.ok("repair", "cost", a, "--amount", "120.35")
    b = request(school, "水龙头漏水", "--place", "总务处", "--by", "赵敏")
    school.ok("repair", "assign", b, "--to", "张伟")
    school.ok("repair", "use", b, "水龙头", "1", "--old-returned", "1")
    april = {"HOUQIN_NOW": "2026-04-02T09:00"}
    school.ok("repair", "cost", b, "--amount", "60", env=april)  # in April
    # just after midnight of April 1st in the school's zone (still March 31st in UTC)
    school.ok("repair", "cost", b, "--amount", "0.01", env={"HOUQIN_NOW": "2026-04-01T00:30"})
    march = js(school.ok("repair", "cost", "--month", "2026-03", "-f", "json"))
    assert march == [
        {"building": "教学楼", "orders": 1, "parts_cost": "54.00", "outside_cost": "120.35",
         "total_cost": "174.35"},
        {"building": "综合楼", "orders": 1, "parts_cost": "35.00", "outside_cost": "0.00",
         "total_cost": "35.00"},
    ]  # fmt: skip
    by_kind = js(school.ok("repair", "cost", "--month", "2026-03", "--by", "kind", "-f", "json"))
    assert [(r["kind"], r["total_cost"]) for r in by_kind] == [
        ("classroom", "174.35"), ("office", "35.00")]  # fmt: skip
    april_rows = js(school.ok("repair", "cost", "--month", "2026-04", "-f", "json", env=april))
    assert [(r["building"], r["outside_cost"]) for r in april_rows] == [("综合楼", "60.01")]
    # the parts cost is the issues' value exactly: a reversed issue no longer counts
    school.ok("stock", "void", "CK-2026-0001", "--reason", "领错")
    assert show(school, a)["parts_cost"] == "0.00"
    assert show(school, b)["parts_cost"] == "35.00"


def test_a_natural_damage_opens_an_order_and_its_acceptance_marks_the_card(school):
    res = school.ok("asset", "add", "投影仪", "--category", "201", "--value", "3000",
                    "--acquired", "2025-09-01", "--place", "302", "--custodian", "王芳")  # fmt: skip
    card = res.stdout.strip()
    res = school.ok("asset", "damage", card, "--cause", "natural", "--note", "灯泡烧坏")
    assert res.stdout == "SH-2026-0001\n"
    assert "repair order WX-2026-0001 opened" in res.stderr
    [order] = js(school.ok("repair", "list", "-f", "json"))
    assert (order["what"], order["place"], order["requester"], order["status"]) == (
        "投影仪", "302", "王芳", "requested")  # fmt: skip
    code = order["code"]
    shown = show(school, code)
    assert shown["asset_code"] == card and shown["source"].startswith("SH-")
    school.ok("asset", "damage", card, "--cause", "human", "--by", "赵敏")
    assert len(js(school.ok("repair", "list", "-f", "json"))) == 1  # a human cause pays
    school.ok("repair", "assign", code, "--to", "张伟")
    school.ok("repair", "done", code)
    school.ok("repair", "accept", code, "--by", "王芳")
    last = asset_card(school, card)["history"][-1]
    assert last["event"] == "repaired" and last["ref"] == code
    assert school.ok("audit", "verify").exit_code == 0


def test_a_request_names_the_card(school):
    card = school.ok("asset", "add", "空调", "--category", "201", "--value", "3000",
                     "--acquired", "2025-09-01", "--place", "302").stdout.strip()  # fmt: skip
    code = request(school, "空调不制冷", "--place", "302", "--by", "王芳", "--asset", card)
    assert show(school, code)["asset_code"] == card
    assert_refused(school, 2, "repair", "request", "x", "--place", "302", "--by", "王芳",
                   "--asset", "ZC-2099-0001", contains="ZC-2099-0001")  # fmt: skip
