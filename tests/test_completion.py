"""TAB completion through click's shell-completion protocol, as bash, zsh and fish run it:
`_HOUQIN_COMPLETE=complete_bash` (typer keeps click 7's `complete_SHELL` order) with
COMP_WORDS/COMP_CWORD, in a fresh process against a real ledger."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import BASE_ENV

CODE = "from houqin_cli.app import main; main()"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **BASE_ENV, **env}
    return subprocess.run(
        [sys.executable, "-c", CODE, *args], capture_output=True, text=True, env=env
    )


def _complete(db: str, words: str, lang: str = "en") -> list[str]:
    """What bash offers for `words` (a trailing space: a new, empty word)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    res = _run(
        {
            "_HOUQIN_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
            "HOUQIN_DB": db,
            "HOUQIN_LANG": lang,
        }
    )
    assert res.returncode == 0 and res.stderr == "", res
    return [line for line in res.stdout.splitlines() if line]


@pytest.fixture
def school(cli):
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "张世杰", "--unit", "总务处", "--role", "storekeeper")
    cli.ok("people", "add", "张伟", "--role", "approver")
    cli.ok("people", "add", "李娜")
    cli.ok("place", "add", "化学实验室", "--building", "综合楼")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "item", "add", "粉刷", "--unit", "个", "--category", "办公用品")
    cli.ok("stock", "item", "add", "拖把", "--unit", "把", "--category", "清洁用品")
    cli.ok("stock", "receive", "粉笔", "10", "--price", "2")
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    return cli


def test_names_by_prefix_code_and_pinyin_initials(school):
    db = school.db
    assert _complete(db, "houqin stock issue fb") == ["粉笔"]
    assert _complete(db, "houqin stock issue 粉") == ["粉刷", "粉笔"]
    assert _complete(db, "houqin stock item show WZ-000") == ["WZ-0001", "WZ-0002", "WZ-0003"]
    assert _complete(db, "houqin people show 张") == ["张世杰", "张伟"]
    assert _complete(db, "houqin people show zsj") == ["张世杰"]
    assert _complete(db, "houqin people show RY-0003") == ["RY-0003"]
    assert _complete(db, "houqin people list --unit 总") == ["总务处"]
    assert _complete(db, "houqin place add 101 --unit 初") == ["初一(1)班"]
    assert _complete(db, "houqin stock issue 粉笔 1 --to cy") == ["初一(1)班"]  # a unit or a person
    assert _complete(db, "houqin asset lend X --to hx") == []  # places are no borrowers
    assert _complete(db, "houqin asset move X --to hx") == ["化学实验室"]
    assert _complete(db, "houqin asset inspect start --kind end --term 2026") == ["2026-spring"]
    assert _complete(db, "houqin stock balance --category 办") == ["办公用品"]


def test_open_records_and_choices(school):
    db = school.db
    school.ok("stock", "count", "start", "--category", "办公用品")
    assert _complete(db, "houqin stock count record ") == ["PD-2026-0001"]
    assert _complete(db, "houqin stock void RK") == ["RK-2026-0001"]
    school.ok("stock", "issue", "粉笔", "2", "--to", "总务处")
    assert _complete(db, "houqin stock slip ") == ["CK-2026-0001"]
    assert _complete(db, "houqin stock list -f j") == []  # no such command: nothing
    assert _complete(db, "houqin stock balance -f ") == [
        "table",
        "plain",
        "csv",
        "json",
        "markdown",
    ]
    assert _complete(db, "houqin asset list --status ") == ["in_use", "on_loan", "scrapped"]
    assert _complete(db, "houqin unit list --kind c") == ["class"]
    assert _complete(db, "houqin people add 王五 --role stor") == ["storekeeper"]
    # a label typed offers the label, which the option takes as well
    assert _complete(db, "houqin asset list --status 在", lang="zh") == ["在用"]
    assert "office" in _complete(db, "houqin audit receipt list --category ")
    assert _complete(db, "houqin term edit 2026-s") == ["2026-spring"]
    assert _complete(db, "houqin check --only stock,as") == ["stock,asset"]


