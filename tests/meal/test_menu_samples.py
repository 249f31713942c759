"""`houqin meal dish|menu|serve|sample` (#15)."""

from __future__ import annotations

import pytest
from meal_school import journalled, make_school, sample_all

from conftest import EnvCli, assert_each_refused, assert_refused, findings_json, js

school = pytest.fixture(make_school)


def rows(cli, *args):
    return js(cli.ok("meal", *args, "-f", "json"))


def test_dishes_are_added_listed_and_journalled(school):
    res = school.ok("meal", "dish", "add", "花生米", "--kind", "vegetable", "--allergens", "花生")
    assert res.stdout == "CP-0005\n"
    listed = rows(school, "dish", "list")
    assert [d["name"] for d in listed] == ["红烧肉", "炒青菜", "米饭", "紫菜汤", "花生米"]
    assert listed[-1] == {"code": "CP-0005", "name": "花生米", "kind": "vegetable",
                          "allergens": "花生", "note": None}  # fmt: skip
    assert journalled(school, "meal.dish.add") == 5
    assert school.ok("audit", "verify").exit_code == 0


def test_the_menu_shows_days_across_and_meals_down(school):
    school.ok("meal", "menu", "set", "2026-03-03", "--meal", "dinner", "米饭", "cqc")
    sheet = rows(school, "menu", "show", "2026-W10")
    assert [r["meal"] for r in sheet] == ["breakfast", "lunch", "dinner"]
    assert sheet[1]["mon"] == "红烧肉、炒青菜、米饭、紫菜汤"
    assert sheet[2]["tue"] == "米饭、炒青菜"
    assert journalled(school, "meal.menu.set") == 2
    # set again: replaced, not added
    school.ok("meal", "menu", "set", "2026-W10", "--day", "周一", "--meal", "午餐", "米饭")
    assert rows(school, "menu", "show", "2026-W10")[1]["mon"] == "米饭"
    assert school.ok("audit", "verify").exit_code == 0


def test_menu_check_finds_balance_repeats_missing_days_and_allergens(school):
    school.ok("meal", "dish", "add", "牛奶", "--kind", "dairy")
    school.ok(
        "meal", "menu", "set", "2026-W10", "--day", "tue", "--meal", "lunch", "红烧肉", "米饭"
    )
    school.ok("meal", "menu", "set", "2026-W10", "--day", "wed", "--meal", "lunch", "红烧肉",
              "炒青菜")  # fmt: skip
    school.ok("meal", "menu", "set", "2026-W10", "--day", "thu", "--meal", "breakfast", "牛奶")
    res, data = findings_json(school, "meal", "menu", "check", "2026-W10")
    assert res.exit_code == 1
    codes = sorted(f["code"] for f in data["findings"])
    assert codes == ["menu.allergen", "menu.missing", "menu.repeated", "menu.unbalanced"]
    [missing] = [f for f in data["findings"] if f["code"] == "menu.missing"]
    assert "2026-03-06" in missing["message"]  # Friday: a school day with no menu
    [repeated] = [f for f in data["findings"] if f["code"] == "menu.repeated"]
    assert "红烧肉" in repeated["message"] and "3 times" in repeated["message"]


def test_menu_import_reads_days_across_and_meals_down(school, tmp_path):
    f = tmp_path / "menu.csv"
    f.write_text("餐次,周一,周二\n早餐,米饭,米饭\n午餐,红烧肉、炒青菜,紫菜汤/米饭\n",
                 encoding="utf-8")  # fmt: skip
    school.ok("meal", "menu", "import", str(f), "--week", "2026-W11")
    sheet = rows(school, "menu", "show", "2026-W11")
    assert sheet[0]["mon"] == "米饭" and sheet[1]["tue"] == "紫菜汤、米饭"
    assert sheet[1]["mon"] == "红烧肉、炒青菜"


def test_menu_import_with_a_dish_typed_wrong_names_the_candidates(school, tmp_path):
    f = tmp_path / "menu.csv"
    f.write_text("餐次,2026-03-09\n午餐,红烧肉、炒青采\n", encoding="utf-8")
    res = assert_refused(school, 2, "meal", "menu", "import", str(f), contains="炒青菜")
    assert "row 2, column B" in res.stderr and "炒青采" in res.stderr


def test_serve_needs_a_menu_or_dishes(school):
    assert school.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "300",
                     "--unit", "初一(1)班").stdout == "YC-2026-0001\n"  # fmt: skip
    assert_refused(school, 3, "meal", "serve", "2026-03-02", "--meal", "dinner", "--count", "3",
                   contains="No menu is entered")  # fmt: skip
    school.ok("meal", "serve", "2026-03-02", "--meal", "dinner", "--count", "3",
              "--dishes", "米饭,炒青菜")  # fmt: skip
    assert journalled(school, "meal.serve") == 2
    assert_refused(school, 3, "meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "3",
                   "--unit", "初一(1)班", contains="already recorded")  # fmt: skip


