"""cron mails only news (#12): --quiet prints nothing when all is well, and the
findings when not; `db backup` of a PostgreSQL ledger through pg_dump."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import Cli, raw


@pytest.mark.parametrize(
    "command", [("check",), ("audit", "verify"), ("db", "check"), ("check", "--only", "audit")]
)
def test_quiet_is_silent_when_all_is_well_and_speaks_when_not(
    cli: Cli, command: tuple[str, ...]
) -> None:
    cli.ok("people", "add", "张三")
    res = cli(*command, "--quiet")
    assert (res.exit_code, res.stdout, res.stderr) == (0, "", "")
    with raw(cli.db) as con:
        con.execute(sa.text("UPDATE person SET phone = '1' WHERE code = 'RY-0001'"))
    res = cli(*command, "-q")
    assert res.exit_code == 1, res
    assert "RY-0001" in res.stdout


def test_backup_quiet(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "copy.backup"
    res = cli("db", "backup", str(target), "--quiet")
    assert (res.exit_code, res.stdout, res.stderr) == (0, "", ""), res
    assert target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    res = cli("db", "backup", str(target), "--force")
    assert res.exit_code == 0 and "copy.backup" in res.stderr, res


@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="needs the PostgreSQL client")
def test_a_postgresql_ledger_is_backed_up_with_pg_dump(cli: Cli, tmp_path: Path) -> None:
    if not cli.db.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    cli.ok("people", "add", "张三")
    target = tmp_path / "school.dump"
    cli.ok("db", "backup", str(target))
    assert target.read_bytes()[:5] == b"PGDMP"
    listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True, text=True)
    assert listing.returncode == 0
    assert "TABLE DATA public person" in listing.stdout


def test_the_shipped_crontab_runs_as_written(cli: Cli, tmp_path: Path) -> None:
    """Every houqin command of examples/crontab, with its dates and paths filled in,
    runs on a healthy ledger; the --quiet ones print nothing at all."""
    import re
    import shlex

    from conftest import ROOT

    text = (ROOT / "examples" / "crontab").read_text()
    jobs = [line for line in text.splitlines() if re.match(r"^[0-9*]", line)]
    assert len(jobs) >= 4
    (tmp_path / "statements").mkdir()
    (tmp_path / "backup").mkdir()
    ran = 0
    for job in jobs:
        command = " ".join(job.split()[5:])
        command = re.sub(r"\$\(date [^)]*%Y-\\%m\)", "2026-02", command)
        command = re.sub(r"\$\(date [^)]*\)", "2026-03-02", command).replace(
            "/srv/houqin", str(tmp_path)
        )
        for name, value in re.findall(r"\b(\w+)=(\S+);", command):  # f=PATH; … "$f"
            command = command.replace(f'"${name}"', value)
        for part in re.split(r"&&|;|>>|\|", command):  # a pipe: its houqin side
            words = shlex.split(part)
            if not words or words[0] != "houqin":  # an assignment, a redirection's file
                continue
            res = cli(*words[1:])
            assert res.exit_code == 0, (part, res)
            if "--quiet" in words:
                assert (res.stdout, res.stderr) == ("", ""), (part, res)
            ran += 1
    assert ran >= 5
