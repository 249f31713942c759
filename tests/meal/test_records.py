"""`houqin meal disinfect|accompany|duty|staff|inspect|expiring|records`, `people cert`,
`stock receive --expires` (#15)."""

from __future__ import annotations

import pytest
from meal_school import journalled, make_school, sample_all

from conftest import EnvCli, assert_each_refused, assert_refused, findings_json, js

school = pytest.fixture(make_school)


def served(cli):
    cli.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "300")
    return cli


def codes(data):
    return sorted(f["code"] for f in data["findings"])


def test_disinfection_below_the_minimum_is_refused_naming_it_and_its_source(school):
    base = ("meal", "disinfect", "--date", "2026-03-02", "--meal", "lunch", "--by", "张伟")
    res = assert_refused(school, 3, *base, "--method", "steam", "--temp", "100", "--minutes", "9",
                         contains="100 ℃ ≥ 10 min")  # fmt: skip
    assert "GB 31654-2021" in res.stderr
    assert_each_refused(
        school,
        (3, (*base, "--method", "infrared", "--temp", "110", "--minutes", "15"), "≥ 120 ℃"),
        (3, (*base, "--method", "dishwasher", "--temp", "85", "--seconds", "39"), "40 s"),
        (3, (*base, "--method", "chlorine", "--ppm", "200", "--minutes", "5"), "250 mg/L"),
        (2, (*base, "--method", "steam", "--minutes", "10"), "needs --temp"),
        (2, (*base, "--method", "steam", "--temp", "100", "--minutes", "10", "--seconds", "5"),
         "not both"),
        (2, (*base, "--method", "uv", "--temp", "100", "--minutes", "10"), "Invalid --method"),
    )  # fmt: skip
    assert school.ok(*base, "--method", "steam", "--temp", "100", "--minutes", "10").stdout == (
        "XD-2026-0001\n"
    )
    school.ok(*base, "--method", "chlorine", "--ppm", "200", "--minutes", "5", "--failed")
    assert journalled(school, "meal.disinfect") == 2


def test_a_meal_served_without_disinfection_or_a_leaders_record_is_a_finding(school):
    served(school)
    _res, data = findings_json(school, "check", "--only", "meal")
    found = codes(data)
    assert "disinfection.missing" in found and "accompany.missing" in found
    school.ok("meal", "disinfect", "--date", "2026-03-02", "--meal", "lunch", "--method", "boil",
              "--temp", "100", "--minutes", "12", "--by", "张伟")  # fmt: skip
    school.ok("meal", "accompany", "--date", "2026-03-02", "--meal", "lunch", "--by", "王校长",
              "--rating", "4")  # fmt: skip
    sample_all(school)
    _res, data = findings_json(school, "check", "--only", "meal")
    assert {f["check"] for f in data["findings"]} == {"meal.menu"}  # the rest of the week


def test_accompany_is_a_leaders_or_a_parents_and_a_problem_must_be_answered(school):
    served(school)
    base = ("meal", "accompany", "--date", "2026-03-02", "--meal", "lunch")
    assert_each_refused(
        school,
        (3, (*base, "--by", "王芳"), "not a school leader"),
        (2, (*base,), "--by (a school leader) or --parent"),
        (2, (*base, "--by", "王校长", "--parent", "张家长"), "one of them"),
        (2, (*base, "--by", "王校长", "--rating", "6"), "1 to 5"),
        (2, ("meal", "accompany", "--date", "2026-03-02", "--meal", "brunch", "--by", "王校长"),
         "Invalid --meal"),
    )  # fmt: skip
    assert school.ok(*base, "--parent", "张家长").stdout == "PC-2026-0001\n"
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "accompany.missing" in codes(data)  # a parent's does not stand for a leader's
    school.ok(*base, "--by", "王校长", "--problem", "汤偏咸")
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "accompany.unanswered" in codes(data) and "accompany.missing" not in codes(data)
    school.ok("meal", "accompany", "answer", "PC-2026-0002", "--by", "张伟", "--answer", "已少放盐")
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "accompany.unanswered" not in codes(data)
    assert_refused(school, 3, "meal", "accompany", "answer", "PC-2026-0002", "--by", "张伟",
                   "--answer", "again", contains="already answered")  # fmt: skip
    assert journalled(school, "meal.accompany.answer") == 1


def test_certificates_health_defaults_to_a_year_and_expiry_is_a_finding(school):
    res = school.ok("people", "cert", "add", "王芳", "--kind", "health", "--no", "J-001",
                    "--issued", "2025-03-20")  # fmt: skip
    assert res.stdout == "ZS-0001\n"
    [cert] = js(school.ok("people", "cert", "list", "-f", "json"))
    assert cert["expires"] == "2026-03-20" and cert["person"] == "王芳"
    assert [c["code"] for c in js(school.ok("people", "cert", "list", "--expiring", "30",
                                            "-f", "json"))] == ["ZS-0001"]  # fmt: skip
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "certificate.expiring" in codes(data)
    later = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-20T09:00"})
    _res, data = findings_json(later, "check", "--only", "meal")
    assert "certificate.expired" in codes(data)
    assert_refused(school, 2, "people", "cert", "add", "王芳", "--kind", "cook", "--no", "C-1",
                   "--issued", "2026-01-10", "--expires", "2026-01-09",
                   contains="before --issued")  # fmt: skip


