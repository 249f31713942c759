"""Chinese everywhere (#12): stored codes through the label tables, input by code or
label, booleans and shares as words and percentages, click's and typer's own words,
history rendered in the reader's language. JSON keeps the codes."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli, js, new_database, template_ledger
from houqin_cli.core import labels, notes
from houqin_cli.core.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]
ZH = ("--lang", "zh")
# setting values are shown as typed (`approval.role approver`): not a stored code's cell
AS_TYPED = ("config",)


def _reads() -> list[str]:
    """The read commands the golden capture runs (scripts/golden.py's one list)."""
    spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
    assert spec and spec.loader
    golden = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("golden", golden)  # its dataclasses look their module up
    spec.loader.exec_module(golden)
    return [c for c in golden.READS if "{" not in c and not c.startswith(AS_TYPED)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    where = tmp_path_factory.mktemp("demo")
    with template_ledger(where, *ZH, "demo") as t, new_database(where / "copy.db", t) as url:
        yield Cli(url)


CODES = {code for table in labels.TABLES.values() for code in table}


def _cells(fmt: str, text: str) -> list[str]:
    if fmt == "csv":
        return [c for row in csv.reader(io.StringIO(text)) for c in row]
    # rich's table: cells between its box lines
    return [c for line in text.splitlines() for c in line.replace("┃", "│").split("│")]


def test_no_untranslated_code_in_any_chinese_output_of_the_demo(demo: Cli) -> None:
    found = []
    for command in _reads():
        for fmt in ("csv", "table"):
            res = demo(*ZH, *command.split(), "-f", fmt)
            assert res.exit_code in (0, 1), (command, res)
            for raw in _cells(fmt, res.stdout):
                for cell in raw.strip().split(", "):
                    if cell.strip() in CODES:
                        found.append(f"{command} -f {fmt}: {cell.strip()!r}")
    assert not found, "\n".join(found[:40])


def test_json_keeps_the_codes(demo: Cli) -> None:
    cards = js(demo(*ZH, "asset", "list", "--all", "-f", "json"))
    assert {c["status"] for c in cards} == {"in_use", "scrapped"}
    people = js(demo(*ZH, "people", "list", "-f", "json"))
    assert "approver" in people[0]["roles"] and people[0]["active"] is True
    budget = js(demo(*ZH, "audit", "budget", "show", "2026-02", "-f", "json"))
    assert budget[0]["category"] == "office" and budget[0]["category_name"] == "办公用品"
    assert budget[0]["share_used"] == "0.3663"


def test_labels_booleans_and_percentages_in_chinese_and_english(demo: Cli) -> None:
    zh = demo(*ZH, "audit", "budget", "show", "2026-02", "-f", "csv").stdout
    assert "办公用品" in zh and "36.63%" in zh and "0.3663" not in zh
    en = demo("--lang", "en", "audit", "budget", "show", "2026-02", "-f", "csv").stdout
    assert "Office supplies" in en and "办公用品" not in en
    rows = list(csv.DictReader(io.StringIO(demo(*ZH, "people", "list", "-f", "csv").stdout)))
    assert rows[0]["姓名"] == "赵梅梅" and rows[0]["在校"] == "是"
    assert "审批人" in rows[0]["角色"]
    items = list(
        csv.DictReader(io.StringIO(demo(*ZH, "stock", "item", "list", "-f", "csv").stdout))
    )
    assert items[0]["在用"] == "是" and items[0]["耐用品"] == "否"
    moves = demo(*ZH, "stock", "movements", "-f", "csv").stdout
    assert "入库" in moves.splitlines()[1] and "金额" in moves.splitlines()[0]
    en_moves = demo("--lang", "en", "stock", "movements", "-f", "csv").stdout
    assert "Received into stock" in en_moves and "yes" not in en_moves.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "label", "code"),
    [
        (["asset", "list", "--status"], "已报废", "scrapped"),
        (["stock", "movements", "--kind"], "领用", "issue"),
        (["stock", "movements", "--kind"], "Received into stock", "receive"),
        (["unit", "list", "--kind"], "班级", "class"),
        (["place", "list", "--kind"], "教室", "classroom"),
        (["people", "list", "--role"], "审批人", "approver"),
    ],
)
def test_input_takes_the_label_as_well_as_the_code(
    demo: Cli, args: list[str], label: str, code: str
) -> None:
    by_label = demo(*ZH, *args, label, "-f", "json")
    by_code = demo(*ZH, *args, code, "-f", "json")
    assert by_label.exit_code == by_code.exit_code == 0, (by_label, by_code)
    assert json.loads(by_label.stdout) == json.loads(by_code.stdout) != []


