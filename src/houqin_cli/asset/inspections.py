"""Class inspections at mid- and end-of-term, offices and public rooms once a term
(班级财产每学期检查两次, 办公室和公用教室每学期一次), and what a term still owes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import owing
from houqin_cli.asset.cards import event, find_asset, pieces_of, today
from houqin_cli.asset.damages import damage
from houqin_cli.asset.models import Asset, Inspection, InspectionLine
from houqin_cli.asset.rounds import (
    lines_by_card,
    open_round,
    reported,
    same_scope,
    scope,
    unrecorded,
    where,
)
from houqin_cli.calendar.service import term_for
from houqin_cli.core import journal, labels, names
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding, Report
from houqin_cli.people.service import place_names

KINDS = ("mid", "end", "term")
STATUSES = ("ok", "damaged", "missing")


def find(session: Session, code: str) -> Inspection:
    found: Inspection = names.find_code(session, Inspection, code, _("No inspection {code}."))
    return found


def kinds_for(u: Any, p: Any) -> tuple[str, ...]:
    """The kinds of inspection a scope takes (the rule `due` counts by): a class, and
    a class's own room, mid and end; an office or a public room once a term (term)."""
    if u is not None and u.kind == "class":
        return ("mid", "end")
    if p is not None and p.kind in owing.PUBLIC_KINDS:
        return ("mid", "end") if p.kind == "classroom" and p.unit_id is not None else ("term",)
    return KINDS


def start(
    session: Session,
    actor: Actor,
    kind: str,
    term: str | None,
    unit: str | None,
    place: str | None,
    everything: bool,
) -> tuple[Inspection, int]:
    kind = labels.lookup("inspection_kind", kind) or kind  # `--kind 期中`
    if kind not in KINDS:
        raise InputError(
            _("Invalid --kind {value!r}; choose one of: {allowed}.").format(
                value=kind, allowed=", ".join(KINDS)
            )
        )
    u, p = where(
        session, unit, place, everything, _("Give exactly one of --unit, --place or --all.")
    )
    allowed = kinds_for(u, p)
    if kind not in allowed:
        raise RuleError(
            _(
                "{where} takes --kind {allowed}, not {kind}: classes are inspected mid- and end-of-term, offices and public rooms once a term."
            ).format(where=(u or p).name, allowed=" or ".join(allowed), kind=kind)
        )
    t = term_for(session, term)
    same = (
        session.execute(
            select(Inspection).where(
                col(Inspection.status) == "open",
                col(Inspection.kind) == kind,
                col(Inspection.term_id) == t.id,
                *same_scope(Inspection, u, p),
            )
        )
        .scalars()
        .first()
    )
    if same is not None:
        raise RuleError(
            _(
                "Inspection {code} ({kind}, {term}) of the same scope is still open; record and close it instead of starting another."
            ).format(code=same.code, kind=kind, term=t.name)
        )
    day = today(session, actor)
    insp, codes = open_round(session, Inspection, "XJ", day, u, p, kind=kind, term_id=t.id or 0)
    cards = scope(session, insp.unit_id, insp.place_id)
    payload = {"kind": kind, "term": t.name, **codes, "cards": len(cards)}
    journal.record(session, "asset.inspect.start", insp, payload)
    return insp, len(cards)


def record(
    session: Session,
    actor: Actor,
    code: str,
    text: str,
    status: str,
    cause: str | None,
    by: str | None,
    qty: str | None,
    note: str | None,
    correct: bool = False,
) -> InspectionLine:
    """A card's state in an inspection; `correct` records it again over a wrong line
    (journalled with what it was), which is refused without it."""
    insp = find(session, code)
    if insp.status != "open":
        raise RuleError(_("Inspection {code} is closed.").format(code=insp.code))
    status = labels.lookup("condition", status) or status  # `--status 损坏`
    if status not in STATUSES:
        raise InputError(
            _("Invalid --status {value!r}; choose ok, damaged or missing.").format(value=status)
        )
    asset = find_asset(session, text)
    if asset.id not in {a.id for a in scope(session, insp.unit_id, insp.place_id)}:
        raise RuleError(
            _("{code} {name} is not in the scope of inspection {insp}.").format(
                code=asset.code, name=asset.name, insp=insp.code
            )
        )
    if status == "damaged" and cause not in ("human", "natural"):
        raise InputError(_("A damaged card needs --cause human or natural."))
    line = lines_by_card(
        session, InspectionLine.inspection_id, insp.id, col(InspectionLine.asset_id) == asset.id
    ).get(asset.id or 0)
    was = _recorded(insp, asset, line, correct)
    pieces = pieces_of(asset, qty)
    if line is None:
        line = InspectionLine(
            inspection_id=insp.id or 0, asset_id=asset.id or 0, status=status, qty=pieces
        )
    line.status, line.cause, line.qty, line.note = status, cause, pieces, note
    if status == "damaged":
        d = damage(
            session, actor, asset.code, cause or "natural", by, str(pieces), None, note, insp.code
        )
        line.damage_id = d.id
    session.add(line)
    session.flush()
    event(session, actor, asset, "inspected", today(session, actor), insp.code, status)
    session.flush()
    payload: dict[str, Any] = {"asset": asset.code, "status": status, "cause": cause, "qty": pieces}
    action = "asset.inspect.record"
    if was is not None:
        action, payload = "asset.inspect.correct", {**payload, "was": was}
    journal.record(session, action, insp, payload)
    return line


