"""Returns within what was drawn (issue #10 item 2): `stock return` may not exceed
what that unit or person drew of the item net of earlier returns up to its date, so
`stock summary --by unit` never shows a negative draw; reversing an issue whose
goods came back is refused the same way."""

from __future__ import annotations

import pytest

from conftest import Cli, assert_each_refused, assert_refused, js

RETURN = ("stock", "return", "粉笔")


@pytest.fixture
def store(cli: Cli) -> Cli:
    """Classes 初一(1)班 and 初二(1)班, teacher 张三 (RY-0001); 粉笔 (盒): 100
    received 2026-02-01; 5 issued to 初一(1)班 on 2026-02-10, 2 to 张三 on 2026-02-12."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("unit", "add", "初二(1)班", "--kind", "class")
    cli.ok("people", "add", "张三")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "receive", "粉笔", "100", "--price", "2", "--date", "2026-02-01")
    cli.ok("stock", "issue", "粉笔", "5", "--to", "初一(1)班", "--date", "2026-02-10")
    cli.ok("stock", "issue", "粉笔", "2", "--to", "张三", "--date", "2026-02-12")
    return cli


def drew(who: str, qty: str, day: str, most: str | None = None) -> str:
    return (
        f"{who} drew {qty} 盒 of 粉笔 net of returns by {day}; "
        f"at most {most or qty} 盒 can be returned"
    )


def test_a_return_may_not_exceed_what_the_unit_drew(store: Cli) -> None:
    assert_refused(
        store, 3, *RETURN, "6", "--from", "初一(1)班", "--date", "2026-03-01",
        contains=drew("初一(1)班", "5", "2026-03-01"),
    )  # fmt: skip
    store.ok(*RETURN, "3", "--from", "初一(1)班", "--date", "2026-03-01")
    # earlier returns count: 2 are left to return
    assert_refused(
        store, 3, *RETURN, "3", "--from", "初一(1)班",
        contains=drew("初一(1)班", "2", "2026-03-02"),
    )  # fmt: skip
    store.ok(*RETURN, "2", "--from", "初一(1)班")
    assert_refused(
        store, 3, *RETURN, "0.001", "--from", "初一(1)班",
        contains=drew("初一(1)班", "0", "2026-03-02"),
    )  # fmt: skip


def test_a_unit_that_never_drew_returns_nothing(store: Cli) -> None:
    assert_each_refused(
        store,
        (3, [*RETURN, "1", "--from", "初二(1)班"], drew("初二(1)班", "0", "2026-03-02")),
        # a person's draw is theirs, a unit's the unit's
        (3, [*RETURN, "3", "--from", "张三"], drew("张三", "2", "2026-03-02")),
    )  # fmt: skip
    store.ok(*RETURN, "2", "--from", "张三")


def test_a_return_dated_before_the_issue_is_refused(store: Cli) -> None:
    assert_refused(
        store, 3, *RETURN, "1", "--from", "初一(1)班", "--date", "2026-02-09",
        contains=drew("初一(1)班", "0", "2026-02-09"),
    )  # fmt: skip
    store.ok(*RETURN, "1", "--from", "初一(1)班", "--date", "2026-02-10")


def test_a_backdated_return_may_not_overdraw_later_returns(store: Cli) -> None:
    store.ok(*RETURN, "4", "--from", "初一(1)班", "--date", "2026-03-01")
    # by 2026-02-20 the class had drawn 5, but its return on 2026-03-01 leaves 1
    assert_refused(
        store, 3, *RETURN, "2", "--from", "初一(1)班", "--date", "2026-02-20",
        contains="初一(1)班 drew 5 盒 of 粉笔 net of returns by 2026-02-20, but their later "
        "returns leave at most 1 盒 that can be returned on that day",
    )  # fmt: skip
    store.ok(*RETURN, "1", "--from", "初一(1)班", "--date", "2026-02-20")


def test_a_reversed_issue_no_longer_counts_as_drawn(store: Cli) -> None:
    store.ok("stock", "issue", "粉笔", "3", "--to", "初二(1)班")
    store.ok("stock", "void", "CK-2026-0003", "--reason", "wrong class")
    assert_refused(
        store, 3, *RETURN, "1", "--from", "初二(1)班", contains=drew("初二(1)班", "0", "2026-03-02")
    )


def test_an_issue_whose_goods_came_back_cannot_be_reversed_first(store: Cli) -> None:
    store.ok(*RETURN, "2", "--from", "初一(1)班")
    assert_refused(
        store, 3, "stock", "void", "CK-2026-0001", "--reason", "typo",
        contains="Reversing CK-2026-0001 would leave 初一(1)班 with more 粉笔 returned than drawn: "
        "3 盒 of what they drew is not returned; reverse their returns first",
    )  # fmt: skip
    store.ok("stock", "void", "TK-2026-0001", "--reason", "typo")
    store.ok("stock", "void", "CK-2026-0001", "--reason", "typo")


def test_summary_by_unit_never_shows_a_negative_draw(store: Cli) -> None:
    """The issue's reproduction: a return beyond the draw, or from a unit that drew
    nothing, made the month's draw negative; both are refused now."""
    store.ok("stock", "issue", "粉笔", "4", "--to", "初二(1)班", "--date", "2026-03-01")
    assert store(*RETURN, "9", "--from", "初二(1)班").exit_code == 3
    store.ok(*RETURN, "4", "--from", "初二(1)班")
    assert store(*RETURN, "1", "--from", "初二(1)班").exit_code == 3
    store.ok("unit", "add", "总务处", "--kind", "department")
    assert store(*RETURN, "1", "--from", "总务处").exit_code == 3
    rows = js(store.ok("stock", "summary", "--month", "2026-03", "--by", "unit", "-f", "json"))
    assert [r["org_unit"] for r in rows] == ["初二(1)班"], rows
    assert rows[0]["issued_quantity"] == rows[0]["returned_quantity"] == "4"
    assert rows[0]["net_drawn_value"] == "0.00"
