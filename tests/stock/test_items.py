"""`houqin stock item`: add, list, show, edit, retire and import, through the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from import_refusals import assert_rows_refused

from conftest import Cli, assert_each_refused, assert_refused, js, new_database, snapshot

ALL_COLUMNS = ("name", "unit", "category", "durable", "reorder_level", "spec", "code")
ZH_LABELS = ("名称", "单位", "类别", "耐用品", "库存下限", "规格", "编号")


def items(cli: Cli, *args: str) -> dict[str, dict]:
    """`stock item list -f json` keyed by item code."""
    return {r["code"]: r for r in js(cli.ok("stock", "item", "list", "-f", "json", *args))}


def by_name(cli: Cli, *args: str) -> dict[str, dict]:
    return {r["name"]: r for r in items(cli, *args).values()}


@pytest.fixture
def school(cli: Cli) -> Cli:
    """A class to issue to and a person who signs."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "王老师")
    return cli


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Cli]:
    """A second, freshly initialised ledger (for export from one, import into another)."""
    with new_database(tmp_path / "other.db") as url:
        c = Cli(url)
        c.ok("init", "--school", "另一所学校")
        yield c


# -- add, list, show --------------------------------------------------------------------


def test_item_add_prints_its_code_and_lists_as_json(cli):
    res = cli.ok(
        "stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品",
        "--reorder-level", "5",
    )  # fmt: skip
    assert res.stdout == "WZ-0001\n"
    assert "粉笔" in res.stderr
    assert cli.ok("stock", "item", "add", "扫把", "--unit", "把").stdout == "WZ-0002\n"
    rows = items(cli)
    assert list(rows) == ["WZ-0001", "WZ-0002"]
    chalk = rows["WZ-0001"]
    for key in ("code", "name", "unit", "category", "durable", "reorder_level"):
        assert key in chalk
    assert chalk["name"] == "粉笔"
    assert chalk["unit"] == "盒"
    assert chalk["category"] == "办公用品"
    assert chalk["durable"] is False
    assert chalk["reorder_level"] == "5"
    broom = rows["WZ-0002"]
    assert broom["category"] is None
    assert broom["reorder_level"] is None


def test_item_add_durable_and_own_code(cli):
    assert (
        cli.ok(
            "stock", "item", "add", "拖把", "--unit", "把", "--durable", "--code", "TB-01"
        ).stdout
        == "TB-01\n"
    )
    row = items(cli)["TB-01"]
    assert row["durable"] is True
    assert row["name"] == "拖把"
    # the generated codes are not disturbed by a code of one's own
    assert cli.ok("stock", "item", "add", "粉笔", "--unit", "盒").stdout == "WZ-0001\n"


def test_item_code_taken_is_refused(cli):
    cli.ok("stock", "item", "add", "拖把", "--unit", "把", "--code", "TB-01")
    assert_refused(
        cli, 3, "stock", "item", "add", "扫把", "--unit", "把", "--code", "tb-01",
        contains="The code tb-01 is already taken",
    )  # fmt: skip


@pytest.mark.parametrize("level", ["0.5", "2.25", "12.125", "0"])
def test_reorder_level_takes_decimals(cli, level):
    cli.ok("stock", "item", "add", "大米", "--unit", "kg", "--reorder-level", level)
    assert Decimal(items(cli)["WZ-0001"]["reorder_level"]) == Decimal(level)


@pytest.mark.parametrize("level", ["1.2345", "abc", "-1"])
def test_bad_reorder_level_is_refused(cli, level):
    assert_refused(
        cli, 2, "stock", "item", "add", "大米", "--unit", "kg", "--reorder-level", level,
        contains=f"Invalid quantity '{level}'",
    )  # fmt: skip
    assert items(cli) == {}