def test_a_bad_coded_option_lists_codes(demo: Cli) -> None:
    res = demo("--lang", "en", "stock", "movements", "--kind", "挪用")
    assert res.exit_code == 2 and "Invalid --kind '挪用'" in res.stderr


def test_history_reads_in_the_readers_language(demo: Cli) -> None:
    zh = demo(*ZH, "asset", "show", "ZC-2026-0002", "-f", "plain").stdout
    assert "拆分 ZC-2020-0001 从 ZC-2020-0001 拆分" in zh and "split" not in zh
    en = demo("--lang", "en", "asset", "show", "ZC-2026-0002", "-f", "plain").stdout
    assert "Split ZC-2020-0001 split from ZC-2020-0001" in en and "拆分" not in en
    card = js(demo("--lang", "en", "asset", "show", "ZC-2024-0008", "-f", "json"))
    assert [h["event"] for h in card["history"]][-1] == "inspected"
    assert card["history"][-1]["detail"] == "ok"  # JSON: the code
    text = demo(*ZH, "asset", "show", "ZC-2024-0008", "-f", "plain").stdout
    assert "损坏 SH-2026-0001 人为 三年级(2)班" in text and "检查 XJ-2026-0008 完好" in text


def test_old_notes_stored_translated_read_in_either_language() -> None:
    try:
        set_language("en")
        assert notes.text("从 ZC-2022-0001 拆分") == "split from ZC-2022-0001"
        assert notes.text("a note someone typed") == "a note someone typed"
        stored = notes.coded("split_from", code="ZC-2022-0001")
        assert notes.text(stored) == "split from ZC-2022-0001"
        set_language("zh")
        assert notes.text("split from ZC-2022-0001") == "从 ZC-2022-0001 拆分"
        assert notes.text(stored) == "从 ZC-2022-0001 拆分"
    finally:
        set_language("en")


def test_click_and_typer_speak_chinese(demo: Cli) -> None:
    root = demo(*ZH, "--help").stdout
    assert "用法：" in root and "显示本帮助并退出。" in root and "Show this message" not in root
    assert "为当前 shell 安装 TAB 补全。" in root and "repairs" not in root
    assert "经费与操作日志" in root  # audit holds the money too
    group = demo(*ZH, "stock", "--help").stdout
    assert "选项" in group and "Options" not in group and "Usage" not in group
    res = demo(*ZH, "stock", "nope")
    assert res.exit_code == 2 and "没有这个命令" in res.stderr


def test_edit_messages_name_fields_as_the_reader_knows_them(demo: Cli) -> None:
    res = demo(*ZH, "people", "edit", "RY-0002", "--unit", "总务处", "--phone", "13800000000")
    assert res.exit_code == 0, res
    assert "单位" in res.stderr + res.stdout and "unit_id" not in res.stderr + res.stdout


def test_label_tables_agree_with_the_old_chinese_names() -> None:
    from houqin_cli.audit.finance.categories import CATEGORIES
    from houqin_cli.people.vocab import ROLES

    try:
        set_language("zh")
        for code, cat in CATEGORIES.items():
            assert labels.label("budget_category", code) == cat.label
        for code, name in ROLES.items():
            assert labels.label("role", code) == name
    finally:
        set_language("en")
