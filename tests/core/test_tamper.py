"""Tampering that the row digests alone cannot see (#11): a planted trigger, view or
index, a changed column; values of another type or out of their domain; malformed
journal fields. Verification reports them (exit 1), never crashes (exit 70), and a
write refuses to run beside a planted trigger. On both backends where SQL allows."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import Cli, assert_refused, findings_json, raw

TRIGGER = {
    "sqlite": (
        "CREATE TRIGGER quiet AFTER INSERT ON stock_movement BEGIN "
        "UPDATE stock_movement SET supplier = '别家' WHERE id = new.id; END"
    ),
    "postgresql": (
        "CREATE FUNCTION quiet() RETURNS trigger AS $$ BEGIN "
        "UPDATE stock_movement SET supplier = '别家' WHERE id = NEW.id; RETURN NULL; END $$ "
        "LANGUAGE plpgsql; CREATE TRIGGER quiet AFTER INSERT ON stock_movement "
        "FOR EACH ROW EXECUTE FUNCTION quiet()"
    ),
}


@pytest.fixture
def store(cli: Cli) -> Cli:
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品", "--durable")
    cli.ok("stock", "receive", "粉笔", "20", "--price", "12.50", "--date", "2026-02-10")
    return cli


def backend(cli: Cli) -> str:
    return "postgresql" if cli.db.startswith("postgresql") else "sqlite"


def verify_codes(cli: Cli, *command: str) -> list[str]:
    res, data = findings_json(cli, *command)
    assert res.exit_code == 1, res
    return [f["code"] for f in data["findings"]]


def tamper(cli: Cli, sql: str, **params: Any) -> None:
    with raw(cli.db) as con:
        con.execute(sa.text(sql), params)


def test_a_planted_trigger_is_found_and_stops_every_write(store: Cli) -> None:
    with raw(store.db) as con:
        con.exec_driver_sql(TRIGGER[backend(store)])
    for command in (("audit", "verify"), ("check",)):
        assert "schema.extra" in verify_codes(store, *command), command
    res = assert_refused(
        store,
        4,
        "stock",
        "receive",
        "粉笔",
        "5",
        "--price",
        "12.50",
        "--date",
        "2026-02-11",
        contains="schema was altered behind the program's back (trigger quiet",
    )
    assert "houqin db check" in res.stderr


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("CREATE VIEW shadow AS SELECT * FROM person", "schema.extra"),
        ("CREATE INDEX ix_extra ON person (phone)", "index.changed"),
        ("DROP INDEX ix_person_name", "index.changed"),
        ("ALTER TABLE person ADD COLUMN note2 TEXT", "table.changed"),
        ("CREATE TABLE stash (x INTEGER)", "table.extra"),
    ],
)
def test_the_schema_is_compared(cli: Cli, sql: str, code: str) -> None:
    if code == "index.changed" and cli.db.startswith("postgresql"):
        pytest.skip("indexes are compared on SQLite")
    tamper(cli, sql)
    assert code in verify_codes(cli, "audit", "verify")


def test_a_clean_ledger_has_no_schema_findings(store: Cli) -> None:
    res, data = findings_json(store, "audit", "verify")
    assert res.exit_code == 0, res
    assert data["findings"] == []


@pytest.mark.sqlite_only  # PostgreSQL refuses values outside a column's type
@pytest.mark.parametrize(
    ("sql", "record"),
    [
        ("UPDATE stock_movement SET date = 'garbage'", "RK-2026-0001"),
        ("UPDATE stock_movement SET date = 20260210", "RK-2026-0001"),
        ("UPDATE stock_item SET durable = 2", "WZ-0001"),
        ("UPDATE stock_item SET qty_milli = '20000'", None),  # affinity: the same 20000
        ("UPDATE stock_item SET qty_milli = 20000.5", "WZ-0001"),
        ("UPDATE stock_item SET name = X'E7B289E7AC94'", "WZ-0001"),
    ],
)
def test_values_are_compared_as_stored(store: Cli, sql: str, record: str | None) -> None:
    tamper(store, sql)
    res, data = findings_json(store, "audit", "verify")
    assert "Traceback" not in res.stderr
    if record is None:
        assert res.exit_code == 0, res
        return
    assert res.exit_code == 1, res
    assert [(f["code"], f["record"]) for f in data["findings"]] == [("row.changed", record)]


@pytest.mark.parametrize("value", ["no-colon-here", "stock_item:1", ":=", "x:=y"])
def test_malformed_digests_are_an_edited_entry(store: Cli, value: str) -> None:
    tamper(store, "UPDATE journal SET digests = :v WHERE action = 'stock.receive'", v=value)
    res, data = findings_json(store, "audit", "verify")
    assert res.exit_code == 1, res
    assert data["findings"][0]["code"] == "entry.edited"


@pytest.mark.sqlite_only
def test_a_journal_field_of_another_type_is_an_edited_entry(store: Cli) -> None:
    tamper(store, "UPDATE journal SET payload = X'00FF' WHERE action = 'stock.receive'")
    res, data = findings_json(store, "audit", "verify")
    assert res.exit_code == 1, res
    assert data["findings"][0]["code"] == "entry.edited"


@pytest.mark.sqlite_only
def test_a_report_over_a_damaged_row_is_exit_4_not_a_crash(store: Cli) -> None:
    tamper(store, "UPDATE stock_movement SET date = 'garbage'")
    res = store("stock", "movements")
    assert res.exit_code == 4, res
    assert "houqin db check" in res.stderr
    assert "Traceback" not in res.stderr


def _columns(cli: Cli) -> list[tuple[str, str]]:
    with raw(cli.db) as con:
        insp = sa.inspect(con)
        return [
            (table, c["name"])
            for table in ("stock_item", "stock_movement", "person", "setting", "journal")
            for c in insp.get_columns(table)
        ]


HOSTILE: list[Any] = [
    "garbage",
    "",
    "0",
    "-1",
    "1e999",
    "２０２６-０３-０１",
    "2026-02-30",
    "\x00",
    "🙂" * 20,
    0,
    -1,
    2,
    10**18,
    3.5,
    None,
    b"\x00\xff",
]


@pytest.mark.sqlite_only
def test_fuzzed_tampering_is_exit_0_or_1_never_a_crash(store: Cli) -> None:
    """Random column, random value of a random type, on a fresh copy each time: the
    verification and the check report or pass; neither crashes."""
    rng = random.Random(11)
    columns = _columns(store)
    ledger = Path(store.db)
    original = ledger.read_bytes()
    for _ in range(40):
        table, column = rng.choice(columns)
        value = rng.choice(HOSTILE)
        ledger.write_bytes(original)
        try:
            tamper(store, f'UPDATE "{table}" SET "{column}" = :v', v=value)
        except sa.exc.IntegrityError:
            continue  # NOT NULL, UNIQUE, a foreign key: SQLite refused it itself
        for command in (("audit", "verify", "-f", "json"), ("check", "-f", "json")):
            res = store(*command)
            assert res.exit_code in (0, 1), (table, column, value, command, res)
            json.loads(res.stdout)


def test_digests_as_stored_equal_the_typed_rows_digests(store: Cli) -> None:
    """Reading values as stored must not change a digest journalled before (by the typed
    rows SQLAlchemy gives): every ledger already written still verifies."""
    from houqin_cli import domains
    from houqin_cli.core.journal import row_digest, select_sql, stored_digest, tracked_tables

    domains.load_models()
    store.ok("people", "add", "李四", "--role", "approver")
    store.ok("people", "leave", "李四", "--date", "2026-03-01")
    compared = 0
    with raw(store.db) as con:
        for table in tracked_tables().values():
            typed = [row_digest(r) for r in con.execute(sa.select(table)).mappings()]
            stored = [stored_digest(table, r) for r in con.exec_driver_sql(select_sql(table))]
            assert sorted(typed) == sorted(stored), table.name
            compared += len(typed)
    assert compared >= 4  # the item, its receipt, the two people
