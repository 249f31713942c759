"""Recurring tasks (例行工作, RW-0001): added, edited, stopped. Their occurrences are
computed (calendar/agenda.py); what is stored is the task and each completion or skip."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.calendar import service as terms
from houqin_cli.calendar.models import Task
from houqin_cli.core import journal, names, recurrence
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people import service as people  # its tables, for the task's references

MOST_DUE_DAYS = 366


@dataclass
class Fields:
    """What `task add` and `task edit` are given (None: not given)."""

    title: str | None = None
    every: str | None = None
    owner: str | None = None
    rotate: str | None = None
    place: str | None = None
    unit: str | None = None
    due_days: int | None = None
    start: date | None = None
    until: date | None = None
    note: str | None = None


def find(session: Session, code: str) -> Task:
    found: Task = names.find_code(
        session, Task, code, _("No task {code!r}; see `houqin calendar task list`.")
    )
    return found


def schedule(session: Session, spec: str) -> recurrence.Schedule:
    """The spec parsed (exit 2 when bad); one that counts in terms needs terms (exit 3)."""
    parsed = recurrence.parse(spec)
    if parsed.needs_terms and terms.term_count(session) == 0:
        raise RuleError(
            _("{spec} counts in the school's terms, and there are none; add one with "
              "`houqin term add`.").format(spec=parsed.spec)
        )  # fmt: skip
    return parsed


def _people(session: Session, text: str) -> str:
    """A rotation: comma-separated people still here, as their ids in order."""
    wanted = [t.strip() for t in text.split(",") if t.strip()]
    if not wanted:
        raise InputError(_("--rotate needs at least one person: --rotate 王芳,李强."))
    ids = [people.active_person(session, t).id for t in wanted]
    if len(set(ids)) < len(ids):
        raise InputError(_("--rotate names someone twice: {text}.").format(text=text))
    return ",".join(str(i) for i in ids)


def _apply(session: Session, task: Task, f: Fields) -> None:
    if f.owner is not None and f.rotate is not None:
        raise InputError(_("Give --owner or --rotate, not both."))
    if f.title is not None:
        task.title = f.title.strip()
        if not task.title:
            raise InputError(_("A task needs a title, such as 绿化带修剪."))
    if f.every is not None:
        task.spec = schedule(session, f.every).spec
    if f.owner is not None:
        task.owner_id, task.rotate = people.active_person(session, f.owner).id, None
    if f.rotate is not None:
        task.owner_id, task.rotate = None, _people(session, f.rotate)
    if f.place is not None:
        task.place_id = people.find_place(session, f.place).id
    if f.unit is not None:
        task.unit_id = people.find_unit(session, f.unit).id
    if f.due_days is not None:
        if not 0 <= f.due_days <= MOST_DUE_DAYS:
            raise InputError(_("--due-days must be 0 to {most}.").format(most=MOST_DUE_DAYS))
        task.due_days = f.due_days
    if f.start is not None:
        task.start = f.start
    if f.until is not None:
        task.until = f.until
    if f.note is not None:
        task.note = f.note.strip() or None
    if task.until is not None and task.until < task.start:
        raise InputError(
            _("--until {until} is before the task's first day {start}.").format(
                until=task.until, start=task.start
            )
        )


def _payload(task: Task) -> dict[str, Any]:
    return {
        "title": task.title,
        "every": task.spec,
        "owner_id": task.owner_id,
        "rotate": task.rotate,
        "place_id": task.place_id,
        "unit_id": task.unit_id,
        "due_days": task.due_days,
        "from": task.start.isoformat(),
        "until": task.until.isoformat() if task.until else None,
        "note": task.note,
    }


def add(session: Session, f: Fields, today: date) -> Task:
    if not f.title or not f.every:
        raise InputError(_("A task needs a title and --every."))
    task = Task(code="", title="", spec="", start=f.start or today)
    _apply(session, task, f)
    task.code = next_code(session, "RW", model=Task)
    session.add(task)
    session.flush()
    journal.record(session, "calendar.task.add", task, _payload(task))
    return task


def edit(
    session: Session, code: str, f: Fields, today: date
) -> tuple[Task, dict[str, dict[str, Any]]]:
    """Change a task; the completions already stored stay as they were, and a new
    --every applies from `today`: the days before keep the schedule they had."""
    task = find(session, code)
    if task.stopped_on is not None:
        raise RuleError(
            _("{code} was stopped on {day}; it cannot be changed.").format(
                code=task.code, day=task.stopped_on
            )
        )
    before = _payload(task)
    spec = task.spec
    _apply(session, task, f)
    if task.spec != spec:
        _keep_schedule(task, spec, today)
    after = _payload(task)
    changes = {k: {"old": before[k], "new": v} for k, v in after.items() if before[k] != v}
    if not changes:
        raise InputError(_("Nothing to change: give what is to change, such as --every."))
    session.flush()
    journal.record(session, "calendar.task.edit", task, changes)
    return task, changes


def _keep_schedule(task: Task, spec: str, today: date) -> None:
    """Keep the schedule `spec` for the days it applied, up to yesterday (nothing when
    it had not begun: a task starting later, or edited twice in a day)."""
    was = json.loads(task.earlier or "[]")
    since = date.fromisoformat(was[-1]["to"]) + timedelta(days=1) if was else task.start
    if since < today:
        task.earlier = json.dumps(
            [*was, {"spec": spec, "to": (today - timedelta(days=1)).isoformat()}]
        )


def stop(session: Session, code: str, day: date) -> Task:
    """No occurrences after `day`; the task and its history stay."""
    task = find(session, code)
    if task.stopped_on is not None:
        raise RuleError(
            _("{code} was already stopped on {day}.").format(code=task.code, day=task.stopped_on)
        )
    if day < task.start:
        raise InputError(
            _("{day} is before the task's first day {start}.").format(day=day, start=task.start)
        )
    task.stopped_on = day
    session.flush()
    journal.record(session, "calendar.task.stop", task, {"stopped_on": day.isoformat()})
    return task
