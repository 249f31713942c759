"""An inspection done (AQ-2026-0001): against the occurrence of its plan that the day
falls in, item by item from the plan's checklist; each problem opens a hazard."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.core import journal
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people import service as people
from houqin_cli.safety import hazards, reads
from houqin_cli.safety.due import Schedules
from houqin_cli.safety.models import SafetyRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _item(items: list[str], text: str, code: str) -> str:
    wanted = text.strip().lower()
    found = next((i for i in items if i.lower() == wanted), None)
    if found is None:
        raise InputError(
            _("{item!r} is not on the checklist of {code}; its items: {items}.").format(
                item=text.strip(), code=code, items="; ".join(items)
            )
        )
    return found


def record(
    session: Session,
    code: str,
    *,
    by: str,
    day: date,
    place: str | None,
    ok: list[str],
    problems: list[str],
) -> tuple[SafetyRecord, list[str]]:
    """Store the inspection; returns it and the codes of the hazards it opened."""
    from houqin_cli.core.tx import reader_of

    reader = reader_of(session)
    plan = reads.find_plan(reader, code)
    if plan.stopped_on is not None and day > plan.stopped_on:
        raise RuleError(
            _("{code} was stopped on {day}; nothing is inspected under it after that.").format(
                code=plan.code, day=plan.stopped_on
            )
        )
    if day < plan.start:
        raise InputError(
            _("{day} is before the plan's first day {start}.").format(day=day, start=plan.start)
        )
    if not ok and not problems:
        raise InputError(_('Say how each item was found: --ok ITEM or --problem "ITEM=what".'))
    items = plan.items
    results: list[dict[str, str | None]] = []
    seen: set[str] = set()
    for text in ok:
        results.append({"item": _item(items, text, plan.code), "result": "ok"})
    for text in problems:
        name, sep, what = text.partition("=")
        if not sep or not what.strip():
            raise InputError(
                _(
                    '--problem needs ITEM=what was found, such as "灭火器=压力不足": {text!r}.'
                ).format(text=text)
            )
        results.append({"item": _item(items, name, plan.code), "result": "problem",
                         "text": what.strip()})  # fmt: skip
    for r in results:
        if r["item"] in seen:
            raise InputError(_("{item} is given twice.").format(item=r["item"]))
        seen.add(str(r["item"]))
    who = people.active_person_on(session, by, day)
    place_id = _place(session, reader, plan, place, bool(problems))
    occ = Schedules(reader).occurrence_on(plan, day)
    if occ is None:
        raise RuleError(
            _("{code} has no inspection due around {day}.").format(code=plan.code, day=day)
        )
    rec = SafetyRecord(
        code=next_code(session, "AQ", year=day.year, model=SafetyRecord),
        plan_id=plan.id, key=occ.key, due=occ.due, date=day, by_id=who.id or 0,
        place_id=place_id, results="", problems=len(problems),
    )  # fmt: skip
    session.add(rec)
    session.flush()
    opened: list[str] = []
    owner = plan.owner_id or who.id or 0
    for r in results:
        if r["result"] == "problem" and place_id is not None:
            hz = hazards.open_hazard(
                session, place_id=place_id, what=f"{r['item']}: {r['text']}", level="minor",
                owner_id=owner, found=day, record_id=rec.id, source=rec.code,
            )  # fmt: skip
            r["hazard"] = hz.code
            opened.append(hz.code)
    rec.results = json.dumps(results, ensure_ascii=False)
    session.flush()
    payload = {"plan": plan.code, "key": occ.key, "due": occ.due.isoformat(),
               "date": day.isoformat(), "by_id": who.id, "place_id": place_id,
               "results": results}  # fmt: skip
    journal.record(session, "safety.record", rec, payload)
    return rec, opened


def _place(session: Session, reader: object, plan: reads.PlanRow, text: str | None,
           needed: bool) -> int | None:  # fmt: skip
    """The place inspected: one the plan covers (its places, or places of its kinds);
    a plan with one place needs none given; a problem needs one."""
    from houqin_cli.core.tx import reader_of

    scope = plan.place_ids or (reads.places_of_kinds(reader_of(session), plan.kinds)
                               if plan.kinds else [])  # fmt: skip
    if text is None:
        if len(plan.place_ids) == 1:
            return plan.place_ids[0]
        if needed:
            raise InputError(_("A problem opens a hazard at a place: give --place PLACE."))
        return None
    where = people.find_place(session, text)
    if (plan.place_ids or plan.kinds) and where.id not in scope:
        raise RuleError(
            _("{place} is not among the places {code} covers.").format(
                place=where.name, code=plan.code
            )
        )
    return where.id
