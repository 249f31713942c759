"""`stock item import` with opening balances (#10, corrections): 期初数量 and 期初金额
become one receipt per item dated on `--as-of`, valued and refused by the storeroom's
own rules (a day after today, a closed month)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Cli, assert_refused, js, snapshot

OPENING = (
    "名称,单位,类别,期初数量,期初金额（元）\n"
    "粉笔,盒,办公用品,10,35\n"
    "扫把,把,清洁用品,,\n"
    '大米,kg,食品,12.5,"1,000.00"\n'
)


def sheet(tmp_path: Path, text: str = OPENING, name: str = "期初.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def balance(cli: Cli, *args: str) -> dict[str, tuple[str, str]]:
    rows: list[dict[str, Any]] = js(cli.ok("stock", "balance", "-f", "json", *args))
    return {r["item"]: (r["quantity"], r["value"]) for r in rows}


def test_opening_balances_are_receipts_dated_as_of(cli: Cli, tmp_path: Path) -> None:
    res = cli.ok("stock", "item", "import", sheet(tmp_path), "--as-of", "2026-01-01")
    assert "Imported 3 items" in res.stderr
    assert "2 opening balances dated 2026-01-01, ¥1,035.00 in all." in res.stderr
    assert balance(cli) == {
        "粉笔": ("10", "35.00"),
        "扫把": ("0", "0.00"),
        "大米": ("12.5", "1000.00"),
    }
    # before the day they were taken there was nothing on the books
    assert balance(cli, "--at", "2025-12-31")["粉笔"] == ("0", "0.00")
    ledger = js(cli.ok("stock", "ledger", "粉笔", "-f", "json"))
    [line] = [r for r in ledger if r.get("code")]
    assert line["code"] == "RK-2026-0001" and line["date"] == "2026-01-01", ledger
    # the storeroom's average cost follows: 3.50 a box
    cli.ok("stock", "issue", "粉笔", "4", "--to", cli_unit(cli), "--date", "2026-02-01")
    assert balance(cli)["粉笔"] == ("6", "21.00")
    cli.ok("audit", "verify")


def cli_unit(cli: Cli) -> str:
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    return "初一(1)班"


def test_opening_balances_need_as_of(cli: Cli, tmp_path: Path) -> None:
    assert_refused(
        cli, 2, "stock", "item", "import", sheet(tmp_path),
        contains="期初.csv gives opening balances (期初数量, 期初金额): date them with --as-of DATE",
    )  # fmt: skip


def test_as_of_after_today_or_in_a_closed_month(cli: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path)
    assert_refused(
        cli, 2, "stock", "item", "import", path, "--as-of", "2027-01-01",
        contains="2027-01-01 is after today (2026-03-02)",
    )  # fmt: skip
    cli.ok("config", "set", "stock.closed_through", "2026-01")
    for dry_run in ([], ["--dry-run"]):
        assert_refused(
            cli, 3, "stock", "item", "import", path, "--as-of", "2026-01-31", *dry_run,
            contains="The books are closed through 2026-01 (stock.closed_through)",
        )  # fmt: skip
    cli.ok("stock", "item", "import", path, "--as-of", "2026-02-01")


def test_as_of_without_opening_columns(cli: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path, "名称,单位\n粉笔,盒\n")
    assert_refused(
        cli, 2, "stock", "item", "import", path, "--as-of", "2026-01-01",
        contains="--as-of dates the opening balances, but 期初.csv has no opening quantity",
    )  # fmt: skip


def test_empty_opening_columns_need_no_date(cli: Cli, tmp_path: Path) -> None:
    cli.ok("stock", "item", "import", sheet(tmp_path, "名称,单位,期初数量,期初金额\n粉笔,盒,,\n"))
    assert balance(cli) == {"粉笔": ("0", "0.00")}


def test_an_opening_quantity_without_value_or_value_without_quantity(
    cli: Cli, tmp_path: Path
) -> None:
    text = "名称,单位,期初数量,期初金额\n粉笔,盒,10,\n扫把,把,0,20\n大米,kg,-1,5\n"
    before = snapshot(cli.db)
    res = cli("stock", "item", "import", sheet(tmp_path, text), "--as-of", "2026-01-01")
    assert res.exit_code == 2, res
    assert res.stderr.splitlines() == [
        "Error: 期初.csv: 3 rows refused; nothing was imported:",
        "Row 2, column 4 (期初金额): An opening quantity needs its opening value (期初金额).",
        "Row 3, column 3 (期初数量): An opening value needs its opening quantity (期初数量).",
        "Row 4, column 3 (期初数量): Invalid quantity '-1': it cannot be negative.",
    ], res
    assert snapshot(cli.db) == before


def test_dry_run_lists_items_and_their_openings(cli: Cli, tmp_path: Path) -> None:
    before = snapshot(cli.db)
    res = cli.ok("stock", "item", "import", sheet(tmp_path), "--as-of", "2026-01-01", "--dry-run")
    assert snapshot(cli.db) == before
    body = [ln.split() for ln in res.stdout.splitlines()[2:]]
    assert body == [
        ["WZ-0001", "粉笔", "盒", "办公用品", "10", "¥35.00"],
        ["WZ-0002", "扫把", "把", "清洁用品"],
        ["WZ-0003", "大米", "kg", "食品", "12.5", "¥1,000.00"],
    ], res
    assert "3 items would be imported; nothing written." in res.stderr
    assert "2 opening balances dated 2026-01-01" in res.stderr
