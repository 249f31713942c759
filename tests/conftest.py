"""Test set-up: every test drives the real CLI against a real ledger.

The ledger is a SQLite file in tmp_path, or — when HOUQIN_TEST_PG holds a
server URL (as .ci/run sets it) — a fresh PostgreSQL database per test. Tests
that only make sense for a SQLite file are marked `sqlite_only` and skipped on
PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from houqin_cli.app import app

PG_BASE = os.environ.get("HOUQIN_TEST_PG")
ON_PG = bool(PG_BASE)
ROOT = Path(__file__).resolve().parent.parent
BASE_ENV = {
    "HOUQIN_LANG": "en",
    "HOUQIN_OPERATOR": "tester",
    "HOUQIN_NOW": "2026-03-02T09:00",
    "NO_COLOR": "1",
    "HOUQIN_DB": "",
    "HOUQIN_DEBUG": "",
    "COLUMNS": "200",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ON_PG:
        return
    skip = pytest.mark.skip(reason="needs a SQLite file")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"Result(exit={self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


def invoke(args: list[str], env: dict[str, str] | None = None, input: str | None = None) -> Result:
    """Run houqin in-process, as the console script would, with stdout and stderr apart."""
    runner = CliRunner()
    merged = {**BASE_ENV, **(env or {})}
    res = runner.invoke(app, args, env=merged, input=input, prog_name="houqin")
    return Result(res.exit_code, res.stdout, res.stderr)


def pg_admin_url() -> str:
    assert PG_BASE
    return PG_BASE


def _pg_exec(sql: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with eng.connect() as con:
        con.execute(sa.text(sql))
    eng.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """Where a ledger may be created: nothing exists there yet."""
    if not ON_PG:
        yield str(tmp_path / "ledger.db")
        return
    name = "houqin_t_" + uuid.uuid4().hex[:12]
    _pg_exec(f'CREATE DATABASE "{name}"')
    base = pg_admin_url()
    url = base.replace("/postgres?", f"/{name}?", 1)
    try:
        yield url
    finally:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Cli:
    """The CLI bound to one ledger: cli("people", "add", "张三")."""

    db: str

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        return invoke(["--db", self.db, *args], env=env, input=input)

    def ok(self, *args: str, env: dict[str, str] | None = None) -> Result:
        res = self(*args, env=env)
        assert res.exit_code == 0, res
        return res


@pytest.fixture
def cli(db_url: str) -> Cli:
    """A CLI on a freshly initialised, empty ledger."""
    c = Cli(db_url)
    c.ok("init", "--school", "测试学校")
    return c


@pytest.fixture
def bare(db_url: str) -> Cli:
    """A CLI on a ledger that does not exist yet."""
    return Cli(db_url)


def snapshot(db: str) -> object:
    """Everything in the ledger: the file's bytes (SQLite) or every row of every table."""
    if not db.startswith("postgresql"):
        parts = []
        for suffix in ("", "-wal", "-shm", "-journal"):
            p = Path(db + suffix)
            if p.exists() and suffix != "-shm":
                parts.append((suffix, hashlib.sha256(p.read_bytes()).hexdigest()))
        return parts
    import sqlalchemy as sa

    eng = sa.create_engine(db)
    out = {}
    with eng.connect() as con:
        tables = [
            r[0]
            for r in con.execute(
                sa.text("SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
            )
        ]
        for t in tables:
            rows = con.execute(sa.text(f'SELECT * FROM "{t}"')).fetchall()
            out[t] = sorted(repr(tuple(r)) for r in rows)
    eng.dispose()
    return out


def assert_refused(cli: Cli, code: int, *args: str, contains: str | None = None) -> Result:
    """Run a command that must fail: exit `code`, one line on stderr, no traceback,
    nothing on stdout, and the ledger byte-for-byte (or row-for-row) unchanged."""
    before = snapshot(cli.db)
    res = cli(*args)
    assert res.exit_code == code, res
    assert "Traceback" not in res.stderr, res
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res
    assert res.stdout == "", res
    if contains is not None:
        assert contains in res.stderr, res
    assert snapshot(cli.db) == before, f"the ledger changed: {args}"
    return res


def run_houqin(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script in a subprocess."""
    merged = {**os.environ, **BASE_ENV, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "houqin_cli", *args],
        capture_output=True,
        text=True,
        env=merged,
        timeout=timeout,
    )
