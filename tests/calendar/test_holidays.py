"""`houqin calendar holiday …` (#13): the package's days, those entered over them, and
a year with neither."""

from __future__ import annotations

import pytest
from cal_school import journalled, make_school

from conftest import assert_each_refused, assert_refused, findings_json, js

school = pytest.fixture(make_school)

MISSING_2027 = "No holidays known for 2027: the chinese-calendar package does not cover it"


def days(cli, year):
    return js(cli.ok("calendar", "holiday", "list", year, "-f", "json"))


def test_the_package_gives_the_statutory_days_and_the_makeup_workdays(cli):
    got = {d["date"]: (d["kind"], d["source"]) for d in days(cli, "2026")}
    assert got["2026-10-01"] == ("off", "package")
    assert got["2026-02-28"] == ("workday", "package")
    assert "2026-03-02" not in got


def test_a_year_the_package_lacks_is_exit_3_until_entered(cli):
    assert_refused(cli, 3, "calendar", "holiday", "list", "2027", contains=MISSING_2027)
    assert "`houqin calendar holiday import`" in cli("calendar", "holiday", "list", "2027").stderr
    cli.ok("calendar", "holiday", "add", "2027-02-06", "春节", "--to", "2027-02-13", "--off")
    cli.ok("calendar", "holiday", "add", "2027-02-20", "春节调休", "--workday")
    got = days(cli, "2027")
    assert len(got) == 9 and got[-1] == {"date": "2027-02-20", "name": "春节调休",
                                         "kind": "workday", "source": "entered"}  # fmt: skip
    assert journalled(cli, "calendar.holiday.add") == 2
    assert cli.ok("audit", "verify").exit_code == 0


def test_an_entry_overrides_the_package(cli):
    cli.ok("calendar", "holiday", "add", "2026-03-02", "校庆", "--off")
    got = {d["date"]: d for d in days(cli, "2026")}
    assert got["2026-03-02"]["source"] == "entered"


def test_from_november_check_asks_for_next_years_holidays(cli):
    env = {"HOUQIN_NOW": "2026-11-02T09:00"}
    res, data = findings_json(cli, "check", env=env)
    [f] = [f for f in data["findings"] if f["check"] == "calendar.holidays"]
    assert f["message"].startswith("Next year's holidays are not entered: 2027")
    cli.ok("calendar", "holiday", "add", "2027-01-01", "元旦", "--off")
    res, data = findings_json(cli, "check", env=env)
    assert not [f for f in data["findings"] if f["check"] == "calendar.holidays"]
    res, data = findings_json(cli, "check")  # in March: nothing asked
    assert res.exit_code == 0


def test_holiday_add_refusals(cli):
    cli.ok("calendar", "holiday", "add", "2027-01-01", "元旦", "--off")
    assert_each_refused(
        cli,
        (2, ["calendar", "holiday", "add", "2027-01-02", "x"], "Give --off (a holiday) or --workday"),
        (2, ["calendar", "holiday", "add", "2027-01-02", "x", "--off", "--workday"], "Give --off"),
        (2, ["calendar", "holiday", "add", "2027-01-05", "x", "--workday"],
         "2027-01-05 is a weekday already"),
        (2, ["calendar", "holiday", "add", "2027-01-05", "x", "--to", "2027-01-02", "--off"],
         "--to 2027-01-02 is before 2027-01-05"),
        (3, ["calendar", "holiday", "add", "2026-12-31", "x", "--to", "2027-01-01", "--off"],
         "2027-01-01 is already entered (元旦, off); one entry a day."),
    )  # fmt: skip


def test_import_all_rows_or_none(cli, tmp_path):
    good = tmp_path / "holidays.csv"
    good.write_text("日期,至,名称,类型\n2027-01-01,,元旦,休\n2027-02-06,2027-02-13,春节,休\n"
                    "2027-02-20,,春节调休,班\n", encoding="utf-8")  # fmt: skip
    res = cli.ok("calendar", "holiday", "import", str(good), "--dry-run")
    assert "10 days would be entered" in res.stderr
    assert_refused(cli, 3, "calendar", "holiday", "list", "2027", contains=MISSING_2027)
    bad = tmp_path / "bad.csv"
    bad.write_text("日期,名称,类型\n2027-01-01,元旦,休\n2027-02-06,春节,放个假\n",
                   encoding="utf-8")  # fmt: skip
    assert_refused(cli, 2, "calendar", "holiday", "import", str(bad),
                   contains="Row 3, column 3 (类型): '放个假' is neither off")  # fmt: skip
    cli.ok("calendar", "holiday", "import", str(good))
    assert len(days(cli, "2027")) == 10


def test_a_school_days_task_in_a_year_without_holidays_is_exit_3(school):
    school.ok("calendar", "task", "add", "锄草", "--every", "school-days", "--owner", "王芳")
    assert_refused(school, 3, "calendar", "month", "2027-01", contains=MISSING_2027)
