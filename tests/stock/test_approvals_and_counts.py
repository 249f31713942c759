"""The storeroom's approvals and overlapping stocktakes (issue #10 items 1 and 6).

An approver (`stock issue --no-old … --approved-by`, `stock count close
--approved-by`) holds the approver role and is not who records it, hands it out,
draws it or counted it; contradictory options are exit 2. Two open counts of the
same item (a ledger from before overlapping counts were refused) never post the same
difference twice: close compares with the book as it stands after earlier closes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from conftest import Cli, EnvCli, assert_each_refused, assert_refused, js, raw

ISSUE = ("stock", "issue", "扫把", "1", "--to", "初一(1)班", "--no-old", "lost")
NOT_HIMSELF = "李四 (RY-0002) did, asked for or counted"


@pytest.fixture
def store(cli: Cli) -> Cli:
    """Class 初一(1)班; 张三 (RY-0001, no role), approvers 李四 (RY-0002) and 王五
    (RY-0003); 扫把 (durable, 清洁用品) 10 and 粉笔 (办公用品) 100 on hand."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "李四", "--role", "approver")
    cli.ok("people", "add", "王五", "--role", "approver")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--durable", "--category", "清洁用品")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "receive", "扫把", "10", "--price", "15", "--date", "2026-02-01")
    cli.ok("stock", "receive", "粉笔", "100", "--price", "1", "--date", "2026-02-01")
    return cli


def quantity(cli: Cli, item: str) -> str:
    rows = js(cli.ok("stock", "balance", "-f", "json"))
    return str(next(r["quantity"] for r in rows if r["item"] == item))


# -- 以旧换新: the exemption's approver ------------------------------------------------


def test_the_exemption_needs_someone_with_the_approver_role(store: Cli) -> None:
    assert_refused(
        store, 3, *ISSUE, "--approved-by", "张三",
        contains="张三 (RY-0001) does not have the approver role",
    )  # fmt: skip


def test_the_exemption_is_not_approved_by_who_records_hands_out_or_draws_it(store: Cli) -> None:
    as_li = EnvCli(store.db, {"HOUQIN_OPERATOR": "李四"})
    assert_refused(as_li, 3, *ISSUE, "--approved-by", "李四", contains=NOT_HIMSELF)
    assert_each_refused(
        store,
        (3, [*ISSUE, "--by", "李四", "--approved-by", "李四"], NOT_HIMSELF),
        (3, ["stock", "issue", "扫把", "1", "--to", "李四", "--no-old", "lost",
             "--approved-by", "李四"], NOT_HIMSELF),
    )  # fmt: skip
    store.ok(*ISSUE, "--by", "李四", "--approved-by", "王五")
    assert quantity(store, "扫把") == "9"


def test_contradictory_issue_options_are_exit_2(store: Cli) -> None:
    assert_each_refused(
        store,
        (2, [*ISSUE, "--old-returned", "1", "--approved-by", "李四"],
         "--old-returned and --no-old contradict each other"),
        (2, ["stock", "issue", "扫把", "1", "--to", "初一(1)班", "--old-returned", "1",
             "--approved-by", "李四"],
         "--approved-by approves an issue without the old ones back"),
        (2, ["stock", "ledger", "扫把", "--from", "2026-03", "--to", "2026-02"],
         "--from 2026-03 is after --to 2026-02"),
    )  # fmt: skip


# -- the stocktake's approver ---------------------------------------------------------------


def test_count_close_is_not_approved_by_who_counted_or_closes_it(store: Cli) -> None:
    store.ok("stock", "count", "start", "--category", "办公用品")
    store.ok(
        "stock", "count", "record", "PD-2026-0001", "粉笔", "99", env={"HOUQIN_OPERATOR": "李四"}
    )
    close = ("stock", "count", "close", "PD-2026-0001")
    assert_refused(
        store, 3, *close, "--approved-by", "张三",
        contains="张三 (RY-0001) does not have the approver role",
    )  # fmt: skip
    # 李四 counted the chalk
    assert_refused(store, 3, *close, "--approved-by", "李四", contains=NOT_HIMSELF)
    as_wang = EnvCli(store.db, {"HOUQIN_OPERATOR": "王五"})
    assert_refused(
        as_wang, 3, *close, "--approved-by", "王五", contains="王五 (RY-0003) did, asked for"
    )
    as_wang.ok(*close, "--approved-by", "王五", env={"HOUQIN_OPERATOR": "张三"})
    assert quantity(store, "粉笔") == "99"


# -- overlapping stocktakes -----------------------------------------------------------------


def plant_open_count(cli: Cli, code: str, category: str | None) -> None:
    """An open count as a ledger from before the overlap rule may hold one."""
    with raw(cli.db) as con:
        con.execute(
            sa.text(
                "INSERT INTO stock_count (code, category, status, started_at) "
                "VALUES (:code, :category, 'open', '2026-03-02T01:00:00Z')"
            ),
            {"code": code, "category": category},
        )


def test_two_open_counts_never_post_the_same_difference_twice(store: Cli) -> None:
    """The issue's reproduction: a count of 办公用品 and a whole-store count both found
    粉笔 at 90 against a book of 100; the old code posted two losses (80)."""
    store.ok("stock", "count", "start", "--category", "办公用品")
    plant_open_count(store, "PD-2026-0099", None)
    store.ok("stock", "count", "record", "PD-2026-0001", "粉笔", "90")
    store.ok("stock", "count", "record", "PD-2026-0099", "粉笔", "90")
    store.ok("stock", "count", "record", "PD-2026-0099", "扫把", "10")
    store.ok("stock", "count", "close", "PD-2026-0001", "--approved-by", "李四")
    assert quantity(store, "粉笔") == "90"
    # the other count now compares with the book after that close: nothing to post
    doc = js(store.ok("stock", "count", "report", "PD-2026-0099", "-f", "json"))
    chalk = next(ln for ln in doc["lines"] if ln["item"] == "粉笔")
    assert (chalk["book"], chalk["counted"], chalk["difference"]) == ("90", "90", "0")
    res = store.ok("stock", "count", "close", "PD-2026-0099", "--approved-by", "李四")
    assert "posted 0 movements" in res.stderr, res
    assert quantity(store, "粉笔") == "90"


def test_a_difference_found_by_both_counts_is_posted_once(store: Cli) -> None:
    store.ok("stock", "count", "start", "--category", "办公用品")
    plant_open_count(store, "PD-2026-0099", None)
    store.ok("stock", "count", "record", "PD-2026-0001", "粉笔", "90")
    store.ok("stock", "count", "record", "PD-2026-0099", "粉笔", "88")  # two more gone since
    store.ok("stock", "issue", "粉笔", "5", "--to", "初一(1)班")  # goods move while counting
    store.ok("stock", "count", "close", "PD-2026-0001", "--approved-by", "李四")
    store.ok("stock", "count", "close", "PD-2026-0099", "--approved-by", "李四",
             "--uncounted-as-book")  # fmt: skip
    # 88 counted, 5 issued since: 83, each loss posted once (-10, then -2)
    assert quantity(store, "粉笔") == "83"