def _recorded(
    insp: Inspection, asset: Asset, line: InspectionLine | None, correct: bool
) -> dict[str, Any] | None:
    """What a card's line was, when `correct` records it again; the refusals of recording
    a line twice without --correct, of correcting what was never recorded, and of
    correcting a line that opened a damage record."""
    if line is None:
        if correct:
            raise RuleError(
                _(
                    "{code} has not been recorded in inspection {insp}; record it without --correct."
                ).format(code=asset.code, insp=insp.code)
            )
        return None
    if not correct:
        raise RuleError(
            _(
                "{code} was already recorded in inspection {insp} ({status}); to change it, record it again with --correct."
            ).format(code=asset.code, insp=insp.code, status=line.status)
        )
    if line.damage_id is not None:
        raise RuleError(
            _(
                "{code} was recorded damaged in inspection {insp} and opened a damage record; a correction cannot undo it."
            ).format(code=asset.code, insp=insp.code)
        )
    return {"status": line.status, "cause": line.cause, "qty": line.qty, "note": line.note}


def report(session: Session, code: str) -> Report:
    """`asset inspect report`: every card in scope; the ones not ok are findings."""
    insp = find(session, code)
    lines = lines_by_card(session, InspectionLine.inspection_id, insp.id)
    places = place_names(session)
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    cards = reported(session, insp, lines)
    for a in cards:
        ln = lines.get(a.id or 0)
        status = ln.status if ln else "uninspected"
        rows.append(
            {
                "code": a.code,
                "name": a.name,
                "place": places.get(a.place_id or 0),
                "qty": a.qty,
                "status": status,
                "cause": ln.cause if ln else None,
                "note": ln.note if ln else None,
            }
        )
        if status != "ok":
            message = {
                "damaged": _("{code} {name} is damaged ({cause})."),
                "missing": _("{code} {name} is missing."),
                "uninspected": _("{code} {name} has not been inspected."),
            }[status].format(code=a.code, name=a.name, cause=ln.cause if ln else "")
            findings.append(
                Finding("asset.inspection", f"inspection.{status}", message, {"asset": a.code})
            )
    title = _("Inspection {code}").format(code=insp.code)
    cols = columns("code", "name", "place", "qty", "status", "cause", "note")
    return Report(title, cols, rows, findings=findings, rows_key="lines")


def close(session: Session, actor: Actor, code: str, uninspected_as_ok: bool = False) -> Inspection:
    """Close an inspection once every card in scope is inspected: with none inspected
    it is refused; with some left, only `uninspected_as_ok` closes it (recording them
    ok), so a closed inspection is a done one and clears what the term owes."""
    insp = find(session, code)
    if insp.status != "open":
        raise RuleError(_("Inspection {code} is already closed.").format(code=insp.code))
    lines, left = unrecorded(session, insp, InspectionLine.inspection_id)
    if left and not lines:
        raise RuleError(
            _(
                "No card of inspection {code} has been inspected; record them with `houqin asset inspect record {code} CARD --status ok|damaged|missing` before closing."
            ).format(code=insp.code)
        )
    if left and not uninspected_as_ok:
        raise RuleError(
            _(
                "{n} cards of inspection {code} are not inspected yet; inspect them, or close with --uninspected-as-ok."
            ).format(n=len(left), code=insp.code)
        )
    day = today(session, actor)
    for a in left:
        session.add(
            InspectionLine(inspection_id=insp.id or 0, asset_id=a.id or 0, status="ok", qty=a.qty)
        )
        event(session, actor, a, "inspected", day, insp.code, "ok")
    insp.status, insp.closed_on = "closed", day
    session.flush()
    journal.record(
        session, "asset.inspect.close", insp, {"uninspected_as_ok": [a.code for a in left]}
    )
    return insp
