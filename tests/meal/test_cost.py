"""`houqin meal cost` and `meal report` (#15): exact to the fen."""

from __future__ import annotations

import pytest
from meal_school import make_school, sample_all

from conftest import assert_refused, findings_json, js, raw

school = pytest.fixture(make_school)


def canteen(cli):
    cli.ok("unit", "add", "食堂", "--kind", "department")
    cli.ok("stock", "item", "add", "大米", "--unit", "kg", "--category", "食材")
    cli.ok("stock", "receive", "大米", "3", "--amount", "10.00", "--date", "2026-03-01")
    cli.ok("stock", "issue", "大米", "1", "--to", "食堂", "--date", "2026-03-01")
    cli.ok("stock", "issue", "大米", "1", "--to", "食堂", "--date", "2026-03-02")
    cli.ok("audit", "receipt", "add", "--supplier", "燃气公司", "--invoice", "G-1",
           "--invoice-date", "2026-03-01", "--amount", "5.00", "--category", "canteen",
           "--handler", "王芳", "--acceptor", "李强", "--reviewer", "张伟",
           "--date", "2026-03-01")  # fmt: skip
    cli.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "14", "--unit", "初一(1)班")
    cli.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "5", "--staff", "1")
    return cli


def issued_fen(cli) -> int:
    with raw(cli.db) as con:
        return int(con.exec_driver_sql(
            "SELECT SUM(-value_delta) FROM stock_movement WHERE kind = 'issue'").scalar_one())  # fmt: skip


def test_cost_needs_the_canteens_unit(school):
    assert_refused(school, 3, "meal", "cost", "--month", "2026-03",
                   contains="meal.canteen_unit")  # fmt: skip


def test_cost_is_the_issues_plus_canteen_receipts_per_serving_half_up(school):
    canteen(school)
    school.ok("config", "set", "meal.canteen_unit", "食堂")
    data = js(school.ok("meal", "cost", "--month", "2026-03", "-f", "json"))
    assert data["ok"] is True and data["findings"] == []
    [row] = data["rows"]
    food = issued_fen(school)
    assert row["food_cost"] == f"{food // 100}.{food % 100:02d}"
    total = food + 500
    assert row["cost_total"] == f"{total // 100}.{total % 100:02d}"
    assert row["servings"] == 20
    # 1166 fen / 20 = 58.3 -> 58 fen, rounded half up
    per = (total * 10 // 20 + 5) // 10
    assert row["cost_per_serving"] == f"0.{per:02d}" and row["fee_income"] == "0.00"
    by_unit = js(school.ok("meal", "cost", "--month", "2026-03", "--by", "unit", "-f", "json"))
    assert sum(int(r["cost_total"].replace(".", "")) for r in by_unit[:-1]) == total
    assert [r["servings"] for r in by_unit[:-1]] == [14, 6]
    by_day = js(school.ok("meal", "cost", "--month", "2026-03", "--by", "day", "-f", "json"))
    assert sum(int(r["cost_total"].replace(".", "")) for r in by_day[:-1]) == total


def test_fees_above_cost_are_a_finding(school):
    canteen(school)
    school.ok("config", "set", "meal.canteen_unit", "食堂")
    school.ok("audit", "income", "add", "--source", "伙食费", "--amount", "20.00",
              "--category", "canteen-fee", "--date", "2026-03-02")  # fmt: skip
    res, data = findings_json(school, "meal", "cost", "--month", "2026-03")
    assert res.exit_code == 1 and [f["code"] for f in data["findings"]] == ["margin.profit"]
    assert "食堂不得以赢利为目的" in data["findings"][0]["message"]
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "margin.profit" in {f["code"] for f in data["findings"]}
    school.ok("config", "set", "meal.max_margin", "100")
    res, _data = findings_json(school, "meal", "cost", "--month", "2026-03")
    assert res.exit_code == 0


def test_the_monthly_report_has_every_part_and_the_findings(school):
    canteen(school)
    school.ok("config", "set", "meal.canteen_unit", "食堂")
    sample_all(school)
    res = school("meal", "report", "--month", "2026-03", "-f", "json")
    assert res.exit_code == 1, res  # no disinfection, no 陪餐
    data = js(res)
    figures = {f["figure"]: f["qty"] for f in data["figures"]}
    assert figures["Samples taken"] == 4 and figures["Meals served"] == 1
    assert figures["Servings"] == 20
    assert {f["code"] for f in data["findings"]} >= {"disinfection.missing", "accompany.missing"}
    assert data["cost"][0]["servings"] == 20
    text = school("meal", "report", "--month", "2026-03")
    assert "The canteen in 2026-03" in text.stdout and "Canteen cost, 2026-03" in text.stdout
    ms = school("calendar", "month-start", "--month", "2026-03", "-f", "json")
    assert "meal.disinfection" in ms.stdout


def test_cost_by_meal_adds_up_and_a_bad_split_is_refused(school):
    canteen(school)
    school.ok("config", "set", "meal.canteen_unit", "食堂")
    school.ok("meal", "serve", "2026-03-02", "--meal", "dinner", "--count", "7",
              "--dishes", "米饭")  # fmt: skip
    by_meal = js(school.ok("meal", "cost", "--month", "2026-03", "--by", "meal", "-f", "json"))
    *parts, total = by_meal
    assert [p["period"] for p in parts] == ["dinner", "lunch"]
    assert sum(int(p["cost_total"].replace(".", "")) for p in parts) == int(
        total["cost_total"].replace(".", "")
    )
    assert_refused(school, 2, "meal", "cost", "--month", "2026-03", "--by", "week",
                   contains="--by is day, meal or unit")  # fmt: skip
    assert_refused(school, 2, "meal", "cost", "--month", "2026-13", contains="Invalid")
