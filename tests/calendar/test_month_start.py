"""`houqin calendar month-start` (#13): tasks by owner, overdue, the checks' findings,
holidays, budget against last month; exit 1 on findings or overdue."""

from __future__ import annotations

import pytest
from cal_school import make_school

from conftest import js

school = pytest.fixture(make_school)


def test_a_clean_month_is_exit_0_and_quiet_prints_nothing(school):
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强")
    res = school.ok("calendar", "month-start", "-f", "json")
    doc = js(res)
    assert doc["ok"] is True and doc["month"] == "2026-03"
    assert [t["occurrence"] for t in doc["tasks"]] == ["RW-0001:2026-03-31"]
    assert doc["overdue"] == [] and doc["findings"] == []
    quiet = school.ok("calendar", "month-start", "--quiet")
    assert quiet.stdout == ""


def test_overdue_and_findings_are_exit_1_and_grouped(school):
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强",
              "--from", "2026-01-01")  # fmt: skip
    school.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--reorder-level", "5")
    res = school("calendar", "month-start", "--month", "2026-04", "-f", "json")
    assert res.exit_code == 1, res
    doc = js(res)
    assert [r["occurrence"] for r in doc["overdue"]] == ["RW-0001:2026-01-31", "RW-0001:2026-02-28"]
    assert {(f["group"], f["check"]) for f in doc["findings"]} == {("stock", "stock.reorder")}
    assert doc["holidays"][0] == {"date": "2026-04-04", "name": "Tomb-sweeping Day",
                                  "kind": "off"}  # fmt: skip
    plain = school("calendar", "month-start", "--month", "2026-04", "-f", "plain")
    assert plain.exit_code == 1 and "Overdue from before" in plain.stdout


def test_html_is_one_self_contained_page(school, tmp_path):
    school.ok("calendar", "task", "add", "消毒<b>", "--every", "monthly:last", "--owner", "李强")
    page = school.ok("calendar", "month-start", "-f", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "<style" not in page and "<link" not in page
    assert "消毒&lt;b&gt;" in page and 'style="' in page
    out = tmp_path / "month.html"
    school.ok("calendar", "month-start", "-o", str(out))
    assert out.read_text(encoding="utf-8") == page


def test_plain_text_fits_a_mail_of_80_columns(school):
    """Long titles, places and findings wrap inside their column; no line is wider than 80
    display columns (CJK characters count two) and every word is still there."""
    from houqin_cli.core.render.text import display_width

    title = "开学初检查全校水电暖和照明设施，重点是教学楼、实验楼和食堂的线路与灯具" * 2
    school.ok("calendar", "task", "add", title, "--every", "monthly:last", "--owner", "李强",
              "--from", "2026-01-01")  # fmt: skip
    school.ok("stock", "item", "add", "一种名字很长很长的实验室专用一次性防护手套（加厚型）",
              "--unit", "盒", "--reorder-level", "5")  # fmt: skip
    res = school("calendar", "month-start", "--month", "2026-04", "-f", "plain")
    assert res.exit_code == 1, res
    lines = res.stdout.splitlines()
    assert max(display_width(line) for line in lines) <= 80, res.stdout
    assert "开学初检查" in res.stdout and "线路与灯具" in res.stdout
    assert "RW-0001:2026-01-31" in res.stdout  # codes are never cut
    # the same report in a file keeps every cell whole
    doc = js(school("calendar", "month-start", "--month", "2026-04", "-f", "json"))
    assert doc["overdue"][0]["task"] == title


def test_the_journal_in_the_report_is_verified_from_the_last_full_check(school, tmp_path):
    """Without a checkpoint the full verification; with one (a full check that found
    nothing, in this computer's witness log), the rows written since it."""
    import sqlalchemy as sa

    from conftest import raw

    env = {"HOUQIN_WITNESS": str(tmp_path / "witness.log")}
    with raw(school.db) as con:
        con.execute(sa.text("UPDATE person SET phone = '13900000009' WHERE name = '李强'"))
    res = school("calendar", "month-start", "-f", "json", env=env)
    assert res.exit_code == 1, res
    assert {f["check"] for f in js(res)["findings"]} == {"audit.journal"}
    with raw(school.db) as con:  # put back: the full check finds nothing, a checkpoint
        con.execute(sa.text("UPDATE person SET phone = NULL WHERE name = '李强'"))
    assert school("check", "--only", "audit", env=env).exit_code == 0, "no checkpoint"
    school.ok("calendar", "task", "add", "消毒", "--every", "monthly:last", "--owner", "李强",
              env=env)  # fmt: skip
    with raw(school.db) as con:
        con.execute(sa.text("UPDATE task SET title = '改过' WHERE code = 'RW-0001'"))
    res = school("calendar", "month-start", "-f", "json", env=env)
    assert [f["message"] for f in js(res)["findings"]] == [
        "task RW-0001 was changed behind the program's back."
    ]
