"""Class inspections at mid- and end-of-term, offices and public rooms once a term
(班级财产每学期检查两次, 办公室和公用教室每学期一次), and what a term still owes."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import event, find_asset, pieces_of, today
from houqin_cli.asset.custody import damage
from houqin_cli.asset.models import Asset, AssetCount, Inspection, InspectionLine
from houqin_cli.calendar.service import resolve_term, term_at, terms
from houqin_cli.core import clock, journal, names, recurrence, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding, Report
from houqin_cli.people.service import (
    find_place,
    find_unit,
    place_ids_of_unit,
    place_names,
    places_of_kinds,
    units_of_kind,
)

KINDS = ("mid", "end", "term")
PUBLIC_KINDS = ("office", "classroom", "other", "canteen", "store")
OWED = ("term", "kind", "org_unit", "place", "due_by", "overdue")
Round = TypeVar("Round", Inspection, AssetCount)


def find(session: Session, code: str) -> Inspection:
    found: Inspection = names.find_code(session, Inspection, code, _("No inspection {code}."))
    return found


def scope(session: Session, unit_id: int | None, place_id: int | None) -> list[Asset]:
    """The cards an inspection covers: a unit's (its custody or its rooms), a place's, or all."""
    q = select(Asset).where(col(Asset.status) != "scrapped").order_by(col(Asset.code))
    if unit_id is not None:
        rooms = place_ids_of_unit(session, unit_id)
        q = q.where((col(Asset.custodian_unit_id) == unit_id) | col(Asset.place_id).in_(rooms))
    elif place_id is not None:
        q = q.where(col(Asset.place_id) == place_id)
    return list(session.execute(q).scalars())


def lines_by_card(
    session: Session, round_column: Any, round_id: int | None, *where: Any
) -> dict[int, Any]:
    """An inspection's or a count's lines by card id: `round_column` is the lines'
    column naming their round (InspectionLine.inspection_id, AssetCountLine.count_id),
    `where` any further condition on them."""
    q = select(round_column.class_).where(col(round_column) == round_id, *where)
    return {ln.asset_id: ln for ln in session.execute(q).scalars()}


def open_round(
    session: Session,
    model: type[Round],
    prefix: str,
    day: date,
    unit: str | None,
    place: str | None,
    **fields: Any,
) -> tuple[Round, dict[str, str | None]]:
    """A new inspection or count (`model`) of a unit or a place (neither: of every
    card), open from `day` and flushed; and the codes of its unit and place."""
    u = find_unit(session, unit) if unit else None
    p = find_place(session, place) if place else None
    record = model(
        code=next_code(session, prefix, year=day.year, model=model),
        unit_id=u.id if u else None,
        place_id=p.id if p else None,
        status="open",
        started_on=day,
        **fields,
    )
    session.add(record)
    session.flush()
    return record, {"unit": u.code if u else None, "place": p.code if p else None}


def start(
    session: Session,
    actor: Actor,
    kind: str,
    term: str,
    unit: str | None,
    place: str | None,
    everything: bool,
) -> tuple[Inspection, int]:
    if kind not in KINDS:
        raise InputError(
            _("Invalid --kind {value!r}; choose one of: {allowed}.").format(
                value=kind, allowed=", ".join(KINDS)
            )
        )
    if sum(bool(x) for x in (unit, place, everything)) != 1:
        raise InputError(_("Give exactly one of --unit, --place or --all."))
    t = resolve_term(session, term)
    day = today(session, actor)
    insp, where = open_round(
        session, Inspection, "XJ", day, unit, place, kind=kind, term_id=t.id or 0
    )
    cards = scope(session, insp.unit_id, insp.place_id)
    payload = {"kind": kind, "term": t.name, **where, "cards": len(cards)}
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
) -> InspectionLine:
    insp = find(session, code)
    if insp.status != "open":
        raise RuleError(_("Inspection {code} is closed.").format(code=insp.code))
    if status not in ("ok", "damaged", "missing"):
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
    if lines_by_card(
        session, InspectionLine.inspection_id, insp.id, col(InspectionLine.asset_id) == asset.id
    ):
        raise RuleError(
            _("{code} was already recorded in inspection {insp}.").format(
                code=asset.code, insp=insp.code
            )
        )
    pieces = pieces_of(asset, qty)
    line = InspectionLine(
        inspection_id=insp.id or 0,
        asset_id=asset.id or 0,
        status=status,
        cause=cause,
        qty=pieces,
        note=note,
    )
    if status == "damaged":
        d = damage(
            session, actor, asset.code, cause or "natural", by, str(pieces), None, note, insp.code
        )
        line.damage_id = d.id
    session.add(line)
    session.flush()
    event(session, actor, asset, "inspected", today(session, actor), insp.code, status)
    session.flush()
    journal.record(
        session,
        "asset.inspect.record",
        insp,
        {"asset": asset.code, "status": status, "cause": cause, "qty": pieces},
    )
    return line


def report(session: Session, code: str) -> Report:
    """`asset inspect report`: every card in scope; the ones not ok are findings."""
    insp = find(session, code)
    lines = lines_by_card(session, InspectionLine.inspection_id, insp.id)
    places = place_names(session)
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    cards = scope(session, insp.unit_id, insp.place_id)
    seen = {a.id for a in cards}
    cards += [a for a in (session.get(Asset, k) for k in lines if k not in seen) if a is not None]
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


def close(session: Session, actor: Actor, code: str) -> Inspection:
    insp = find(session, code)
    if insp.status != "open":
        raise RuleError(_("Inspection {code} is already closed.").format(code=insp.code))
    insp.status, insp.closed_on = "closed", today(session, actor)
    session.flush()
    journal.record(session, "asset.inspect.close", insp)
    return insp


# When each kind of inspection is due in a term: a class's mid-term one by two
# weeks after the term's middle, its end-of-term one and an office's once-a-term
# one by the term's last day (班级财产每学期检查两次, 办公室和公用教室每学期一次).
SCHEDULES = {"mid": "term:mid+14d", "end": "term:end", "term": "term:end"}


def _windows(term: Any) -> dict[str, date]:
    """The last day of each kind's window in `term`."""
    span = recurrence.TermSpan(term.name, term.start, term.end)
    return {
        kind: recurrence.parse(spec).occurrences(span.start, date.max, terms=[span])[0].due
        for kind, spec in SCHEDULES.items()
    }


