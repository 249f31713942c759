"""Shell completion offers people, units and places by name from the ledger."""

from __future__ import annotations

import os
import subprocess
import sys


def _complete(db: str, words: str) -> list[str]:
    env = {
        **os.environ,
        "_HOUQIN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "HOUQIN_DB": db,
    }
    code = "from houqin_cli.app import main; main()"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    return res.stdout.split()


def test_completes_people_units_and_places(cli):
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "张世杰", "--unit", "总务处")
    cli.ok("people", "add", "张伟")
    cli.ok("people", "add", "李娜")
    cli.ok("place", "add", "化学实验室", "--building", "综合楼")
    assert _complete(cli.db, "houqin people show 张") == ["张世杰", "张伟"]
    assert _complete(cli.db, "houqin people show RY-0003") == ["RY-0003"]
    assert _complete(cli.db, "houqin people list --unit 总") == ["总务处"]
    assert _complete(cli.db, "houqin place add 101 --unit 初") == ["初一(1)班"]


def test_completion_without_a_ledger_offers_nothing(tmp_path):
    assert _complete(str(tmp_path / "none.db"), "houqin people show 张") == []
    assert not (tmp_path / "none.db").exists()