def test_a_sample_for_every_dish_served_clears_the_check(school):
    school.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "300")
    res, data = findings_json(school, "meal", "sample", "check", "--date", "2026-03-02")
    assert res.exit_code == 1
    assert [f["code"] for f in data["findings"]] == ["sample.missing"] * 4
    sample_all(school)
    res, data = findings_json(school, "meal", "sample", "check", "--week", "2026-W10")
    assert res.exit_code == 0, data
    listed = rows(school, "sample", "list", "--date", "2026-03-02")
    assert [s["code"] for s in listed] == [f"LY-2026-000{i}" for i in range(1, 5)]
    assert listed[0]["grams"] == "130" and listed[0]["sampler"] == "王芳"
    assert listed[0]["reviewer"] == "李强" and listed[0]["taken_at"] == "2026-03-02 09:00"


def test_the_sample_check_reads_what_was_served_not_the_plan(school):
    school.ok("meal", "menu", "set", "2026-03-03", "--meal", "lunch", "红烧肉", "炒青菜")
    # Tuesday's menu is not served: no finding for it; Monday's dinner is served off-menu
    school.ok("meal", "serve", "2026-03-02", "--meal", "dinner", "--count", "9", "--dishes", "米饭")
    _res, data = findings_json(school, "meal", "sample", "check", "--week", "2026-W10")
    assert [f["message"] for f in data["findings"]] == [
        "2026-03-02 Dinner: 米饭 was served with no food sample."
    ]


def test_retention_runs_to_the_minute_in_the_schools_zone(school):
    school = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-05T09:00"})
    school.ok("meal", "sample", "add", "米饭", "--date", "2026-03-02", "--grams", "125",
              "--by", "王芳", "--reviewer", "李强", "--time", "2026-03-02 11:30")  # fmt: skip
    res = assert_refused(school, 3, "meal", "sample", "discard", "LY-2026-0001", "--by", "王芳",
                         "--time", "2026-03-04 11:29", contains="47 h 59 min")  # fmt: skip
    assert "48 hours" in res.stderr and "meal.sample_hours" in res.stderr
    school.ok("meal", "sample", "discard", "LY-2026-0001", "--by", "王芳", "--time",
              "2026-03-04 11:30")  # fmt: skip
    [s] = js(school.ok("meal", "sample", "list", "-f", "json"))
    assert s["discarded_at"] == "2026-03-04 11:30"
    assert journalled(school, "meal.sample.discard") == 1


def test_a_sample_long_past_retention_is_a_finding(school):
    school.ok("meal", "sample", "add", "米饭", "--date", "2026-03-02", "--grams", "125",
              "--by", "王芳", "--reviewer", "李强")  # fmt: skip
    later = {"HOUQIN_NOW": "2026-03-10T09:00"}
    res, data = findings_json(school, "meal", "sample", "check", "--week", "2026-W10", env=later)
    assert [f["code"] for f in data["findings"]] == ["sample.overkept"]
    assert res.exit_code == 1


def test_bad_samples_are_refused_and_change_nothing(school):
    base = ("meal", "sample", "add", "米饭", "--date", "2026-03-02", "--meal", "lunch")
    assert_each_refused(
        school,
        (3, (*base, "--grams", "124.5", "--by", "王芳", "--reviewer", "李强"), "at least 125 g"),
        (3, (*base, "--grams", "130", "--by", "王芳", "--reviewer", "王芳"), "cannot both"),
        (2, (*base, "--grams", "abc", "--by", "王芳", "--reviewer", "李强"), "Invalid quantity"),
        (2, ("meal", "sample", "add", "米饭", "--meal", "brunch", "--grams", "130", "--by",
             "王芳", "--reviewer", "李强"), "Invalid --meal 'brunch'"),
        (2, (*base, "--grams", "130", "--by", "王芳", "--reviewer", "李强", "--time",
             "2026-03-02 10:00"), "after now"),
        (2, ("meal", "sample", "add", "米反", "--grams", "130", "--by", "王芳", "--reviewer",
             "李强"), "No dish matches"),
    )  # fmt: skip


def test_bad_dishes_and_menus_are_refused(school):
    assert_each_refused(
        school,
        (2, ("meal", "dish", "add", "鱼", "--kind", "fish"), "Invalid --kind"),
        (3, ("meal", "dish", "add", "米饭", "--kind", "staple"), "already a dish"),
        (2, ("meal", "menu", "set", "2026-W10", "--meal", "lunch", "米饭"), "needs --day"),
        (2, ("meal", "menu", "set", "2026-W10", "--day", "mon", "--meal", "brunch", "米饭"),
         "Invalid --meal"),
        (2, ("meal", "menu", "set", "2026-03-02", "--meal", "lunch", "米饭", "米饭"), "twice"),
        (2, ("meal", "serve", "2026-03-02", "--meal", "brunch", "--count", "3"), "Invalid --meal"),
    )  # fmt: skip


