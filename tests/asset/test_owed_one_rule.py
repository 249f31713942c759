"""`asset inspect due` and `houqin check` report what a term owes by one rule."""

from __future__ import annotations

import json

from conftest import Cli

LATE = {"HOUQIN_NOW": "2026-07-20T09:00"}  # the spring term has ended


def test_inspect_due_and_the_check_give_the_same_findings(bare: Cli) -> None:
    bare.ok("demo", env=LATE)
    bare.ok("unit", "add", "六年级(9)班", "--kind", "class", "--parent", "六年级", env=LATE)
    res = bare("asset", "inspect", "due", "--term", "2026-spring", "-f", "json", env=LATE)
    assert res.exit_code == 1, res
    due = json.loads(res.stdout)["findings"]
    assert due and all(f["term"] == "2026-spring" for f in due)
    assert all("org_unit" in f and "unit" not in f for f in due)  # the organisational unit
    res = bare("check", "--only", "asset", "-f", "json", env=LATE)
    assert res.exit_code == 1, res
    owed = [f for f in json.loads(res.stdout)["findings"] if f["check"] == "asset.inspections"]
    assert owed == due