def test_item_show_json(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--spec", "白色", "--reorder-level", "3")
    row = js(cli.ok("stock", "item", "show", "WZ-0001", "-f", "json"))
    assert row["code"] == "WZ-0001"
    assert row["name"] == "粉笔"
    assert row["spec"] == "白色"
    assert row["reorder_level"] == "3"


def test_duplicate_name_and_spec_is_refused(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    assert_refused(cli, 3, "stock", "item", "add", "粉笔", "--unit", "盒", contains="粉笔")
    # the same name with another spec is another item
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--spec", "彩色")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--spec", "白色")
    assert_refused(
        cli, 3, "stock", "item", "add", "粉笔", "--unit", "盒", "--spec", "白色",
        contains="An item named 粉笔 with that spec already exists",
    )  # fmt: skip
    assert len(items(cli)) == 3


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(cli, name):
    assert_refused(
        cli, 2, "stock", "item", "add", name, "--unit", "盒",
        contains="The item name cannot be empty",
    )  # fmt: skip


def test_missing_unit_is_refused(cli):
    assert_refused(
        cli, 2, "stock", "item", "add", "粉笔", usage=True, contains="Missing option '--unit'"
    )
    assert_refused(
        cli, 2, "stock", "item", "add", "粉笔", "--unit", " ",
        contains="An item needs its unit of measure",
    )  # fmt: skip


def test_list_filters(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "item", "add", "签字笔", "--unit", "支", "--category", "办公用品")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--category", "清洁用品", "--durable")
    assert sorted(by_name(cli, "--category", "办公用品")) == ["签字笔", "粉笔"]
    assert sorted(by_name(cli, "--durable")) == ["扫把"]
    assert sorted(by_name(cli, "--consumable")) == ["签字笔", "粉笔"]


# -- finding an item ------------------------------------------------------------------------


def test_pinyin_initials_find_an_item(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把")
    assert js(cli.ok("stock", "item", "show", "fb", "-f", "json"))["name"] == "粉笔"
    assert js(cli.ok("stock", "item", "show", "sb", "-f", "json"))["name"] == "扫把"
    # by exact name, code, and prefix too
    assert js(cli.ok("stock", "item", "show", "粉笔", "-f", "json"))["code"] == "WZ-0001"
    assert js(cli.ok("stock", "item", "show", "wz-0002", "-f", "json"))["name"] == "扫把"
    assert js(cli.ok("stock", "item", "show", "扫", "-f", "json"))["code"] == "WZ-0002"
    # and the movements take the same names
    assert cli.ok("stock", "receive", "fb", "3", "--price", "2").stdout == "RK-2026-0001\n"
    assert items(cli)["WZ-0001"]["quantity"] == "3"


def test_unknown_item_is_exit_2(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    assert_each_refused(
        cli,
        (2, ["stock", "item", "show", "黑板擦"], "No item matches '黑板擦'"),
        (2, ["stock", "item", "edit", "zzz", "--category", "x"], "No item matches 'zzz'"),
        (2, ["stock", "item", "retire", "WZ-0099"], "No item matches 'WZ-0099'"),
        (2, ["stock", "receive", "黑板擦", "1", "--price", "1"], "No item matches '黑板擦'"),
    )


def test_ambiguous_item_lists_the_candidates(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--spec", "白色")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--spec", "彩色")
    cli.ok("stock", "item", "add", "复印纸", "--unit", "包")
    for typed in ("粉笔", "fb", "WZ"):
        res = assert_refused(
            cli, 2, "stock", "item", "edit", typed, "--category", "办公用品",
            contains=f"'{typed}' matches several records",
        )  # fmt: skip
        assert "WZ-0001" in res.stderr and "WZ-0002" in res.stderr, res
    several = "matches several records: 粉笔 (WZ-0001), 粉笔 (WZ-0002)"
    show, _receive = assert_each_refused(
        cli,
        (2, ["stock", "item", "show", "粉"], f"'粉' {several}"),
        (2, ["stock", "receive", "粉笔", "1", "--price", "1"], f"'粉笔' {several}"),
    )
    assert "WZ-0003" not in show.stderr


# -- edit ---------------------------------------------------------------------------------


def test_edit_changes_fields(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok(
        "stock", "item", "edit", "粉笔", "--category", "办公用品", "--reorder-level", "2.5",
        "--spec", "白色", "--durable",
    )  # fmt: skip
    row = items(cli)["WZ-0001"]
    assert row["category"] == "办公用品"
    assert row["reorder_level"] == "2.5"
    assert row["spec"] == "白色"
    assert row["durable"] is True
    cli.ok("stock", "item", "edit", "WZ-0001", "--name", "白粉笔")
    assert items(cli)["WZ-0001"]["name"] == "白粉笔"
    # the new name's initials find it
    assert js(cli.ok("stock", "item", "show", "bfb", "-f", "json"))["code"] == "WZ-0001"


def test_edit_unit_before_movements_is_allowed(cli):
    cli.ok("stock", "item", "add", "大米", "--unit", "袋")
    cli.ok("stock", "item", "edit", "大米", "--unit", "kg")
    assert items(cli)["WZ-0001"]["unit"] == "kg"


def test_edit_unit_after_movements_is_refused(school):
    cli = school
    cli.ok("stock", "item", "add", "大米", "--unit", "kg")
    cli.ok("stock", "receive", "大米", "10", "--price", "5")
    to_bags = (
        3,
        ["stock", "item", "edit", "大米", "--unit", "袋"],
        "大米 already has movements in kg",
    )
    assert_each_refused(cli, to_bags)
    assert items(cli)["WZ-0001"]["unit"] == "kg"
    # other fields may still change, and the same unit again is no change of unit
    cli.ok("stock", "item", "edit", "大米", "--category", "食品")
    assert items(cli)["WZ-0001"]["category"] == "食品"
    # even when every kilo has gone out again, the history is in kilos
    cli.ok("stock", "issue", "大米", "10", "--to", "初一(1)班")
    assert_each_refused(cli, to_bags)


def test_edit_bad_input_is_exit_2(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    assert_each_refused(
        cli,
        (2, ["stock", "item", "edit", "粉笔"],
         "Nothing to change: give at least one option, such as --category"),
        (2, ["stock", "item", "edit", "粉笔", "--name", " "], "The item name cannot be empty"),
    )  # fmt: skip


# -- retire -------------------------------------------------------------------------------


def test_retire_only_at_zero_balance(school):
    cli = school
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把")
    cli.ok("stock", "receive", "粉笔", "4", "--price", "2.5")
    assert_refused(cli, 3, "stock", "item", "retire", "粉笔", contains="4")
    cli.ok("stock", "issue", "粉笔", "4", "--to", "初一(1)班")
    cli.ok("stock", "item", "retire", "粉笔")
    cli.ok("stock", "item", "retire", "扫把")  # never had any: zero too
    assert items(cli) == {}
    everything = items(cli, "--all")
    assert sorted(everything) == ["WZ-0001", "WZ-0002"]
    assert everything["WZ-0001"]["active"] is False


def test_retired_item_hidden_but_listed_with_all(cli):
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把")
    cli.ok("stock", "item", "retire", "扫把")
    assert list(items(cli)) == ["WZ-0001"]
    assert list(items(cli, "--all")) == ["WZ-0001", "WZ-0002"]
    assert_refused(cli, 3, "stock", "item", "retire", "扫把", contains="扫把 is already retired")


def test_retire_is_journalled(cli):
    cli.ok("stock", "item", "add", "扫把", "--unit", "把")
    cli.ok("stock", "item", "retire", "扫把")
    entries = js(cli.ok("audit", "log", "-f", "json"))
    assert "stock.item.retire" in [e["action"] for e in entries]


# -- import -------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


ENGLISH_ROWS = [
    list(ALL_COLUMNS),
    ["粉笔", "盒", "办公用品", "no", "5", "白色", "FB-01"],
    ["扫把", "把", "清洁用品", "yes", "2.5", "", ""],
    ["大米", "kg", "食品", "", "", "", ""],
]
CHINESE_ROWS = [
    list(ZH_LABELS),
    ["粉笔", "盒", "办公用品", "否", "5", "白色", "FB-01"],
    ["扫把", "把", "清洁用品", "是", "2.5", "", ""],
    ["大米", "kg", "食品", "", "", "", ""],
]


def check_imported(cli: Cli) -> None:
    rows = by_name(cli)
    assert sorted(rows) == ["大米", "扫把", "粉笔"]
    chalk = rows["粉笔"]
    assert chalk["code"] == "FB-01"
    assert chalk["unit"] == "盒"
    assert chalk["category"] == "办公用品"
    assert chalk["durable"] is False
    assert chalk["reorder_level"] == "5"
    assert chalk["spec"] == "白色"
    broom = rows["扫把"]
    assert broom["durable"] is True
    assert broom["reorder_level"] == "2.5"
    assert broom["code"].startswith("WZ-")
    rice = rows["大米"]
    assert rice["unit"] == "kg"
    assert rice["durable"] is False
    assert rice["reorder_level"] is None
    assert rice["spec"] is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("header", ["english", "chinese"])
def test_import_csv(cli, tmp_path, encoding, header):
    rows = ENGLISH_ROWS if header == "english" else CHINESE_ROWS
    path = write_csv(tmp_path / "items.csv", rows, encoding)
    res = cli.ok("stock", "item", "import", str(path))
    assert res.stdout == ""
    assert "3" in res.stderr
    check_imported(cli)


def test_import_own_codes_do_not_clash_with_generated_ones(cli, tmp_path):
    path = write_csv(
        tmp_path / "items.csv",
        [["name", "unit", "code"], ["粉笔", "盒", "WZ-0002"], ["扫把", "把", ""]],
    )
    cli.ok("stock", "item", "import", str(path))
    cli.ok("stock", "item", "add", "拖把", "--unit", "把")
    rows = by_name(cli)
    assert rows["粉笔"]["code"] == "WZ-0002"
    codes = [r["code"] for r in rows.values()]
    assert len(set(codes)) == 3


def test_import_code_already_taken_refused(cli, tmp_path):
    cli.ok("stock", "item", "add", "拖把", "--unit", "把", "--code", "TB-01")
    path = write_csv(
        tmp_path / "items.csv",
        [["名称", "单位", "编号"], ["粉笔", "盒", "FB-01"], ["扫把", "把", "tb-01"]],
    )
    res = assert_refused(
        cli, 2, "stock", "item", "import", str(path),
        contains="Row 3, column 3 (编号): The code tb-01 is already taken",
    )  # fmt: skip
    assert "3" in res.stderr and "编号" in res.stderr, res
    assert list(items(cli)) == ["TB-01"]


def test_import_csv_is_journalled(cli, tmp_path):
    path = write_csv(tmp_path / "items.csv", ENGLISH_ROWS)
    cli.ok("stock", "item", "import", str(path))
    actions = [e["action"] for e in js(cli.ok("audit", "log", "-f", "json"))]
    assert "stock.item.import" in actions
    cli.ok("audit", "verify")


@pytest.mark.parametrize("header", ["english", "chinese"])
def test_import_xlsx_with_title_and_total_rows(cli, tmp_path, header):
    head = list(ALL_COLUMNS) if header == "english" else list(ZH_LABELS)
    path = write_xlsx(
        tmp_path / "items.xlsx",
        [
            ["某某学校库房物品清单"],
            head,
            ["粉笔", "盒", "办公用品", "否", 5, "白色", "FB-01"],
            ["扫把", "把", "清洁用品", "是", 2.5, None, None],
            ["大米", "kg", "食品", None, None, None, None],
            ["合计", None, None, None, 7.5, None, None],
        ],
    )
    cli.ok("stock", "item", "import", str(path))
    check_imported(cli)


def test_import_xlsx_bad_row_names_row_and_column(cli, tmp_path):
    path = write_xlsx(
        tmp_path / "items.xlsx",
        [
            ["某某学校库房物品清单"],
            list(ZH_LABELS),
            ["粉笔", "盒", "办公用品", "否", 5, None, None],
            ["扫把", "把", "清洁用品", "是", "abc", None, None],
            ["大米", "kg", "食品", None, None, None, None],
        ],
    )
    res = assert_refused(
        cli, 2, "stock", "item", "import", str(path),
        contains="Row 4, column E (库存下限): Invalid quantity 'abc'",
    )  # fmt: skip
    assert "4" in res.stderr
    assert "Row 4" in res.stderr or "row 4" in res.stderr, res
    # the column as the user sees it: letter E, headed 库存下限
    assert "E" in res.stderr and "库存下限" in res.stderr, res
    assert items(cli) == {}


@pytest.mark.parametrize("header", ["english", "chinese"])
def test_import_csv_bad_row_nothing_imported(cli, tmp_path, header):
    rows = [r[:] for r in (ENGLISH_ROWS if header == "english" else CHINESE_ROWS)]
    rows[3][4] = "abc"  # 大米's reorder level, in the file's row 4
    path = write_csv(tmp_path / "items.csv", rows)
    res = assert_refused(
        cli, 2, "stock", "item", "import", str(path), contains="Invalid quantity 'abc'"
    )
    assert "4" in res.stderr
    column = "reorder_level" if header == "english" else "库存下限"
    assert column in res.stderr, res
    assert items(cli, "--all") == {}


def test_import_existing_item_refused(cli, tmp_path):
    cli.ok("stock", "item", "add", "大米", "--unit", "kg")
    path = write_csv(tmp_path / "items.csv", ENGLISH_ROWS)
    res = assert_refused(
        cli, 2, "stock", "item", "import", str(path),
        contains="Row 4, column 1 (name): An item named 大米 with that spec already exists",
    )  # fmt: skip
    assert "4" in res.stderr, res
    assert list(by_name(cli)) == ["大米"]


@pytest.mark.parametrize(
    ("bad", "contains"),
    [
        (["铅笔", "", "办公用品", "no", "", "", ""], "An item needs its unit of measure"),
        (["铅笔", "支", "办公用品", "maybe", "", "", ""], "Invalid yes/no value 'maybe'"),
        (["铅笔", "支", "办公用品", "no", "1.2345", "", ""], "Invalid quantity '1.2345'"),
        (["", "支", "办公用品", "no", "1", "", ""], "The item name cannot be empty"),
        (
            ["粉笔", "盒", "办公用品", "no", "5", "白色", ""],
            "Row 5, column 1 (name): An item named 粉笔 with that spec already exists",
        ),
    ],
    ids=["no-unit", "durable-neither-yes-nor-no", "four-decimals", "no-name", "repeats-row-2"],
)
def test_import_other_bad_rows(cli, tmp_path, bad, contains):
    path = write_csv(tmp_path / "items.csv", [*ENGLISH_ROWS, bad])
    res = assert_refused(cli, 2, "stock", "item", "import", str(path), contains=contains)
    assert "5" in res.stderr, res


def test_import_reports_every_bad_row_in_one_pass(cli, tmp_path):
    rows = [
        *ENGLISH_ROWS,
        ["铅笔", "", "办公用品", "no", "", "", ""],
        ["橡皮", "块", "办公用品", "maybe", "", "", ""],
        ["粉笔", "盒", "办公用品", "no", "5", "白色", ""],
    ]
    path = write_csv(tmp_path / "items.csv", rows)
    assert_rows_refused(
        cli,
        ["stock", "item", "import", str(path)],
        [
            "Error: items.csv: 3 rows refused; nothing was imported:",
            "Row 5, column 1 (name): An item needs its unit of measure: --unit 盒, kg, 个 …",
            "Row 6, column 4 (durable): Invalid yes/no value 'maybe': write 是/否 or yes/no.",
            "Row 7, column 1 (name): An item named 粉笔 with that spec already exists.",
        ],
    )
    assert items(cli, "--all") == {}


def test_import_without_required_column_refused(cli, tmp_path):
    path = write_csv(tmp_path / "items.csv", [["name", "category"], ["粉笔", "办公用品"]])
    assert_refused(cli, 2, "stock", "item", "import", str(path), contains="unit")


def test_import_unsupported_or_missing_file(cli, tmp_path):
    p = tmp_path / "items.xls"
    p.write_bytes(b"not really")
    assert_refused(
        cli, 2, "stock", "item", "import", str(p),
        contains="Cannot import items.xls: only .csv and .xlsx files can be imported",
    )  # fmt: skip
    assert_refused(
        cli, 2, "stock", "item", "import", str(tmp_path / "none.csv"), contains="File not found"
    )


def test_import_dry_run_writes_nothing(cli, tmp_path):
    path = write_csv(tmp_path / "items.csv", CHINESE_ROWS, "gb18030")
    before = snapshot(cli.db)
    res = cli.ok("stock", "item", "import", str(path), "--dry-run")
    assert snapshot(cli.db) == before
    # the items that would be written are listed on stdout (the dry run lists them now)
    assert [ln.split()[1] for ln in res.stdout.splitlines()[2:]] == ["粉笔", "扫把", "大米"]
    assert "3" in res.stderr
    assert items(cli, "--all") == {}
    # and then for real
    cli.ok("stock", "item", "import", str(path))
    check_imported(cli)


def test_import_dry_run_of_bad_file_is_exit_2(cli, tmp_path):
    rows = [r[:] for r in ENGLISH_ROWS]
    rows[3][4] = "abc"
    path = write_csv(tmp_path / "items.csv", rows)
    res = assert_refused(
        cli, 2, "stock", "item", "import", str(path), "--dry-run",
        contains="Row 4, column 5 (reorder_level): Invalid quantity 'abc'",
    )  # fmt: skip
    assert "4" in res.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_exported_list_imports_into_a_fresh_ledger(cli, other, tmp_path, suffix, lang):
    cli.ok(
        "stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品",
        "--reorder-level", "2.5", "--spec", "白色",
    )  # fmt: skip
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--durable", "--code", "SB-01")
    cli.ok("stock", "item", "add", "=SUM(A1)", "--unit", "个")  # neutralised on export
    cli.ok("stock", "item", "add", "大米", "--unit", "kg", "--reorder-level", "0.125")
    cli.ok("stock", "receive", "粉笔", "10", "--price", "3")
    path = tmp_path / f"items{suffix}"
    cli.ok("stock", "item", "list", "-o", str(path), env={"HOUQIN_LANG": lang})
    other.ok("stock", "item", "import", str(path))
    keys = ("code", "name", "unit", "category", "durable", "reorder_level", "spec")
    want = {c: {k: r[k] for k in keys} for c, r in items(cli).items()}
    got = {c: {k: r[k] for k in keys} for c, r in items(other).items()}
    assert got == want
    # goods on hand are not items' attributes: the new ledger starts empty
    assert all(r["quantity"] == "0" for r in items(other).values())
