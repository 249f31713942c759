"""Witnessed heads (#11): every write leaves the new head in a log outside the ledger,
and `audit verify` catches a consistent rewrite of the chain or a truncation (an old
copy put back) without a hand-kept seal."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import Cli, EnvCli, findings_json, raw
from houqin_cli.core.journal import GENESIS, entry_hash


@pytest.fixture
def witnessed(cli: Cli, tmp_path: Path) -> EnvCli:
    w = EnvCli(cli.db, {"HOUQIN_WITNESS": str(tmp_path / "witness" / "heads.log")})
    w.ok("people", "add", "张三")
    w.ok("people", "add", "李四")
    return w


def log(w: EnvCli) -> Path:
    return Path(w.env["HOUQIN_WITNESS"])


def codes(cli: Cli) -> list[tuple[str, int | None]]:
    res, data = findings_json(cli, "audit", "verify")
    assert res.exit_code in (0, 1), res
    return [(f["code"], f.get("seq")) for f in data["findings"]]


def rehash(con: sa.Connection) -> None:
    """Recompute every hash, as a careful forger would after editing an entry."""
    prev = GENESIS
    for r in con.execute(sa.text("SELECT * FROM journal ORDER BY seq")).mappings().all():
        fields = [r[k] for k in ("seq", "time", "operator", "command", "action", "entity")]
        h = entry_hash(
            prev, *fields, r["entity_id"], r["code"], r["reverses"], r["payload"], r["digests"]
        )
        con.execute(
            sa.text("UPDATE journal SET prev_hash = :p, hash = :h WHERE seq = :s"),
            {"p": prev, "h": h, "s": r["seq"]},
        )
        prev = h


def test_every_write_is_witnessed_in_an_owner_only_log(witnessed: EnvCli) -> None:
    lines = log(witnessed).read_text().splitlines()
    assert len(lines) == 2
    assert stat.S_IMODE(log(witnessed).stat().st_mode) == 0o600
    assert lines[-1].split()[1] == witnessed.ok("audit", "seal").stdout.strip()
    assert codes(witnessed) == []


def test_a_consistent_rewrite_is_caught_without_a_seal(witnessed: EnvCli) -> None:
    with raw(witnessed.db) as con:
        con.execute(sa.text("UPDATE journal SET operator = 'mallory' WHERE seq = 3"))
        rehash(con)
    found = codes(witnessed)
    assert found and found[0][0] == "witness.broken", found
    # a computer that never witnessed it sees a consistent chain (the seal's job)
    assert codes(EnvCli(witnessed.db, {"HOUQIN_WITNESS": ""})) == []


def test_an_old_copy_put_back_is_caught(witnessed: EnvCli, tmp_path: Path) -> None:
    if witnessed.db.startswith("postgresql"):
        pytest.skip("a file copy")
    saved = tmp_path / "old.db"
    shutil.copy(witnessed.db, saved)
    witnessed.ok("people", "add", "王五")
    shutil.copy(saved, witnessed.db)
    assert codes(witnessed)[0][0] == "witness.broken"


def test_witnessing_off_and_an_unwritable_log_leave_writes_alone(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "heads.log").mkdir()  # not a file: the append fails
    w = EnvCli(cli.db, {"HOUQIN_WITNESS": str(folder / "heads.log")})
    w.ok("people", "add", "张三")
    assert codes(w) == []
