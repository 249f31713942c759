"""A record dated after today is refused (exit 2, the ledger unchanged) unless the
command looks ahead: a loan's due date, a term. Today is HOUQIN_NOW, 2026-03-02."""

from __future__ import annotations

import pytest

from conftest import Cli, assert_refused, js

FUTURE = "is after today (2026-03-02): nothing can be recorded as done in the future."


@pytest.fixture
def school(cli: Cli) -> Cli:
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "张老师", "--unit", "初一(1)班")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "receive", "粉笔", "10", "--amount", "35.00", "--date", "2026-03-01")
    cli.ok("stock", "issue", "粉笔", "2", "--to", "初一(1)班", "--date", "2026-03-01")
    return cli


@pytest.mark.parametrize(
    "args",
    [
        ("stock", "receive", "粉笔", "1", "--amount", "3.50", "--date", "2027-03-01"),
        ("stock", "issue", "粉笔", "1", "--to", "初一(1)班", "--date", "2026-03-03"),
        ("stock", "return", "粉笔", "1", "--from", "初一(1)班", "--date", "2027-03-01"),
        (
            "audit",
            "income",
            "add",
            "--source",
            "总校拨款",
            "--amount",
            "100",
            "--date",
            "2027-03-01",
        ),
        ("people", "leave", "张老师", "--date", "2027-03-01"),
        ("asset", "compensate", "SH-2026-0001", "--amount", "1", "--date", "2027-03-01"),
        (
            *("audit", "receipt", "add", "--supplier", "县教育用品公司", "--invoice", "I-1"),
            *("--invoice-date", "2026-03-01", "--amount", "10", "--category", "office"),
            *("--handler", "张老师", "--acceptor", "张老师", "--reviewer", "张老师"),
            *("--date", "2027-03-01"),
        ),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_day_after_today_is_refused(school: Cli, args: tuple[str, ...]) -> None:
    res = assert_refused(school, 2, *args, contains=FUTURE)
    assert res.stderr.strip().endswith(FUTURE)
    assert "2027-03-01" in res.stderr or "2026-03-03" in res.stderr  # it names the typed day


def test_today_and_the_past_are_accepted(school: Cli) -> None:
    school.ok("stock", "issue", "粉笔", "1", "--to", "初一(1)班", "--date", "2026-03-02")
    school.ok("stock", "return", "粉笔", "1", "--from", "初一(1)班", "--date", "2026-03-02")
    rows = js(school.ok("stock", "movements", "-f", "json"))
    assert [r["date"] for r in rows][-2:] == ["2026-03-02", "2026-03-02"]


def test_commands_that_look_ahead_take_a_future_day(school: Cli) -> None:
    school.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-20")
    assert js(school.ok("term", "list", "-f", "json"))[-1]["end"] == "2027-01-20"
