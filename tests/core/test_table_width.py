"""The table format at a narrow terminal (#12): money, codes and dates are never cut,
text columns wrap or shrink first, and no line is wider than the terminal."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Cli
from houqin_cli.core.money import format_money
from houqin_cli.core.render.text import Grid, display_width, plain, wrap


@pytest.fixture
def demo(demo_ledger: Cli) -> Cli:
    return demo_ledger


def yuan(text: str) -> str:
    return format_money(int(Decimal(text) * 100))


def at(cli: Cli, columns: int, lang: str, *args: str) -> str:
    res = cli.ok("--lang", lang, *args, "-f", "table", env={"COLUMNS": str(columns)})
    lines = res.stdout.splitlines()
    too_wide = [ln for ln in lines if display_width(ln) > columns and "houqin audit" not in ln]
    assert not too_wide, too_wide  # the seal's closing line is text, not a table
    assert "…" not in res.stdout
    return res.stdout


def whole(out: str, *values: str) -> None:
    """Each value whole on one line of the table."""
    for v in values:
        assert any(v in line for line in out.splitlines()), v


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_statement_reads_in_full_at_80_columns(demo: Cli, lang: str) -> None:
    month = "2026-02"
    doc = json.loads(demo.ok("audit", "report", "month", month, "-f", "json").stdout)
    assert doc["receipts"]
    out = at(demo, 80, lang, "audit", "report", "month", month)
    for r in doc["receipts"]:
        whole(out, r["code"], r["date"], r["invoice"], yuan(r["amount"]))
    for c in doc["categories"]:
        whole(out, *(yuan(c[k]) for k in ("budget", "spent", "remaining")))
    whole(out, *(yuan(doc[k]) for k in ("opening", "income_total", "expense_total", "closing")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_balance_reads_in_full_at_80_columns(demo: Cli, lang: str) -> None:
    rows = json.loads(demo.ok("stock", "balance", "-f", "json").stdout)
    assert rows
    out = at(demo, 80, lang, "stock", "balance")
    for r in rows:
        whole(out, r["item_code"], yuan(r["value"]), yuan(r["unit_cost"]))
    assert "┃" in out  # a boxed table still


def test_too_narrow_for_any_table_shows_each_row_whole(demo: Cli) -> None:
    doc = json.loads(demo.ok("audit", "report", "month", "2026-02", "-f", "json").stdout)
    out = at(demo, 40, "zh", "audit", "report", "month", "2026-02")
    for r in doc["receipts"]:
        whole(out, r["code"], r["date"], yuan(r["amount"]), r["supplier"])


def test_wide_terminal_keeps_one_line_rows(demo: Cli) -> None:
    out = at(demo, 200, "zh", "stock", "balance")
    whole(out, "WZ-0001")
    line = next(ln for ln in out.splitlines() if "WZ-0001" in ln)
    assert "粉笔" in line  # nothing wrapped


_PIECES = [*"ab cd-1.校园安全检查，", "WX-2026-0001", "  ", "extinguisher"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(text=_TEXT, width=st.integers(min_value=4, max_value=30))
def test_wrap_keeps_every_character_within_the_width(text, width):
    lines = wrap(text, width).split("\n")
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(
    cells=st.lists(st.tuples(st.dates().map(str), _TEXT, _TEXT), min_size=1, max_size=5),
    width=st.integers(min_value=30, max_value=100),
)
def test_plain_with_a_width_draws_no_wider_line(cells, width):
    dates, tasks, notes = (list(c) for c in zip(*cells, strict=True))
    grid = Grid("T", ["日期", "任务", "备注"], [dates, tasks, notes], [False] * 3,
                keep=[True, False, False])  # fmt: skip
    assert all(display_width(line) <= width for line in plain([grid], True, width).splitlines())