def test_light_and_early_samples_are_findings_when_the_settings_rise(school):
    school = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-05T09:00"})
    school.ok("meal", "sample", "add", "米饭", "--date", "2026-03-02", "--grams", "130",
              "--by", "王芳", "--reviewer", "李强", "--time", "2026-03-02 11:30")  # fmt: skip
    school.ok("meal", "sample", "discard", "LY-2026-0001", "--by", "王芳",
              "--time", "2026-03-04 12:00")  # fmt: skip
    school.ok("config", "set", "meal.sample_grams", "140")
    school.ok("config", "set", "meal.sample_hours", "72")
    _res, data = findings_json(school, "meal", "sample", "check", "--date", "2026-03-02")
    assert sorted(f["code"] for f in data["findings"]) == ["sample.early", "sample.light"]


def test_meals_and_days_in_chinese(school):
    school.ok("meal", "serve", "2026-03-02", "--meal", "午餐", "--count", "30")
    school.ok("meal", "sample", "add", "米饭", "--meal", "午饭", "--grams", "125", "--by", "王芳",
              "--reviewer", "李强")  # fmt: skip
    [s] = js(school.ok("meal", "sample", "list", "-f", "json"))
    assert s["meal"] == "lunch"
    res = school.ok("--lang", "zh", "meal", "menu", "show", "2026-W10")
    assert "午餐" in res.stdout and "周一" in res.stdout


def test_the_fridge_clock_runs_in_the_schools_zone_to_the_minute(school):
    school.ok("meal", "sample", "add", "米饭", "--date", "2026-03-02", "--grams", "125",
              "--by", "王芳", "--reviewer", "李强", "--time", "2026-03-02 08:30")  # fmt: skip
    just = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-09T08:30"})  # local time: 7 days exactly
    _res, data = findings_json(just, "meal", "sample", "check", "--date", "2026-03-02")
    assert data["findings"] == []
    over = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-09T08:31"})
    _res, data = findings_json(over, "meal", "sample", "check", "--date", "2026-03-02")
    assert [f["code"] for f in data["findings"]] == ["sample.overkept"]


def test_every_canteen_write_is_journalled_and_verifies(school, tmp_path):
    school = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-05T09:00"})
    school.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "30")
    sample_all(school)
    school.ok("meal", "sample", "discard", "LY-2026-0001", "--by", "王芳")
    school.ok("meal", "disinfect", "--date", "2026-03-02", "--meal", "lunch", "--method",
              "dishwasher", "--temp", "85", "--seconds", "45", "--by", "张伟")  # fmt: skip
    school.ok("meal", "accompany", "--date", "2026-03-02", "--meal", "lunch", "--by", "王校长",
              "--problem", "偏咸")  # fmt: skip
    school.ok("meal", "accompany", "answer", "PC-2026-0001", "--by", "张伟", "--answer", "已改")
    school.ok("meal", "duty", "--date", "2026-03-02", "--meal", "lunch", "--teacher", "王芳")
    school.ok("people", "cert", "add", "李强", "--kind", "健康证", "--no", "J9",
              "--issued", "2026-01-01")  # fmt: skip
    school.ok("meal", "staff", "add", "李强", "--role", "厨师")
    school.ok("meal", "menu", "set", "2026-03-03", "--meal", "lunch", "米饭", "红烧肉")
    out = tmp_path / "本周菜谱.xlsx"
    school.ok("meal", "menu", "show", "2026-W10", "-o", str(out))
    assert out.stat().st_size > 0
    res = school.ok("audit", "verify")
    assert res.exit_code == 0
    for action in ("meal.serve", "meal.sample.add", "meal.sample.discard", "meal.disinfect",
                   "meal.accompany", "meal.accompany.answer", "meal.duty", "people.cert.add",
                   "meal.staff.add", "meal.menu.set"):  # fmt: skip
        assert journalled(school, action) >= 1, action


def test_menu_import_from_xlsx_and_its_dry_run(school, tmp_path):
    from openpyxl import Workbook

    from conftest import snapshot

    wb = Workbook()
    ws = wb.active
    ws.append(["本周菜谱"])
    ws.append(["餐次", "2026-03-09", "2026-03-10"])
    ws.append(["午餐", "红烧肉、炒青菜、米饭", "紫菜汤"])
    f = tmp_path / "menu.xlsx"
    wb.save(f)
    before = snapshot(school.db)
    res = school.ok("meal", "menu", "import", str(f), "--dry-run")
    assert "nothing written" in res.stderr
    assert snapshot(school.db) == before
    school.ok("meal", "menu", "import", str(f))
    sheet = rows(school, "menu", "show", "2026-W11")
    assert sheet[1]["mon"] == "红烧肉、炒青菜、米饭" and sheet[1]["tue"] == "紫菜汤"
