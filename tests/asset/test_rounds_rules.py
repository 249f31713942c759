"""The rules of the asset rounds (#10 item 5): an inspection or a count is closed only
once its work is done (or a flag says what becomes of the rest), is not started twice,
takes a wrong line back only with --correct; a card found missing stays a finding
until it is scrapped (盘亏) or found again. "Now" is 2026-03-02 09:00."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from test_inspections_count import (
    CLASS1,
    TERM,
    _fill_csv,
    as_json,
    inspect_record,
    school,
    start_count,
    start_inspection,
)

from conftest import (
    Cli,
    assert_each_refused,
    assert_refused,
    asset_card,
    findings_json,
    js,
    raw,
)


def owed(cli: Cli) -> set[tuple[str, str | None, str | None]]:
    _, doc = as_json(cli, "asset", "inspect", "due")
    return {(r["kind"], r["org_unit"], r["place"]) for r in doc["rows"]}


def last_entry(cli: Cli) -> dict[str, Any]:
    """The journal's last entry as stored, its payload read."""
    with raw(cli.db) as con:
        action, payload = con.execute(
            sa.text("SELECT action, payload FROM journal ORDER BY seq DESC LIMIT 1")
        ).one()
    return {"action": action, "payload": json.loads(payload)}


# -- inspections -----------------------------------------------------------------------


def test_inspection_closed_with_no_card_inspected_is_refused(cli: Cli) -> None:
    school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    assert_refused(
        cli, 3, "asset", "inspect", "close", xj, "--uninspected-as-ok",
        contains=f"No card of inspection {xj} has been inspected; record them with "
        f"`houqin asset inspect record {xj} CARD",
    )  # fmt: skip
    assert ("mid", CLASS1, None) in owed(cli)  # the term still owes it


