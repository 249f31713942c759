"""Input that used to be an internal error (#11): exit 2 for a bad argument, exit 4 for
something that cannot be a ledger — never 70, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Cli, EnvCli, assert_refused, invoke, run_houqin


def test_invalid_utf8_in_an_argument_is_exit_2(cli: Cli) -> None:
    # what Python makes of the bytes \xff\xfe typed in a UTF-8 terminal
    bad = os.fsdecode(b"\xff\xfe")
    for args in (("people", "show", bad), ("--operator", bad, "people", "add", "王")):
        res = assert_refused(cli, 2, *args, contains="is not valid UTF-8 text (\\xff")
        assert "Traceback" not in res.stderr


def test_invalid_utf8_in_houqin_operator_is_exit_2(cli: Cli) -> None:
    res = run_houqin(
        "--db", cli.db, "people", "add", "王", env={"HOUQIN_OPERATOR": os.fsdecode(b"\xfe")}
    )
    assert res.returncode == 2, res
    assert "HOUQIN_OPERATOR is not valid UTF-8 text" in res.stderr


@pytest.mark.parametrize(
    ("db", "contains"),
    [
        ("a" * 300 + ".db", "The ledger's path is too long"),
        ("postgresql+psycopg://u:p@[::1/x", "Invalid PostgreSQL URL"),
    ],
)
def test_a_ledger_argument_that_cannot_be_one_is_exit_2(db: str, contains: str) -> None:
    res = invoke(["--db", db, "people", "list"])
    assert res.exit_code == 2, res
    assert contains in res.stderr


@pytest.mark.sqlite_only
def test_not_a_regular_file_is_exit_4_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    for db, args in ((str(fifo), ("people", "list")), ("/dev/null", ("init",))):
        res = run_houqin("--db", db, *args, timeout=20)  # a FIFO used to hang here
        assert res.returncode == 4, res
        assert "is not a regular file, so it cannot be a ledger" in res.stderr


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00", "9999-12-31T23:59:59"])
def test_houqin_now_outside_the_years_a_ledger_holds_is_exit_2(cli: Cli, now: str) -> None:
    pinned = EnvCli(cli.db, {"HOUQIN_NOW": now})
    assert_refused(pinned, 2, "people", "add", "王", contains="outside the years")


@pytest.mark.sqlite_only
@pytest.mark.skipif(os.geteuid() == 0, reason="root may open anyone's file")
def test_another_users_ledger_says_how_to_share(cli: Cli) -> None:
    Path(cli.db).chmod(0o000)
    try:
        res = cli("people", "list")
    finally:
        Path(cli.db).chmod(0o600)
    assert res.exit_code == 4, res
    assert "only its owner may use it" in res.stderr


@pytest.mark.parametrize("text", ["\x00", "王\x1b[31m", "a\x7fb"])
def test_a_control_character_in_an_argument_is_exit_2(cli: Cli, text: str) -> None:
    # PostgreSQL refused a NUL deep in the driver (exit 70); SQLite stored it
    assert_refused(cli, 2, "people", "add", text, contains="holds a control character (U+00")
