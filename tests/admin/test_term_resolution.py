"""Which term a term-scoped command means without --term (#10 item 10): the current
one; between terms (the summer holiday) the one that ended last, said in one line on
stderr; before the first term ever, a refusal (calendar.service.term_for)."""

from __future__ import annotations

import json

import pytest

from conftest import Cli, EnvCli, assert_refused

SUMMER = {"HOUQIN_NOW": "2026-07-20T09:00"}
NOTE = "No term covers 2026-07-20; using 2026-spring, which ended 2026-07-10."


@pytest.fixture
def school(cli: Cli) -> Cli:
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("place", "add", "总务办公室", "--kind", "office")
    return cli


def test_inspect_due_in_the_summer_lists_what_the_spring_term_owes(school: Cli) -> None:
    res = school("asset", "inspect", "due", "-f", "json", env=SUMMER)
    assert res.exit_code == 1, res  # overdue since the term ended: findings
    rows = json.loads(res.stdout)["rows"]
    assert {(r["term"], r["kind"], r["org_unit"] or r["place"]) for r in rows} == {
        ("2026-spring", "mid", "初一(1)班"),
        ("2026-spring", "end", "初一(1)班"),
        ("2026-spring", "term", "总务办公室"),
    }
    assert res.stderr.splitlines() == [NOTE]


def test_inspect_start_in_the_summer_is_for_the_term_that_ended(school: Cli) -> None:
    res = school("asset", "inspect", "start", "--kind", "end", "--unit", "初一(1)班", env=SUMMER)
    assert res.exit_code == 0, res
    assert res.stdout.strip() == "XJ-2026-0001"
    assert res.stderr.splitlines()[0] == NOTE
    res = school("asset", "inspect", "start", "--kind", "end", "--unit", "初一(1)班", env=SUMMER)
    assert res.exit_code == 3, res
    assert "Inspection XJ-2026-0001 (end, 2026-spring) of the same scope" in res.stderr


def test_inside_a_term_no_note(school: Cli) -> None:
    res = school("asset", "inspect", "due", "-f", "json")  # 2026-03-02: in the spring term
    assert res.exit_code == 0, res
    assert {r["term"] for r in json.loads(res.stdout)["rows"]} == {"2026-spring"}
    assert res.stderr == ""
    # a term named is the one used, in the holiday too, without a note
    res = school("asset", "inspect", "due", "--term", "2026-autumn", "-f", "json", env=SUMMER)
    assert res.exit_code == 0, res
    assert {r["term"] for r in json.loads(res.stdout)["rows"]} == {"2026-autumn"}
    assert res.stderr == ""


@pytest.mark.parametrize("terms", [False, True], ids=["no-term", "only-a-later-term"])
def test_before_the_first_term_is_a_refusal(cli: Cli, terms: bool) -> None:
    if terms:
        cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    refusal = "No term covers 2026-03-02; add one with `houqin term add`"
    assert_refused(cli, 3, "asset", "inspect", "due", contains=refusal)
    assert_refused(
        cli, 3, "asset", "inspect", "start", "--kind", "mid", "--unit", "初一(1)班",
        contains=refusal,
    )  # fmt: skip


def test_the_check_in_the_summer_reports_the_spring_term(school: Cli) -> None:
    summer = EnvCli(school.db, SUMMER)
    res = summer("check", "--only", "asset", "-f", "json")
    assert res.exit_code == 1, res
    owed = [f for f in json.loads(res.stdout)["findings"] if f["check"] == "asset.inspections"]
    assert {f["term"] for f in owed} == {"2026-spring"}
