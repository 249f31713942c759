"""Custody of school property through the CLI: lending against an IOU (借条), returns,
overdue loans, damage and compensation (谁损坏谁赔偿), scrapping after the 总务处's
appraisal, and the card's life in `asset show`. "Now" is 2026-03-02 09:00."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import (
    Cli,
    Result,
    assert_each_refused,
    assert_fields,
    assert_refused,
    assert_refused_as_left,
    asset_card,
    asset_school,
    findings_json,
    js,
    left_message,
    snapshot,
)

PC = "ZC-2024-0001"  # 电脑 201, ¥4,500, acquired 2024-03-01: net book value ¥3,000.00 now
CHAIRS = "ZC-2024-0002"  # 课桌椅 601, 50 × ¥180 (low-value: net value = original value)
PIANO = "ZC-2022-0001"  # 钢琴 303, ¥12,000 (above the scrapping committee threshold)


def listing(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in js(cli.ok("asset", "list", "-f", "json", *args))}


def history(cli: Cli, code: str) -> list[dict[str, Any]]:
    return list(asset_card(cli, code)["history"])


def events(cli: Cli, code: str) -> list[str]:
    return [h["event"] for h in history(cli, code)]


def created(cli: Cli, line: str, env: dict[str, str] | None = None) -> str:
    """Run `houqin LINE` and return the code it printed on stdout."""
    res = cli.ok(*shlex.split(line), env=env)
    code = res.stdout.strip()
    assert code and "\n" not in code, res
    return code


def damages(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in js(cli.ok("asset", "damages", "-f", "json", *args))}


def check(cli: Cli, now: str, *args: str) -> tuple[Result, dict[str, Any]]:
    return findings_json(cli, "check", *args, env={"HOUQIN_NOW": now})


def findings(data: dict[str, Any], check_name: str) -> list[dict[str, Any]]:
    return [f for f in data["findings"] if f["check"] == check_name]


@pytest.fixture
def school(cli: Cli) -> Cli:
    """Places 101, 仓库; people 张老师, 李老师, 王主任 (总务处), 赵校长, 钱老师 (who left),
    the approver role held by 李老师, 王主任 and 赵校长; class 初一(1)班; cards PC,
    CHAIRS and PIANO (see the constants)."""
    asset_school(cli)
    for name in ("王主任", "赵校长", "钱老师"):
        cli.ok("people", "add", name, "--role", "approver")
    cli.ok("people", "edit", "李老师", "--add-role", "approver")
    cli.ok("people", "leave", "钱老师", "--date", "2026-02-01")
    assert (
        created(cli, "asset add 电脑 --category 201 --value 4500 --acquired 2024-03-01 --place 101")
        == PC
    )
    assert (
        created(
            cli,
            "asset add 课桌椅 --category 601 --value 180 --qty 50 --unit 套"
            " --acquired 2024-08-25 --place 101 --custodian 初一(1)班",
        )
        == CHAIRS
    )
    assert (
        created(
            cli, "asset add 钢琴 --category 303 --value 12000 --acquired 2022-05-01 --place 101"
        )
        == PIANO
    )
    return cli


# -- lending -------------------------------------------------------------------------------


def test_lend_prints_the_loan_code(school: Cli) -> None:
    res = school.ok("asset", "lend", PC, "--to", "张老师", "--due", "2026-03-10")
    assert res.stdout == "JC-2026-0001\n"
    assert listing(school)[PC]["status"] == "on_loan"
    assert set(listing(school, "--status", "on_loan")) == {PC}
    h = history(school, PC)[-1]
    assert h["event"] == "lent"
    assert h["ref"] == "JC-2026-0001"
    assert h["date"] == "2026-03-02"
    assert "张老师" in (h["detail"] or "")
    assert created(school, "asset lend 钢琴 --to 李老师 --due 2026-04-01") == "JC-2026-0002"


def test_lend_to_someone_who_has_left(school: Cli) -> None:
    lend = ("asset", "lend", PC, "--to", "钱老师", "--due", "2026-03-10")
    assert_refused_as_left(school, "钱老师 (RY-0005)", "2026-02-01", *lend)
    # the refusal used no number up
    assert created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10") == "JC-2026-0001"


def test_lend_bad_input(school: Cli) -> None:
    assert_each_refused(
        school,
        (2, ["asset", "lend", PC, "--to", "不存在的人", "--due", "2026-03-10"],
         "No person matches '不存在的人'"),
        (2, ["asset", "lend", PC, "--to", "张老师", "--due", "2026-02-30"],
         "Invalid date '2026-02-30'"),
        (2, ["asset", "lend", "ZC-2099-0001", "--to", "张老师", "--due", "2026-03-10"],
         "No asset matches 'ZC-2099-0001'"),
    )  # fmt: skip


def test_what_is_on_loan_cannot_be_lent_moved_or_scrapped(school: Cli) -> None:
    school.ok("asset", "lend", PC, "--to", "张老师", "--due", "2026-03-10")
    for args in (
        ["lend", PC, "--to", "李老师", "--due", "2026-03-10"],
        ["move", PC, "--to", "仓库"],
        ["scrap", "request", PC, "--reason", "老旧"],
    ):
        assert_refused(school, 3, "asset", *args, contains="ZC-2024-0001 电脑 is out on loan")


def test_scrap_approval_refused_while_on_loan(school: Cli) -> None:
    bf = created(school, f"asset scrap request {PC} --reason 老旧 --by 张老师")
    school.ok("asset", "scrap", "appraise", bf, "--by", "王主任", "--opinion", "无修复价值")
    school.ok("asset", "lend", PC, "--to", "李老师", "--due", "2026-03-10")
    assert_refused(
        school, 3, "asset", "scrap", "approve", bf, "--by", "赵校长",
        contains="ZC-2024-0001 电脑 is out on loan",
    )  # fmt: skip
    assert listing(school)[PC]["status"] == "on_loan"


def test_lend_part_of_a_batch_splits(school: Cli) -> None:
    jc = created(school, f"asset lend {CHAIRS} --to 张老师 --due 2026-03-10 --qty 5")
    assert jc == "JC-2026-0001"
    rows = listing(school, "--category", "601")
    assert len(rows) == 2
    lent = next(r for r in rows.values() if r["status"] == "on_loan")
    kept = rows[CHAIRS]
    assert kept["status"] == "in_use"
    assert str(lent["qty"]) == "5" and str(kept["qty"]) == "45"
    assert lent["total_value"] == "900.00" and kept["total_value"] == "8100.00"
    assert any(h["ref"] == CHAIRS for h in history(school, lent["code"]))
    # the rest of the batch can still be moved; the part on loan cannot
    school.ok("asset", "move", CHAIRS, "--to", "仓库", "--qty", "10")
    assert_refused(
        school, 3, "asset", "move", lent["code"], "--to", "仓库",
        contains="ZC-2026-0001 课桌椅 is out on loan",
    )  # fmt: skip
    school.ok("asset", "return", jc)
    assert listing(school)[lent["code"]]["status"] == "in_use"


def test_iou_markdown(school: Cli, tmp_path: Path) -> None:
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10 --note 公开课")
    out = tmp_path / "iou.md"
    res = school.ok("asset", "iou", jc, "-o", str(out))
    assert res.stdout == ""
    text = out.read_text(encoding="utf-8")
    for part in ("张老师", "电脑", PC, "2026-03-10", jc, "测试学校"):
        assert part in text, (part, text)


def test_iou_xlsx(school: Cli, tmp_path: Path) -> None:
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    out = tmp_path / "iou.xlsx"
    school.ok("asset", "iou", jc, "-o", str(out))
    wb = load_workbook(out)
    cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row]
    text = " ".join(cells)
    for part in ("张老师", "电脑", PC, "2026-03-10"):
        assert part in text, (part, text)


def test_iou_json_and_unknown(school: Cli) -> None:
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    data = js(school.ok("asset", "iou", jc, "-f", "json"))
    row = data[0] if isinstance(data, list) else data
    assert row["borrower"] == "张老师"
    assert row["asset_code"] == PC
    assert row["due"] == "2026-03-10"
    assert_refused(
        school, 2, "asset", "iou", "JC-2026-0099", contains="No asset matches 'JC-2026-0099'"
    )


# -- returns -------------------------------------------------------------------------------


def test_return_by_loan_or_by_asset(school: Cli) -> None:
    jc1 = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    jc2 = created(school, f"asset lend {PIANO} --to 李老师 --due 2026-03-10")
    school.ok("asset", "return", jc1, env={"HOUQIN_NOW": "2026-03-05T10:00"})
    school.ok("asset", "return", PIANO)
    rows = listing(school)
    assert rows[PC]["status"] == rows[PIANO]["status"] == "in_use"
    h = history(school, PC)
    assert [e["event"] for e in h] == ["added", "lent", "returned"]
    assert h[-1]["date"] == "2026-03-05"
    assert h[-1]["ref"] == jc1
    assert history(school, PIANO)[-1]["ref"] == jc2
    # nothing owed for a good return
    assert damages(school) == {}
    # lent again after the return: a new loan
    assert created(school, f"asset lend {PC} --to 李老师 --due 2026-03-20") == "JC-2026-0003"


def test_returning_what_is_not_on_loan(school: Cli) -> None:
    not_out = (3, ["asset", "return", PC], "ZC-2024-0001 电脑 is not out on loan")
    assert_each_refused(school, not_out)
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    school.ok("asset", "return", jc)
    assert_each_refused(
        school,
        (3, ["asset", "return", jc], "Loan JC-2026-0001 was already returned on 2026-03-02"),
        not_out,
        (2, ["asset", "return", PC, "--condition", "lost"],
         "Invalid --condition 'lost'; choose ok or damaged"),
    )  # fmt: skip


def test_damaged_return_opens_a_damage_record(school: Cli) -> None:
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    res = school.ok("asset", "return", jc, "--condition", "damaged", "--note", "屏幕裂了")
    assert "SH-2026-0001" in res.stdout + res.stderr, res
    rows = damages(school)
    assert set(rows) == {"SH-2026-0001"}
    d = rows["SH-2026-0001"]
    assert d["asset_code"] == PC
    assert_fields(d, cause="human", by="张老师", owed="3000.00")
    assert d["amount_due"] == "3000.00"  # the net book value
    assert listing(school)[PC]["status"] == "in_use"
    assert events(school, PC)[-2:] == ["returned", "damaged"]


# -- overdue -------------------------------------------------------------------------------


def test_overdue(school: Cli) -> None:
    res = school("asset", "overdue")
    assert res.exit_code == 0, res
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    for now in ("2026-03-02T09:00", "2026-03-10T20:00"):
        res = school("asset", "overdue", "-f", "json", env={"HOUQIN_NOW": now})
        assert res.exit_code == 0, res
    res = school("asset", "overdue", "-f", "json", env={"HOUQIN_NOW": "2026-03-11T08:00"})
    assert res.exit_code == 1, res
    data = js(res)
    rows = data["rows"] if isinstance(data, dict) else data
    assert [r["code"] for r in rows] == [jc]
    assert rows[0]["asset_code"] == PC
    assert rows[0]["borrower"] == "张老师"
    assert rows[0]["days_overdue"] == 1
    if isinstance(data, dict):
        assert data["ok"] is False
        assert data["findings"] and data["findings"][0]["check"] == "asset.overdue"
    # the plain report names the loan too
    res = school("asset", "overdue", env={"HOUQIN_NOW": "2026-03-20T08:00"})
    assert res.exit_code == 1 and jc in res.stdout, res
    school.ok("asset", "return", jc, env={"HOUQIN_NOW": "2026-03-20T09:00"})
    res = school("asset", "overdue", env={"HOUQIN_NOW": "2026-03-21T09:00"})
    assert res.exit_code == 0, res


def test_check_includes_overdue_loans(school: Cli) -> None:
    jc = created(school, f"asset lend {PC} --to 张老师 --due 2026-03-10")
    res, data = check(school, "2026-03-05T09:00")
    assert findings(data, "asset.overdue") == []
    res, data = check(school, "2026-03-15T09:00")
    assert res.exit_code == 1
    found = findings(data, "asset.overdue")
    assert len(found) == 1 and jc in found[0]["message"], found
    res, data = check(school, "2026-03-15T09:00", "--only", "asset")
    assert res.exit_code == 1
    assert findings(data, "asset.overdue")


# -- damage and compensation ---------------------------------------------------------------


def test_human_damage_owes_the_net_book_value(school: Cli) -> None:
    res = school.ok("asset", "damage", PC, "--cause", "human", "--by", "李老师")
    assert res.stdout == "SH-2026-0001\n"
    d = damages(school)["SH-2026-0001"]
    # ¥4,500 over 6 years from 2024-04: 24 months of ¥62.50 charged by March 2026
    assert_fields(d, amount_due="3000.00", paid="0.00", owed="3000.00", by="李老师", cause="human")
    assert events(school, PC) == ["added", "damaged"]
    # the same net value as the depreciation report for this month
    dep = js(school.ok("asset", "depreciation", "--month", "2026-03", "-f", "json"))
    rows = dep["rows"] if isinstance(dep, dict) else dep
    assert next(r for r in rows if r["code"] == PC)["net_value"] == "3000.00"


def test_damage_part_of_a_low_value_batch(school: Cli) -> None:
    sh = created(school, f"asset damage {CHAIRS} --cause human --by 初一(1)班 --qty 2")
    d = damages(school)[sh]
    assert d["amount_due"] == "360.00"  # low-value items are not depreciated
    assert str(d["qty"]) == "2"
    assert d["by"] == "初一(1)班"


def test_damage_amount_overrides(school: Cli) -> None:
    sh = created(school, f"asset damage {PC} --cause human --by 张老师 --amount 1,200.50")
    assert damages(school)[sh]["amount_due"] == "1200.50"


def test_natural_damage_owes_nothing(school: Cli) -> None:
    sh = created(school, f"asset damage {PIANO} --cause natural --note 受潮")
    d = damages(school)[sh]
    assert d["cause"] == "natural"
    assert d["amount_due"] == "0.00" and d["owed"] == "0.00"
    assert sh not in damages(school, "--open")
    assert_refused(
        school, 3, "asset", "compensate", sh, "--amount", "10",
        contains="SH-2026-0001 has a natural cause: nothing is owed",
    )  # fmt: skip


def test_damage_bad_input(school: Cli) -> None:
    damage = ("asset", "damage", PC, "--cause")
    assert_each_refused(
        school,
        (2, [*damage, "human"], "A human-caused damage names who caused it"),
        (2, [*damage, "fire", "--by", "张老师"], "Invalid --cause 'fire'; choose human or natural"),
        (2, [*damage, "human", "--by", "不存在的人"], "No unit or person matches '不存在的人'"),
        (2, [*damage, "human", "--by", "张老师", "--amount", "1.005"],
         "Invalid amount '1.005': money has at most two decimal places"),
        (3, ["asset", "damage", CHAIRS, "--cause", "natural", "--qty", "51"],
         "ZC-2024-0002 has only 50 套"),
    )  # fmt: skip
    assert created(school, f"asset damage {PC} --cause natural") == "SH-2026-0001"


def test_compensate_partly_then_fully(school: Cli) -> None:
    sh = created(school, f"asset damage {PC} --cause human --by 张老师 --amount 500")
    school.ok("asset", "compensate", sh, "--amount", "200")
    d = damages(school)[sh]
    assert (d["amount_due"], d["paid"], d["owed"]) == ("500.00", "200.00", "300.00")
    assert sh in damages(school, "--open")
    assert_refused(
        school, 3, "asset", "compensate", sh, "--amount", "300.01",
        contains="SH-2026-0001 has ¥300.00 still owed",
    )  # fmt: skip
    school.ok("asset", "compensate", sh, "--amount", "¥300", "--date", "2026-03-01")
    d = damages(school)[sh]
    assert (d["paid"], d["owed"]) == ("500.00", "0.00")
    assert sh in damages(school)
    assert sh not in damages(school, "--open")
    assert_refused(
        school, 3, "asset", "compensate", sh, "--amount", "0.01",
        contains="SH-2026-0001 has ¥0.00 still owed; ¥0.01 is more than that",
    )  # fmt: skip
    h = [e for e in history(school, PC) if e["event"] == "compensated"]
    assert len(h) == 2
    assert h[1]["date"] == "2026-03-01"


def test_compensate_bad_input(school: Cli) -> None:
    sh = created(school, f"asset damage {PC} --cause human --by 张老师 --amount 500")
    compensate = ("asset", "compensate", sh, "--amount")
    assert_each_refused(
        school,
        (3, [*compensate, "600"], "SH-2026-0001 has ¥500.00 still owed"),
        (2, [*compensate, "1.001"], "Invalid amount '1.001': money has at most two decimal places"),
        (2, [*compensate, "-5"], "Invalid amount '-5': an amount cannot be negative"),
        (2, ["asset", "compensate", "SH-2026-0099", "--amount", "5"],
         "No damage record SH-2026-0099"),
    )  # fmt: skip


def test_damages_open_lists_what_is_owed(school: Cli) -> None:
    a = created(school, f"asset damage {PC} --cause human --by 张老师 --amount 500")
    b = created(school, f"asset damage {PIANO} --cause natural")
    c = created(school, f"asset damage {CHAIRS} --cause human --by 李老师 --qty 1")
    school.ok("asset", "compensate", c, "--amount", "180")
    school.ok("asset", "compensate", a, "--amount", "100")
    assert set(damages(school)) == {a, b, c}
    open_ = damages(school, "--open")
    assert set(open_) == {a}
    assert open_[a]["owed"] == "400.00"
    out = school.ok("asset", "damages", "--open", "-f", "plain").stdout
    assert a in out and "400.00" in out


def test_unpaid_compensation_is_a_finding_after_the_setting_days(school: Cli) -> None:
    sh = created(school, f"asset damage {PC} --cause human --by 张老师 --amount 500")
    paid = created(school, f"asset damage {PIANO} --cause human --by 李老师 --amount 50")
    school.ok("asset", "compensate", paid, "--amount", "50")
    _res, data = check(school, "2026-04-01T09:00")  # 30 days
    assert findings(data, "asset.compensation") == []
    res, data = check(school, "2026-04-02T09:00")  # 31 days
    assert res.exit_code == 1
    found = findings(data, "asset.compensation")
    assert len(found) == 1 and sh in found[0]["message"], found
    # the setting decides
    school.ok("config", "set", "asset.compensation_days", "60")
    _res, data = check(school, "2026-04-02T09:00")
    assert findings(data, "asset.compensation") == []
    school.ok("config", "set", "asset.compensation_days", "30")
    # paid in part: still a finding; paid in full: none
    school.ok("asset", "compensate", sh, "--amount", "100")
    _res, data = check(school, "2026-04-02T09:00")
    assert len(findings(data, "asset.compensation")) == 1
    school.ok("asset", "compensate", sh, "--amount", "400")
    _res, data = check(school, "2026-04-02T09:00")
    assert findings(data, "asset.compensation") == []


# -- scrapping -------------------------------------------------------------------------------


def scrap(cli: Cli, asset: str, *extra: str, by: str = "张老师") -> str:
    res = cli.ok("asset", "scrap", "request", asset, "--reason", "老化损坏", "--by", by, *extra)
    code = res.stdout.strip()
    assert code.startswith("BF-2026-"), res
    return code


def appraise(cli: Cli, bf: str, by: str = "王主任") -> None:
    cli.ok("asset", "scrap", "appraise", bf, "--by", by, "--opinion", "无修复价值")


def test_scrap_request_prints_its_code(school: Cli) -> None:
    res = school.ok("asset", "scrap", "request", PC, "--reason", "主板烧坏", "--by", "张老师")
    assert res.stdout == "BF-2026-0001\n"
    assert listing(school)[PC]["status"] == "in_use"
    assert_refused(
        school, 2, "asset", "scrap", "request", CHAIRS, "--reason", " ",
        contains="A scrapping request needs a reason: --reason TEXT",
    )  # fmt: skip


CANNOT_APPROVE = "did, asked for or counted BF-2026-0001 and cannot also approve it"


@pytest.mark.parametrize(
    ("appraiser", "approver", "message"),
    [
        (None, "赵校长", "BF-2026-0001 has not been appraised: 损坏后经总务处鉴定后方能注销"),
        ("王主任", "王主任", f"王主任 (RY-0003) {CANNOT_APPROVE}"),
        ("王主任", "李老师", f"李老师 (RY-0002) {CANNOT_APPROVE}"),
        ("王主任", "张老师", "张老师 (RY-0001) does not have the approver role"),
        ("王主任", "钱老师", left_message("钱老师 (RY-0005)", "2026-02-01")),
    ],
    ids=[
        "not-appraised",
        "by-the-appraiser",
        "by-the-requester",
        "by-a-non-approver",
        "by-someone-who-left",
    ],
)
def test_approval_refused(school: Cli, appraiser: str | None, approver: str, message: str) -> None:
    """李老师 asks to scrap the PC; its approval is refused without an appraisal, by
    whoever requested or appraised it, by someone without the approver role, and by
    someone who has left (people.service.approver, the one rule)."""
    bf = scrap(school, PC, by="李老师")
    if appraiser:
        appraise(school, bf, by=appraiser)
    assert_refused(school, 3, "asset", "scrap", "approve", bf, "--by", approver, contains=message)


def test_appraisal_by_the_requester_or_twice_refused(school: Cli) -> None:
    bf = scrap(school, PC, by="张老师")
    assert_refused(
        school, 3, "asset", "scrap", "appraise", bf, "--by", "张老师", "--opinion", "坏了",
        contains="张老师 asked to scrap BF-2026-0001 and cannot also appraise it",
    )  # fmt: skip
    appraise(school, bf, by="王主任")
    assert_refused(
        school, 3, "asset", "scrap", "appraise", bf, "--by", "赵校长", "--opinion", "可修",
        contains="BF-2026-0001 was already appraised by 王主任 on 2026-03-02; it is appraised once",
    )  # fmt: skip
    # the operator who asked (no --by) cannot appraise either
    own = created(
        school, f"asset scrap request {CHAIRS} --reason 老化", env={"HOUQIN_OPERATOR": "李老师"}
    )
    assert_refused(
        school, 3, "asset", "scrap", "appraise", own, "--by", "李老师", "--opinion", "坏了",
        contains=f"李老师 asked to scrap {own} and cannot also appraise it",
    )  # fmt: skip


def test_scrapping_takes_the_card_off_the_books(school: Cli) -> None:
    in_use = listing(school, "--status", "in_use")
    total_before = sum(int(r["total_value"].replace(".", "")) for r in in_use.values())
    bf = scrap(school, PC)
    appraise(school, bf)
    school.ok("asset", "scrap", "approve", bf, "--by", "赵校长")
    assert listing(school, "--all")[PC]["status"] == "scrapped"
    assert set(listing(school, "--status", "scrapped")) == {PC}
    in_use = listing(school, "--status", "in_use")
    assert PC not in in_use
    total_after = sum(int(r["total_value"].replace(".", "")) for r in in_use.values())
    assert total_before - total_after == 450000
    # its history stays
    c = asset_card(school, PC)
    assert c["status"] == "scrapped"
    assert [h["event"] for h in c["history"]][0] == "added"
    assert {"appraised", "scrapped"} <= {h["event"] for h in c["history"]}
    # approving again, by the same person or another, is refused
    for by in ("赵校长", "李老师"):
        assert_refused(
            school, 3, "asset", "scrap", "approve", bf, "--by", by,
            contains="BF-2026-0001 is already approved; the asset left the books",
        )  # fmt: skip
    # a scrapped card is no longer moved, lent, scrapped again or damaged
    scrapped = "ZC-2024-0001 电脑 was scrapped; it cannot be"
    assert_each_refused(
        school,
        (3, ["asset", "move", PC, "--to", "仓库"], f"{scrapped} moved"),
        (3, ["asset", "lend", PC, "--to", "李老师", "--due", "2026-03-10"], f"{scrapped} lent"),
        (3, ["asset", "scrap", "request", PC, "--reason", "again"], f"{scrapped} scrapped"),
        (3, ["asset", "damage", PC, "--cause", "natural"], f"{scrapped} damaged"),
    )


def test_committee_threshold_needs_two_approvers(school: Cli) -> None:
    bf = scrap(school, PIANO)  # ¥12,000 > ¥10,000
    appraise(school, bf)
    school.ok("asset", "scrap", "approve", bf, "--by", "赵校长")
    assert listing(school)[PIANO]["status"] == "in_use"
    res = assert_refused(
        school, 3, "asset", "scrap", "approve", bf, "--by", "赵校长",
        contains="赵校长 already approved BF-2026-0001",
    )  # fmt: skip
    assert "赵校长" in res.stderr
    school.ok("asset", "scrap", "approve", bf, "--by", "李老师")
    assert listing(school, "--all")[PIANO]["status"] == "scrapped"


def test_committee_threshold_is_a_setting(school: Cli) -> None:
    school.ok("config", "set", "asset.scrap_committee_threshold", "12000")
    bf = scrap(school, PIANO)  # ¥12,000 is not above ¥12,000
    appraise(school, bf)
    school.ok("asset", "scrap", "approve", bf, "--by", "赵校长")
    assert listing(school, "--all")[PIANO]["status"] == "scrapped"
    school.ok("config", "set", "asset.scrap_committee_threshold", "4000")
    bf = scrap(school, PC)  # ¥4,500 is
    appraise(school, bf)
    school.ok("asset", "scrap", "approve", bf, "--by", "赵校长")
    assert listing(school)[PC]["status"] == "in_use"
    school.ok("asset", "scrap", "approve", bf, "--by", "李老师")
    assert listing(school, "--all")[PC]["status"] == "scrapped"


def test_scrapping_part_of_a_batch_splits(school: Cli) -> None:
    bf = scrap(school, CHAIRS, "--qty", "3")
    appraise(school, bf)
    school.ok("asset", "scrap", "approve", bf, "--by", "赵校长")
    rows = listing(school, "--category", "601", "--all")
    assert len(rows) == 2
    gone = next(r for r in rows.values() if r["code"] != CHAIRS)
    kept = rows[CHAIRS]
    assert gone["status"] == "scrapped" and kept["status"] == "in_use"
    assert str(gone["qty"]) == "3" and str(kept["qty"]) == "47"
    assert gone["total_value"] == "540.00" and kept["total_value"] == "8460.00"
    assert any(h["ref"] == CHAIRS for h in history(school, gone["code"]))
    assert "scrapped" in events(school, gone["code"])
    assert "scrapped" not in events(school, CHAIRS)


def test_scrap_more_than_the_card_holds(school: Cli) -> None:
    assert_refused(
        school, 3, "asset", "scrap", "request", CHAIRS, "--qty", "60", "--reason", "坏了",
        contains="ZC-2024-0002 has only 50 套",
    )  # fmt: skip


# -- the card's life and the journal -------------------------------------------------------


def test_show_reads_as_the_cards_life(school: Cli, tmp_path: Path) -> None:
    def at(day: str, who: str) -> dict[str, str]:
        return {"HOUQIN_NOW": f"{day}T10:00", "HOUQIN_OPERATOR": who}

    school.ok("asset", "move", PC, "--to", "仓库", env=at("2026-03-03", "王主任"))
    jc = created(
        school, f"asset lend {PC} --to 张老师 --due 2026-03-20", env=at("2026-03-04", "王主任")
    )
    school.ok("asset", "return", jc, "--condition", "damaged", env=at("2026-03-06", "李会计"))
    sh = damages(school)
    (sh_code,) = sh
    school.ok("asset", "compensate", sh_code, "--amount", "100", env=at("2026-03-09", "李会计"))
    bf = created(
        school,
        f"asset scrap request {PC} --reason 屏幕损坏 --by 李老师",
        env=at("2026-03-10", "王主任"),
    )
    school.ok(
        "asset", "scrap", "appraise", bf, "--by", "王主任", "--opinion", "无修复价值",
        env=at("2026-03-11", "王主任"),
    )  # fmt: skip
    school.ok("asset", "scrap", "approve", bf, "--by", "赵校长", env=at("2026-03-12", "赵校长"))
    h = history(school, PC)
    life = [(e["event"], e["date"], e["operator"]) for e in h]
    wanted = [
        ("added", "2024-03-01", "tester"),
        ("moved", "2026-03-03", "王主任"),
        ("lent", "2026-03-04", "王主任"),
        ("returned", "2026-03-06", "李会计"),
        ("damaged", "2026-03-06", "李会计"),
        ("compensated", "2026-03-09", "李会计"),
        ("appraised", "2026-03-11", "王主任"),
        ("scrapped", "2026-03-12", "赵校长"),
    ]
    it = iter(life)
    for w in wanted:
        assert w in it, (w, life)  # in this order, other lines allowed in between
    refs = {e["event"]: e["ref"] for e in h}
    assert refs["lent"] == jc and refs["damaged"] == sh_code and refs["scrapped"] == bf
    # the plain card shows the history too
    out = school.ok("asset", "show", PC, "-f", "plain").stdout
    for part in ("Scrapped", "赵校长", "2026-03-12", jc):  # the event by its label (#12)
        assert part in out, (part, out)


def test_every_custody_write_is_journalled(school: Cli) -> None:
    def log() -> list[dict[str, Any]]:
        return list(js(school.ok("audit", "log", "-f", "json")))

    def one_entry(action: str, line: str, *first: str) -> str:
        """`line` journals `action`, after the entries `first` of the same transaction."""
        before = log()
        res = school.ok(*shlex.split(line))
        after = log()
        assert len(after) == len(before) + 1 + len(first), (line, after[len(before) :])
        assert [e["action"] for e in after[len(before) :]] == [*first, action], after[-1]
        return res.stdout.strip()

    jc = one_entry("asset.lend", f"asset lend {CHAIRS} --to 张老师 --due 2026-03-10 --qty 4")
    one_entry("asset.return", f"asset return {jc} --condition damaged")
    sh = damages(school)
    (sh_code,) = sh
    # the money received is the audit's income too, entered once (#10)
    one_entry("asset.compensate", f"asset compensate {sh_code} --amount 100", "audit.income.add")
    # a natural damage opens a repair order (#14), journalled after the damage
    sh2 = one_entry("repair.request", f"asset damage {PC} --cause natural", "asset.damage")
    assert sh2 == "SH-2026-0002"
    bf = one_entry("asset.scrap.request", f"asset scrap request {PC} --reason 老化 --by 张老师")
    one_entry("asset.scrap.appraise", f"asset scrap appraise {bf} --by 王主任 --opinion 报废")
    one_entry("asset.scrap.approve", f"asset scrap approve {bf} --by 赵校长")
    # reports and checks write nothing
    before = snapshot(school.db)
    school.ok("asset", "damages", "-f", "json")
    school("asset", "overdue", env={"HOUQIN_NOW": "2026-05-01T09:00"})
    school("check", env={"HOUQIN_NOW": "2026-05-01T09:00"})
    assert snapshot(school.db) == before
    res = school("audit", "verify", "-f", "json")
    assert res.exit_code == 0, res
    assert js(res)["ok"] is True


def test_operator_who_requested_cannot_approve(school: Cli) -> None:
    bf = created(
        school, f"asset scrap request {PC} --reason 老化", env={"HOUQIN_OPERATOR": "李老师"}
    )
    appraise(school, bf)
    assert_refused(
        school, 3, "asset", "scrap", "approve", bf, "--by", "李老师",
        contains=f"李老师 (RY-0002) {CANNOT_APPROVE}",
    )  # fmt: skip


def test_scrap_approval_refused_when_the_card_no_longer_holds_the_pieces(school: Cli) -> None:
    bf = scrap(school, CHAIRS, "--qty", "40")
    appraise(school, bf)
    school.ok("asset", "move", CHAIRS, "--to", "仓库", "--qty", "20")  # 30 left on the card
    assert_refused(
        school, 3, "asset", "scrap", "approve", bf, "--by", "赵校长",
        contains="BF-2026-0001 asks to scrap 40 套 but ZC-2024-0002 now holds 30",
    )  # fmt: skip
    rows = listing(school, "--category", "601")
    assert sum(r["qty"] for r in rows.values()) == 50
    assert all(r["status"] == "in_use" for r in rows.values())


def test_lend_due_in_the_past(school: Cli) -> None:
    assert_refused(
        school, 2, "asset", "lend", PC, "--to", "张老师", "--due", "2026-03-01",
        contains="The due date 2026-03-01 is already past",
    )  # fmt: skip
    assert created(school, f"asset lend {PC} --to 张老师 --due today") == "JC-2026-0001"
