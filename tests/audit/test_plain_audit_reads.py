"""The money's reads, `audit log` and `config list` on the plain reader (#17): on SQLite
no ORM (nor rich, tabulate, openpyxl) is imported on their path, and what they show
agrees with what the ORM reads from the same rows: voided receipts and income, their
reversals, budgets over several months, the statement's opening and closing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import Cli, js, sa_url
from plain_path import heavy_imports


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["audit", "receipt", "list"],
        ["audit", "receipt", "list", "--month", "2026-Q1", "--category", "office"],
        ["audit", "receipt", "show", "bx-2026-0001"],
        ["audit", "income", "list", "--month", "2026-03"],
        ["audit", "budget", "show", "2026-02"],
        ["audit", "report", "month", "2026-02"],
        ["audit", "report", "quarter", "2026-Q1"],
        ["audit", "report", "year", "2026"],
        ["audit", "check", "--month", "2026-02"],
        ["audit", "log", "--limit", "3"],
        ["audit", "log", "--entity", "ZC-2024-0008"],
        ["config", "list"],
    ],
)
def test_the_orm_stays_off_their_path(demo_ledger: Cli, args: list[str]) -> None:
    heavy, out = heavy_imports(demo_ledger.db, args, codes=(0, 1))
    assert out.count("\n") >= (1 if args[1] == "check" else 2)  # a header, and rows
    assert heavy == []


def orm_rows(db: str) -> dict[str, Any]:
    """Receipts, income and budgets, and who signed, through the ORM's models."""
    from sqlmodel import Session, col, select

    from houqin_cli.audit.finance.models import Budget, Income, Receipt, ReceiptApproval
    from houqin_cli.people.models import Person

    eng = sa.create_engine(sa_url(db))
    try:
        with Session(eng) as s:
            return {
                "receipts": list(
                    s.exec(select(Receipt).order_by(col(Receipt.date), col(Receipt.id)))
                ),
                "income": list(s.exec(select(Income).order_by(col(Income.date), col(Income.id)))),
                "budgets": list(s.exec(select(Budget))),
                "approvals": list(s.exec(select(ReceiptApproval))),
                "people": {p.id: p.name for p in s.exec(select(Person))},
            }
    finally:
        eng.dispose()


def fen(text: str | None) -> int | None:
    return None if text is None else int(Decimal(text) * 100)


@pytest.fixture
def voided(demo_ledger: Cli) -> Cli:
    """The demo's money with a receipt and an income reversed, and a budget changed."""
    demo_ledger.ok("audit", "receipt", "void", "BX-2026-0002", "--reason", "开错了")
    demo_ledger.ok("audit", "income", "void", "SR-2026-0001", "--reason", "重复")
    demo_ledger.ok("audit", "budget", "set", "2026-01", "office", "800")
    return demo_ledger


def test_receipts_and_income_agree_with_the_orm(voided: Cli) -> None:
    orm = orm_rows(voided.db)
    people, receipts = orm["people"], orm["receipts"]
    by_id = {r.id: r for r in receipts}
    reversed_by = {r.reverses_id: r.code for r in receipts if r.reverses_id}
    approvers: dict[int, list[str]] = {}
    for a in sorted(orm["approvals"], key=lambda a: (a.receipt_id, a.id)):
        approvers.setdefault(a.receipt_id, []).append(people[a.person_id])
    listed = js(voided("audit", "receipt", "list", "-f", "json"))
    assert [
        (r["code"], r["date"], fen(r["amount"]), r["handler"], r["reverses"], r["voided"])
        for r in listed
    ] == [
        (
            r.code,
            r.date.isoformat(),
            r.amount_fen,
            people[r.handler_id],
            by_id[r.reverses_id].code if r.reverses_id else None,
            r.id in reversed_by,
        )
        for r in receipts
    ]
    assert sorted(map(sorted, (r["approvers"] for r in listed))) == sorted(
        sorted(approvers.get(r.id or 0, [])) for r in receipts
    )
    shown = js(voided("audit", "receipt", "show", "bx-2026-0002", "-f", "json"))
    assert (
        shown["voided_by"] == reversed_by[next(r.id for r in receipts if r.code == "BX-2026-0002")]
    )
    assert shown["service"] is False and shown["invoice_date"] == "2026-02-20"
    res = voided("audit", "receipt", "show", "BX-2099-0001")
    assert res.exit_code == 2 and "BX-2099-0001" in res.stderr

    income = orm["income"]
    ids = {i.id: i for i in income}
    voided_ids = {i.reverses_id for i in income if i.reverses_id}
    rows = js(voided("audit", "income", "list", "-f", "json"))
    assert [(r["code"], r["date"], fen(r["amount"]), r["reverses"], r["voided"]) for r in rows] == [
        (
            i.code,
            i.date.isoformat(),
            i.amount_fen,
            ids[i.reverses_id].code if i.reverses_id else None,
            i.id in voided_ids,
        )
        for i in income
    ]
    total = voided("audit", "income", "list", "-f", "plain").stdout.strip().splitlines()[-1]
    live = sum(i.amount_fen for i in income if not i.reverses_id and i.id not in voided_ids)
    assert f"{Decimal(live) / 100:,.2f}" in total