def test_a_cook_without_a_valid_health_certificate_does_not_serve(school):
    school.ok("meal", "staff", "add", "李强", "--role", "cook")
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "cook.no_health_certificate" in codes(data)
    assert_refused(school, 3, "meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "9",
                   "--cook", "李强", contains="no health certificate")  # fmt: skip
    school.ok("people", "cert", "add", "李强", "--kind", "health", "--no", "J-2",
              "--issued", "2026-01-05")  # fmt: skip
    school.ok("meal", "serve", "2026-03-02", "--meal", "lunch", "--count", "9", "--cook", "李强")
    [row] = js(school.ok("meal", "staff", "list", "-f", "json"))
    assert row == {"person": "李强", "role": "cook", "code": "ZS-0001", "expires": "2027-01-05"}
    assert_refused(school, 2, "meal", "staff", "add", "张伟", "--role", "chef",
                   contains="Invalid --role")  # fmt: skip


def food(cli):
    cli.ok("stock", "item", "add", "大米", "--unit", "kg", "--category", "食材")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "receive", "大米", "100", "--price", "4.50", "--date", "2026-03-01",
           "--expires", "2026-09-01")  # fmt: skip
    cli.ok("stock", "receive", "粉笔", "10", "--price", "2", "--date", "2026-03-01")
    return cli


def test_purchase_inspection_by_two_people(school):
    food(school)
    _res, data = findings_json(school, "check", "--only", "meal")
    assert "inspection.missing" not in codes(data)  # received yesterday: within a day
    later = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-04T09:00"})
    _res, data = findings_json(later, "check", "--only", "meal")
    assert "inspection.missing" in codes(data)
    base = ("meal", "inspect", "RK-2026-0001")
    assert_each_refused(
        school,
        (3, (*base, "--by", "王芳", "--by", "王芳"), "named twice"),
        (2, (*base, "--by", "王芳"), "two people"),
        (3, ("meal", "inspect", "RK-2026-0002", "--by", "王芳", "--by", "李强"), "is not food"),
        (3, (*base, "--by", "王芳", "--by", "李强", "--expires", "2026-02-28"),
         "before it was received"),
        (3, (*base, "--by", "王芳", "--by", "李强", "--expires", "2026-03-01"), "expired on"),
        (2, ("meal", "inspect", "RK-2026-0099", "--by", "王芳", "--by", "李强"),
         "No storeroom receipt"),
    )  # fmt: skip
    res = school.ok(*base, "--by", "王芳", "--by", "李强", "--batch", "B1", "--produced",
                    "2026-02-20", "--supplier-licence", "JY123", "--reject", "大米=受潮一袋")  # fmt: skip
    assert res.stdout == "CY-2026-0001\n"
    assert_refused(school, 3, *base, "--by", "王芳", "--by", "李强", contains="already")
    _res, data = findings_json(later, "check", "--only", "meal")
    assert "inspection.missing" not in codes(data)
    assert school.ok("audit", "verify").exit_code == 0


def test_food_already_expired_on_receipt_is_refused_by_the_storeroom(school):
    school.ok("stock", "item", "add", "牛奶", "--unit", "箱", "--category", "食品")
    assert_refused(school, 3, "stock", "receive", "牛奶", "2", "--price", "60", "--date",
                   "2026-03-01", "--expires", "2026-02-27", contains="before it was received")  # fmt: skip


def test_expiring_food_and_expired_food_on_hand(school):
    food(school)
    school.ok("stock", "item", "add", "牛奶", "--unit", "箱", "--category", "食品")
    school.ok("stock", "receive", "牛奶", "2", "--price", "60", "--date", "2026-03-01",
              "--expires", "2026-03-03")  # fmt: skip
    [row] = js(school.ok("meal", "expiring", "--days", "3", "-f", "json"))
    assert row["receipt"] == "RK-2026-0003" and row["expires"] == "2026-03-03"
    assert row["quantity"] == "2"
    later = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-04T09:00"})
    _res, data = findings_json(later, "check", "--only", "meal")
    assert "food.expired" in codes(data)
    school.ok("unit", "add", "食堂", "--kind", "department")
    school.ok("stock", "issue", "牛奶", "2", "--to", "食堂")
    _res, data = findings_json(later, "check", "--only", "meal")
    assert "food.expired" not in codes(data)


def test_inspection_records_are_kept_two_years_and_six_months_past_shelf_life(school):
    food(school)
    school.ok("meal", "inspect", "RK-2026-0001", "--by", "王芳", "--by", "李强")
    assert js(school.ok("meal", "records", "purge", "--dry-run", "-f", "json")) == []
    inside = EnvCli(school.db, {"HOUQIN_NOW": "2028-03-01T09:00"})
    assert js(inside.ok("meal", "records", "purge", "--dry-run", "-f", "json")) == []
    past = EnvCli(school.db, {"HOUQIN_NOW": "2028-03-03T09:00"})
    [row] = js(past.ok("meal", "records", "purge", "--dry-run", "-f", "json"))
    assert row["code"] == "CY-2026-0001" and row["until"] == "2028-03-02"
    past.ok("meal", "records", "purge")
    assert js(past.ok("meal", "records", "purge", "--dry-run", "-f", "json")) == []
    assert past.ok("audit", "verify").exit_code == 0


def test_duty_teacher_at_a_meal(school):
    school.ok("meal", "duty", "--date", "2026-03-02", "--meal", "lunch", "--teacher", "王芳")
    school.ok("meal", "duty", "--date", "2026-03-02", "--meal", "lunch", "--teacher", "李强")
    assert journalled(school, "meal.duty") == 2
    assert_refused(school, 2, "meal", "duty", "--date", "2026-03-02", "--meal", "brunch",
                   "--teacher", "王芳", contains="Invalid --meal")  # fmt: skip
