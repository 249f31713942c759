"""`audit income list` and `audit income void` (a reversing entry, as receipts have):
a voided income is out of the totals and the statement (#10, corrections). Through the
CLI; "now" is 2026-03-02 09:00."""

from __future__ import annotations

from typing import Any

import pytest
from receipt_args import payload

from conftest import Cli, assert_each_refused, js

INCOME_KEYS = {"code", "date", "source", "category", "amount", "reverses", "voided", "note"}


def income(cli: Cli, source: str, amount: str, day: str, *extra: str) -> str:
    res = cli.ok("audit", "income", "add", "--source", source, "--amount", amount, "--date", day,
                 *extra)  # fmt: skip
    return res.stdout.strip()


def listing(cli: Cli, *args: str) -> list[dict[str, Any]]:
    data = js(cli.ok("audit", "income", "list", "-f", "json", *args))
    assert isinstance(data, list)
    return data


@pytest.fixture
def money_in(cli: Cli) -> Cli:
    """SR-2026-0001 总校拨款 ¥10,000 (02-01, 拨款), SR-2026-0002 伙食费 ¥1,234.56
    (02-27), SR-2026-0003 总校拨款 ¥2,000 (03-01, 拨款)."""
    income(cli, "总校拨款", "10000", "2026-02-01", "--category", "拨款")
    income(cli, "伙食费", "1,234.56", "2026-02-27")
    income(cli, "总校拨款", "2000", "2026-03-01", "--category", "拨款", "--note", "三月")
    return cli


def test_list_and_its_filters(money_in: Cli) -> None:
    rows = listing(money_in)
    assert [r["code"] for r in rows] == ["SR-2026-0001", "SR-2026-0002", "SR-2026-0003"]
    assert set(rows[0]) >= INCOME_KEYS
    assert rows[2]["amount"] == "2000.00"
    assert (rows[2]["source"], rows[2]["category"], rows[2]["note"]) == ("总校拨款", "拨款", "三月")
    assert rows[1]["category"] is None and rows[1]["voided"] is False
    codes = lambda *a: [r["code"] for r in listing(money_in, *a)]  # noqa: E731
    assert codes("--month", "2026-02") == ["SR-2026-0001", "SR-2026-0002"]
    assert codes("--month", "2026-Q1", "--source", "总校拨款") == ["SR-2026-0001", "SR-2026-0003"]
    assert codes("--category", "拨款", "--month", "2026-03") == ["SR-2026-0003"]
    assert codes("--month", "2025") == []
    plain = money_in.ok("audit", "income", "list", "-f", "plain").stdout
    assert "¥13,234.56" in plain  # the total row
    assert_each_refused(
        money_in,
        (2, ["audit", "income", "list", "--month", "2026-13"], "Invalid month '2026-13'"),
    )


def test_void_is_a_reversing_entry(money_in: Cli) -> None:
    res = money_in.ok("audit", "income", "void", "sr-2026-0002", "--reason", "重复登记")
    assert res.stdout == "SR-2026-0004\n"
    assert "Reversed SR-2026-0002 by SR-2026-0004." in res.stderr
    by = {r["code"]: r for r in listing(money_in)}
    assert by["SR-2026-0002"]["voided"] is True and by["SR-2026-0002"]["amount"] == "1234.56"
    rev = by["SR-2026-0004"]
    assert (rev["amount"], rev["reverses"], rev["voided"]) == ("-1234.56", "SR-2026-0002", False)
    assert (rev["date"], rev["source"], rev["note"]) == ("2026-03-02", "伙食费", "重复登记")
    # the total leaves the voided income and its reversal out
    plain = money_in.ok("audit", "income", "list", "-f", "plain").stdout
    assert "¥12,000.00" in plain
    # journalled, pointing at the entry that recorded the original
    [entry] = js(money_in.ok("audit", "log", "--action", "audit.income.void", "-f", "json"))
    [added] = [
        e
        for e in js(money_in.ok("audit", "log", "--action", "audit.income.add", "-f", "json"))
        if e["code"] == "SR-2026-0002"
    ]
    assert entry["code"] == "SR-2026-0004" and entry["reverses"] == added["seq"]
    assert payload(money_in.db, "audit.income.void") == {
        "reverses": "SR-2026-0002",
        "amount": "-1234.56",
        "reason": "重复登记",
    }
    void = ("audit", "income", "void")
    assert_each_refused(
        money_in,
        (3, [*void, "SR-2026-0002", "--reason", "again"],
         "SR-2026-0002 was already reversed by SR-2026-0004"),
        (3, [*void, "SR-2026-0004", "--reason", "again"],
         "SR-2026-0004 is itself a reversal and cannot be reversed"),
        (2, [*void, "SR-2026-0099", "--reason", "x"], "No income SR-2026-0099"),
        (2, [*void, "SR-2026-0001", "--reason", " "], "A reversal needs a reason: --reason TEXT"),
    )  # fmt: skip
    assert money_in.ok("audit", "verify").exit_code == 0


def statement(cli: Cli, month: str) -> dict[str, Any]:
    data = js(cli.ok("audit", "report", "month", month, "-f", "json"))
    assert isinstance(data, dict)
    return data


def test_a_voided_income_is_out_of_the_statement(money_in: Cli) -> None:
    money_in.ok("audit", "income", "void", "SR-2026-0003", "--reason", "未到账")  # March's
    mar = statement(money_in, "2026-03")
    assert mar["income"] == [] and mar["income_total"] == "0.00"
    assert (mar["opening"], mar["closing"]) == ("11234.56", "11234.56")
    # February's was published already: it stays; its reversal in March counts negative
    money_in.ok("audit", "income", "void", "SR-2026-0002", "--reason", "重复登记")
    feb = statement(money_in, "2026-02")
    assert feb["income_total"] == "11234.56" and feb["closing"] == "11234.56"
    mar = statement(money_in, "2026-03")
    assert mar["income"] == [{"source": "伙食费", "amount": "-1234.56"}]
    assert (mar["opening"], mar["income_total"], mar["closing"]) == (
        "11234.56",
        "-1234.56",
        "10000.00",
    )
    q1 = js(money_in.ok("audit", "report", "quarter", "2026-Q1", "-f", "json"))
    assert q1["income"] == [{"source": "总校拨款", "amount": "10000.00"}]
    assert q1["closing"] == "10000.00"
