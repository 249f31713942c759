"""The count (资产清查): every card in scope found where it should be, found
elsewhere, or missing; closing with an approver moves the misplaced cards, and a
card found missing is a finding until it is scrapped (盘亏) or found again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import event, find_asset, today
from houqin_cli.asset.models import Asset, AssetCount, AssetCountLine
from houqin_cli.asset.rounds import (
    lines_by_card,
    open_round,
    reported,
    scope,
    scope_name,
    unrecorded,
    where,
)
from houqin_cli.core import journal, names, notes
from houqin_cli.core.codes import scanned
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding, Report
from houqin_cli.people.service import (
    approver,
    find_place,
    place_ids_of_unit,
    place_names,
    registered_ids,
)

if TYPE_CHECKING:
    from houqin_cli.core.headers import Row
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
    """A new count; one overlapping an open count (the same scope, or a card both
    would cover) is refused: the same card would be counted twice."""
    u, p = where(
        session, unit, place, everything, _("Give exactly one of --place, --unit or --all.")
    )
    ids = (u.id if u else None, p.id if p else None)
    cards = {a.id for a in scope(session, *ids)}
    for other in session.execute(
        select(AssetCount).where(col(AssetCount.status) == "open").order_by(col(AssetCount.id))
    ).scalars():
        theirs = {a.id for a in scope(session, other.unit_id, other.place_id)}
        if (other.unit_id, other.place_id) == ids or cards & theirs:
            raise RuleError(
                _(
                    "Asset count {code} ({scope}) is still open and covers the same cards; close it before starting another."
                ).format(code=other.code, scope=scope_name(session, other))
            )
    c, codes = open_round(session, AssetCount, "QC", today(session, actor), u, p)
    journal.record(session, "asset.count.start", c, codes)
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
    session: Session,
    actor: Actor,
    c: AssetCount,
    asset: Asset,
    result: str,
    place_id: int | None,
    correct: bool = False,
) -> dict[str, Any] | None:
    """Record a card's result; with `correct`, over its wrong line (and what it was is
    returned, for the journal). A card already recorded needs --correct, one not
    recorded cannot be corrected, and a card outside the count's scope can only be
    found at a place the count covers (found elsewhere)."""
    if asset.id not in {a.id for a in scope(session, c.unit_id, c.place_id)} and not (
        result == "elsewhere" and _covers(session, c, place_id)
    ):
        raise RuleError(
            _(
                "{code} {name} is not in the scope of asset count {count} ({scope}); a card from elsewhere is recorded only as found at a place the count covers (--at PLACE)."
            ).format(code=asset.code, name=asset.name, count=c.code, scope=scope_name(session, c))
        )
    same_card = col(AssetCountLine.asset_id) == asset.id
    line = lines_by_card(session, AssetCountLine.count_id, c.id, same_card).get(asset.id or 0)
    if line is None and correct:
        raise RuleError(
            _(
                "{code} has not been recorded in asset count {count}; record it without --correct."
            ).format(code=asset.code, count=c.code)
        )
    if line is not None and not correct:
        raise RuleError(
            _(
                "{code} was already recorded in asset count {count} ({result}); to change it, record it again with --correct."
            ).format(code=asset.code, count=c.code, result=line.result)
        )
    was = None if line is None else {"result": line.result, "place": line.place_id}
    if line is None:
        line = AssetCountLine(count_id=c.id or 0, asset_id=asset.id or 0, result=result)
        session.add(line)
    line.result, line.place_id = result, place_id
    session.flush()
    event(session, actor, asset, "counted", today(session, actor), c.code, result)
    return was


def _covers(session: Session, c: AssetCount, place_id: int | None) -> bool:
    """Whether `place_id` is a place the count covers (a unit's rooms, its place, any)."""
    if c.unit_id is not None:
        return place_id in place_ids_of_unit(session, c.unit_id)
    return c.place_id is None or place_id == c.place_id


def _result(asset: Asset, place_id: int) -> str:
    return "found" if place_id == asset.place_id else "elsewhere"


def record(
    session: Session,
    actor: Actor,
    code: str,
    text: str,
    found: bool,
    missing: bool,
    at: str | None,
    correct: bool = False,
) -> str:
    c = _open(find(session, code))
    if sum((found, missing, at is not None)) != 1:
        raise InputError(_("Give exactly one of --found, --missing or --at PLACE."))
    asset = find_asset(session, scanned(text))
    result, place_id = ("missing", None) if missing else ("found", asset.place_id)
    if at is not None:
        place = find_place(session, at)
        result, place_id = _result(asset, place.id or 0), place.id
    was = _record(session, actor, c, asset, result, place_id, correct)
    payload: dict[str, Any] = {"asset": asset.code, "result": result, "place": place_id}
    if was is not None:
        journal.record(session, "asset.count.correct", c, {**payload, "was": was})
    else:
        journal.record(session, "asset.count.record", c, payload)
    return result


def import_file(session: Session, actor: Actor, code: str, path: Path) -> Imported:
    """The filled-in count sheet: every row or none; a card listed twice is refused,
    naming both rows, rather than the last row silently winning."""
    from houqin_cli.core.imports import Field, per_record, preview, read_rows, row_error

    c = _open(find(session, code))
    rows = read_rows(
        path,
        [
            Field("code", ("编号", "资产编号", *variants(N_("Code"))), required=True),
            Field("result", ("结果", "清查结果", *variants(N_("Result")))),
            Field("found_at", ("实际地点", "发现地点", *variants(N_("Found at")))),
        ],
        session,
    )
    before = lines_by_card(session, AssetCountLine.count_id, c.id)
    lines: list[dict[str, Any]] = []
    same = 0

    def take(r: Row, asset: Asset) -> None:
        nonlocal same
        result = str(r.values.get("result") or "").strip().lower()
        at = r.values.get("found_at")
        place_name = None
        try:
            if at:
                place = find_place(session, str(at))
                place_name = place.name
                line: tuple[str, int | None] = (_result(asset, place.id or 0), place.id or 0)
            elif result in ("found", "在", "在位", "有", "√", "✓", "ok", "yes", "是"):
                line = ("found", asset.place_id)
            elif result in ("missing", "缺失", "丢失", "无", "×", "no", "否"):
                line = ("missing", None)
            else:
                raise InputError(
                    _("Invalid result {value!r}: write found/在 or missing/缺失.").format(
                        value=result
                    )
                )
            was = before.get(asset.id or 0)
            if was is not None and (was.result, was.place_id) == line:
                same += 1  # a sheet imported again: what is recorded stays
                return
            _record(session, actor, c, asset, *line)
        except (InputError, RuleError) as exc:
            raise row_error(r, "found_at" if at else "result", exc.message) from exc
        lines.append(
            {"code": asset.code, "name": asset.name, "result": line[0], "found_at": place_name}
        )

    per_record(
        path,
        rows,
        "code",
        lambda text: find_asset(session, text),
        take,
        said=lambda r: bool(str(r.values.get("result") or "").strip() or r.values.get("found_at")),
    )
    if not lines and not same:
        raise InputError(_("{path} has no results.").format(path=path.name))
    if lines:
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
    cards = reported(session, c, lines)
    for a in cards:  # the scope's, then those from elsewhere found in it
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
    return Report(title, cols, rows, findings=findings, rows_key="lines", signed=True)


def close(
    session: Session,
    actor: Actor,
    code: str,
    approved_by: str | None,
    unrecorded_as_missing: bool = False,
) -> tuple[AssetCount, int]:
    """Close a count: every card in scope recorded (or, with `unrecorded_as_missing`,
    the rest recorded missing), approved by an approver who neither started the count
    nor recorded its lines; misplaced cards move to where they were found."""
    c = _open(find(session, code))
    if not approved_by:
        raise RuleError(
            _("Closing asset count {code} needs an approver: add --approved-by PERSON.").format(
                code=c.code
            )
        )
    counters = registered_ids(session, (e.operator for e in journal.entries_for(session, [c.code])))
    person = approver(session, approved_by, excluding=counters, what=c.code)
    lines, left = unrecorded(session, c, AssetCountLine.count_id)
    if left and not unrecorded_as_missing:
        raise RuleError(
            _(
                "{n} cards of asset count {code} are not recorded yet; count them, or close with --unrecorded-as-missing."
            ).format(n=len(left), code=c.code)
        )
    day = today(session, actor)
    for a in left:
        session.add(AssetCountLine(count_id=c.id or 0, asset_id=a.id or 0, result="missing"))
        event(session, actor, a, "counted", day, c.code, "missing")
    moved = 0
    for ln in lines.values():
        asset = session.get(Asset, ln.asset_id)
        if ln.result == "elsewhere" and asset is not None and asset.status != "scrapped":
            asset.place_id = ln.place_id
            event(session, actor, asset, "moved", day, c.code, notes.coded("found_in_count"))
            moved += 1
    c.status, c.closed_on, c.approved_by_id = "closed", day, person.id
    session.flush()
    payload = {
        "approved_by": person.code,
        "moved": moved,
        "unrecorded_as_missing": [a.code for a in left],
    }
    journal.record(session, "asset.count.close", c, payload)
    return c, moved