def test_budgets_and_the_statement_agree_with_the_orm(voided: Cli) -> None:
    orm = orm_rows(voided.db)
    months = {"2026-01", "2026-02", "2026-03"}
    budgets: dict[str, int] = {}
    for b in orm["budgets"]:
        if b.month in months:
            budgets[b.category] = budgets.get(b.category, 0) + b.amount_fen
    start, end = "2026-01-01", "2026-03-31"
    spent: dict[str, int] = {}
    for r in orm["receipts"]:
        if start <= r.date.isoformat() <= end:
            spent[r.category] = spent.get(r.category, 0) + r.amount_fen
    doc = js(voided("audit", "report", "quarter", "2026-Q1", "-f", "json"))
    assert {c["category"]: fen(c["budget"]) for c in doc["categories"]} == {
        c: budgets.get(c) for c in budgets.keys() | spent.keys()
    }
    assert {c["category"]: fen(c["spent"]) for c in doc["categories"]} == {
        c: spent.get(c, 0) for c in budgets.keys() | spent.keys()
    }
    before = sum(i.amount_fen for i in orm["income"] if i.date.isoformat() < start) - sum(
        r.amount_fen for r in orm["receipts"] if r.date.isoformat() < start
    )
    within_in = sum(i.amount_fen for i in orm["income"] if start <= i.date.isoformat() <= end)
    within_out = sum(spent.values())
    assert fen(doc["opening"]) == before
    assert fen(doc["closing"]) == before + within_in - within_out
    assert fen(doc["income_total"]) == within_in  # the voided income nets out with its reversal
    seal = voided.ok("audit", "seal").stdout.strip()
    assert doc["seal"] == seal
    shown = js(voided("audit", "budget", "show", "2026-01", "-f", "json"))
    assert [(r["category"], fen(r["budget"])) for r in shown] == [("office", 80000)]


def test_the_checks_agree_between_audit_check_and_houqin_check(voided: Cli) -> None:
    voided.ok("audit", "budget", "set", "2026-02", "office", "1")
    ours = js(voided("audit", "check", "-f", "json"))
    assert "budget.overrun" in {f["code"] for f in ours["findings"]}
    theirs = js(voided("check", "--only", "audit", "-f", "json"))
    assert [f for f in theirs["findings"] if f["check"] != "audit.journal"] == ours["findings"]


def test_log_entity_finds_the_coded_tables_the_journal_tracks(demo_ledger: Cli) -> None:
    from houqin_cli import domains
    from houqin_cli.audit import log_reads
    from houqin_cli.audit.finance import statement
    from houqin_cli.core import journal
    from houqin_cli.core.db import Ledger

    domains.load_models()
    tracked = {
        name: next(iter(t.primary_key.columns)).name
        for name, t in journal.tracked_tables().items()
        if "code" in t.c and len(t.primary_key.columns) == 1
    }
    with Ledger.from_option(demo_ledger.db).reader() as reader:
        assert log_reads.coded_tables(reader) == tracked
    assert statement.GENESIS == journal.GENESIS
    entries = js(demo_ledger("audit", "log", "--entity", "BX-2026-0001", "-f", "json"))
    assert entries and all(e["code"] == "BX-2026-0001" for e in entries[:1])
    assert js(demo_ledger("audit", "log", "--entity", "BX-2026-000", "-f", "json")) == []
    res = demo_ledger("audit", "log", "--limit", "0")
    assert res.exit_code == 2 and "--limit" in res.stderr