def test_shells_get_the_labels_as_descriptions(school):
    env = {"HOUQIN_DB": school.db, "HOUQIN_LANG": "zh", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    res = _run(
        {
            **env,
            "_HOUQIN_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "houqin asset list --status ",
        }
    )
    assert res.stdout.splitlines() == ["in_use\t在用", "on_loan\t借出", "scrapped\t已报废"]
    res = _run(
        {**env, "_HOUQIN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "houqin stock issue fb"}
    )
    assert res.stdout.strip() == '_arguments \'*: :(("粉笔":"WZ-0001"))\''


def test_clicks_order_of_the_instruction_works_too(school):
    env = {"COMP_WORDS": "houqin stock issue fb", "COMP_CWORD": "3", "HOUQIN_DB": school.db}
    res = _run({**env, "_HOUQIN_COMPLETE": "bash_complete"})
    assert (res.returncode, res.stdout.strip(), res.stderr) == (0, "粉笔", "")


@pytest.mark.sqlite_only
def test_completion_without_a_ledger_offers_nothing(tmp_path):
    assert _complete(str(tmp_path / "none.db"), "houqin people show 张") == []
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "junk.db").write_text("not a ledger")
    assert _complete(str(tmp_path / "junk.db"), "houqin stock issue fb") == []


@pytest.mark.sqlite_only
def test_a_tab_reads_sqlite_alone(school):
    """No ORM, no Alembic, no pydantic (typer's coercion), no group it does not need."""
    res = _run(
        {
            "_HOUQIN_COMPLETE": "complete_bash",
            "COMP_WORDS": "houqin stock issue fb",
            "COMP_CWORD": "3",
            "HOUQIN_DB": school.db,
            "PYTHONPROFILEIMPORTTIME": "1",
        }
    )
    assert res.stdout.strip() == "粉笔"
    loaded = {line.split("|")[-1].strip() for line in res.stderr.splitlines()}
    for slow in ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "houqin_cli.asset", "rich"):
        assert not any(m == slow or m.startswith(slow + ".") for m in loaded), slow
    assert "sqlite3" in loaded


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _houqin_completion houqin"),
        ("zsh", "#compdef houqin"),
        ("fish", "complete --command houqin"),
    ],
)
def test_show_completion_for_each_shell(shell, marker):
    res = _run({}, "--show-completion", shell)
    assert res.returncode == 0, res
    assert marker in res.stdout and "_HOUQIN_COMPLETE" in res.stdout


def test_show_completion_for_an_unknown_shell():
    res = _run({}, "--show-completion", "tcsh")
    assert res.returncode == 2 and res.stdout == ""
    assert "tcsh" in res.stderr and "zsh" in res.stderr


def test_asset_cards_and_their_open_records(cli):
    cli.ok("place", "add", "仓库", "--kind", "store")
    cli.ok("people", "add", "张老师")
    for name in ("投影仪", "投影仪", "台式计算机"):
        cli.ok(
            "asset",
            "add",
            name,
            "--category",
            "201",
            "--value",
            "3000",
            "--acquired",
            "2025-09-01",
            "--place",
            "仓库",
        )
    db = cli.db
    assert _complete(db, "houqin asset show tsj") == ["台式计算机"]
    # two cards of one name: their codes tell them apart
    assert _complete(db, "houqin asset show 投") == ["ZC-2025-0001", "ZC-2025-0002"]
    expected = [f"20{n}" for n in range(1, 10)]  # the classification's 201 … 209
    assert _complete(db, "houqin asset add 椅子 --category 20") == expected
    cli.ok("asset", "lend", "ZC-2025-0003", "--to", "张老师", "--due", "2026-03-20")
    assert _complete(db, "houqin asset iou ") == ["JC-2026-0001"]
    assert _complete(db, "houqin asset return JC") == ["JC-2026-0001"]
    cli.ok("asset", "return", "JC-2026-0001")
    assert _complete(db, "houqin asset iou ") == []
    cli.ok("asset", "scrap", "request", "ZC-2025-0001", "--reason", "坏了", "--by", "张老师")
    assert _complete(db, "houqin asset scrap appraise ") == ["BF-2026-0001"]
    assert _complete(db, "houqin asset scrap approve ") == []
    assert _complete(db, "houqin asset scrap show ") == ["BF-2026-0001"]
    assert _complete(db, "houqin asset scrap list --status app") == ["appraised", "approved"]
    assert (
        _complete(db, "houqin asset label ZC-2025-000")
        == [
            "ZC-2025-0001",  # its scrapping is only requested: still on the books
            "ZC-2025-0002",
            "ZC-2025-0003",
        ][::-1]
    )