def due(session: Session, term: Any, day: date) -> list[dict[str, Any]]:
    """What the term still owes: each class mid and end, each office and public room once."""
    done = {
        (i.kind, i.unit_id, i.place_id)
        for i in session.execute(
            select(Inspection).where(
                col(Inspection.term_id) == term.id, col(Inspection.status) == "closed"
            )
        ).scalars()
    }
    windows = _windows(term)
    rows = []
    for u in units_of_kind(session, "class"):
        for kind in ("mid", "end"):
            if (kind, u.id, None) not in done:
                rows.append(
                    {
                        "term": term.name,
                        "kind": kind,
                        "org_unit": u.name,
                        "place": None,
                        "due_by": windows[kind],
                        "overdue": day > windows[kind],
                    }
                )
    for p in places_of_kinds(session, PUBLIC_KINDS):
        if p.kind == "classroom" and p.unit_id is not None:
            continue  # a class's own room: inspected with the class
        if ("term", None, p.id) not in done:
            rows.append(
                {
                    "term": term.name,
                    "kind": "term",
                    "org_unit": None,
                    "place": p.name,
                    "due_by": windows["term"],
                    "overdue": day > windows["term"],
                }
            )
    return rows


def owed_findings(rows: list[dict[str, Any]]) -> list[Finding]:
    """The overdue lines of `due`, as findings: one rule for `inspect due` and the check."""
    return [
        Finding(
            "asset.inspections",
            "inspection.owed",
            _("{term}: the {kind} inspection of {where} was due by {due}.").format(
                term=r["term"], kind=r["kind"], where=r["org_unit"] or r["place"], due=r["due_by"]
            ),
            {"term": r["term"], "kind": r["kind"], "org_unit": r["org_unit"], "place": r["place"]},
        )
        for r in rows
        if r["overdue"]
    ]


def owed_report(session: Session, term_name: str | None) -> Report:
    """`asset inspect due`: what a term (default: the current one) still owes."""
    day = clock.today(settings.timezone(session))
    term = resolve_term(session, term_name) if term_name else term_at(session, day)
    if term is None:
        raise RuleError(_("No term covers {day}; add one with `houqin term add`.").format(day=day))
    rows = due(session, term, day)
    return Report(_("Inspections owed"), columns(*OWED), rows, findings=owed_findings(rows))


def owed_check(session: Session) -> list[Finding]:
    day = clock.today(settings.timezone(session))
    current = term_at(session, day)
    recent = sorted((t for t in terms(session) if t.end < day), key=lambda t: t.end)
    wanted = ([current] if current else []) + recent[-1:]
    return [f for term in wanted for f in owed_findings(due(session, term, day))]
