"""Other files as the ledger (#11, item 6): a ledger in a read-only folder, or a
read-only ledger file, is read by every report and refused every write (exit 4,
saying why); a ledger whose quick check fails refuses writes and `db check` names
the damage.

Root may write any file, so as root the CLI runs without the capabilities that let
it (setpriv): it is then held to the files' modes as any user is."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BASE_ENV, Cli, snapshot

pytestmark = pytest.mark.sqlite_only

AS_USER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if os.geteuid() == 0
    else []
)


def houqin(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess held to the files' modes (even as root)."""
    if AS_USER and shutil.which("setpriv") is None:
        pytest.skip("root without setpriv cannot be held to a file's mode")
    return subprocess.run(
        [*AS_USER, sys.executable, "-m", "houqin_cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **BASE_ENV},
        timeout=60,
    )


def checkpoint(db: Path) -> None:
    """Fold the WAL into the file, so that the one file is the whole ledger."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@pytest.fixture
def filled(cli: Cli) -> Iterator[Path]:
    """A ledger holding a person and an item, checkpointed to the one file."""
    cli.ok("people", "add", "张三")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    db = Path(cli.db)
    checkpoint(db)
    yield db
    db.parent.chmod(0o700)
    db.chmod(0o600)


READS = [
    ("people", "list"),
    ("stock", "balance"),
    ("config", "get", "school.name"),
    ("audit", "verify"),
    ("db", "check"),
    ("check",),
]


def assert_reads(db: Path) -> None:
    for args in READS:
        res = houqin(db, *args)
        assert res.returncode == 0, (args, res)
        assert "Traceback" not in res.stderr, res
    assert "张三" in houqin(db, "people", "list").stdout
    assert houqin(db, "config", "get", "school.name").stdout.strip() == "测试学校"


def assert_write_refused(db: Path, contains: str) -> None:
    before = snapshot(str(db))
    for args in (("people", "add", "李四"), ("config", "set", "school.name", "别校")):
        res = houqin(db, *args)
        assert res.returncode == 4, (args, res)
        lines = [line for line in res.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and contains in lines[0], res
        assert res.stdout == ""
    assert snapshot(str(db)) == before


def test_a_ledger_in_a_read_only_folder_is_read_and_refuses_writes(filled: Path) -> None:
    filled.parent.chmod(0o555)
    assert_reads(filled)  # WAL's -shm cannot be made there: opened immutable
    assert not Path(f"{filled}-shm").exists()
    assert_write_refused(filled, f"The folder {filled.parent} is read-only")
    assert "copy the ledger to one that is" in houqin(filled, "people", "add", "李四").stderr


def test_a_read_only_ledger_file_is_read_and_refuses_writes(filled: Path) -> None:
    filled.chmod(0o444)
    assert_reads(filled)
    assert_write_refused(filled, f"{filled} is read-only for you")
    assert "(chmod u+w)" in houqin(filled, "people", "add", "李四").stderr


def test_a_read_only_ledger_in_a_read_only_folder_is_read(filled: Path) -> None:
    filled.chmod(0o444)
    filled.parent.chmod(0o555)
    assert_reads(filled)
    assert_write_refused(filled, "is read-only for you")


def test_once_writable_again_the_ledger_takes_writes(filled: Path) -> None:
    filled.parent.chmod(0o555)
    assert houqin(filled, "people", "list").returncode == 0
    filled.parent.chmod(0o700)
    res = houqin(filled, "people", "add", "李四")
    assert res.returncode == 0, res
    assert houqin(filled, "audit", "verify").returncode == 0


def damage_a_page(db: Path, table: str) -> None:
    """Overwrite the cell pointers on `table`'s page (in the middle of the file;
    the file's header and the schema's page stay intact)."""
    con = sqlite3.connect(db)
    try:
        (root,) = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        (size,) = con.execute("PRAGMA page_size").fetchone()
    finally:
        con.close()
    assert root > 1
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * size + 8)  # after the page's 8-byte b-tree header
        fh.write(b"\xff" * 16)


def test_a_write_on_a_damaged_ledger_is_refused_and_db_check_names_it(
    cli: Cli, filled: Path
) -> None:
    damage_a_page(filled, "stock_item")
    before = snapshot(cli.db)
    res = cli("people", "add", "李四")  # touches no stock_item row, yet refused
    assert res.exit_code == 4, res
    assert "is damaged" in res.stderr and "houqin db check" in res.stderr, res
    assert len(res.stderr.strip().splitlines()) == 1, res
    assert snapshot(cli.db) == before
    check = cli("db", "check", "-f", "json")
    assert check.exit_code == 1, check
    assert '"db.corrupt"' in check.stdout and "SQLite integrity check" in check.stdout
    assert "张三" in cli("people", "list").stdout  # reads of sound pages still work
    assert snapshot(cli.db) == before
