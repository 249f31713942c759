"""`houqin db restore FILE` (#12): a backup is put back only when its journal verifies;
the replaced ledger is kept beside it and the restore is journalled."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import Cli, assert_refused, raw, snapshot

pytestmark = pytest.mark.sqlite_only


def _names(db: str) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM person"))
    finally:
        con.close()


def _replaced(db: str) -> list[Path]:
    found = Path(db).parent.glob(Path(db).name + ".replaced-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def test_restore_puts_the_backup_back_and_keeps_the_replaced_ledger(cli: Cli, tmp_path: Path):
    cli.ok("people", "add", "张三")
    backup = tmp_path / "nightly.backup"
    cli.ok("db", "backup", str(backup))
    cli.ok("people", "add", "李四")  # written after the backup
    res = cli("db", "restore", str(backup), "--force")
    assert res.exit_code == 0, res
    assert res.stdout == ""
    assert "nightly.backup" in res.stderr
    assert _names(cli.db) == ["张三"]  # the change is gone
    (kept,) = _replaced(cli.db)
    assert kept.name.startswith("ledger.db.replaced-2026")  # LEDGER.replaced-YYYYmmddTHHMMSS
    assert len(kept.name) == len("ledger.db.replaced-20260302T090000")
    assert str(kept) in res.stderr
    assert _names(str(kept)) == ["张三", "李四"]  # what was replaced, whole
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(cli.db).stat().st_mode) == 0o600
    assert cli("audit", "verify").exit_code == 0
    log = json.loads(cli.ok("audit", "log", "-f", "json").stdout)
    assert log[-1]["action"] == "db.restore"
    assert not list(tmp_path.glob("*.restoring*"))
    with sqlite3.connect(cli.db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    cli.ok("people", "add", "王五")  # the restored ledger is a working ledger
    assert cli("audit", "verify").exit_code == 0


def test_restore_into_a_missing_ledger_needs_no_force(cli: Cli, tmp_path: Path):
    cli.ok("people", "add", "张三")
    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup))
    fresh = Cli(str(tmp_path / "new.db"))
    res = fresh("db", "restore", str(backup))
    assert res.exit_code == 0, res
    assert _names(fresh.db) == ["张三"]
    assert _replaced(fresh.db) == []
    assert fresh("audit", "verify").exit_code == 0


def test_an_existing_ledger_is_replaced_only_with_force(cli: Cli, tmp_path: Path):
    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup))
    assert_refused(cli, 3, "db", "restore", str(backup), contains="--force")
    assert _replaced(cli.db) == []


def test_a_tampered_backup_is_refused_and_nothing_changes(cli: Cli, tmp_path: Path):
    cli.ok("people", "add", "张三", "--phone", "13800000000")
    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup))
    with raw(str(backup)) as con:
        con.execute(sa.text("UPDATE person SET phone = '13900000000' WHERE code = 'RY-0001'"))
    backup_bytes = backup.read_bytes()
    res = assert_refused(
        cli, 3, "db", "restore", str(backup), "--force", contains="does not verify"
    )
    assert "RY-0001" in res.stderr
    assert backup.read_bytes() == backup_bytes  # the backup itself is never written
    assert _replaced(cli.db) == []
    assert not list(tmp_path.glob("*.restoring*"))


def test_a_file_that_is_no_backup_is_refused(cli: Cli, tmp_path: Path):
    text = tmp_path / "notes.txt"
    text.write_text("not a ledger\n")
    assert_refused(cli, 4, "db", "restore", str(text), "--force", contains="not a houqin backup")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    assert_refused(cli, 4, "db", "restore", str(other), "--force", contains="not a houqin backup")
    assert _replaced(cli.db) == []


def test_a_backup_of_a_newer_schema_is_refused(cli: Cli, tmp_path: Path):
    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup))
    with raw(str(backup)) as con:
        con.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    assert_refused(cli, 4, "db", "restore", str(backup), "--force", contains="newer")


def test_a_missing_backup_or_a_folder_is_exit_2(cli: Cli, tmp_path: Path):
    assert_refused(cli, 2, "db", "restore", str(tmp_path / "none.db"), contains="No such file")
    assert_refused(cli, 2, "db", "restore", str(tmp_path), contains="is not a file")
    assert_refused(cli, 2, "db", "restore", cli.db, "--force", contains="ledger itself")


def test_restore_sets_the_witnessed_heads_aside(cli: Cli, tmp_path: Path):
    """Heads this computer saw written after the backup are gone on purpose: the
    restored ledger still verifies against the witness log."""
    env = {"HOUQIN_WITNESS": str(tmp_path / "witness.log")}
    cli.ok("people", "add", "张三", env=env)
    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup), env=env)
    cli.ok("people", "add", "李四", env=env)
    cli.ok("people", "add", "王五", env=env)
    cli.ok("db", "restore", str(backup), "--force", env=env)
    assert cli("audit", "verify", env=env).exit_code == 0


def test_a_postgresql_ledger_is_restored_with_pg_restore(tmp_path: Path):
    backup = tmp_path / "b.dump"
    backup.write_bytes(b"PGDMP")
    db = Cli("postgresql+psycopg://houqin:secret@db.example/houqin")
    before = backup.read_bytes()
    res = db("db", "restore", str(backup), "--force")
    assert res.exit_code == 4, res
    assert "pg_restore --clean --if-exists" in res.stderr and str(backup) in res.stderr
    assert "secret" not in res.stderr
    assert backup.read_bytes() == before


def test_the_refusals_leave_the_ledger_as_it_was(cli: Cli, tmp_path: Path):
    cli.ok("people", "add", "张三")
    before = snapshot(cli.db)
    cli("db", "restore", str(tmp_path / "none.db"), "--force")
    assert snapshot(cli.db) == before


def test_a_damaged_ledger_is_replaced_and_kept_as_it_was(cli: Cli, tmp_path: Path):
    cli.ok("people", "add", "张三")
    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup))
    with open(cli.db, "r+b") as fh:
        fh.write(b"garbage!" * 64)  # the header and the first page
    damaged = Path(cli.db).read_bytes()
    assert cli("people", "list").exit_code == 4
    cli.ok("db", "restore", str(backup), "--force")
    assert _names(cli.db) == ["张三"]
    assert cli("audit", "verify").exit_code == 0
    (kept,) = _replaced(cli.db)
    assert kept.read_bytes() == damaged
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_an_unreadable_backup_is_exit_2(cli: Cli, tmp_path: Path):
    import os

    backup = tmp_path / "b.db"
    cli.ok("db", "backup", str(backup))
    backup.chmod(0)
    if os.access(backup, os.R_OK):  # root reads anything
        pytest.skip("this user reads files whatever their mode")
    assert_refused(cli, 2, "db", "restore", str(backup), "--force", contains="Cannot read")
