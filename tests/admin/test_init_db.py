"""`houqin init` and `houqin db info|upgrade|backup|check`; missing, foreign,
corrupt and newer ledgers."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BASE_ENV, ON_PG, Cli, EnvCli, assert_refused, snapshot
from houqin_cli.core.db import mask_url
from houqin_cli.migrations.revisions import HEAD

sqlite_only = pytest.mark.sqlite_only
pg_only = pytest.mark.skipif(not ON_PG, reason="needs PostgreSQL (HOUQIN_TEST_PG)")


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def execute(db: str, *statements: str) -> None:
    """Change the ledger behind the program's back (sqlite3 or a raw PostgreSQL session)."""
    if db.startswith("postgresql"):
        import sqlalchemy as sa

        eng = sa.create_engine(db)
        with eng.begin() as con:
            for st in statements:
                con.execute(sa.text(st))
        eng.dispose()
        return
    con = sqlite3.connect(db)
    try:
        for st in statements:
            con.execute(st)
        con.commit()
    finally:
        con.close()


def nothing_there(db: str) -> bool:
    """No ledger was left behind: no SQLite file (or sidecar), or no table on PostgreSQL."""
    if db.startswith("postgresql"):
        return snapshot(db) == {}
    return not any(Path(db + s).exists() for s in ("", "-wal", "-shm", "-journal"))


def info(cli: Cli) -> dict:
    res = cli.ok("db", "info", "-f", "json")
    return json.loads(res.stdout)


# -- init --------------------------------------------------------------------------


def test_init_creates_the_ledger_and_says_where(bare):
    assert nothing_there(bare.db)
    res = bare("init")
    assert res.exit_code == 0, res
    assert res.stdout == ""
    assert "Created" in res.stderr
    location = bare.db if not ON_PG else mask_url(bare.db)
    assert location in res.stderr
    assert not nothing_there(bare.db)
    assert info(bare)["revision"] == HEAD


def test_init_journals_itself(bare):
    bare.ok("init")
    rows = json.loads(bare.ok("audit", "log", "-f", "json").stdout)
    assert [r["action"] for r in rows] == ["ledger.init"]
    assert rows[0]["operator"] == "tester"
    assert bare.ok("audit", "verify").exit_code == 0


def test_second_init_says_so_and_changes_nothing(cli):
    before = snapshot(cli.db)
    res = cli("init")
    assert res.exit_code == 0, res
    assert "already" in res.stderr
    assert res.stdout == ""
    assert "Traceback" not in res.stderr
    assert snapshot(cli.db) == before


def test_second_init_with_options_changes_nothing(cli):
    before = snapshot(cli.db)
    res = cli("init", "--school", "别的学校", "--timezone", "Asia/Urumqi")
    assert res.exit_code == 0, res
    assert snapshot(cli.db) == before
    assert cli.ok("config", "get", "school.name").stdout == "测试学校\n"


def test_init_stores_school_and_timezone(bare):
    bare.ok("init", "--school", "青山实验学校", "--timezone", "Asia/Urumqi")
    assert bare.ok("config", "get", "school.name").stdout == "青山实验学校\n"
    assert bare.ok("config", "get", "timezone").stdout == "Asia/Urumqi\n"
    assert info(bare)["school"] == "青山实验学校"


def test_init_default_timezone_is_shanghai(bare):
    bare.ok("init")
    assert bare.ok("config", "get", "timezone").stdout == "Asia/Shanghai\n"


@pytest.mark.parametrize("zone", ["Mars/Base", "Beijing", "../etc/passwd", ""])
def test_init_with_a_bad_timezone_is_exit_2_and_leaves_nothing(bare, zone):
    res = bare("init", "--timezone", zone)
    assert res.exit_code == 2, res
    assert len(lines(res.stderr)) == 1, res
    assert "Traceback" not in res.stderr
    assert res.stdout == ""
    assert nothing_there(bare.db)


def test_init_with_an_empty_school_is_exit_2_and_leaves_nothing(bare):
    res = bare("init", "--school", "  ")
    assert res.exit_code == 2, res
    assert len(lines(res.stderr)) == 1, res
    assert nothing_there(bare.db)


