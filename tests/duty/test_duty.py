"""`houqin duty` (#16): posts, fair rosters over terms, holidays and 调休, swaps, leave,
check-ins, patrols, 查岗, attendance and the checks."""

from __future__ import annotations

import pytest

from conftest import Cli, EnvCli, assert_each_refused, assert_refused, findings_json, js

LOGISTICS = ("后勤甲", "后勤乙", "后勤丙", "后勤丁")
GUARDS = ("门卫一", "门卫二", "门卫三")


@pytest.fixture
def school(cli: Cli) -> Cli:
    """Term 2026-spring; 总务处 (the logistics unit) with four people RY-0001..4, three
    hired guards RY-0005..7 (400 a month); posts 门卫白班 08:00-20:00 and 门卫夜班
    20:00-08:00 drawing from the guards on school days."""
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "中学部", "--kind", "department")
    for name in LOGISTICS:
        cli.ok("people", "add", name, "--unit", "总务处")
    for name in GUARDS:
        cli.ok("people", "add", name, "--role", "guard", "--wage", "400")
    cli.ok("config", "set", "school.logistics_unit", "总务处")
    cli.ok("duty", "post", "add", "门卫白班", "--shift", "08:00-20:00", "--division", "中学部",
           "--pool", "guard")  # fmt: skip
    cli.ok("duty", "post", "add", "门卫夜班", "--shift", "20:00-08:00", "--kind", "night",
           "--pool", "门卫")  # fmt: skip
    return cli


def roster(cli: Cli, *args: str) -> list[dict]:
    return js(cli.ok("duty", "roster", "show", *args, "-f", "json"))


def by_day(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["date"], r["post"]): r for r in rows}


def test_holidays_draw_from_the_holiday_pool_and_a_tiaoxiu_saturday_from_the_school_pool(school):
    school.ok("duty", "roster", "make", "--from", "2026-04-30", "--to", "2026-05-10")
    got = by_day(roster(school, "--month", "2026-05"))
    for d in ("2026-05-01", "2026-05-02", "2026-05-05", "2026-05-10"):  # 五一 and a Sunday
        for post in ("门卫白班", "门卫夜班"):
            assert got[(d, post)]["person"] in LOGISTICS and got[(d, post)]["holiday_duty"]
    for d in ("2026-05-06", "2026-05-09"):  # a weekday, the 调休 Saturday
        assert got[(d, "门卫白班")]["person"] in GUARDS
        assert got[(d, "门卫白班")]["holiday_duty"] is False


