"""Hazards (隐患, YH-2026-0001): found (by hand, from an inspection's problem, from a
watch's growth), fixed, re-checked. The loop closes only on a passing re-check by
someone other than the fixer; a failing one sends the hazard back with a new deadline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import journal, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people import service as people
from houqin_cli.safety.models import Hazard, HazardRecheck

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LEVELS = ("minor", "major")
DAYS = {"minor": 7, "major": 3}  # the deadline of a hazard an inspection or a watch opens


def find(session: Session, code: str) -> Hazard:
    found: Hazard = names.find_code(
        session, Hazard, code, _("No hazard {code!r}; see `houqin safety hazard list`.")
    )
    return found


def level_of(text: str) -> str:
    value = (text or "").strip().lower()
    value = {"一般": "minor", "重大": "major"}.get(value, value)
    if value not in LEVELS:
        raise InputError(
            _("Invalid --level {value!r}; choose one of: minor, major.").format(value=text)
        )
    return value


def _deadline(found: date, deadline: date) -> date:
    if deadline < found:
        raise InputError(
            _("The deadline {deadline} is before the hazard was found ({found}).").format(
                deadline=deadline, found=found
            )
        )
    return deadline


def open_hazard(
    session: Session,
    *,
    place_id: int,
    what: str,
    level: str,
    owner_id: int,
    found: date,
    deadline: date | None = None,
    record_id: int | None = None,
    source: str | None = None,
) -> Hazard:
    """A new open hazard; journalled (`source`: the record or watch that found it)."""
    what = (what or "").strip()
    if not what:
        raise InputError(_("A hazard needs what was found: --what TEXT."))
    due = _deadline(found, deadline or found + timedelta(days=DAYS[level]))
    hz = Hazard(
        code=next_code(session, "YH", year=found.year, model=Hazard),
        place_id=place_id,
        what=what,
        level=level,
        owner_id=owner_id,
        deadline=due,
        found_on=found,
        status="open",
        record_id=record_id,
    )
    session.add(hz)
    session.flush()
    payload = {"place_id": place_id, "what": what, "level": level, "owner_id": owner_id,
               "deadline": due.isoformat(), "found_on": found.isoformat(), "source": source}  # fmt: skip
    journal.record(session, "safety.hazard.add", hz, payload)
    return hz


def add(
    session: Session,
    *,
    place: str,
    what: str,
    level: str,
    owner: str,
    deadline: date,
    found: date,
) -> Hazard:
    lvl = level_of(level)
    where = people.find_place(session, place)
    who = people.active_person_on(session, owner, found)
    _deadline(found, deadline)
    return open_hazard(session, place_id=where.id or 0, what=what, level=lvl,
                       owner_id=who.id or 0, found=found, deadline=deadline)  # fmt: skip


def fix(session: Session, code: str, by: str, note: str, day: date, repair: bool) -> Hazard:
    """Mark an open hazard fixed (it still needs someone else's re-check)."""
    hz = find(session, code)
    if hz.status != "open":
        raise RuleError(
            _("{code} is {status}: only an open hazard is fixed.").format(
                code=hz.code, status=hz.status
            )
        )
    text = (note or "").strip()
    if not text:
        raise InputError(_("Say what was done: --note TEXT."))
    if day < hz.found_on:
        raise InputError(
            _("{day} is before the hazard was found ({found}).").format(day=day, found=hz.found_on)
        )
    who = people.active_person_on(session, by, day)
    hz.status, hz.fixed_by_id, hz.fixed_on, hz.fix_note = "fixed", who.id, day, text
    if repair:  # the fix is a repair order, asked for by the fixer at the hazard's place
        from houqin_cli.core.db import reader_of
        from houqin_cli.repair import orders

        place = reader_of(session).rows("SELECT code FROM place WHERE id = :i", {"i": hz.place_id})
        order = orders.request(
            session,
            hz.what,
            place=str(place[0][0]),
            by=who.code,
            urgency="urgent" if hz.level == "major" else "normal",
            note=f"{hz.code}: {text}",
        )
        hz.repair_code = order.code
    session.flush()
    payload: dict[str, Any] = {"by_id": who.id, "day": day.isoformat(), "note": text}
    if hz.repair_code:
        payload["repair"] = hz.repair_code
    journal.record(session, "safety.hazard.fix", hz, payload)
    return hz


def recheck(
    session: Session,
    code: str,
    by: str,
    passed: bool,
    note: str | None,
    day: date,
    new_deadline: date | None,
) -> Hazard:
    """Re-check a fixed hazard: a pass closes it; a fail reopens it with a new deadline.
    Whoever fixed it cannot re-check it, and the re-checker holds the approver role
    (setting `approval.role`), as every approval does (exit 3)."""
    hz = find(session, code)
    if hz.status != "fixed":
        raise RuleError(
            _("{code} is {status}: only a fixed hazard is re-checked; fix it first with "
              "`houqin safety hazard fix {code}`.").format(code=hz.code, status=hz.status)
        )  # fmt: skip
    who = people.active_person_on(session, by, day)
    if who.id == hz.fixed_by_id:
        raise RuleError(
            _("{name} fixed {code} and cannot re-check their own fix; someone else "
              "re-checks it.").format(name=who.name, code=hz.code)
        )  # fmt: skip
    people.require_role(session, who)  # a re-check is an approval (CONVENTIONS)
    if hz.fixed_on is not None and day < hz.fixed_on:
        raise InputError(_("{day} is before the fix ({fixed}).").format(day=day, fixed=hz.fixed_on))
    if passed and new_deadline is not None:
        raise InputError(_("--deadline goes with --fail: a pass closes the hazard."))
    if not passed:
        if new_deadline is None:
            raise InputError(_("A failed re-check sets a new deadline: --deadline DATE."))
        if new_deadline < day:
            raise InputError(
                _("The new deadline {deadline} is before the re-check ({day}).").format(
                    deadline=new_deadline, day=day
                )
            )
    rc = HazardRecheck(hazard_id=hz.id or 0, day=day, by_id=who.id or 0, passed=passed,
                       note=(note or "").strip() or None, new_deadline=new_deadline)  # fmt: skip
    session.add(rc)
    if passed:
        hz.status, hz.closed_on = "closed", day
    else:
        hz.status, hz.deadline = "open", new_deadline or hz.deadline
        hz.fixed_by_id = hz.fixed_on = hz.fix_note = None
    session.flush()
    payload = {"by_id": who.id, "day": day.isoformat(), "pass": passed, "note": rc.note,
               "deadline": new_deadline.isoformat() if new_deadline else None}  # fmt: skip
    journal.record(session, "safety.hazard.recheck", hz, payload)
    return hz
