"""The journal: one entry per write, seals, `audit verify`, tamper evidence, `audit log`.

Tampering is done with raw SQL through SQLAlchemy on the same ledger, as someone
with the sqlite3 shell or psql would do it, so every test runs on both backends."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import (
    Cli,
    Result,
    assert_each_refused,
    assert_refused,
    findings_json,
    left_message,
    raw,
)
from houqin_cli.core.journal import GENESIS, entry_hash

SEAL_RE = re.compile(r"^(\d+):([0-9a-f]{64})$")
LOG_KEYS = {"seq", "time", "operator", "action", "entity", "hash"}


# -- helpers -------------------------------------------------------------------


def journal(cli: Cli, *args: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    res = cli.ok("audit", "log", "-f", "json", *args, env=env)
    rows = json.loads(res.stdout)
    assert isinstance(rows, list), res
    return rows


def seqs(rows: list[dict[str, Any]]) -> list[int]:
    return [r["seq"] for r in rows]


def seal(cli: Cli) -> str:
    res = cli.ok("audit", "seal")
    text = res.stdout.strip()
    assert SEAL_RE.match(text), res
    return text


def verify(cli: Cli, *args: str) -> tuple[Result, dict[str, Any]]:
    return findings_json(cli, "audit", "verify", *args)


def codes(data: dict[str, Any]) -> list[str]:
    return [f["code"] for f in data["findings"]]


def assert_clean(cli: Cli, *args: str) -> dict[str, Any]:
    res, data = verify(cli, *args)
    assert res.exit_code == 0, res
    assert data["findings"] == [], res
    return data


def assert_found(cli: Cli, *args: str) -> list[dict[str, Any]]:
    res, data = verify(cli, *args)
    assert res.exit_code == 1, res
    assert data["findings"], res
    return list(data["findings"])


def typed(*args: str) -> str:
    return shlex.join(["houqin", *args])


# -- a small ledger to tamper with ---------------------------------------------


@pytest.fixture
def ledger(cli: Cli) -> Cli:
    """Journal: 1 ledger.init, 2 config.set school.name, 3 people.add RY-0001,
    4 unit.add DW-0001, 5 people.add RY-0002, 6 config.set audit.approval_threshold,
    7 people.edit RY-0001, 8 term.add 2026-spring."""
    assert cli.ok("people", "add", "张三", "--phone", "13800000001").stdout.strip() == "RY-0001"
    assert cli.ok("unit", "add", "总务处", "--kind", "department").stdout.strip() == "DW-0001"
    assert cli.ok("people", "add", "李四").stdout.strip() == "RY-0002"
    cli.ok("config", "set", "audit.approval_threshold", "2000")
    cli.ok("people", "edit", "张三", "--phone", "13800000002")
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-20", "--end", "2026-07-10")
    rows = journal(cli)
    assert seqs(rows) == list(range(1, 9))
    assert [r["action"] for r in rows][2:] == [
        "people.add",
        "unit.add",
        "people.add",
        "config.set",
        "people.edit",
        "term.add",
    ]
    return cli


# -- one entry per write -------------------------------------------------------


def test_init_journals_the_ledger_and_its_settings(bare: Cli) -> None:
    # init run here, not the `cli` fixture's copy of the session's ledger: the
    # entries record the command as typed, --db and all
    cli = bare
    cli.ok("init", "--school", "测试学校")
    rows = journal(cli)
    assert [(r["seq"], r["action"]) for r in rows] == [(1, "ledger.init"), (2, "config.set")]
    assert rows[1]["entity"] == "setting"
    assert rows[1]["code"] == "school.name"
    for r in rows:
        assert set(r) >= LOG_KEYS
        assert r["operator"] == "tester"
        assert r["command"] == typed("--db", cli.db, "init", "--school", "测试学校")
        assert re.fullmatch(r"[0-9a-f]{64}", r["hash"])
        # HOUQIN_NOW=2026-03-02T09:00 in the school's zone, shown with its offset
        assert r["time"] == "2026-03-02T09:00:00+08:00"


WRITES = [
    ("people.add", "person", "RY-0002",
     ("people", "add", "王五", "--phone", "13900000000", "--role", "teacher")),
    ("people.edit", "person", "RY-0001",  # several fields at once
     ("people", "edit", "张三", "--phone", "139", "--add-role", "clerk", "--name", "张三丰")),
    ("people.leave", "person", "RY-0001", ("people", "leave", "zs", "--date", "2026-02-28")),
    ("unit.add", "unit", "DW-0001",
     ("unit", "add", "初一(1)班", "--kind", "class", "--head", "张三")),
    ("place.add", "place", "DD-0001",
     ("place", "add", "101", "--building", "教学楼", "--kind", "classroom")),
    ("term.add", "term", "2026-spring",
     ("term", "add", "2026-spring", "--start", "2026-02-20", "--end", "2026-07-10")),
    ("config.set", "setting", "audit.approval_threshold",
     ("config", "set", "audit.approval_threshold", "¥3,000")),
]  # fmt: skip


@pytest.mark.parametrize(("action", "entity", "code", "args"), WRITES, ids=[w[0] for w in WRITES])
def test_every_write_appends_exactly_one_entry(
    cli: Cli, action: str, entity: str, code: str, args: tuple[str, ...]
) -> None:
    cli.ok("people", "add", "张三")
    before = journal(cli)
    head_before = seal(cli)

    cli.ok("--operator", "王会计", *args, env={"HOUQIN_NOW": "2026-03-05T14:20"})

    after = journal(cli)
    assert after[: len(before)] == before, "earlier entries changed"
    assert len(after) == len(before) + 1
    entry = after[-1]
    assert entry["seq"] == before[-1]["seq"] + 1
    assert entry["operator"] == "王会计"
    assert entry["command"] == typed("--db", cli.db, "--operator", "王会计", *args)
    assert entry["action"] == action
    assert entry["entity"] == entity
    assert entry["code"] == code
    assert entry["time"] == "2026-03-05T14:20:00+08:00"
    assert seal(cli) == f"{entry['seq']}:{entry['hash']}"
    assert seal(cli) != head_before
    assert_clean(cli)
    assert_clean(cli, "--against", head_before)


def test_operator_comes_from_the_environment(cli: Cli) -> None:
    cli.ok("people", "add", "张三", env={"HOUQIN_OPERATOR": "cron"})
    assert journal(cli)[-1]["operator"] == "cron"


def test_refused_writes_append_nothing(cli: Cli) -> None:
    cli.ok("people", "add", "张三")
    cli.ok("people", "leave", "张三", "--date", "2026-02-01")
    head = seal(cli)
    assert_each_refused(
        cli,
        (2, ["people", "edit", "nobody", "--phone", "1"], "No person matches 'nobody'"),
        (3, ["people", "leave", "张三"], "张三 (RY-0001) already left on 2026-02-01"),
        (3, ["unit", "add", "总务处", "--kind", "department", "--head", "张三"],
         left_message("张三 (RY-0001)", "2026-02-01")),
        (2, ["config", "set", "audit.approval_threshold", "12.345"],
         "Invalid amount '12.345': money has at most two decimal places"),
    )  # fmt: skip
    assert seal(cli) == head


def test_log_json_carries_the_documented_keys(ledger: Cli) -> None:
    rows = journal(ledger)
    for r in rows:
        assert set(r) >= LOG_KEYS, r
    by_seq = {r["seq"]: r for r in rows}
    assert by_seq[3]["entity"] == "person" and by_seq[3]["code"] == "RY-0001"
    assert by_seq[4]["entity"] == "unit" and by_seq[4]["code"] == "DW-0001"
    assert by_seq[8]["entity"] == "term" and by_seq[8]["code"] == "2026-spring"
    assert by_seq[7]["command"] == typed(
        "--db", ledger.db, "people", "edit", "张三", "--phone", "13800000002"
    )
    assert len({r["hash"] for r in rows}) == len(rows)


# -- seal and verify -------------------------------------------------------------


def test_seal_prints_the_head(ledger: Cli) -> None:
    rows = journal(ledger)
    res = ledger.ok("audit", "seal")
    assert res.stdout == f"8:{rows[-1]['hash']}\n"


def test_seal_of_a_new_ledger_is_its_init_entries(cli: Cli) -> None:
    rows = journal(cli)
    assert seal(cli) == f"{rows[-1]['seq']}:{rows[-1]['hash']}"


def test_verify_a_clean_ledger(ledger: Cli) -> None:
    data = assert_clean(ledger)
    assert data["entries"] == 8
    assert f"{data['head'][0]}:{data['head'][1]}" == seal(ledger)
    # plain output: nothing on stdout to alarm a script, exit 0
    res = ledger("audit", "verify")
    assert res.exit_code == 0, res
    assert "Traceback" not in res.stderr


def test_against_an_earlier_seal_passes_after_more_writes(ledger: Cli) -> None:
    early = seal(ledger)
    ledger.ok("people", "add", "王五")
    ledger.ok("place", "add", "101", "--kind", "classroom")
    ledger.ok("people", "leave", "李四", "--date", "2026-03-01")
    assert seal(ledger) != early
    assert_clean(ledger, "--against", early)
    assert_clean(ledger, "--against", seal(ledger))
    # the seal's hash is accepted in upper case too (copied from a printout)
    seq, digest = early.split(":")
    assert_clean(ledger, "--against", f"{seq}:{digest.upper()}")


def test_against_a_wrong_hash_or_a_future_entry_is_seal_broken(ledger: Cli) -> None:
    seq, digest = seal(ledger).split(":")
    wrong = digest[:-1] + ("0" if digest[-1] != "0" else "1")
    found = assert_found(ledger, "--against", f"{seq}:{wrong}")
    assert [(f["code"], f["seq"]) for f in found] == [("seal.broken", 8)]
    found = assert_found(ledger, "--against", f"99:{digest}")
    assert [(f["code"], f["seq"]) for f in found] == [("seal.broken", 99)]


@pytest.mark.parametrize(
    "text",
    ["abc", "8", "8:", ":" + "a" * 64, "8:xyz", "8:" + "a" * 63, "8:" + "g" * 64, "-1:" + "a" * 64],
)
def test_bad_against_is_exit_2(ledger: Cli, text: str) -> None:
    assert_refused(
        ledger, 2, "audit", "verify", "--against", text, contains=f"Invalid seal '{text}'"
    )


# -- tampering behind the program's back -------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("operator", "mallory"),
        ("command", "houqin people add 王五"),
        ("time", "2025-12-31T16:00:00Z"),
        ("payload", "{}"),
        ("action", "people.leave"),
    ],
)
def test_edited_entry_is_named(ledger: Cli, column: str, value: str) -> None:
    with raw(ledger.db) as con:
        con.execute(sa.text(f"UPDATE journal SET {column} = :v WHERE seq = 3"), {"v": value})
    found = assert_found(ledger)
    assert [(f["code"], f["seq"]) for f in found] == [("entry.edited", 3)]
    assert "3" in found[0]["message"]


def test_deleted_middle_entry_is_named(ledger: Cli) -> None:
    with raw(ledger.db) as con:
        con.execute(sa.text("DELETE FROM journal WHERE seq = 5"))
    found = assert_found(ledger)
    assert (found[0]["code"], found[0]["seq"]) == ("entry.deleted", 5)
    assert "5" in found[0]["message"]
    # the row that entry wrote is no longer accounted for by the journal
    assert any(
        f["code"] == "row.inserted" and f["table"] == "person" and f["record"] == "RY-0002"
        for f in found
    ), found


def test_inserted_entry_is_found(ledger: Cli) -> None:
    with raw(ledger.db) as con:
        row = con.execute(sa.text("SELECT * FROM journal WHERE seq = 8")).mappings().one()
        forged = dict(row)
        forged["seq"] = 9
        forged["prev_hash"] = "f" * 64
        con.execute(
            sa.text(
                "INSERT INTO journal (seq, time, operator, command, action, entity, entity_id,"
                " code, reverses, payload, digests, prev_hash, hash) VALUES (:seq, :time,"
                " :operator, :command, :action, :entity, :entity_id, :code, :reverses,"
                " :payload, :digests, :prev_hash, :hash)"
            ),
            forged,
        )
    found = assert_found(ledger)
    assert (found[0]["code"], found[0]["seq"]) == ("entry.inserted", 9)


def test_changed_then_restored_row_is_clean(ledger: Cli) -> None:
    with raw(ledger.db) as con:
        con.execute(sa.text("UPDATE person SET phone = '1' WHERE code = 'RY-0001'"))
    assert_found(ledger)
    with raw(ledger.db) as con:
        con.execute(sa.text("UPDATE person SET phone = '13800000002' WHERE code = 'RY-0001'"))
    assert_clean(ledger)


INSERT_PERSON = (
    "INSERT INTO person (code, name, roles, active, initials)"
    " VALUES (:code, :name, '', :active, 'ww')"
)
INSERT_SETTING = (
    "INSERT INTO setting (key, value, set_by, set_at)"
    " VALUES ('stock.closed_through', '2026-02', 'mallory', '2026-03-01T00:00:00Z')"
)


@pytest.mark.parametrize(
    ("sql", "params", "finding"),
    [
        ("UPDATE person SET phone = '13999999999' WHERE code = 'RY-0001'", {},
         ("row.changed", "person", "RY-0001")),
        ("DELETE FROM person WHERE code = 'RY-0001'", {}, ("row.deleted", "person", "RY-0001")),
        (INSERT_PERSON, {"code": "RY-0099", "name": "王五", "active": True},
         ("row.inserted", "person", "RY-0099")),
        ("UPDATE setting SET value = '1.00' WHERE key = 'audit.approval_threshold'", {},
         ("row.changed", "setting", "audit.approval_threshold")),  # named by its key
        (INSERT_SETTING, {}, ("row.inserted", "setting", "stock.closed_through")),
        ('UPDATE term SET "end" = :d WHERE name = :n', {"d": "2026-08-31", "n": "2026-spring"},
         ("row.changed", "term", "2026-spring")),
    ],
    ids=["changed-phone", "deleted-person", "inserted-person", "changed-setting",
         "inserted-setting", "changed-term-date"],
)  # fmt: skip
def test_row_touched_behind_the_programs_back_is_named(
    ledger: Cli, sql: str, params: dict[str, Any], finding: tuple[str, str, str]
) -> None:
    """One row changed, deleted or inserted with raw SQL: the one finding names its
    table and its record (a code, a key, a name)."""
    with raw(ledger.db) as con:
        assert con.execute(sa.text(sql), params).rowcount == 1
    found = assert_found(ledger)
    assert [(f["code"], f["table"], f["record"]) for f in found] == [finding]
    _code, table, record = finding
    assert table in found[0]["message"] and record in found[0]["message"], found


def test_rewritten_chain_is_caught_only_by_the_seal(ledger: Cli) -> None:
    early = seal(ledger)  # after entry 8
    init_seal = f"2:{journal(ledger)[1]['hash']}"
    ledger.ok("people", "add", "王五")
    assert_clean(ledger, "--against", early)

    # edit entry 3 and recompute every hash after it, as a careful forger would
    with raw(ledger.db) as con:
        con.execute(sa.text("UPDATE journal SET operator = 'mallory' WHERE seq = 3"))
        rows = con.execute(sa.text("SELECT * FROM journal ORDER BY seq")).mappings().all()
        prev = GENESIS
        for r in rows:
            h = entry_hash(
                prev,
                r["seq"],
                r["time"],
                r["operator"],
                r["command"],
                r["action"],
                r["entity"],
                r["entity_id"],
                r["code"],
                r["reverses"],
                r["payload"],
                r["digests"],
            )
            con.execute(
                sa.text("UPDATE journal SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": prev, "h": h, "s": r["seq"]},
            )
            prev = h

    assert journal(ledger)[2]["operator"] == "mallory"
    assert_clean(ledger)  # the chain is consistent again ...
    found = assert_found(ledger, "--against", early)  # ... but not with what was sealed
    assert [(f["code"], f["seq"]) for f in found] == [("seal.broken", 8)]
    assert "8" in found[0]["message"]
    # a seal from before the forged entry still holds
    assert_clean(ledger, "--against", init_seal)


def test_truncated_journal_is_caught_by_the_seal(ledger: Cli) -> None:
    early = seal(ledger)
    # drop the last entry and the row it wrote: nothing left to compare with
    with raw(ledger.db) as con:
        con.execute(sa.text("DELETE FROM term WHERE name = '2026-spring'"))
        con.execute(sa.text("DELETE FROM journal WHERE seq = 8"))
    found = assert_found(ledger, "--against", early)
    assert ("seal.broken", 8) in [(f["code"], f.get("seq")) for f in found]


# -- houqin check -------------------------------------------------------------------


def test_check_is_clean_on_an_untouched_ledger(ledger: Cli) -> None:
    res = ledger("check", "-f", "json")
    assert res.exit_code == 0, res
    assert json.loads(res.stdout) == {"ok": True, "findings": []}


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("UPDATE journal SET operator = 'mallory' WHERE seq = 4", "entry.edited"),
        ("DELETE FROM journal WHERE seq = 4", "entry.deleted"),
        ("UPDATE person SET phone = '1' WHERE code = 'RY-0002'", "row.changed"),
        ("DELETE FROM person WHERE code = 'RY-0002'", "row.deleted"),
        ("UPDATE setting SET value = '1.00' WHERE key = 'audit.approval_threshold'", "row.changed"),
    ],
)
def test_check_reports_tampering(ledger: Cli, sql: str, code: str) -> None:
    with raw(ledger.db) as con:
        con.execute(sa.text(sql))
    for args in (("check",), ("check", "--only", "audit")):
        res = ledger(*args, "-f", "json")
        assert res.exit_code == 1, res
        assert "Traceback" not in res.stderr
        data = json.loads(res.stdout)
        assert data["ok"] is False
        assert data["findings"]
        for f in data["findings"]:
            assert {"check", "code", "message"} <= set(f), f
            assert f["check"] and f["message"].strip()
        assert code in [f["code"] for f in data["findings"]], data
    # and the plain report exits 1 too, naming the problem on stdout
    res = ledger("check")
    assert res.exit_code == 1, res


# -- audit log filters ----------------------------------------------------------------


@pytest.fixture
def dated(bare: Cli) -> Cli:
    """Entries at known local times (Asia/Shanghai, UTC+8) by known operators:
    1-2 init 2026-01-05, 3 people.add RY-0001 (alice) 2026-01-15,
    4 unit.add DW-0001 (bob) 2026-02-10, 5 people.add RY-0002 (alice) 2026-03-31 23:30,
    6 people.edit RY-0001 (bob) 2026-04-01 00:30, 7 place.add DD-0001 (carol) 2026-04-20."""
    bare.ok("init", "--school", "测试学校", env={"HOUQIN_NOW": "2026-01-05T08:00"})
    steps = [
        ("2026-01-15T10:00", "alice", ("people", "add", "张三")),
        ("2026-02-10T08:00", "bob", ("unit", "add", "总务处", "--kind", "department")),
        ("2026-03-31T23:30", "alice", ("people", "add", "李四")),
        ("2026-04-01T00:30", "bob", ("people", "edit", "张三", "--phone", "1")),
        ("2026-04-20T12:00", "carol", ("place", "add", "101")),
    ]
    for now, who, args in steps:
        bare.ok(*args, env={"HOUQIN_NOW": now, "HOUQIN_OPERATOR": who})
    assert seqs(journal(bare)) == [1, 2, 3, 4, 5, 6, 7]
    return bare


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), [1, 2, 3, 4, 5, 6, 7]),
        (("--since", "2026-02"), [4, 5, 6, 7]),
        (("--until", "2026-03"), [1, 2, 3, 4, 5]),  # 23:30 local on the 31st is March
        (("--since", "2026-04"), [6, 7]),  # 00:30 local on 1 April is April (16:30 UTC)
        (("--since", "2026-03-31", "--until", "2026-03-31"), [5]),
        (("--since", "2026-04-01", "--until", "2026-04-01"), [6]),
        (("--since", "2026-01-15", "--until", "2026-02-10"), [3, 4]),
        (("--since", "2026-02", "--until", "2026-03"), [4, 5]),
        (("--until", "2026-Q1"), [1, 2, 3, 4, 5]),
        (("--since", "2026-05"), []),
        (("--since", "2026"), [1, 2, 3, 4, 5, 6, 7]),
        (("--action", "people"), [3, 5, 6]),
        (("--action", "people.add"), [3, 5]),
        (("--action", "people.edit"), [6]),
        (("--action", "peop"), []),
        (("--action", "config"), [2]),
        (("--entity", "RY-0001"), [3, 6]),
        (("--entity", "DW-0001"), [4]),
        (("--entity", "school.name"), [2]),
        (("--entity", "RY-0099"), []),
        (("--operator", "alice"), [3, 5]),
        (("--operator", "bob", "--action", "people"), [6]),
        (("--operator", "nobody"), []),
        (("--limit", "2"), [6, 7]),
        (("--limit", "1"), [7]),
        (("--limit", "100"), [1, 2, 3, 4, 5, 6, 7]),
        (("--limit", "2", "--action", "people"), [5, 6]),
        (("--limit", "1", "--until", "2026-03"), [5]),
    ],
)
def test_log_filters(dated: Cli, args: tuple[str, ...], expected: list[int]) -> None:
    assert seqs(journal(dated, *args)) == expected


def test_log_times_are_local(dated: Cli) -> None:
    times = {r["seq"]: r["time"] for r in journal(dated)}
    assert times[5] == "2026-03-31T23:30:00+08:00"
    assert times[6] == "2026-04-01T00:30:00+08:00"


def test_log_plain_output_lists_entries(dated: Cli) -> None:
    res = dated.ok("audit", "log", "-f", "plain", "--entity", "RY-0001")
    assert "people.add" in res.stdout and "people.edit" in res.stdout
    assert "unit.add" not in res.stdout


@pytest.mark.parametrize(
    ("args", "contains"),
    [
        (("--since", "2026-02-30"), "2026-W49"),
        (("--until", "2026-13"), "2026-Q1"),
        (("--since", "last week"), "2026-02-25"),
        (("--limit", "0"), "--limit must be at least 1"),
    ],
)
def test_log_bad_filters_are_exit_2(dated: Cli, args: tuple[str, ...], contains: str) -> None:
    assert_refused(dated, 2, "audit", "log", *args, contains=contains)


def test_log_limit_not_a_number_is_a_usage_error(dated: Cli) -> None:
    assert_refused(
        dated, 2, "audit", "log", "--limit", "x", usage=True, contains="Invalid value for '--limit'"
    )