def test_rosters_are_reproducible_and_made_once(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-02", "--to", "2026-03-31")
    first = roster(school, "--month", "2026-03")
    assert len(first) == 60
    assert_refused(school, 3, "duty", "roster", "make", "--from", "2026-03-10", "--to",
                   "2026-03-12", contains="already rostered")  # fmt: skip
    school.ok("duty", "roster", "make", "--from", "2026-03-02", "--to", "2026-03-31", "--replace")
    assert roster(school, "--month", "2026-03") == first
    assert school.ok("audit", "verify").exit_code == 0


def test_the_rules_of_a_roster(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-02", "--to", "2026-03-31")
    rows = roster(school, "--month", "2026-03")
    counts: dict[str, int] = {}
    nights: dict[str, int] = {}
    for r in rows:
        if r["person"] in GUARDS:
            counts[r["person"]] = counts.get(r["person"], 0) + 1
            if r["post"] == "门卫夜班":
                nights[r["person"]] = nights.get(r["person"], 0) + 1
    assert max(nights.values()) <= 8
    got = by_day(rows)
    for r in rows:  # no day shift straight after a night shift
        if r["post"] == "门卫夜班":
            from datetime import date, timedelta

            nxt = (date.fromisoformat(r["date"]) + timedelta(days=1)).isoformat()
            if (nxt, "门卫白班") in got:
                assert got[(nxt, "门卫白班")]["person"] != r["person"]
            assert got[(r["date"], "门卫白班")]["person"] != r["person"]


def test_max_nights_refuses_a_roster_no_one_can_take(school):
    school.ok("config", "set", "duty.max_nights_per_month", "2")
    assert_refused(school, 3, "duty", "roster", "make", "--from", "2026-03-02", "--to",
                   "2026-03-31", contains="duty.max_nights_per_month")  # fmt: skip


def test_leave_reassigns_by_the_same_rule_and_says_to_whom(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-09", "--to", "2026-03-13")
    before = by_day(roster(school, "--month", "2026-03"))
    mine = [k for k, r in before.items() if r["person"] == "门卫一"]
    assert mine
    res = school.ok("duty", "leave", "门卫一", "--from", "2026-03-09", "--to", "2026-03-13",
                    "--reason", "病假", "--approved-by", "后勤甲")  # fmt: skip
    assert "reassigned" in res.stderr and "门卫二" in res.stderr or "门卫三" in res.stderr
    after = by_day(roster(school, "--month", "2026-03"))
    assert all(after[k]["person"] in ("门卫二", "门卫三") for k in mine)
    assert not [r for r in after.values() if r["person"] == "门卫一"]


def test_swap_is_journalled_and_refuses_someone_on_leave(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-09", "--to", "2026-03-09")
    day = by_day(roster(school, "--month", "2026-03"))
    holder = day[("2026-03-09", "门卫白班")]["person"]
    school.ok("duty", "leave", "后勤丁", "--from", "2026-03-09", "--to", "2026-03-09",
              "--reason", "事假")  # fmt: skip
    assert_refused(school, 3, "duty", "swap", "2026-03-09", "门卫白班", holder, "后勤丁",
                   contains="后勤丁 is on leave")  # fmt: skip
    school.ok("duty", "swap", "2026-03-09", "门卫白班", holder, "后勤甲")
    assert by_day(roster(school, "--month", "2026-03"))[("2026-03-09", "门卫白班")]["person"] \
        == "后勤甲"  # fmt: skip


def test_bad_input(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-02", "--to", "2026-03-02")
    holder = by_day(roster(school, "--month", "2026-03"))[("2026-03-02", "门卫白班")]["person"]
    other = next(g for g in GUARDS if g != holder)
    at = "2026-03-02 08:05"
    assert_each_refused(
        school,
        (2, ["duty", "post", "add", "x", "--shift", "25:00-08:00"], "Invalid shift '25:00-08:00'"),
        (3, ["duty", "post", "add", "x", "--shift", "08:00-12:00", "--pool", "teacher"],
         "holds no one still here"),
        (3, ["duty", "post", "add", "门卫白班", "--shift", "08:00-12:00"], "already exists"),
        (3, ["duty", "roster", "make", "--from", "2027-03-01", "--to", "2027-03-02"],
         "`houqin calendar holiday import`"),
        (3, ["duty", "checkin", "门卫白班", "--by", other, "--time", at],
         f"{other} is not rostered on 门卫白班"),
        (2, ["duty", "inspect", "门卫白班", "--by", "后勤甲"], "Give --present or --absent"),
    )  # fmt: skip
    school.ok("duty", "checkin", "门卫白班", "--by", other, "--time", at, "--cover", "替班")
    assert_refused(school, 3, "duty", "checkin", "门卫白班", "--time", at,
                   contains="already checked in")  # fmt: skip


def test_missed_late_patrol_and_attendance(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-01", "--to", "2026-03-02")
    now = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-02T21:00"})
    now.ok("duty", "checkin", "门卫白班", "--time", "2026-03-02 08:50")  # late
    now.ok(
        "duty", "inspect", "门卫白班", "--by", "后勤甲", "--absent", "--time", "2026-03-02 15:00"
    )
    res, data = findings_json(now, "duty", "check")
    codes = [f["code"] for f in data["findings"]]
    assert "shift.missed" in codes and "night.no_patrol" in codes and "post.unrostered" in codes
    rows = js(now.ok("duty", "attendance", "--month", "2026-03", "-f", "json"))
    total = {k: sum(r[k] for r in rows) for k in ("rostered", "worked", "missed", "late", "absent")}
    assert total == {"rostered": 4, "worked": 1, "missed": 3, "late": 1, "absent": 1}
    night = by_day(roster(now, "--month", "2026-03"))[("2026-03-01", "门卫夜班")]["person"]
    now.ok("duty", "patrol", "--by", night, "--note", "一切正常", "--time", "2026-03-01 23:30")
    res, data = findings_json(now, "check", "--only", "duty")
    nights = [f for f in data["findings"] if f["code"] == "night.no_patrol"]
    assert all(f["date"] != "2026-03-01" for f in nights)


def test_wages_with_a_signature_column_and_recorded_as_a_service_expense(school):
    for name in ("经办人甲", "验收人乙", "审核人丙"):
        school.ok("people", "add", name)
    rows = js(school.ok("duty", "wages", "--month", "2026-02", "-f", "json"))
    assert [(r["person"], r["wage"], r["deduction"], r["amount"]) for r in rows] == [
        (g, "400.00", "0.00", "400.00") for g in GUARDS
    ]
    assert "Signature" in school.ok("duty", "wages", "--month", "2026-02").stdout
    assert_refused(school, 2, "duty", "wages", "--month", "2026-02", "--record",
                   contains="--record needs")  # fmt: skip
    school.ok("duty", "wages", "--month", "2026-02", "--record", "--handler", "经办人甲",
              "--acceptor", "验收人乙", "--reviewer", "审核人丙")  # fmt: skip
    [rec] = js(school.ok("audit", "receipt", "list", "--month", "2026-02", "-f", "json"))
    assert rec["amount"] == "1200.00" and rec["invoice"] == "护校工资-2026-02"
    assert school.ok("audit", "verify").exit_code == 0


def test_an_incident_names_who_was_on_duty_and_opens_the_damage(school):
    school.ok("duty", "roster", "make", "--from", "2026-03-02", "--to", "2026-03-02")
    holder = by_day(roster(school, "--month", "2026-03"))[("2026-03-02", "门卫白班")]["person"]
    school.ok("asset", "add", "灭火器", "--category", "201", "--value", "200",
              "--acquired", "2026-01-01")  # fmt: skip
    res = school.ok("duty", "incident", "--date", "2026-03-02", "--post", "门卫白班",
                    "--what", "灭火器丢失", "--asset", "灭火器")  # fmt: skip
    assert holder in res.stderr and res.stdout.strip().startswith("SH-2026-")
    assert_refused(school, 3, "duty", "incident", "--date", "2026-03-01", "--post", "门卫白班",
                   "--what", "x", contains="No one is rostered on 门卫白班 on 2026-03-01")  # fmt: skip
    assert school.ok("audit", "verify").exit_code == 0


def test_the_summer_vacation_roster_comes_from_the_term_dates(school):
    school.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    res = school.ok("duty", "holiday-plan", "--summer")
    assert "2026-07-11 to 2026-08-31" in res.stderr
    rows = roster(school, "--month", "2026-08")
    assert len(rows) == 62 and all(r["holiday_duty"] and r["person"] in LOGISTICS for r in rows)
    assert_refused(school, 3, "duty", "holiday-plan", "--winter", contains="No winter vacation")


def test_an_upcoming_holiday_with_no_roster_is_a_finding(school):
    env = {"HOUQIN_NOW": "2026-04-10T09:00"}
    res, data = findings_json(school, "duty", "check", env=env)
    [f] = [f for f in data["findings"] if f["code"] == "holiday.unrostered"]
    assert f["from"] == "2026-05-01" and "--from 2026-05-01 --to 2026-05-05" in f["message"]
    school.ok("duty", "roster", "make", "--from", "2026-05-01", "--to", "2026-05-05", env=env)
    res, data = findings_json(school, "duty", "check", env=env)
    assert not [f for f in data["findings"] if f["code"] == "holiday.unrostered"]


def test_a_week_post_is_one_person_for_the_school_week(school):
    for name in ("赵老师", "钱老师", "孙老师"):
        school.ok("people", "add", name, "--role", "teacher")
    school.ok("duty", "post", "add", "教师值周", "--shift", "07:30-17:30", "--kind", "week",
              "--pool", "teacher")  # fmt: skip
    school.ok("duty", "roster", "make", "--from", "2026-03-02", "--to", "2026-03-22",
              "--post", "教师值周")  # fmt: skip
    rows = roster(school, "--month", "2026-03", "--post", "教师值周")
    assert len(rows) == 15  # school days only
    weeks = [{r["person"] for r in rows[i : i + 5]} for i in (0, 5, 10)]
    assert all(len(w) == 1 for w in weeks) and len(set().union(*weeks)) == 3
