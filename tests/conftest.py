"""Test set-up: every test drives the real CLI against a real ledger.

The ledger is a SQLite file in tmp_path, or — when HOUQIN_TEST_PG holds a
server URL (as .ci/run sets it) — a fresh PostgreSQL database per test. Tests
that only make sense for a SQLite file are marked `sqlite_only` and skipped on
PostgreSQL.

`houqin init` runs once per session (`ledger_template`); the `cli` fixture gives
each test a copy of that ledger (the file copied, or CREATE DATABASE ... TEMPLATE).
A test about init itself starts from `bare` (or `db_url`) and runs init."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    "HOUQIN_WITNESS": "",  # no witness log unless a test names one (tests/core/test_witness.py)
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


_admin_engine: Any = None


def _pg_exec(sql: str) -> None:
    """Run one statement on the server's `postgres` database, outside a transaction."""
    global _admin_engine
    import sqlalchemy as sa

    if _admin_engine is None:
        _admin_engine = sa.create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with _admin_engine.connect() as con:
        con.execute(sa.text(sql))


def pg_url(name: str) -> str:
    """The URL of database `name` on the test server."""
    return pg_admin_url().replace("/postgres?", f"/{name}?", 1)


@contextmanager
def new_database(where: Path, template: str | None = None) -> Iterator[str]:
    """A ledger location of its own for one test, dropped afterwards on PostgreSQL.

    Without `template`, nothing exists there yet (a SQLite path not yet created,
    an empty PostgreSQL database). With `template` (what `ledger_template`
    yields), it holds a copy of that ledger."""
    if not ON_PG:
        if template is not None:
            shutil.copy(template, where)  # permission bits too: 0600, as init makes it
        yield str(where)
        return
    name = "houqin_t_" + uuid.uuid4().hex[:12]
    _pg_exec(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield pg_url(name)
    finally:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def template_ledger(where: Path, *args: str) -> Iterator[str]:
    """A ledger made once by `houqin ARGS` (init, demo), to be copied by
    new_database(..., template=...): on SQLite the file's path, checkpointed and
    closed so that the one file is the whole ledger (still in WAL mode, mode 0600
    as init makes it); on PostgreSQL the name of a database no one is connected
    to, for CREATE DATABASE ... TEMPLATE."""
    if not ON_PG:
        path = where / "ledger.db"
        Cli(str(path)).ok(*args)
        con = sqlite3.connect(path, isolation_level=None)
        try:
            busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            mode = con.execute("PRAGMA journal_mode").fetchone()[0]
        finally:
            con.close()
        assert busy == 0 and mode == "wal", (busy, mode)
        for suffix in ("-wal", "-journal"):
            side = Path(f"{path}{suffix}")
            assert not side.exists() or side.stat().st_size == 0, side
        assert path.stat().st_mode & 0o777 == 0o600
        yield str(path)
        return
    name = "houqin_tpl_" + uuid.uuid4().hex[:12]
    _pg_exec(f'CREATE DATABASE "{name}"')
    try:
        Cli(pg_url(name)).ok(*args)
        # a template must have no session open on it
        _pg_exec(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        yield name
    finally:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def ledger_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ledger initialised for the whole session, as `houqin init --school 测试学校`
    at HOUQIN_NOW as `tester`; `cli` hands each test a copy of it."""
    with template_ledger(tmp_path_factory.mktemp("template"), "init", "--school", "测试学校") as t:
        yield t


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """Where a ledger may be created: nothing exists there yet."""
    with new_database(tmp_path / "ledger.db") as url:
        yield url


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


@dataclass
class EnvCli(Cli):
    """A Cli whose every call adds some environment (for assert_refused)."""

    env: dict[str, str] = field(default_factory=dict)

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        return super().__call__(*args, env={**self.env, **(env or {})}, input=input)


@pytest.fixture
def cli(ledger_template: str, tmp_path: Path) -> Iterator[Cli]:
    """A CLI on a freshly initialised, empty ledger (`houqin init --school 测试学校`
    at HOUQIN_NOW as `tester`): a copy of the session's template ledger. Its
    journal's entries are the template's, so they name the template's --db."""
    with new_database(tmp_path / "ledger.db", ledger_template) as url:
        yield Cli(url)


@pytest.fixture
def bare(db_url: str) -> Cli:
    """A CLI on a ledger that does not exist yet."""
    return Cli(db_url)


def js(res: Result) -> Any:
    """The JSON a command printed on stdout (`-f json`)."""
    return json.loads(res.stdout)


def findings_json(
    cli: Cli, *args: str, env: dict[str, str] | None = None
) -> tuple[Result, dict[str, Any]]:
    """A command that reports findings (`check`, `audit verify`, `audit check`) run
    with `-f json`: exit 0 when clean and 1 with findings, as its "ok" says, and
    every finding names its check and code and says something."""
    res = cli(*args, "-f", "json", env=env)
    assert "Traceback" not in res.stderr, res
    assert res.exit_code in (0, 1), res
    data = js(res)
    assert data["ok"] is (res.exit_code == 0), res
    for f in data["findings"]:
        assert {"check", "code", "message"} <= set(f), f
        assert f["message"].strip(), f
    return res, data


def asset_school(cli: Cli) -> Cli:
    """What the asset tests' `school` fixtures start from: places 101 (a classroom,
    DD-0001) and 仓库 (a store, DD-0002); class 初一(1)班 (DW-0001); people 张老师
    (RY-0001) and 李老师 (RY-0002)."""
    cli.ok("place", "add", "101", "--kind", "classroom")
    cli.ok("place", "add", "仓库", "--kind", "store")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "张老师")
    cli.ok("people", "add", "李老师")
    return cli


def asset_card(cli: Cli, code: str) -> dict[str, Any]:
    """`asset show CODE -f json`: the one card, its history included."""
    data = js(cli.ok("asset", "show", code, "-f", "json"))
    if isinstance(data, list):
        assert len(data) == 1, data
        data = data[0]
    return dict(data)


def assert_fields(row: Mapping[str, Any], **expected: Any) -> None:
    """The fields of `row` that `expected` names hold exactly those values, each of
    the same type too (True is not 1, None is not missing)."""
    got = {key: row.get(key, "(missing)") for key in expected}
    assert got == expected, row
    types = {key: type(value).__name__ for key, value in got.items()}
    assert types == {key: type(value).__name__ for key, value in expected.items()}, row


def sa_url(db: str) -> str:
    """The SQLAlchemy URL of a test ledger: a PostgreSQL URL as it is, a SQLite path
    as sqlite:///PATH."""
    return db if db.startswith("postgresql") else "sqlite:///" + db


@contextmanager
def raw(db: str) -> Iterator[Any]:
    """A connection to the ledger behind the program's back (to read what it stored or
    to tamper with it), in a transaction committed on exit."""
    import sqlalchemy as sa

    eng = sa.create_engine(sa_url(db))
    try:
        with eng.begin() as con:
            yield con
    finally:
        eng.dispose()


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

    out = {}
    with raw(db) as con:
        tables = [
            r[0]
            for r in con.execute(
                sa.text("SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
            )
        ]
        for t in tables:
            rows = con.execute(sa.text(f'SELECT * FROM "{t}"')).fetchall()
            out[t] = sorted(repr(tuple(r)) for r in rows)
    return out


USAGE_MARKS = ("(see --help)", "（参见 --help）")  # how run_guarded ends a click usage error


def is_usage_error(res: Result) -> bool:
    """Whether the command was refused by click's parsing (a misspelt option, a
    missing argument, a value of the wrong type) rather than by a rule."""
    return any(mark in res.stderr for mark in USAGE_MARKS)


def assert_refused(
    cli: Cli, code: int, *args: str, contains: str | None = None, usage: bool = False
) -> Result:
    """Run a command that must fail: exit `code`, one line on stderr, no traceback,
    nothing on stdout, and the ledger byte-for-byte (or row-for-row) unchanged.

    The line must contain `contains`, the message (or the rule) expected. A usage
    error (click's "... (see --help)") passes only with `usage=True`, so that a
    misspelt option cannot stand in for the rule a test is about; an exit 2 must
    say which of the two it expects."""
    assert code != 2 or contains is not None or usage, (
        f"assert_refused(..., 2, {' '.join(args)}): pass contains= (the message the rule "
        "gives) or usage=True (a usage error) - exit 2 alone does not say which rule refused"
    )
    before = snapshot(cli.db)
    res = cli(*args)
    assert res.exit_code == code, res
    assert "Traceback" not in res.stderr, res
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res
    assert res.stdout == "", res
    if usage:
        assert is_usage_error(res), f"expected a usage error (see --help): {res}"
    else:
        assert not is_usage_error(res), f"refused as a usage error, not by the rule: {res}"
    if contains is not None:
        assert contains in res.stderr, res
    assert snapshot(cli.db) == before, f"the ledger changed: {args}"
    return res


def assert_each_refused(cli: Cli, *cases: tuple[int, Sequence[str], str]) -> list[Result]:
    """`assert_refused` for each case in turn, (exit code, args, the message): a test
    that walks a command through its refusals as a table, each changing nothing."""
    return [assert_refused(cli, code, *args, contains=message) for code, args, message in cases]


def left_message(who: str, left_on: str) -> str:
    """The people rule's one message for someone who has left (`who`: "李四 (RY-0004)"):
    the day they left and what they can no longer be."""
    return f"{who} left on {left_on} and cannot be assigned, sign or receive anything"


def assert_refused_as_left(cli: Cli, who: str, left_on: str, *args: str) -> Result:
    """A command naming someone who has left where only someone still here will do (a
    unit's head, a borrower, an approver, whoever receives or signs): refused, exit 3,
    by the people rule's one message (`left_message`); the ledger unchanged."""
    return assert_refused(cli, 3, *args, contains=left_message(who, left_on))


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


@pytest.fixture(scope="session")
def demo_ledger_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`houqin demo` on a new ledger, once for the session (the demo itself is slow)."""
    with template_ledger(tmp_path_factory.mktemp("demo_ledger"), "demo") as t:
        yield t


@pytest.fixture
def demo_ledger(demo_ledger_template: str, tmp_path: Path) -> Iterator[Cli]:
    """A CLI on a copy of the demo ledger."""
    with new_database(tmp_path / "ledger.db", demo_ledger_template) as url:
        yield Cli(url)
