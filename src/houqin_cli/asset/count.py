"""The count (资产清查): every card in scope found where it should be, found
elsewhere, or missing; closing with an approver moves the misplaced cards."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import event, find_asset, today
from houqin_cli.asset.inspections import lines_by_card, open_round, scope
from houqin_cli.asset.models import Asset, AssetCount, AssetCountLine
from houqin_cli.core import journal, names
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding, Report
from houqin_cli.people.service import active_person, find_place, place_names

if TYPE_CHECKING:
    from houqin_cli.core.imports import Imported


def find(session: Session, code: str) -> AssetCount:
    found: AssetCount = names.find_code(session, AssetCount, code, _("No asset count {code}."))
    return found


def _open(c: AssetCount) -> AssetCount:
    if c.status != "open":
        raise RuleError(_("Asset count {code} is already closed.").format(code=c.code))
    return c


def start(
    session: Session, actor: Actor, place: str | None, unit: str | None, everything: bool
) -> AssetCount:
    if sum(bool(x) for x in (unit, place, everything)) != 1:
        raise InputError(_("Give exactly one of --place, --unit or --all."))
    c, where = open_round(session, AssetCount, "QC", today(session, actor), unit, place)
    journal.record(session, "asset.count.start", c, where)
    return c


def sheet(session: Session, code: str) -> Report:
    """`asset count sheet`: the cards in scope, to fill in."""
    c = find(session, code)
    places = place_names(session)
    rows = [
        {
            "code": a.code,
            "name": a.name,
            "spec": a.spec,
            "qty": a.qty,
            "unit": a.unit,
            "place": places.get(a.place_id or 0),
            "result": None,
            "found_at": None,
        }
        for a in scope(session, c.unit_id, c.place_id)
        if a.status != "scrapped"
    ]
    title = _("Asset count sheet {code}").format(code=c.code)
    cols = columns("code", "name", "spec", "qty", "unit", "place", "result", "found_at")
    return Report(title, cols, rows)


def _record(
    session: Session, actor: Actor, c: AssetCount, asset: Asset, result: str, place_id: int | None
) -> None:
    same_card = col(AssetCountLine.asset_id) == asset.id
    line = lines_by_card(session, AssetCountLine.count_id, c.id, same_card).get(asset.id or 0)
    if line is None:
        line = AssetCountLine(
            count_id=c.id or 0, asset_id=asset.id or 0, result=result, place_id=place_id
        )
        session.add(line)
    line.result, line.place_id = result, place_id
    session.flush()
    event(session, actor, asset, "counted", today(session, actor), c.code, result)


def record(
    session: Session, actor: Actor, code: str, text: str, found: bool, missing: bool, at: str | None
) -> str:
    c = _open(find(session, code))
    if sum((found, missing, at is not None)) != 1:
        raise InputError(_("Give exactly one of --found, --missing or --at PLACE."))
    asset = find_asset(session, text)
    result, place_id = ("missing", None) if missing else ("found", asset.place_id)
    if at is not None:
        place = find_place(session, at)
        result, place_id = ("found" if place.id == asset.place_id else "elsewhere"), place.id
    _record(session, actor, c, asset, result, place_id)
    journal.record(
        session,
        "asset.count.record",
        c,
        {"asset": asset.code, "result": result, "place": place_id},
    )
    return result


def import_file(session: Session, actor: Actor, code: str, path: Path) -> Imported:
    """The filled-in count sheet: every row or none; a card listed twice is refused,
    naming both rows, rather than the last row silently winning."""
    from houqin_cli.core.imports import (
        Field,
        Once,
        Refusals,
        checked,
        preview,
        read_rows,
        row_error,
    )

    c = _open(find(session, code))
    rows = read_rows(
        path,
        [
            Field("code", ("编号", "资产编号", *variants(N_("Code"))), required=True),
            Field("result", ("结果", "清查结果", *variants(N_("Result")))),
            Field("found_at", ("实际地点", "发现地点", *variants(N_("Found at")))),
        ],
    )
    lines: list[dict[str, Any]] = []
    refusals = Refusals(path)
    once = Once()
    for r in rows:
        result = str(r.values.get("result") or "").strip().lower()
        at = r.values.get("found_at")
        if not result and not at:
            continue
        with refusals.row():
            asset = checked(r, "code", lambda code: find_asset(session, str(code or "")))
            once.seen(r, asset.id, "code", f"{asset.name} ({asset.code})")
            place_name = None
            try:
                if at:
                    place = find_place(session, str(at))
                    outcome = "found" if place.id == asset.place_id else "elsewhere"
                    _record(session, actor, c, asset, outcome, place.id)
                    place_name = place.name
                elif result in ("found", "在", "在位", "有", "√", "✓", "ok", "yes", "是"):
                    outcome = "found"
                    _record(session, actor, c, asset, outcome, asset.place_id)
                elif result in ("missing", "缺失", "丢失", "无", "×", "no", "否"):
                    outcome = "missing"
                    _record(session, actor, c, asset, outcome, None)
                else:
                    raise InputError(
                        _("Invalid result {value!r}: write found/在 or missing/缺失.").format(
                            value=result
                        )
                    )
            except (InputError, RuleError) as exc:
                raise row_error(r, "found_at" if at else "result", exc.message) from exc
            lines.append(
                {"code": asset.code, "name": asset.name, "result": outcome, "found_at": place_name}
            )
    refusals.done()
    if not lines:
        raise InputError(_("{path} has no results.").format(path=path.name))
    journal.record(session, "asset.count.import", c, {"file": path.name, "lines": len(lines)})
    return preview(path, len(lines), columns("code", "name", "result", "found_at"), lines)


def report(session: Session, code: str) -> Report:
    """`asset count report`: every card in scope; missing, misplaced and unrecorded
    ones are findings."""
    c = find(session, code)
    lines = lines_by_card(session, AssetCountLine.count_id, c.id)
    places = place_names(session)
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for a in scope(session, c.unit_id, c.place_id):
        ln = lines.get(a.id or 0)
        result = ln.result if ln else "unrecorded"
        rows.append(
            {
                "code": a.code,
                "name": a.name,
                "qty": a.qty,
                "place": places.get(a.place_id or 0),
                "result": result,
                "found_at": places.get(ln.place_id or 0) if ln else None,
            }
        )
        if result == "found":
            continue
        message = {
            "missing": _("{code} {name} is missing."),
            "elsewhere": _("{code} {name} was found at {at}, not {place}."),
            "unrecorded": _("{code} {name} has not been counted."),
        }[result].format(code=a.code, name=a.name, at=rows[-1]["found_at"], place=rows[-1]["place"])
        findings.append(Finding("asset.count", f"count.{result}", message, {"asset": a.code}))
    title = _("Asset count {code}").format(code=c.code)
    cols = columns("code", "name", "qty", "place", "result", "found_at")
    return Report(title, cols, rows, findings=findings, rows_key="lines")


def close(
    session: Session, actor: Actor, code: str, approved_by: str | None
) -> tuple[AssetCount, int]:
    c = _open(find(session, code))
    if not approved_by:
        raise RuleError(
            _("Closing asset count {code} needs an approver: add --approved-by PERSON.").format(
                code=c.code
            )
        )
    approver = active_person(session, approved_by)
    moved = 0
    day = today(session, actor)
    elsewhere = col(AssetCountLine.result) == "elsewhere"
    for ln in lines_by_card(session, AssetCountLine.count_id, c.id, elsewhere).values():
        asset = session.get(Asset, ln.asset_id)
        if asset is not None and asset.status != "scrapped":
            asset.place_id = ln.place_id
            event(session, actor, asset, "moved", day, c.code, _("found there in the count"))
            moved += 1
    c.status, c.closed_on, c.approved_by_id = "closed", day, approver.id
    session.flush()
    journal.record(session, "asset.count.close", c, {"approved_by": approver.code, "moved": moved})
    return c, moved
