"""Safety plans (安全检查计划, AJ-0001): added, edited, stopped, and the plans the office
wrote down loaded from plans.json. Their occurrences are computed (safety/due.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from houqin_cli.calendar import tasks as calendar_tasks
from houqin_cli.core import journal, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people import service as people
from houqin_cli.people.vocab import PLACE_KINDS, choice
from houqin_cli.safety.models import SafetyPlan

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PLANS = Path(__file__).with_name("plans.json")
MOST_ITEMS = 50
MOST_PLACES = 40  # places or people: their ids fit the column
MOST_NAME = 200


@dataclass
class Fields:
    """What `plan add` and `plan edit` are given (None: not given)."""

    name: str | None = None
    every: str | None = None
    places: list[str] | None = None
    kind: str | None = None
    checklist: str | None = None
    owner: str | None = None
    rotate: str | None = None
    start: date | None = None
    note: str | None = None


def find(session: Session, code: str) -> SafetyPlan:
    found: SafetyPlan = names.find_code(
        session, SafetyPlan, code, _("No safety plan {code!r}; see `houqin safety plan list`.")
    )
    return found


def checklist_of(text: str) -> list[str]:
    """ "项目1;项目2" (；and line breaks too) as its items, each once."""
    items = [t.strip() for t in text.replace("；", ";").replace("\n", ";").split(";")]
    items = [t for t in items if t]
    if not items:
        raise InputError(_('A plan needs its checklist: --checklist "项目1;项目2".'))
    if len(items) > MOST_ITEMS:
        raise InputError(_("A checklist has at most {n} items.").format(n=MOST_ITEMS))
    seen: set[str] = set()
    for item in items:
        if "=" in item:
            raise InputError(_("A checklist item cannot hold '=': {item}.").format(item=item))
        if item.lower() in seen:
            raise InputError(_("The checklist names {item} twice.").format(item=item))
        seen.add(item.lower())
    return items


def _rotation(session: Session, text: str) -> str:
    wanted = [t.strip() for t in text.replace("，", ",").split(",") if t.strip()]
    if not wanted:
        raise InputError(_("--rotate needs at least one person: --rotate 王芳,李强."))
    if len(wanted) > MOST_PLACES:
        raise InputError(_("--rotate names at most {n} people.").format(n=MOST_PLACES))
    ids = [people.active_person(session, t).id for t in wanted]
    if len(set(ids)) < len(ids):
        raise InputError(_("--rotate names someone twice: {text}.").format(text=text))
    return ",".join(str(i) for i in ids)


def _kinds(text: str) -> str:
    kinds = [choice(k.strip(), PLACE_KINDS, "--kind") for k in text.split(",") if k.strip()]
    if not kinds:
        raise InputError(_("--kind needs a place kind, such as classroom."))
    return ",".join(dict.fromkeys(kinds))


def _apply(session: Session, plan: SafetyPlan, f: Fields) -> None:
    if f.owner is not None and f.rotate is not None:
        raise InputError(_("Give --owner or --rotate, not both."))
    if f.places and f.kind is not None:
        raise InputError(_("Give --place or --kind, not both."))
    if f.name is not None:
        plan.name = f.name.strip()
        if not plan.name:
            raise InputError(_("A plan needs a name, such as 消防器材检查."))
        if len(plan.name) > MOST_NAME:
            raise InputError(
                _("The name is too long (at most {n} characters).").format(n=MOST_NAME)
            )
    if f.every is not None:
        sched = calendar_tasks.schedule(session, f.every)  # one counting in terms needs terms
        if sched.kind == "after":
            raise InputError(_("A safety plan is due on its days; after: is not for it."))
        plan.spec = sched.spec
    if f.places:
        if len(f.places) > MOST_PLACES:
            raise InputError(_("A plan covers at most {n} places; give --kind for more.").format(
                n=MOST_PLACES))  # fmt: skip
        ids = [people.find_place(session, p).id for p in f.places]
        plan.places, plan.kind = ",".join(str(i) for i in dict.fromkeys(ids)), None
    if f.kind is not None:
        plan.kind, plan.places = _kinds(f.kind), None
    if f.checklist is not None:
        plan.checklist = json.dumps(checklist_of(f.checklist), ensure_ascii=False)
    if f.owner is not None:
        plan.owner_id, plan.rotate = people.active_person(session, f.owner).id, None
    if f.rotate is not None:
        plan.owner_id, plan.rotate = None, _rotation(session, f.rotate)
    if f.start is not None:
        plan.start = f.start
    if f.note is not None:
        plan.note = f.note.strip() or None


def _payload(plan: SafetyPlan) -> dict[str, Any]:
    return {
        "name": plan.name,
        "every": plan.spec,
        "places": plan.places,
        "kind": plan.kind,
        "checklist": json.loads(plan.checklist) if plan.checklist else [],
        "owner_id": plan.owner_id,
        "rotate": plan.rotate,
        "from": plan.start.isoformat(),
        "note": plan.note,
    }


def add(session: Session, f: Fields, today: date) -> SafetyPlan:
    if not f.name or not f.every or f.checklist is None:
        raise InputError(_("A safety plan needs a name, --every and --checklist."))
    plan = SafetyPlan(code="", name="", spec="", checklist="", start=f.start or today)
    _apply(session, plan, f)
    plan.code = next_code(session, "AJ", model=SafetyPlan)
    session.add(plan)
    session.flush()
    journal.record(session, "safety.plan.add", plan, _payload(plan))
    return plan


def edit(session: Session, code: str, f: Fields) -> tuple[SafetyPlan, dict[str, Any]]:
    """Change a plan; the records already stored stay as they were."""
    plan = find(session, code)
    if plan.stopped_on is not None:
        raise RuleError(
            _("{code} was stopped on {day}; it cannot be changed.").format(
                code=plan.code, day=plan.stopped_on
            )
        )
    before = _payload(plan)
    _apply(session, plan, f)
    after = _payload(plan)
    changes = {k: {"old": before[k], "new": v} for k, v in after.items() if before[k] != v}
    if not changes:
        raise InputError(_("Nothing to change: give what is to change, such as --every."))
    session.flush()
    journal.record(session, "safety.plan.edit", plan, changes)
    return plan, changes


def stop(session: Session, code: str, day: date) -> SafetyPlan:
    """No inspections due after `day`; the plan and its records stay."""
    plan = find(session, code)
    if plan.stopped_on is not None:
        raise RuleError(
            _("{code} was already stopped on {day}.").format(code=plan.code, day=plan.stopped_on)
        )
    if day < plan.start:
        raise InputError(
            _("{day} is before the plan's first day {start}.").format(day=day, start=plan.start)
        )
    plan.stopped_on = day
    session.flush()
    journal.record(session, "safety.plan.stop", plan, {"stopped_on": day.isoformat()})
    return plan


@cache
def shipped() -> list[dict[str, str]]:
    found: list[dict[str, str]] = json.loads(PLANS.read_text(encoding="utf-8"))["plans"]
    return found


def load(session: Session, today: date) -> list[SafetyPlan]:
    """The shipped plans from today on, once (exit 3 the second time)."""
    from sqlalchemy import select
    from sqlmodel import col

    q = select(col(journal.Journal.seq)).where(col(journal.Journal.action) == "safety.plan.load")
    if session.execute(q).first() is not None:
        raise RuleError(
            _("The shipped safety plans were already loaded; edit or stop them, or add your own "
              "with `houqin safety plan add`.")
        )  # fmt: skip
    made = [
        add(
            session,
            Fields(
                name=p["name"],
                every=p["every"],
                kind=p.get("kind"),
                checklist=p["checklist"],
                note=p.get("note"),
            ),
            today,
        )  # fmt: skip
        for p in shipped()
    ]
    payload = {"from": today.isoformat(), "codes": [p.code for p in made]}
    journal.append(session, "safety.plan.load", "safety_plan", payload=payload)
    return made
