"""`houqin config`, `houqin term`, `houqin check`, `houqin demo`, and a ledger
locked past the busy timeout."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from conftest import (
    ON_PG,
    Cli,
    EnvCli,
    Result,
    assert_refused,
    snapshot,
)
from houqin_cli.core.db import PG_LOCK_KEY

sqlite_only = pytest.mark.sqlite_only
pg_only = pytest.mark.skipif(not ON_PG, reason="needs PostgreSQL (HOUQIN_TEST_PG)")


def as_json(res: Result) -> object:
    return json.loads(res.stdout)


def settings(cli: Cli) -> dict[str, dict]:
    rows = as_json(cli.ok("config", "list", "-f", "json"))
    assert isinstance(rows, list)
    return {r["key"]: r for r in rows}


def get(cli: Cli, key: str) -> str:
    res = cli.ok("config", "get", key)
    assert res.stdout.endswith("\n")
    return res.stdout[:-1]


# -- config list / get -------------------------------------------------------------


def test_config_list_json_has_every_key_with_value_default_and_who(cli):
    rows = settings(cli)
    for key in ("school.name", "timezone", "db.busy_timeout_ms", "audit.approval_threshold"):
        assert key in rows, key
    for row in rows.values():
        assert {"key", "value", "default", "set_by", "set_at"} <= set(row), row
    assert rows["timezone"] == {
        **rows["timezone"],
        "value": "Asia/Shanghai",
        "default": "Asia/Shanghai",
    }
    assert rows["timezone"]["set_by"] is None and rows["timezone"]["set_at"] is None
    assert rows["db.busy_timeout_ms"]["default"] == "5000"
    assert rows["db.busy_timeout_ms"]["value"] == "5000"
    # set by init --school, as tester, at HOUQIN_NOW in the school's zone
    assert rows["school.name"]["value"] == "测试学校"
    assert rows["school.name"]["set_by"] == "tester"
    assert rows["school.name"]["set_at"] == "2026-03-02T09:00:00+08:00"


def test_config_list_plain_has_headers(cli):
    res = cli.ok("config", "list", "-f", "plain")
    assert "Key" in res.stdout and "Default" in res.stdout
    assert "db.busy_timeout_ms" in res.stdout


def test_config_get_prints_the_bare_value(cli):
    assert get(cli, "timezone") == "Asia/Shanghai"
    assert get(cli, "school.name") == "测试学校"
    assert get(cli, "db.busy_timeout_ms") == "5000"


def test_config_get_and_list_change_nothing(cli):
    before = snapshot(cli.db)
    cli.ok("config", "get", "timezone")
    cli.ok("config", "list", "-f", "json")
    assert snapshot(cli.db) == before


def test_config_get_unknown_key_is_exit_2(cli):
    assert_refused(cli, 2, "config", "get", "no.such.key", contains="no.such.key")


# -- config set ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("¥5,000", "5000.00"), ("¥12,345.5", "12345.50"), ("800", "800.00"), ("1,234.50", "1234.50")],
)
def test_config_set_money(cli, typed, stored):
    res = cli("config", "set", "audit.approval_threshold", typed)
    assert res.exit_code == 0, res
    assert get(cli, "audit.approval_threshold") == stored
    assert settings(cli)["audit.approval_threshold"]["value"] == stored


def test_config_set_money_then_back(cli):
    cli.ok("config", "set", "audit.approval_threshold", "¥12,345.5")
    cli.ok("config", "set", "audit.approval_threshold", "¥5,000")
    row = settings(cli)["audit.approval_threshold"]
    assert row["value"] == "5000.00"
    assert row["default"] == "5000.00"
    assert row["set_by"] == "tester"


@pytest.mark.parametrize("bad", ["12.345", "abc", "¥", "1,2,3.4.5", "5元钱"])
def test_config_set_bad_money_is_exit_2(cli, bad):
    assert_refused(
        cli, 2, "config", "set", "audit.approval_threshold", bad, contains=f"Invalid amount '{bad}'"
    )


def test_config_set_negative_money_is_exit_2(cli):
    assert_refused(
        cli, 2, "config", "set", "audit.approval_threshold", "--", "-5",
        contains="Invalid amount '-5': an amount cannot be negative",
    )  # fmt: skip


@pytest.mark.parametrize("key", ["meal.sample_hours", "db.busy_timeout_ms", "repair.accept_days"])
@pytest.mark.parametrize("bad", ["abc", "4.5", "", "1e3"])
def test_config_set_int_rejects_non_numbers(cli, key, bad):
    assert_refused(cli, 2, "config", "set", key, bad, contains=f"Invalid whole number '{bad}'")


def test_config_set_int_rejects_minus_one(cli):
    # as typed (click may read it as an option) and after `--` (read as the value)
    assert_refused(
        cli,
        2,
        "config",
        "set",
        "meal.sample_hours",
        "-1",
        usage=True,
        contains="No such option: -1",
    )
    assert_refused(
        cli, 2, "config", "set", "meal.sample_hours", "--", "-1",
        contains="Invalid whole number '-1'",
    )  # fmt: skip


def test_config_set_int(cli):
    res = cli("config", "set", "meal.sample_hours", "72")
    assert res.exit_code == 0, res
    assert get(cli, "meal.sample_hours") == "72"
    assert res.stdout == ""
    assert "meal.sample_hours" in res.stderr and "72" in res.stderr


def test_config_set_timezone_must_be_iana(cli):
    assert_refused(cli, 2, "config", "set", "timezone", "Mars/Base", contains="Mars/Base")
    assert_refused(
        cli, 2, "config", "set", "timezone", "CST+8", contains="Unknown time zone 'CST+8'"
    )
    cli.ok("config", "set", "timezone", "Europe/Berlin")
    assert get(cli, "timezone") == "Europe/Berlin"


def test_config_set_unknown_key_is_exit_2(cli):
    assert_refused(cli, 2, "config", "set", "no.such.key", "1", contains="no.such.key")


def test_config_set_empty_school_name_is_exit_2(cli):
    assert_refused(
        cli, 2, "config", "set", "school.name", "  ", contains="The value cannot be empty"
    )


def test_config_set_records_the_operator(cli):
    cli.ok("--operator", "总务王", "config", "set", "repair.accept_days", "5")
    row = settings(cli)["repair.accept_days"]
    assert row["value"] == "5"
    assert row["set_by"] == "总务王"
    assert row["set_at"] == "2026-03-02T09:00:00+08:00"
    entry = as_json(cli.ok("audit", "log", "-f", "json"))[-1]
    assert entry["action"] == "config.set"
    assert entry["operator"] == "总务王"


def test_config_set_is_journalled_and_verifies(cli):
    cli.ok("config", "set", "meal.sample_grams", "150")
    assert cli("audit", "verify").exit_code == 0


# -- terms ---------------------------------------------------------------------------


def add_spring(cli: Cli) -> None:
    res = cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    assert res.stdout == "2026-spring\n"


def test_term_add_and_list(cli):
    add_spring(cli)
    cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    rows = as_json(cli.ok("term", "list", "-f", "json"))
    assert rows == [
        {"name": "2026-spring", "start": "2026-02-23", "end": "2026-07-10"},
        {"name": "2026-autumn", "start": "2026-09-01", "end": "2027-01-22"},
    ]


def test_term_list_is_sorted_by_start(cli):
    cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    add_spring(cli)
    rows = as_json(cli.ok("term", "list", "-f", "json"))
    assert [r["name"] for r in rows] == ["2026-spring", "2026-autumn"]


def test_term_current_inside_a_term(cli):
    add_spring(cli)
    res = cli.ok("term", "current", "-f", "json")  # HOUQIN_NOW is 2026-03-02
    assert as_json(res) == {"name": "2026-spring", "start": "2026-02-23", "end": "2026-07-10"}


@pytest.mark.parametrize("now", ["2026-02-23T00:00", "2026-07-10T23:59", "2026-07-10T15:59Z"])
def test_term_current_first_and_last_day_count(cli, now):
    add_spring(cli)
    res = cli.ok("term", "current", "-f", "json", env={"HOUQIN_NOW": now})
    assert as_json(res)["name"] == "2026-spring"


@pytest.mark.parametrize("now", ["2026-08-01T10:00", "2026-02-22T23:59", "2026-07-10T16:30Z"])
def test_term_current_outside_any_term_is_exit_3(cli, now):
    add_spring(cli)
    assert_refused(EnvCli(cli.db, {"HOUQIN_NOW": now}), 3, "term", "current", contains="term add")


def test_term_current_with_no_terms_is_exit_3(cli):
    assert_refused(cli, 3, "term", "current", contains="No term covers 2026-03-02")


# fmt: off
TERM_ADD_REFUSED = {
    # (exit code, name, start, end, the message), with 2026-spring (02-23 to 07-10) there
    "overlaps the end": (3, "x-term", "2026-07-01", "2026-08-31", "2026-spring"),
    "touches the first day": (3, "x-term", "2026-01-01", "2026-02-23", "2026-spring"),
    "inside": (3, "x-term", "2026-03-01", "2026-03-31", "2026-spring"),
    "around": (3, "x-term", "2026-01-01", "2026-12-31", "2026-spring"),
    "duplicate name": (3, "2026-spring", "2027-02-20", "2027-07-01", "Term 2026-spring already exists"),
    "ending before it starts": (2, "2026-autumn", "2026-09-01", "2026-08-01", "A term cannot end before it starts"),
    "empty name": (2, " ", "2026-09-01", "2027-01-22", "A term needs a name, such as 2026-autumn"),
}
# fmt: on


@pytest.mark.parametrize(
    ("code", "name", "start", "end", "message"), TERM_ADD_REFUSED.values(), ids=TERM_ADD_REFUSED
)
def test_term_add_refusals(cli, code, name, start, end, message):
    add_spring(cli)
    args = ("term", "add", name, "--start", start, "--end", end)
    assert_refused(cli, code, *args, contains=message)


def test_adjacent_terms_are_fine(cli):
    add_spring(cli)
    cli.ok("term", "add", "2026-summer", "--start", "2026-07-11", "--end", "2026-08-31")


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "next monday", "2026/09/01"])
def test_term_with_a_bad_date_is_exit_2(cli, bad):
    res = assert_refused(
        cli, 2, "term", "add", "2026-autumn", "--start", bad, "--end", "2027-01-22",
        contains=f"Invalid date '{bad}'",
    )  # fmt: skip
    assert bad in res.stderr
    assert "2026-02-25" in res.stderr  # the accepted forms


def test_term_add_without_end_is_exit_2(cli):
    assert_refused(
        cli, 2, "term", "add", "2026-autumn", "--start", "2026-09-01",
        usage=True, contains="Missing option '--end'",
    )  # fmt: skip


# -- houqin check --------------------------------------------------------------------


def test_check_on_a_clean_ledger(cli):
    cli.ok("people", "add", "张三")
    before = snapshot(cli.db)
    res = cli("check", "-f", "json")
    assert res.exit_code == 0, res
    assert as_json(res) == {"ok": True, "findings": []}
    assert snapshot(cli.db) == before


def test_check_only_audit(cli):
    res = cli("check", "--only", "audit", "-f", "json")
    assert res.exit_code == 0, res
    assert as_json(res) == {"ok": True, "findings": []}


def test_check_only_unknown_group_is_exit_2(cli):
    assert_refused(cli, 2, "check", "--only", "nope", contains="nope")
    assert_refused(cli, 2, "check", "--only", "audit,nope", contains="nope")


@sqlite_only
def test_check_finds_tampering_and_exits_1(cli):
    code = cli.ok("people", "add", "张三").stdout.strip()
    con = sqlite3.connect(cli.db)
    con.execute("UPDATE person SET phone = '110' WHERE code = ?", (code,))
    con.commit()
    con.close()
    for args in (("check",), ("check", "--only", "audit")):
        res = cli(*args, "-f", "json")
        assert res.exit_code == 1, res
        report = as_json(res)
        assert report["ok"] is False
        assert report["findings"]
        for f in report["findings"]:
            assert {"check", "code", "message"} <= set(f)
        assert any(code in f["message"] for f in report["findings"])


# -- demo ------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_ledger: Cli) -> Cli:
    """A copy of the demo ledger (the demo itself is slow: made once per session)."""
    return demo_ledger


def test_demo_people(demo):
    people = as_json(demo.ok("people", "list", "--all", "-f", "json"))
    assert 50 <= len(people) <= 70, len(people)  # "about 60 staff"
    codes = [p["code"] for p in people]
    assert len(set(codes)) == len(codes)
    for p in people:
        assert {"code", "name", "unit", "roles", "active"} <= set(p)
    active = as_json(demo.ok("people", "list", "-f", "json"))
    assert len(active) == sum(1 for p in people if p["active"])


def test_demo_units(demo):
    classes = as_json(demo.ok("unit", "list", "--kind", "class", "-f", "json"))
    grades = as_json(demo.ok("unit", "list", "--kind", "grade", "-f", "json"))
    assert len(classes) == 18
    assert len(grades) == 6
    grade_names = {g["name"] for g in grades}
    assert {c["parent"] for c in classes} == grade_names
    assert all(c["head"] for c in classes)


def test_demo_places_in_three_buildings(demo):
    places = as_json(demo.ok("place", "list", "-f", "json"))
    buildings = {p["building"] for p in places if p["building"]}
    assert len(buildings) == 3


def test_demo_terms(demo):
    terms = as_json(demo.ok("term", "list", "-f", "json"))
    assert len(terms) == 2
    assert as_json(demo.ok("term", "current", "-f", "json"))["name"] == terms[0]["name"]


def test_demo_verifies_and_checks_clean(demo):
    res = demo("audit", "verify")
    assert res.exit_code == 0, res
    res = demo("check", "-f", "json")
    assert res.exit_code == 0, res
    assert as_json(res)["ok"] is True


def test_second_demo_is_exit_3_and_changes_nothing(demo):
    assert_refused(demo, 3, "demo", contains="already holds records")


def test_demo_fills_a_freshly_initialised_ledger(cli):
    res = cli("demo")
    assert res.exit_code == 0, res
    assert len(as_json(cli.ok("term", "list", "-f", "json"))) == 2


def test_demo_refuses_a_ledger_with_records(cli):
    cli.ok("people", "add", "张三")
    assert_refused(cli, 3, "demo", contains="already holds records")


# -- a ledger locked past the busy timeout -------------------------------------------


def assert_gives_up_on_the_lock(cli):
    """While another writer holds the ledger: a write waits out db.busy_timeout_ms
    (200) and no more, then is refused with exit 4, saying the ledger was locked."""
    started = time.monotonic()
    res = assert_refused(
        cli, 4, "people", "add", "X", contains="kept it locked for more than 200 ms"
    )
    elapsed = time.monotonic() - started
    assert "busy" in res.stderr.lower() or "locked" in res.stderr.lower(), res
    assert elapsed < 4, f"waited {elapsed:.1f}s, not ~0.2s"


@sqlite_only
def test_sqlite_lock_past_the_busy_timeout_is_exit_4(cli):
    cli.ok("config", "set", "db.busy_timeout_ms", "200")
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert_gives_up_on_the_lock(cli)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # once the lock is gone the same write goes through
    cli.ok("people", "add", "X")


@pg_only
def test_postgres_lock_past_the_busy_timeout_is_exit_4(cli):
    import sqlalchemy as sa

    cli.ok("config", "set", "db.busy_timeout_ms", "200")
    assert PG_LOCK_KEY == 0x686F7571
    eng = sa.create_engine(cli.db)
    try:
        with eng.connect() as con:
            tx = con.begin()
            con.execute(sa.text(f"SELECT pg_advisory_xact_lock({0x686F7571})"))
            assert_gives_up_on_the_lock(cli)
            tx.rollback()
    finally:
        eng.dispose()
    cli.ok("people", "add", "X")
