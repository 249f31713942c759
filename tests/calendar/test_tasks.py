"""`houqin calendar task …`, done, skip, overdue, month, week, today (#13)."""

from __future__ import annotations

import json

import pytest
from cal_school import make_school

from conftest import assert_each_refused, assert_refused, findings_json, js, raw

school = pytest.fixture(make_school)


def rows(cli, *args):
    return js(cli.ok("calendar", *args, "-f", "json"))


def test_add_prints_the_code_and_is_journalled(school):
    res = school.ok("calendar", "task", "add", "绿化带修剪", "--every", "2/term",
                    "--owner", "王芳", "--place", "操场", "--note", "每学期两次")  # fmt: skip
    assert res.stdout == "RW-0001\n"
    [task] = rows(school, "task", "list")
    assert task["code"] == "RW-0001" and task["every"] == "2/term" and task["owner"] == "王芳"
    assert task["place"] == "操场" and task["start"] == "2026-03-02"
    with raw(school.db) as con:
        action, code = con.exec_driver_sql(
            "SELECT action, code FROM journal ORDER BY seq DESC LIMIT 1"
        ).one()
    assert (action, code) == ("calendar.task.add", "RW-0001")
    assert school.ok("audit", "verify").exit_code == 0


def test_the_month_lists_the_occurrences_with_owner_and_status(school):
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强",
              "--from", "2026-01-01")  # fmt: skip
    school.ok("calendar", "task", "add", "安全检查", "--every", "weekly:mon", "--owner", "张伟")
    march = rows(school, "month", "2026-03")
    assert [(r["due"], r["occurrence"]) for r in march][:2] == [
        ("2026-03-02", "RW-0002:2026-03-02"),
        ("2026-03-09", "RW-0002:2026-03-09"),
    ]
    last = [r for r in march if r["task"] == "消毒"]
    assert last == [{"due": "2026-03-31", "occurrence": "RW-0001:2026-03-31", "task": "消毒",
                     "owner": "李强", "place": None, "status": "open"}]  # fmt: skip
    assert [r["task"] for r in rows(school, "month", "2026-03", "--owner", "张伟")] == [
        "安全检查"
    ] * 5
    feb = rows(school, "month", "2026-02")
    assert [(r["due"], r["status"]) for r in feb] == [("2026-02-28", "overdue")]
    assert len(rows(school, "week", "2026-W11")) == 1
    assert {r["occurrence"] for r in rows(school, "today")} == {
        "RW-0001:2026-01-31", "RW-0001:2026-02-28", "RW-0002:2026-03-02"}  # fmt: skip


def test_school_days_skip_holidays_and_count_a_makeup_saturday(school):
    school.ok("calendar", "task", "add", "锄草", "--every", "school-days", "--owner", "王芳",
              "--from", "2026-02-01")  # fmt: skip
    days = [r["due"] for r in rows(school, "month", "2026-02")]
    # the term starts on the 23rd, a Spring Festival holiday; Saturday the 28th is 调休
    assert days == ["2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"]


def test_rotation_takes_turns_and_skips_who_has_left(school):
    school.ok("calendar", "task", "add", "值日", "--every", "weekly:mon,wed", "--rotate",
              "王芳,李强,张伟")  # fmt: skip
    owners = [r["owner"] for r in rows(school, "month", "2026-03")]
    assert owners[:6] == ["王芳", "李强", "张伟", "王芳", "李强", "张伟"]
    school.ok(
        "people", "leave", "李强", "--date", "2026-03-10", env={"HOUQIN_NOW": "2026-03-10T09:00"}
    )
    owners = [r["owner"] for r in rows(school, "month", "2026-03")]
    assert owners[:6] == ["王芳", "李强", "张伟", "王芳", "张伟", "王芳"]


def test_done_late_skip_and_overdue(school):
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强",
              "--from", "2026-01-01", "--due-days", "3")  # fmt: skip
    res, data = findings_json(school, "calendar", "overdue")
    assert res.exit_code == 1
    assert [f["occurrence"] for f in data["findings"]] == ["RW-0001:2026-01-31"]
    res, data = findings_json(school, "check")
    assert "calendar.overdue" in {f["check"] for f in data["findings"]}
    res = school.ok("calendar", "done", "RW-0001", "--by", "王芳", "--note", "补做")
    assert "Marked RW-0001:2026-01-31 done on 2026-03-02 (late)." in res.stderr
    school.ok("calendar", "skip", "RW-0001:2026-02-28", "--reason", "寒假")
    assert school("calendar", "overdue").exit_code == 0
    assert [r["status"] for r in rows(school, "month", "2026-02")] == ["skipped"]
    with raw(school.db) as con:
        got = con.exec_driver_sql("SELECT code, kind, late, note FROM task_event ORDER BY id").all()
        payload = con.exec_driver_sql(
            "SELECT payload FROM journal WHERE action = 'calendar.done'"
        ).scalar_one()
    assert [tuple(r) for r in got] == [
        ("RW-0001:2026-01-31", "done", 1, "补做"),
        ("RW-0001:2026-02-28", "skip", 0, "寒假"),
    ]
    assert json.loads(payload)["late"] is True
    assert school.ok("audit", "verify").exit_code == 0