@sqlite_only
def test_init_creates_missing_folders(tmp_path):
    db = tmp_path / "a" / "b" / "ledger.db"
    Cli(str(db)).ok("init")
    assert db.is_file()


# -- a missing ledger ----------------------------------------------------------------

COMMANDS = [
    ("people", "list"),
    ("people", "add", "张三"),
    ("unit", "list"),
    ("place", "list"),
    ("config", "list"),
    ("config", "get", "timezone"),
    ("config", "set", "school.name", "X"),
    ("term", "list"),
    ("term", "current"),
    ("audit", "verify"),
    ("audit", "log"),
    ("audit", "seal"),
    ("check",),
    ("db", "info"),
    ("db", "upgrade"),
    ("db", "check"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_any_other_command_on_a_missing_ledger_is_exit_4_and_leaves_nothing(bare, args):
    res = bare(*args)
    assert res.exit_code == 4, res
    assert res.stdout == ""
    msg = lines(res.stderr)
    assert len(msg) == 1, res
    assert "init" in msg[0]  # says how to create one
    assert "Traceback" not in res.stderr
    assert nothing_there(bare.db)


@sqlite_only
def test_backup_of_a_missing_ledger_is_exit_4_and_writes_nothing(bare, tmp_path):
    target = tmp_path / "copy.db"
    res = bare("db", "backup", str(target))
    assert res.exit_code == 4, res
    assert nothing_there(bare.db)
    assert not target.exists()


@sqlite_only
def test_missing_ledger_in_a_missing_folder_creates_no_folder(tmp_path):
    db = tmp_path / "no" / "such" / "ledger.db"
    res = Cli(str(db))("people", "list")
    assert res.exit_code == 4, res
    assert not (tmp_path / "no").exists()


# -- file mode ---------------------------------------------------------------------


@sqlite_only
def test_ledger_file_is_readable_by_its_owner_only(bare):
    bare.ok("init")
    bare.ok("people", "add", "张三")
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(bare.db + suffix)
        if p.exists():
            assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, (suffix, oct(p.stat().st_mode))
    assert stat.S_IMODE(Path(bare.db).stat().st_mode) == 0o600


@sqlite_only
def test_ledger_mode_is_0600_even_with_a_lax_umask(bare):
    old = os.umask(0)
    try:
        bare.ok("init")
    finally:
        os.umask(old)
    assert stat.S_IMODE(Path(bare.db).stat().st_mode) == 0o600


@sqlite_only
def test_the_cli_fixture_ledger_is_like_one_init_made(cli, bare):
    """`cli` copies one ledger initialised per session: the copy must be what
    `houqin init --school 测试学校` makes (mode 0600, WAL), and sound on its own."""
    bare.ok("init", "--school", "测试学校")
    for c in (cli, bare):
        assert stat.S_IMODE(Path(c.db).stat().st_mode) == 0o600
        con = sqlite3.connect(c.db)
        try:
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            con.close()
        assert c("audit", "verify").exit_code == 0
    assert info(cli)["journal_length"] == info(bare)["journal_length"] == 2
    assert info(cli)["school"] == info(bare)["school"] == "测试学校"


# -- foreign, corrupt, newer and damaged ledgers -------------------------------------


@sqlite_only
@pytest.mark.parametrize(
    "args", [("people", "list"), ("init",), ("db", "info"), ("config", "set", "school.name", "X")]
)
def test_a_text_file_as_ledger_is_exit_4(tmp_path, args):
    f = tmp_path / "notes.txt"
    f.write_text("这不是数据库 / not a database\n" * 20, encoding="utf-8")
    assert_refused(Cli(str(f)), 4, *args, contains=str(f))


@sqlite_only
@pytest.mark.parametrize("args", [("people", "list"), ("init",), ("db", "info"), ("db", "check")])
def test_a_corrupt_sqlite_file_is_exit_4(tmp_path, args):
    f = tmp_path / "broken.db"
    f.write_bytes(b"SQLite format 3\x00" + bytes((i * 37 + 11) % 256 for i in range(8192)))
    assert_refused(Cli(str(f)), 4, *args, contains=f"{f} is not a houqin ledger")


@sqlite_only
def test_a_truncated_ledger_is_exit_4(cli):
    cli.ok("people", "add", "张三")
    data = Path(cli.db).read_bytes()
    Path(cli.db).write_bytes(data[:100] + b"\xff" * 200)
    assert_refused(cli, 4, "people", "list", contains="not a houqin ledger")


@sqlite_only
def test_a_folder_as_ledger_is_exit_4(tmp_path):
    res = Cli(str(tmp_path))("people", "list")
    assert res.exit_code == 4, res
    assert len(lines(res.stderr)) == 1, res
    assert "Traceback" not in res.stderr


@sqlite_only
def test_another_programs_sqlite_database_is_exit_4(tmp_path):
    f = tmp_path / "other.db"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('x')")
    con.commit()
    con.close()
    assert_refused(Cli(str(f)), 4, "people", "list", contains="not a houqin ledger")
    assert_refused(Cli(str(f)), 4, "init", contains="not a houqin ledger")


@pytest.mark.parametrize(
    "args",
    [("people", "list"), ("people", "add", "张三"), ("init",), ("db", "upgrade"), ("check",)],
)
def test_a_newer_schema_is_exit_4_asking_to_upgrade_houqin(cli, args):
    execute(cli.db, "UPDATE alembic_version SET version_num = 'zzzz'")
    res = assert_refused(cli, 4, *args, contains="newer")
    assert "zzzz" in res.stderr


def test_db_info_still_describes_a_newer_ledger(cli):
    execute(cli.db, "UPDATE alembic_version SET version_num = 'zzzz'")
    before = snapshot(cli.db)
    row = info(cli)
    assert row["revision"] == "zzzz"
    assert row["program_revision"] == HEAD
    assert snapshot(cli.db) == before


def test_a_ledger_without_its_revision_row_is_exit_4(cli):
    execute(cli.db, "DELETE FROM alembic_version")
    assert_refused(cli, 4, "people", "list", contains="not a houqin ledger")
    assert_refused(cli, 4, "people", "add", "张三", contains="not a houqin ledger")


def test_init_over_a_ledger_without_its_revision_row_is_exit_4(cli):
    """Tables are there but the revision row is gone: damaged, not 'no ledger'."""
    execute(cli.db, "DELETE FROM alembic_version")
    assert_refused(cli, 4, "init", contains="not a houqin ledger")


def test_a_ledger_without_alembic_version_is_exit_4(cli):
    execute(cli.db, "DROP TABLE alembic_version")
    assert_refused(cli, 4, "people", "list", contains="not a houqin ledger")
    assert_refused(cli, 4, "init", contains="not a houqin ledger")


# -- db info ---------------------------------------------------------------------


def test_db_info_json(cli):
    cli.ok("people", "add", "张三")
    row = info(cli)
    for key in ("backend", "location", "revision", "journal_length", "journal_head", "file_size"):
        assert key in row, key
    assert row["revision"] == HEAD
    log = json.loads(cli.ok("audit", "log", "-f", "json").stdout)
    assert row["journal_length"] == len(log) == log[-1]["seq"]
    assert row["journal_head"] == log[-1]["hash"]
    seal = cli.ok("audit", "seal").stdout.strip()
    assert seal == f"{row['journal_length']}:{row['journal_head']}"
    if ON_PG:
        assert row["backend"] == "postgresql"
        assert row["location"] == mask_url(cli.db)
        assert row["file_size"] is None
    else:
        assert row["backend"] == "sqlite"
        assert row["location"] == cli.db
        assert row["file_size"] == Path(cli.db).stat().st_size > 0


def test_db_info_journal_grows_with_each_write(cli):
    n = info(cli)["journal_length"]
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "李四")
    assert info(cli)["journal_length"] == n + 2


def test_db_info_changes_nothing(cli):
    before = snapshot(cli.db)
    cli.ok("db", "info", "-f", "json")
    assert snapshot(cli.db) == before


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "postgresql+psycopg://clerk:s3cret@db.example.org:5432/school",
            "postgresql+psycopg://clerk:***@db.example.org:5432/school",
        ),
        (
            "postgresql://clerk:p%40ss:word@10.0.0.5/qs",
            "postgresql://clerk:***@10.0.0.5/qs",
        ),
        (
            "postgresql+psycopg://clerk@db.example.org/school",
            "postgresql+psycopg://clerk@db.example.org/school",
        ),
        (
            "postgresql+psycopg://postgres@/postgres?host=/tmp/pg&port=54329",
            "postgresql+psycopg://postgres@/postgres?host=/tmp/pg&port=54329",
        ),
        ("/home/clerk/houqin.db", "/home/clerk/houqin.db"),
    ],
)
def test_mask_url(url, masked):
    assert mask_url(url) == masked


