"""Inspections (班级财产检查, XJ-) and the count (资产清查, QC-), through the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import Cli, assert_each_refused, assert_refused, asset_card, snapshot

TERM = "2026-spring"
CLASS1 = "初一(1)班"
CLASS2 = "初一(2)班"


def _code(res: Any) -> str:
    assert res.exit_code == 0, res
    return res.stdout.strip().splitlines()[-1]


def school(cli: Cli) -> dict[str, str]:
    """Two classes with their classrooms, an office, a public music room, people (王五
    holds the approver role), the spring term and five cards."""
    cli.ok("term", "add", TERM, "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("unit", "add", "初一", "--kind", "grade")
    cli.ok("unit", "add", CLASS1, "--kind", "class", "--parent", "初一")
    cli.ok("unit", "add", CLASS2, "--kind", "class", "--parent", "初一")
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("place", "add", "101", "--kind", "classroom", "--unit", CLASS1)
    cli.ok("place", "add", "102", "--kind", "classroom", "--unit", CLASS2)
    cli.ok("place", "add", "总务办公室", "--kind", "office", "--unit", "总务处")
    cli.ok("place", "add", "音乐室", "--kind", "classroom")
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    cli.ok("people", "edit", "王五", "--add-role", "approver")

    def add(*args: str) -> str:
        return _code(cli("asset", "add", *args, "--acquired", "2025-06-10"))

    return {
        "desks": add("课桌椅", "--category", "601", "--value", "200", "--qty", "50", "--unit", "套",
                     "--place", "101"),
        "board": add("黑板", "--category", "602", "--value", "800", "--place", "101"),
        "projector": add("投影仪", "--category", "202", "--value", "3000", "--place", "102"),
        "pc": add("电脑", "--category", "201", "--value", "7200", "--place", "总务办公室",
                  "--custodian", "张三"),
        "piano": add("钢琴", "--category", "303", "--value", "20000", "--place", "音乐室"),
    }  # fmt: skip


def as_json(cli: Cli, *args: str, env: dict[str, str] | None = None) -> tuple[int, Any]:
    res = cli(*args, "-f", "json", env=env)
    assert res.exit_code in (0, 1), res
    assert "Traceback" not in res.stderr, res
    return res.exit_code, json.loads(res.stdout)


def start_inspection(cli: Cli, *scope: str, kind: str = "mid") -> str:
    return _code(cli("asset", "inspect", "start", "--kind", kind, "--term", TERM, *scope))


def inspect_record(xj: str, asset: str, status: str, *extra: str) -> list[str]:
    """The arguments of `asset inspect record XJ ASSET --status STATUS …`."""
    return ["asset", "inspect", "record", xj, asset, "--status", status, *extra]


def inspect_all(cli: Cli, xj: str, env: dict[str, str] | None = None) -> None:
    """Record every card of inspection XJ ok, then close it."""
    _, doc = as_json(cli, "asset", "inspect", "report", xj, env=env)
    for line in doc["lines"]:
        cli.ok(*inspect_record(xj, line["code"], "ok"), env=env)
    cli.ok("asset", "inspect", "close", xj, env=env)


# -- inspections ---------------------------------------------------------------------


def test_inspection_start_covers_the_class_rooms(cli: Cli) -> None:
    cards = school(cli)
    res = cli("asset", "inspect", "start", "--kind", "mid", "--term", TERM, "--unit", CLASS1)
    assert res.exit_code == 0, res
    assert res.stdout.strip() == "XJ-2026-0001"
    code, doc = as_json(cli, "asset", "inspect", "report", "XJ-2026-0001")
    assert code == 1
    assert set(doc) >= {"ok", "findings", "lines"}
    assert doc["ok"] is False
    assert {ln["code"] for ln in doc["lines"]} == {cards["desks"], cards["board"]}
    assert {f["asset"] for f in doc["findings"]} == {cards["desks"], cards["board"]}
    for f in doc["findings"]:
        assert f["check"] and f["code"] and f["message"]


def test_inspection_scope_by_place_and_all(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--place", "音乐室", kind="term")
    _, doc = as_json(cli, "asset", "inspect", "report", xj)
    assert [ln["code"] for ln in doc["lines"]] == [cards["piano"]]
    xj2 = start_inspection(cli, "--all", kind="end")
    assert xj2 == "XJ-2026-0002"
    _, doc = as_json(cli, "asset", "inspect", "report", xj2)
    assert {ln["code"] for ln in doc["lines"]} == set(cards.values())


@pytest.mark.parametrize(
    "scope",
    [
        [],
        ["--unit", CLASS1, "--place", "101"],
        ["--unit", CLASS1, "--all"],
        ["--place", "101", "--all"],
    ],
)
def test_inspection_start_needs_exactly_one_scope(cli: Cli, scope: list[str]) -> None:
    school(cli)
    assert_refused(
        cli, 2, "asset", "inspect", "start", "--kind", "mid", "--term", TERM, *scope,
        contains="Give exactly one of --unit, --place or --all",
    )  # fmt: skip
    assert start_inspection(cli, "--unit", CLASS1) == "XJ-2026-0001"  # no number used up


def test_inspection_start_bad_kind_or_term(cli: Cli) -> None:
    school(cli)
    start = ("asset", "inspect", "start", "--kind")
    assert_each_refused(
        cli,
        (2, [*start, "weekly", "--term", TERM, "--all"],
         "Invalid --kind 'weekly'; choose one of: mid, end, term"),
        (2, [*start, "mid", "--term", "2030-autumn", "--all"],
         "No term '2030-autumn'; known terms: 2026-spring"),
        (2, [*start, "mid", "--term", TERM, "--unit", "不存在班"], "No unit matches '不存在班'"),
    )  # fmt: skip


def test_inspection_all_ok_reports_clean(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    cli.ok(*inspect_record(xj, cards["desks"], "ok"))
    cli.ok(*inspect_record(xj, cards["board"], "ok", "--by", "张三"))
    code, doc = as_json(cli, "asset", "inspect", "report", xj)
    assert code == 0
    assert doc["ok"] is True
    assert doc["findings"] == []
    assert {ln["status"] for ln in doc["lines"]} == {"ok"}


def test_inspection_findings_damaged_missing_uninspected(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--all", kind="end")
    cli.ok(*inspect_record(xj, cards["desks"], "damaged", "--cause", "natural", "--qty", "3",
                           "--note", "桌面开裂"))  # fmt: skip
    cli.ok(*inspect_record(xj, cards["board"], "missing"))
    cli.ok(*inspect_record(xj, cards["pc"], "ok"))
    cli.ok(*inspect_record(xj, cards["piano"], "ok"))
    code, doc = as_json(cli, "asset", "inspect", "report", xj)
    assert code == 1
    assert doc["ok"] is False
    by_asset = {f["asset"]: f for f in doc["findings"]}
    assert set(by_asset) == {cards["desks"], cards["board"], cards["projector"]}
    assert "damaged" in by_asset[cards["desks"]]["code"]
    assert "missing" in by_asset[cards["board"]]["code"]
    assert by_asset[cards["projector"]]["code"] not in (
        by_asset[cards["desks"]]["code"],
        by_asset[cards["board"]]["code"],
    )
    lines = {ln["code"]: ln for ln in doc["lines"]}
    assert lines[cards["desks"]]["status"] == "damaged"
    assert lines[cards["desks"]]["cause"] == "natural"
    assert lines[cards["desks"]]["note"] == "桌面开裂"
    assert lines[cards["board"]]["status"] == "missing"
    assert lines[cards["pc"]]["status"] == "ok"
    # plain output on the same report is exit 1 too
    assert cli("asset", "inspect", "report", xj).exit_code == 1


def test_inspection_damaged_needs_a_cause(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    desks = cards["desks"]
    assert_each_refused(
        cli,
        (2, inspect_record(xj, desks, "damaged"), "A damaged card needs --cause human or natural"),
        (2, inspect_record(xj, desks, "damaged", "--cause", "accident", "--by", "张三"),
         "A damaged card needs --cause human or natural"),
        (2, inspect_record(xj, desks, "broken"),
         "Invalid --status 'broken'; choose ok, damaged or missing"),
        (2, inspect_record("XJ-2026-0099", desks, "ok"), "No inspection XJ-2026-0099"),
    )  # fmt: skip


def test_inspection_human_damage_opens_a_damage_record(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    cli.ok(*inspect_record(xj, cards["desks"], "damaged", "--cause", "human", "--by", CLASS1,
                           "--qty", "2", "--note", "桌腿踢断"))  # fmt: skip
    _, rows = as_json(cli, "asset", "damages")
    assert len(rows) == 1
    d = rows[0]
    assert d["code"] == "SH-2026-0001"
    assert d["asset_code"] == cards["desks"]
    assert d["cause"] == "human"
    assert d["qty"] == 2
    assert d["by"] == CLASS1
    assert d["source"] == xj
    assert d["owed"] == "400.00"  # two sets at ¥200.00, a low-value item: no depreciation
    _, open_rows = as_json(cli, "asset", "damages", "--open")
    assert [r["code"] for r in open_rows] == ["SH-2026-0001"]
    card = asset_card(cli, cards["desks"])
    kinds = [h["event"] for h in card["history"]]
    assert "inspected" in kinds
    assert "damaged" in kinds


def test_inspection_natural_damage_owes_nothing(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    cli.ok(*inspect_record(xj, cards["board"], "damaged", "--cause", "natural"))
    _, rows = as_json(cli, "asset", "damages")
    assert [(r["asset_code"], r["cause"]) for r in rows] == [(cards["board"], "natural")]
    _, open_rows = as_json(cli, "asset", "damages", "--open")
    assert open_rows == []


def test_inspection_record_outside_scope_or_twice(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    outside = "is not in the scope of inspection XJ-2026-0001"
    assert_each_refused(
        cli,
        (3, inspect_record(xj, cards["projector"], "ok"), f"ZC-2025-0003 投影仪 {outside}"),
        (3, inspect_record(xj, cards["pc"], "missing"), f"ZC-2025-0004 电脑 {outside}"),
    )
    cli.ok(*inspect_record(xj, cards["desks"], "ok"))
    for again in (["ok"], ["damaged", "--cause", "human", "--by", CLASS1]):
        assert_refused(
            cli, 3, *inspect_record(xj, cards["desks"], *again),
            contains="ZC-2025-0001 was already recorded in inspection XJ-2026-0001",
        )  # fmt: skip


@pytest.mark.parametrize("status", ["missing", "ok"])
def test_inspection_record_more_pieces_than_the_card_holds(cli: Cli, status: str) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    assert_refused(
        cli, 3, *inspect_record(xj, cards["desks"], status, "--qty", "60"),
        contains="ZC-2025-0001 has only 50 套",
    )  # fmt: skip


def test_inspection_close_then_record_refused(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    cli.ok(*inspect_record(xj, cards["desks"], "damaged", "--cause", "natural"))
    cli.ok(*inspect_record(xj, cards["board"], "ok"))
    cli.ok("asset", "inspect", "close", xj)
    assert_each_refused(
        cli,
        (3, inspect_record(xj, cards["board"], "ok"), "Inspection XJ-2026-0001 is closed"),
        (3, inspect_record(xj, cards["board"], "missing", "--correct"),
         "Inspection XJ-2026-0001 is closed"),
        (3, ["asset", "inspect", "close", xj], "Inspection XJ-2026-0001 is already closed"),
    )  # fmt: skip
    # the report still reads after closing: the desks were damaged
    code, doc = as_json(cli, "asset", "inspect", "report", xj)
    assert code == 1
    assert [f["asset"] for f in doc["findings"]] == [cards["desks"]]


# -- what a term owes -------------------------------------------------------------------


def _owed(rows: list[dict[str, Any]]) -> set[tuple[str, str | None, str | None]]:
    return {(r["kind"], r["org_unit"], r["place"]) for r in rows}


ALL_OWED = {
    ("mid", CLASS1, None),
    ("end", CLASS1, None),
    ("mid", CLASS2, None),
    ("end", CLASS2, None),
    ("term", None, "总务办公室"),
    ("term", None, "音乐室"),
}


def test_due_lists_classes_twice_offices_and_public_rooms_once(cli: Cli) -> None:
    school(cli)
    code, doc = as_json(cli, "asset", "inspect", "due")
    assert code == 0
    assert doc["ok"] is True and doc["findings"] == []
    assert _owed(doc["rows"]) == ALL_OWED  # not the classes' own rooms, not departments
    assert not any(r["overdue"] for r in doc["rows"])
    code2, doc2 = as_json(cli, "asset", "inspect", "due", "--term", TERM)
    assert code2 == 0
    assert _owed(doc2["rows"]) == ALL_OWED
    assert_refused(
        cli, 2, "asset", "inspect", "due", "--term", "2030-autumn",
        contains="No term '2030-autumn'; known terms: 2026-spring",
    )  # fmt: skip


def test_due_closed_inspections_are_no_longer_owed(cli: Cli) -> None:
    school(cli)
    mid = start_inspection(cli, "--unit", CLASS1, kind="mid")
    office = start_inspection(cli, "--place", "总务办公室", kind="term")
    _, doc = as_json(cli, "asset", "inspect", "due")
    assert _owed(doc["rows"]) == ALL_OWED  # open inspections are still owed
    inspect_all(cli, mid)
    inspect_all(cli, office)
    _, doc = as_json(cli, "asset", "inspect", "due")
    assert _owed(doc["rows"]) == ALL_OWED - {("mid", CLASS1, None), ("term", None, "总务办公室")}


def test_mid_term_window_two_weeks_after_the_middle(cli: Cli) -> None:
    school(cli)
    # 2026-02-23 .. 2026-07-10: the middle is early May, the window ends mid-May
    before = {"HOUQIN_NOW": "2026-05-14T09:00"}
    code, doc = as_json(cli, "asset", "inspect", "due", env=before)
    assert code == 0 and doc["findings"] == []
    assert cli("check", "--only", "asset", env=before).exit_code == 0

    after = {"HOUQIN_NOW": "2026-05-20T09:00"}
    code, doc = as_json(cli, "asset", "inspect", "due", env=after)
    assert code == 1
    overdue = {(r["kind"], r["org_unit"], r["place"]) for r in doc["rows"] if r["overdue"]}
    assert overdue == {("mid", CLASS1, None), ("mid", CLASS2, None)}
    assert len(doc["findings"]) == 2
    code, chk = as_json(cli, "check", "--only", "asset", env=after)
    assert code == 1
    assert chk["ok"] is False
    msgs = [f["message"] for f in chk["findings"] if f["check"].startswith("asset")]
    assert len(msgs) == 2
    assert any(CLASS1 in m for m in msgs) and any(CLASS2 in m for m in msgs)
    assert cli("check", env=after).exit_code == 1

    # closing the owed inspections, even late, clears the findings
    for cls in (CLASS1, CLASS2):
        start = ("asset", "inspect", "start", "--kind", "mid", "--term", TERM, "--unit", cls)
        xj = _code(cli(*start, env=after))
        inspect_all(cli, xj, env=after)
    code, doc = as_json(cli, "asset", "inspect", "due", env=after)
    assert code == 0
    assert cli("check", "--only", "asset", env=after).exit_code == 0


def test_mid_term_window_exact_boundary(cli: Cli) -> None:
    school(cli)
    # 120 days: the middle is 2026-10-31, the mid-term window ends 2026-11-14
    cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2026-12-30")

    def mid_overdue(now: str) -> bool:
        code, doc = as_json(
            cli, "asset", "inspect", "due", "--term", "2026-autumn", env={"HOUQIN_NOW": now}
        )
        flags = {r["overdue"] for r in doc["rows"] if r["kind"] == "mid"}
        assert len(flags) == 1
        assert code == (1 if True in flags else 0)
        return flags.pop()

    assert mid_overdue("2026-11-14T18:00") is False
    assert mid_overdue("2026-11-15T09:00") is True


def test_end_and_term_window_is_the_last_day(cli: Cli) -> None:
    school(cli)
    last = {"HOUQIN_NOW": "2026-07-10T17:00"}
    code, doc = as_json(cli, "asset", "inspect", "due", "--term", TERM, env=last)
    assert {(r["kind"], r["overdue"]) for r in doc["rows"]} == {
        ("mid", True),
        ("end", False),
        ("term", False),
    }
    after = {"HOUQIN_NOW": "2026-07-11T09:00"}
    code, doc = as_json(cli, "asset", "inspect", "due", "--term", TERM, env=after)
    assert code == 1
    assert all(r["overdue"] for r in doc["rows"])
    assert len(doc["findings"]) == len(ALL_OWED)
    code, chk = as_json(cli, "check", "--only", "asset", env=after)
    assert code == 1
    wheres = {f.get("org_unit") or f.get("place") for f in chk["findings"]}
    assert wheres >= {CLASS1, CLASS2, "总务办公室", "音乐室"}


# -- the count --------------------------------------------------------------------------


def start_count(cli: Cli, *scope: str) -> str:
    return _code(cli("asset", "count", "start", *scope))


def count_record(cli: Cli, qc: str, results: dict[str, list[str]]) -> None:
    """`asset count record QC ASSET RESULT` for each card and its result."""
    for asset, result in results.items():
        cli.ok("asset", "count", "record", qc, asset, *result)


def test_count_start_and_sheet(cli: Cli, tmp_path: Path) -> None:
    cards = school(cli)
    res = cli("asset", "count", "start", "--place", "101")
    assert res.exit_code == 0, res
    assert res.stdout.strip() == "QC-2026-0001"
    out = tmp_path / "sheet.csv"
    cli.ok("asset", "count", "sheet", "QC-2026-0001", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {r["Code"] for r in rows} == {cards["desks"], cards["board"]}
    assert "Result" in rows[0] and "Found at" in rows[0]
    xlsx = tmp_path / "sheet.xlsx"
    cli.ok("asset", "count", "sheet", "QC-2026-0001", "-o", str(xlsx))
    values = [c for r in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True) for c in r]
    assert cards["desks"] in values and cards["board"] in values
    assert cards["pc"] not in values


def test_count_unit_and_all_scope(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--unit", CLASS2)
    _, doc = as_json(cli, "asset", "count", "report", qc)
    assert [ln["code"] for ln in doc["lines"]] == [cards["projector"]]
    cli.ok("asset", "count", "record", qc, cards["projector"], "--found")
    cli.ok("asset", "count", "close", qc, "--approved-by", "王五")  # --all would overlap it
    qc2 = start_count(cli, "--all")
    assert qc2 == "QC-2026-0002"
    _, doc = as_json(cli, "asset", "count", "report", qc2)
    assert {ln["code"] for ln in doc["lines"]} == set(cards.values())


@pytest.mark.parametrize(
    "scope", [[], ["--place", "101", "--all"], ["--place", "101", "--unit", CLASS1]]
)
def test_count_start_needs_exactly_one_scope(cli: Cli, scope: list[str]) -> None:
    school(cli)
    assert_refused(
        cli, 2, "asset", "count", "start", *scope,
        contains="Give exactly one of --place, --unit or --all",
    )  # fmt: skip
    assert start_count(cli, "--all") == "QC-2026-0001"


@pytest.mark.parametrize(
    "flags",
    [[], ["--found", "--missing"], ["--found", "--at", "102"], ["--missing", "--at", "102"]],
)
def test_count_record_needs_exactly_one_result(cli: Cli, flags: list[str]) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    assert_refused(
        cli, 2, "asset", "count", "record", qc, cards["desks"], *flags,
        contains="Give exactly one of --found, --missing or --at PLACE",
    )  # fmt: skip


def test_count_report_all_found_in_place(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    cli.ok("asset", "count", "record", qc, cards["desks"], "--found")
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert code == 1  # the board is not recorded yet
    assert [f["asset"] for f in doc["findings"]] == [cards["board"]]
    cli.ok("asset", "count", "record", qc, cards["board"], "--at", "101")  # where it should be
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert code == 0
    assert doc["ok"] is True and doc["findings"] == []


def test_count_report_missing_misplaced_unrecorded(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--all")
    count_record(cli, qc, {cards["desks"]: ["--found"], cards["board"]: ["--missing"],
                           cards["pc"]: ["--at", "音乐室"], cards["piano"]: ["--found"]})  # fmt: skip
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert code == 1
    assert doc["ok"] is False
    by_asset = {f["asset"]: f for f in doc["findings"]}
    assert set(by_asset) == {cards["board"], cards["pc"], cards["projector"]}
    assert len({f["code"] for f in doc["findings"]}) == 3
    assert "音乐室" in by_asset[cards["pc"]]["message"]
    lines = {ln["code"]: ln for ln in doc["lines"]}
    assert lines[cards["pc"]]["found_at"] == "音乐室"
    assert lines[cards["pc"]]["place"] == "总务办公室"


def _fill_csv(path: Path, results: dict[str, tuple[str, str]]) -> None:
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    ci, ri, fi = header.index("Code"), header.index("Result"), header.index("Found at")
    for r in rows[1:]:
        if r and r[ci] in results:
            r[ri], r[fi] = results[r[ci]]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_count_import_filled_csv(cli: Cli, tmp_path: Path) -> None:
    cards = school(cli)
    qc = start_count(cli, "--all")
    sheet = tmp_path / "sheet.csv"
    cli.ok("asset", "count", "sheet", qc, "-o", str(sheet))
    _fill_csv(
        sheet,
        {
            cards["desks"]: ("found", ""),
            cards["board"]: ("missing", ""),
            cards["projector"]: ("", "101"),  # found in another class's room
            cards["pc"]: ("found", ""),
            cards["piano"]: ("", "音乐室"),  # found-at its own place: found
        },
    )
    cli.ok("asset", "count", "import", qc, str(sheet))
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert code == 1
    assert {f["asset"] for f in doc["findings"]} == {cards["board"], cards["projector"]}
    lines = {ln["code"]: ln for ln in doc["lines"]}
    assert lines[cards["projector"]]["found_at"] == "101"


def test_count_import_filled_xlsx_in_chinese(cli: Cli, tmp_path: Path) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    sheet = tmp_path / "清查表.xlsx"
    res = cli("asset", "count", "sheet", qc, "-o", str(sheet), env={"HOUQIN_LANG": "zh"})
    assert res.exit_code == 0, res
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    fill = {cards["desks"]: "在", cards["board"]: "缺失"}
    filled = 0
    for row in ws.iter_rows():
        if row[0].value in fill:
            row[6].value = fill[row[0].value]  # the result column (code … place, result, found at)
            filled += 1
    assert filled == 2
    wb.save(sheet)
    cli.ok("asset", "count", "import", qc, str(sheet))
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert code == 1
    assert [f["asset"] for f in doc["findings"]] == [cards["board"]]
    assert {ln["code"]: ln["result"] for ln in doc["lines"]}[cards["desks"]] == "found"


def test_count_import_is_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    sheet = tmp_path / "sheet.csv"
    cli.ok("asset", "count", "sheet", qc, "-o", str(sheet))
    _fill_csv(sheet, {cards["desks"]: ("found", ""), cards["board"]: ("maybe", "")})
    assert_refused(
        cli, 2, "asset", "count", "import", qc, str(sheet),
        contains="Row 3, column 7 (Result): Invalid result 'maybe'",
    )  # fmt: skip
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert {ln["result"] for ln in doc["lines"]} == {"unrecorded"}


def test_count_import_names_every_bad_row_in_one_pass(cli: Cli, tmp_path: Path) -> None:
    cards = school(cli)
    qc = start_count(cli, "--all")
    sheet = tmp_path / "sheet.csv"
    cli.ok("asset", "count", "sheet", qc, "-o", str(sheet))
    bad = {cards["desks"]: ("maybe", ""), cards["board"]: ("", "月球"), cards["pc"]: ("?", "")}
    _fill_csv(sheet, {**bad, cards["piano"]: ("found", "")})
    before = snapshot(cli.db)
    res = cli("asset", "count", "import", qc, str(sheet))
    assert res.exit_code == 2 and "Traceback" not in res.stderr, res
    lines = res.stderr.splitlines()
    assert lines[0] == "Error: sheet.csv: 3 rows refused; nothing was imported:", res
    assert len(lines) == 4 and all(line.startswith("Row ") for line in lines[1:]), res
    assert snapshot(cli.db) == before


def test_count_close_needs_an_approver_and_moves_misplaced(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--all")
    count_record(cli, qc, {cards["desks"]: ["--found"], cards["board"]: ["--missing"],
                           cards["pc"]: ["--at", "音乐室"]})  # fmt: skip
    close = ("asset", "count", "close", qc)
    assert_each_refused(
        cli,
        (3, close, "Closing asset count QC-2026-0001 needs an approver"),
        (2, [*close, "--approved-by", "无此人"], "No person matches '无此人'"),
    )
    cli.ok("asset", "count", "close", qc, "--approved-by", "王五", "--unrecorded-as-missing")

    def at(place: str) -> set[str]:
        _, rows = as_json(cli, "asset", "list", "--place", place)
        return {r["code"] for r in rows}

    assert at("音乐室") == {cards["piano"], cards["pc"]}
    assert cards["pc"] not in at("总务办公室")
    assert at("101") == {cards["desks"], cards["board"]}  # a missing card is not moved
    card = asset_card(cli, cards["pc"])
    assert card["place"] == "音乐室"
    assert [h for h in card["history"] if h["event"] == "moved" and h["ref"] == qc]

    for args in (
        [*close, "--approved-by", "王五"],
        ["asset", "count", "record", qc, cards["projector"], "--found"],
    ):
        assert_refused(cli, 3, *args, contains="Asset count QC-2026-0001 is already closed")
