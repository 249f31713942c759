"""`houqin check --quick` (#17): the journal verified from the last full verification
this computer made that found nothing (a `verified` line in the witness log). What it
sees and what it cannot, each asserted: it catches what the entries since the checkpoint
wrote being altered, and a rewrite before the checkpoint; a row altered behind the
program's back that no later entry wrote is seen only by the full verification."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import Cli, EnvCli, findings_json, raw


@pytest.fixture
def school(cli: Cli, tmp_path: Path) -> EnvCli:
    w = EnvCli(cli.db, {"HOUQIN_WITNESS": str(tmp_path / "heads.log")})
    w.ok("people", "add", "张三", "--phone", "13800000001")
    w.ok("people", "add", "李四", "--phone", "13800000002")
    return w


def journal_codes(w: EnvCli, *extra: str) -> list[str]:
    res, data = findings_json(w, "check", "--only", "audit", *extra)
    assert res.exit_code in (0, 1), res
    return [f["code"] for f in data["findings"] if f["check"] == "audit.journal"
            or f["code"].startswith("row.")]  # fmt: skip


def verified_lines(w: EnvCli) -> list[str]:
    return [ln for ln in Path(w.env["HOUQIN_WITNESS"]).read_text().splitlines() if "verified" in ln]


def test_a_full_verification_that_finds_nothing_leaves_the_checkpoint(school: EnvCli) -> None:
    assert verified_lines(school) == []
    assert journal_codes(school) == []
    head = school.ok("audit", "seal").stdout.strip()
    assert [ln.split()[1:] for ln in verified_lines(school)] == [[head, "verified"]]


def test_without_a_checkpoint_quick_is_the_full_verification(school: EnvCli) -> None:
    with raw(school.db) as con:
        con.execute(sa.text("UPDATE person SET phone = '13900000009' WHERE name = '张三'"))
    assert journal_codes(school, "--quick") == ["row.changed"]
    assert verified_lines(school) == []  # it found something: no checkpoint


def test_quick_catches_what_was_written_since_and_says_what_it_cannot(school: EnvCli) -> None:
    assert journal_codes(school) == []  # the checkpoint
    school.ok("people", "edit", "李四", "--phone", "13800000003")
    with raw(school.db) as con:
        con.execute(sa.text("UPDATE person SET phone = '13900000009' WHERE name = '李四'"))
    assert journal_codes(school, "--quick") == ["row.changed"]
    with raw(school.db) as con:  # 张三 was written before the checkpoint, never since
        con.execute(sa.text("UPDATE person SET phone = '13999999999' WHERE name = '张三'"))
    assert journal_codes(school, "--quick") == ["row.changed"]  # 李四's only: its blind spot
    assert sorted(journal_codes(school)) == ["row.changed", "row.changed"]  # the full sees both


def test_quick_catches_a_deleted_row_and_a_rewrite_before_the_checkpoint(school: EnvCli) -> None:
    assert journal_codes(school) == []
    school.ok("people", "add", "王五")
    with raw(school.db) as con:
        con.execute(sa.text("DELETE FROM person WHERE name = '王五'"))
    assert journal_codes(school, "--quick") == ["row.deleted"]
    with raw(school.db) as con:
        con.execute(sa.text("UPDATE journal SET operator = 'someone' WHERE seq = 1"))
    assert journal_codes(school, "--quick") == ["entry.edited", "row.deleted"]


def test_quick_follows_the_chain_from_the_checkpoint(school: EnvCli) -> None:
    assert journal_codes(school) == []
    school.ok("people", "add", "王五")
    school.ok("people", "add", "赵六")
    with raw(school.db) as con:
        last = con.execute(sa.text("SELECT max(seq) FROM journal")).scalar_one()
        con.execute(sa.text("UPDATE journal SET command = 'x' WHERE seq = :s"), {"s": last - 1})
    assert "entry.edited" in journal_codes(school, "--quick")


def test_a_journal_cut_short_before_the_checkpoint_is_caught(school: EnvCli) -> None:
    assert journal_codes(school) == []
    with raw(school.db) as con:
        con.execute(sa.text("DELETE FROM journal WHERE seq > 1"))
        con.execute(sa.text("DELETE FROM person WHERE name = '李四'"))
    assert "checkpoint.broken" in journal_codes(school, "--quick")