def test_mask_url_hides_every_password_character():
    masked = mask_url("postgresql+psycopg://u:TopSecret99@h/db")
    assert "TopSecret99" not in masked
    assert "u:***@h" in masked


def test_unreachable_postgres_url_is_exit_4_without_the_password(tmp_path):
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://clerk:TopSecret99@127.0.0.1:1/school?connect_timeout=3"
    res = Cli(url)("db", "info")
    assert res.exit_code == 4, res
    assert len(lines(res.stderr)) == 1, res
    assert "TopSecret99" not in res.stderr
    assert "***" in res.stderr
    assert "Traceback" not in res.stderr


# -- db upgrade --------------------------------------------------------------------


def test_db_upgrade_on_a_current_ledger_has_nothing_to_do(cli):
    before = snapshot(cli.db)
    res = cli("db", "upgrade")
    assert res.exit_code == 0, res
    assert "nothing to do" in res.stderr
    assert HEAD in res.stderr
    assert res.stdout == ""
    assert snapshot(cli.db) == before
    if not ON_PG:
        assert not list(Path(cli.db).parent.glob("*.bak"))


# -- db backup ---------------------------------------------------------------------


EMPTY_SHA = hashlib.sha256(b"").hexdigest()


def names_in(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM person"))
    finally:
        con.close()


@sqlite_only
def test_db_backup_copies_the_ledger(cli, tmp_path):
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    target = tmp_path / "backup.db"
    res = cli("db", "backup", str(target))
    assert res.exit_code == 0, res
    assert str(target) in res.stderr
    assert res.stdout == ""
    assert names_in(target) == sorted(["张三", "李四", "王五"])
    assert names_in(target) == names_in(Path(cli.db))
    copy = Cli(str(target))
    assert copy.ok("audit", "verify").exit_code == 0
    assert json.loads(copy.ok("people", "list", "-f", "json").stdout) == json.loads(
        cli.ok("people", "list", "-f", "json").stdout
    )
    assert stat.S_IMODE(target.stat().st_mode) & 0o077 == 0
    assert not list(tmp_path.glob("*.partial"))


@sqlite_only
def test_db_backup_changes_nothing_in_the_ledger(cli, tmp_path):
    cli.ok("people", "add", "张三")
    before = snapshot(cli.db)
    cli.ok("db", "backup", str(tmp_path / "copy.db"))
    # an empty -wal that SQLite may leave beside the file holds nothing
    assert [p for p in snapshot(cli.db) if p[1] != EMPTY_SHA] == before


@sqlite_only
def test_db_backup_refuses_an_existing_file(cli, tmp_path):
    cli.ok("people", "add", "张三")
    target = tmp_path / "precious.db"
    target.write_bytes(b"keep me")
    assert_refused(cli, 3, "db", "backup", str(target), contains="--force")
    assert target.read_bytes() == b"keep me"


@sqlite_only
def test_db_backup_force_replaces_an_existing_file(cli, tmp_path):
    cli.ok("people", "add", "张三")
    target = tmp_path / "old.db"
    target.write_bytes(b"stale")
    cli.ok("db", "backup", str(target), "--force")
    assert names_in(target) == ["张三"]


@sqlite_only
def test_db_backup_onto_the_ledger_itself_is_refused(cli):
    assert_refused(
        cli, 2, "db", "backup", cli.db, "--force",
        contains="The backup cannot overwrite the ledger itself",
    )  # fmt: skip


@sqlite_only
def test_db_backup_into_a_missing_folder_is_exit_2(cli, tmp_path):
    assert_refused(
        cli, 2, "db", "backup", str(tmp_path / "nope" / "copy.db"),
        contains=f"No such folder: {tmp_path / 'nope'}",
    )  # fmt: skip
    assert not (tmp_path / "nope").exists()


WRITER = """
import sys
from houqin_cli.app import app
from typer.main import get_command
cmd = get_command(app)
db, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    code = cmd.main(["--db", db, "people", "add", f"写入{i:03d}"], prog_name="houqin", standalone_mode=False)
    if code != 0:
        sys.exit(10 + code)
"""


@sqlite_only
def test_db_backup_is_consistent_while_another_process_writes(cli, tmp_path):
    n = 120
    env = {**os.environ, **BASE_ENV}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, cli.db, str(n)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    copies = []
    try:
        deadline = time.monotonic() + 120
        while writer.poll() is None and time.monotonic() < deadline:
            target = tmp_path / f"copy{len(copies)}.db"
            res = cli("db", "backup", str(target))
            assert res.exit_code == 0, res
            copies.append(target)
            time.sleep(0.05)
        _out, err = writer.communicate(timeout=120)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    assert copies, "the writer finished before any backup ran"
    counts = []
    for target in copies:
        copy = Cli(str(target))
        res = copy("db", "check", "-f", "json")
        assert res.exit_code == 0, (target.name, res)
        report = json.loads(res.stdout)
        people = copy.ok("people", "list", "-f", "json")
        adds = json.loads(copy.ok("audit", "log", "--action", "people.add", "-f", "json").stdout)
        assert len(json.loads(people.stdout)) == len(adds)
        assert report["ok"] is True
        counts.append(len(adds))
    assert any(0 < c < n for c in counts), f"no backup was taken mid-write: {counts}"
    # and the ledger itself got every write
    assert len(json.loads(cli.ok("people", "list", "-f", "json").stdout)) == n


@pg_only
def test_db_backup_on_postgresql_without_pg_dump_is_exit_4_naming_it(cli, tmp_path):
    target = tmp_path / "copy.db"
    no_client = EnvCli(cli.db, {"PATH": str(tmp_path)})
    assert_refused(no_client, 4, "db", "backup", str(target), contains="needs pg_dump")
    assert not target.exists()
    assert not (tmp_path / "copy.db.partial").exists()


# -- db check ----------------------------------------------------------------------


def test_db_check_on_a_clean_ledger_is_exit_0(cli):
    cli.ok("people", "add", "张三")
    before = snapshot(cli.db)
    res = cli("db", "check", "-f", "json")
    assert res.exit_code == 0, res
    report = json.loads(res.stdout)
    assert report["ok"] is True
    assert report["findings"] == []
    assert snapshot(cli.db) == before


@sqlite_only
def test_db_check_finds_a_row_changed_behind_the_programs_back(cli):
    code = cli.ok("people", "add", "张三").stdout.strip()
    execute(cli.db, f"UPDATE person SET name = '李四' WHERE code = '{code}'")
    res = cli("db", "check", "-f", "json")
    assert res.exit_code == 1, res
    report = json.loads(res.stdout)
    assert report["ok"] is False
    assert report["findings"]
    text = json.dumps(report["findings"], ensure_ascii=False)
    assert "person" in text and code in text
    for f in report["findings"]:
        assert {"check", "code", "message"} <= set(f)


@sqlite_only
def test_db_check_finds_an_edited_journal_entry(cli):
    cli.ok("people", "add", "张三")
    execute(cli.db, "UPDATE journal SET operator = 'mallory' WHERE seq = 2")
    res = cli("db", "check", "-f", "json")
    assert res.exit_code == 1, res
    assert json.loads(res.stdout)["ok"] is False


@sqlite_only
def test_db_check_runs_the_sqlite_integrity_check(cli):
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    con = sqlite3.connect(cli.db)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_person_name'"
    ).fetchone()[0]
    con.close()
    data = bytearray(Path(cli.db).read_bytes())
    start = (root - 1) * page
    at = data.find("王五".encode(), start, start + page)
    assert at >= 0, "index entry not found"
    data[at : at + len("王五".encode())] = "赵五".encode()  # same length: only the index is wrong
    Path(cli.db).write_bytes(bytes(data))
    res = cli("db", "check", "-f", "json")
    assert res.exit_code == 1, res
    findings = json.loads(res.stdout)["findings"]
    assert any(f["check"] == "db.integrity" and "ix_person_name" in f["message"] for f in findings)