def test_inspection_closed_with_cards_left_needs_the_flag(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    cli.ok(*inspect_record(xj, cards["desks"], "ok"))
    assert_refused(
        cli, 3, "asset", "inspect", "close", xj,
        contains=f"1 cards of inspection {xj} are not inspected yet; inspect them, "
        "or close with --uninspected-as-ok",
    )  # fmt: skip
    assert ("mid", CLASS1, None) in owed(cli)
    cli.ok("asset", "inspect", "close", xj, "--uninspected-as-ok")
    code, doc = as_json(cli, "asset", "inspect", "report", xj)
    assert code == 0, doc
    assert {ln["code"]: ln["status"] for ln in doc["lines"]} == {
        cards["desks"]: "ok",
        cards["board"]: "ok",
    }
    assert ("mid", CLASS1, None) not in owed(cli)
    entry = last_entry(cli)
    assert entry == {
        "action": "asset.inspect.close",
        "payload": {"uninspected_as_ok": [cards["board"]]},
    }


def test_the_same_inspection_started_twice_is_refused(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    assert_refused(
        cli, 3, "asset", "inspect", "start", "--kind", "mid", "--term", TERM, "--unit", CLASS1,
        contains=f"Inspection {xj} (mid, {TERM}) of the same scope is still open",
    )  # fmt: skip
    # another kind, or another scope, is another inspection
    assert start_inspection(cli, "--unit", CLASS1, kind="end") == "XJ-2026-0002"
    assert start_inspection(cli, "--all") == "XJ-2026-0003"
    # once closed, the same one may be started again (a re-inspection)
    cli.ok(*inspect_record(xj, cards["desks"], "ok"))
    cli.ok(*inspect_record(xj, cards["board"], "ok"))
    cli.ok("asset", "inspect", "close", xj)
    assert start_inspection(cli, "--unit", CLASS1) == "XJ-2026-0004"


def test_an_office_takes_only_the_once_a_term_kind(cli: Cli) -> None:
    """README: each class twice a term (mid, end), each office and public room once
    (term): `--kind mid` for an office, or `term` for a class, is refused."""
    school(cli)
    start = ("asset", "inspect", "start", "--term", TERM, "--kind")
    rule = "classes are inspected mid- and end-of-term, offices and public rooms once a term"
    assert_each_refused(
        cli,
        (3, [*start, "mid", "--place", "总务办公室"],
         f"总务办公室 takes --kind term, not mid: {rule}"),
        (3, [*start, "end", "--place", "音乐室"], f"音乐室 takes --kind term, not end: {rule}"),
        (3, [*start, "term", "--unit", CLASS1], f"{CLASS1} takes --kind mid or end, not term"),
        (3, [*start, "term", "--place", "101"], "101 takes --kind mid or end, not term"),
    )  # fmt: skip
    assert start_inspection(cli, "--place", "总务办公室", kind="term") == "XJ-2026-0001"


def test_an_inspection_line_is_corrected_with_correct(cli: Cli) -> None:
    cards = school(cli)
    xj = start_inspection(cli, "--unit", CLASS1)
    board, desks = cards["board"], cards["desks"]
    cli.ok(*inspect_record(xj, board, "ok"))
    assert_each_refused(
        cli,
        (3, inspect_record(xj, board, "missing"),
         f"{board} was already recorded in inspection {xj} (ok); to change it, "
         "record it again with --correct"),
        (3, inspect_record(xj, desks, "ok", "--correct"),
         f"{desks} has not been recorded in inspection {xj}; record it without --correct"),
    )  # fmt: skip
    cli.ok(*inspect_record(xj, board, "missing", "--correct", "--note", "找不到"))
    entry = last_entry(cli)
    assert entry["action"] == "asset.inspect.correct", entry
    assert entry["payload"]["status"] == "missing"
    assert entry["payload"]["was"] == {"status": "ok", "cause": None, "qty": 1, "note": None}
    _, doc = as_json(cli, "asset", "inspect", "report", xj)
    lines = {ln["code"]: ln for ln in doc["lines"]}
    assert lines[board]["status"] == "missing" and lines[board]["note"] == "找不到"
    # a correction to damaged opens the damage record; a damaged line is not undone
    cli.ok(*inspect_record(xj, board, "damaged", "--cause", "human", "--by", CLASS1, "--correct"))
    assert [d["asset_code"] for d in js(cli.ok("asset", "damages", "-f", "json"))] == [board]
    assert_refused(
        cli, 3, *inspect_record(xj, board, "ok", "--correct"),
        contains=f"{board} was recorded damaged in inspection {xj} and opened a damage record",
    )  # fmt: skip


# -- the count -------------------------------------------------------------------------


def test_count_closed_with_cards_unrecorded_needs_the_flag(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    cli.ok("asset", "count", "record", qc, cards["desks"], "--found")
    assert_refused(
        cli, 3, "asset", "count", "close", qc, "--approved-by", "王五",
        contains=f"1 cards of asset count {qc} are not recorded yet; count them, "
        "or close with --unrecorded-as-missing",
    )  # fmt: skip
    cli.ok("asset", "count", "close", qc, "--approved-by", "王五", "--unrecorded-as-missing")
    _, doc = as_json(cli, "asset", "count", "report", qc)
    assert {ln["code"]: ln["result"] for ln in doc["lines"]} == {
        cards["desks"]: "found",
        cards["board"]: "missing",
    }


def test_count_out_of_scope_card_is_not_found_there(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    projector = cards["projector"]  # at 102
    outside = f"{projector} 投影仪 is not in the scope of asset count {qc} (101)"
    record = ("asset", "count", "record", qc, projector)
    assert_each_refused(
        cli,
        (3, [*record, "--found"], outside),
        (3, [*record, "--missing"], outside),
        (3, [*record, "--at", "102"], outside),  # found where the books have it: not here
        (3, [*record, "--at", "音乐室"], outside),  # a place this count does not cover
    )
    # found in the room counted: recorded as found elsewhere, and moved there at close
    cli.ok(*record, "--at", "101")
    cli.ok("asset", "count", "record", qc, cards["desks"], "--found")
    cli.ok("asset", "count", "record", qc, cards["board"], "--found")
    code, doc = as_json(cli, "asset", "count", "report", qc)
    assert code == 1
    assert [f["asset"] for f in doc["findings"]] == [projector]
    cli.ok("asset", "count", "close", qc, "--approved-by", "王五")
    assert asset_card(cli, projector)["place"] == "101"


def test_count_overlapping_an_open_one_is_refused(cli: Cli) -> None:
    school(cli)
    qc = start_count(cli, "--place", "101")
    still_open = f"Asset count {qc} (101) is still open and covers the same cards"
    assert_each_refused(
        cli,
        (3, ["asset", "count", "start", "--place", "101"], still_open),
        (3, ["asset", "count", "start", "--unit", CLASS1], still_open),  # its rooms: 101
        (3, ["asset", "count", "start", "--all"], still_open),
    )
    assert start_count(cli, "--place", "102") == "QC-2026-0002"  # no card in common


def test_count_line_is_corrected_with_correct(cli: Cli) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    board = cards["board"]
    cli.ok("asset", "count", "record", qc, board, "--found")
    assert_each_refused(
        cli,
        (3, ["asset", "count", "record", qc, board, "--missing"],
         f"{board} was already recorded in asset count {qc} (found); to change it, "
         "record it again with --correct"),
        (3, ["asset", "count", "record", qc, cards["desks"], "--found", "--correct"],
         f"{cards['desks']} has not been recorded in asset count {qc}; record it without --correct"),
    )  # fmt: skip
    cli.ok("asset", "count", "record", qc, board, "--missing", "--correct")
    entry = last_entry(cli)
    assert entry["action"] == "asset.count.correct", entry
    assert entry["payload"]["result"] == "missing"
    assert entry["payload"]["was"]["result"] == "found"
    _, doc = as_json(cli, "asset", "count", "report", qc)
    assert {ln["code"]: ln["result"] for ln in doc["lines"]}[board] == "missing"


def test_count_close_needs_an_approver_who_did_not_count(cli: Cli) -> None:
    cards = school(cli)
    cli.ok("people", "edit", "李四", "--add-role", "approver")
    qc = _code_of(cli.ok("asset", "count", "start", "--place", "101", env=as_("李四")))
    cli.ok("asset", "count", "record", qc, cards["desks"], "--found", env=as_("王五"))
    cli.ok("asset", "count", "record", qc, cards["board"], "--found")
    close = ("asset", "count", "close", qc, "--approved-by")
    assert_each_refused(
        cli,
        (3, [*close, "张三"], "张三 (RY-0001) does not have the approver role"),
        (3, [*close, "王五"], f"王五 (RY-0003) did, asked for or counted {qc}"),
        (3, [*close, "李四"], f"李四 (RY-0002) did, asked for or counted {qc}"),
    )
    cli.ok("people", "add", "赵六", "--role", "approver")
    cli.ok(*close, "赵六")


def as_(operator: str) -> dict[str, str]:
    return {"HOUQIN_OPERATOR": operator}


def _code_of(res: Any) -> str:
    return str(res.stdout.strip())


def missing(cli: Cli) -> list[dict[str, Any]]:
    _, data = findings_json(cli, "check", "--only", "asset")
    return [f for f in data["findings"] if f["check"] == "asset.missing"]


def test_a_card_found_missing_is_a_finding_until_found_again(cli: Cli) -> None:
    cards = school(cli)
    board = cards["board"]
    qc = start_count(cli, "--place", "101")
    cli.ok("asset", "count", "record", qc, cards["desks"], "--found")
    cli.ok("asset", "count", "record", qc, board, "--missing")
    assert missing(cli) == []  # an open count concludes nothing yet
    cli.ok("asset", "count", "close", qc, "--approved-by", "王五")
    (f,) = missing(cli)
    assert f["asset"] == board and f["count"] == qc
    assert f"{board} 黑板 was found missing in asset count {qc} (2026-03-02)" in f["message"]
    assert f"houqin asset scrap request {board} --reason 盘亏" in f["message"]
    assert cli("check", "--only", "asset").exit_code == 1
    qc2 = start_count(cli, "--place", "101")
    cli.ok("asset", "count", "record", qc2, board, "--found")
    cli.ok("asset", "count", "close", qc2, "--approved-by", "王五", "--unrecorded-as-missing")
    assert [f["asset"] for f in missing(cli)] == [cards["desks"]]  # now the desks are


def test_a_card_found_missing_is_written_off_by_scrapping(cli: Cli) -> None:
    cards = school(cli)
    board = cards["board"]
    qc = start_count(cli, "--place", "101")
    cli.ok("asset", "count", "record", qc, cards["desks"], "--found")
    cli.ok("asset", "count", "close", qc, "--approved-by", "王五", "--unrecorded-as-missing")
    assert [f["asset"] for f in missing(cli)] == [board]
    bf = _code_of(cli.ok("asset", "scrap", "request", board, "--reason", "盘亏", "--by", "张三"))
    cli.ok("asset", "scrap", "appraise", bf, "--by", "李四", "--opinion", "清查缺失")
    assert [f["asset"] for f in missing(cli)] == [board]  # until the scrapping is approved
    cli.ok("asset", "scrap", "approve", bf, "--by", "王五")
    assert missing(cli) == []


def test_a_count_sheet_imported_again_keeps_what_is_recorded(cli: Cli, tmp_path: Path) -> None:
    cards = school(cli)
    qc = start_count(cli, "--place", "101")
    sheet = tmp_path / "sheet.csv"
    cli.ok("asset", "count", "sheet", qc, "-o", str(sheet))
    _fill_csv(sheet, {cards["desks"]: ("found", ""), cards["board"]: ("missing", "")})
    cli.ok("asset", "count", "import", qc, str(sheet))
    cli.ok("asset", "count", "import", qc, str(sheet))  # the same sheet: nothing changes
    _fill_csv(sheet, {cards["board"]: ("found", "")})
    assert_refused(
        cli, 2, "asset", "count", "import", qc, str(sheet),
        contains=f"{cards['board']} was already recorded in asset count {qc} (missing); "
        "to change it, record it again with --correct",
    )  # fmt: skip
    _, doc = as_json(cli, "asset", "count", "report", qc)
    assert {ln["code"]: ln["result"] for ln in doc["lines"]}[cards["board"]] == "missing"