def test_after_counts_from_the_last_completion(school):
    school.ok("calendar", "task", "add", "水电检查", "--every", "after:30d", "--owner", "王芳",
              "--from", "2026-02-01")  # fmt: skip
    school.ok("calendar", "done", "RW-0001", "--date", "2026-02-10")
    [nxt] = [r for r in rows(school, "month", "2026-03") if r["status"] == "open"]
    assert nxt["due"] == "2026-03-12"


def test_editing_the_schedule_keeps_past_completions_and_stop_ends_it(school):
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强",
              "--from", "2026-01-01")  # fmt: skip
    school.ok("calendar", "done", "RW-0001:2026-01-31", "--date", "2026-02-01")
    school.ok("calendar", "task", "edit", "RW-0001", "--every", "monthly:1")
    with raw(school.db) as con:
        key, due = con.exec_driver_sql("SELECT key, due FROM task_event").one()
    assert (key, str(due)) == ("2026-01-31", "2026-01-31")
    school.ok("calendar", "task", "stop", "RW-0001", "--date", "2026-03-15")
    assert [r["due"] for r in rows(school, "month", "2026-04")] == []
    assert rows(school, "task", "list") == []
    assert len(rows(school, "task", "list", "--all")) == 1
    assert school.ok("audit", "verify").exit_code == 0


def test_a_new_schedule_applies_from_the_edit_not_to_the_days_before(school):
    """Today is 2026-03-02. Monthly on the last day since January, done in January and
    skipped in February; edited to weekly on Mondays today: the Mondays of January and
    February are not overdue, January's and February's records still show, and the
    first Monday under the new schedule is today's."""
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强",
              "--from", "2026-01-01")  # fmt: skip
    school.ok("calendar", "done", "RW-0001:2026-01-31", "--date", "2026-02-01")
    school.ok("calendar", "skip", "RW-0001:2026-02-28", "--reason", "寒假")
    school.ok("calendar", "task", "edit", "RW-0001", "--every", "weekly:mon")
    assert rows(school, "overdue")["findings"] == []
    assert [(r["due"], r["status"]) for r in rows(school, "month", "2026-01")] == [
        ("2026-01-31", "done")
    ]
    assert [(r["due"], r["status"]) for r in rows(school, "month", "2026-02")] == [
        ("2026-02-28", "skipped")
    ]
    march = [r["due"] for r in rows(school, "month", "2026-03")]
    assert march == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"]
    # edited back the same day: the weekly schedule never applied, nothing is kept of it
    school.ok("calendar", "task", "edit", "RW-0001", "--every", "monthly:last")
    assert [r["due"] for r in rows(school, "month", "2026-03")] == ["2026-03-31"]
    with raw(school.db) as con:
        (earlier,) = con.exec_driver_sql("SELECT earlier FROM task").one()
    assert json.loads(earlier) == [{"spec": "monthly:last", "to": "2026-03-01"}]
    shown = js(school.ok("calendar", "task", "show", "RW-0001", "-f", "json"))
    assert shown["earlier_schedules"] == ["monthly:last up to 2026-03-01"]
    assert school.ok("audit", "verify").exit_code == 0


def test_bad_input_is_refused_and_changes_nothing(school, cli):
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强")
    assert_each_refused(
        school,
        (2, ["calendar", "task", "add", "x", "--every", "weekly:funday"],
         "Unknown schedule 'weekly:funday': use one of once:2026-12-20, daily"),
        (3, ["calendar", "task", "add", "x", "--every", "daily", "--owner", "赵敏"],
         "赵敏 (RY-0004) left on 2026-02-01"),
        (2, ["calendar", "task", "add", "x", "--every", "daily", "--rotate", "王芳,某人"],
         "某人"),
        (2, ["calendar", "task", "add", "x", "--every", "daily", "--owner", "王芳",
             "--rotate", "李强"], "Give --owner or --rotate, not both."),
        (2, ["calendar", "task", "add", "x", "--every", "daily", "--from", "2026-04-01",
             "--until", "2026-03-01"], "--until 2026-03-01 is before"),
        (3, ["calendar", "done", "RW-0001"],
         "RW-0001:2026-03-31 is not due yet (it opens 2026-03-31); to record it done early, "
         "say when with --date."),
        (2, ["calendar", "done", "RW-0001:2026-13"], "RW-0001 has no occurrence '2026-13'"),
        (2, ["calendar", "month", "2026-13"], "Invalid month '2026-13'"),
        (2, ["calendar", "task", "edit", "RW-0001"], "Nothing to change"),
        (2, ["calendar", "task", "show", "RW-0009"], "No task 'RW-0009'"),
    )  # fmt: skip
    school.ok("calendar", "done", "RW-0001", "--date", "2026-03-01")  # early, said when
    assert_refused(school, 3, "calendar", "done", "RW-0001:2026-03-31",
                   contains="RW-0001:2026-03-31 was already marked done on 2026-03-01.")  # fmt: skip


def test_a_term_spec_needs_terms(cli):
    cli.ok("people", "add", "王芳")
    assert_refused(cli, 3, "calendar", "task", "add", "x", "--every", "5/term",
                   contains="5/term counts in the school's terms, and there are none")  # fmt: skip
