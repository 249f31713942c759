"""The tasks' occurrences, computed over a window from each task's schedule, the
school's terms and its working days, with the completions and skips stored against
them; who has each (the owner, or the rotation's turn); done and skip."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from houqin_cli.calendar import reads
from houqin_cli.calendar.holidays import Workdays
from houqin_cli.calendar.reads import EventRow, TaskRow
from houqin_cli.core import recurrence, rotation
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, in_list

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.calendar.models import TaskEvent
    from houqin_cli.core.db import Reader

LOOK_AHEAD = 400  # days searched for an occurrence named by its key


@dataclass
class Item:
    """One occurrence of a task."""

    task: TaskRow
    occ: recurrence.Occurrence
    owner_id: int | None
    event: EventRow | None

    @property
    def ref(self) -> str:
        return f"{self.task.code}:{self.occ.key}"

    @property
    def deadline(self) -> date:
        return self.occ.due + timedelta(days=self.task.due_days)

    def status(self, today: date) -> str:
        if self.event is not None:
            return "done" if self.event.kind == "done" else "skipped"
        return "overdue" if self.deadline < today else "open"


class Agenda:
    """What the occurrences of a window need, read once: terms, working days, events;
    in plain SQL on a Reader (a write's, through reader_of)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.terms = [recurrence.TermSpan(*t) for t in reads.terms(reader)]
        self.workdays = Workdays(reader)
        self.events: dict[int, dict[str, EventRow]] = defaultdict(dict)
        self._left: dict[int, date | None] = {}
        self.last_done: dict[int, date] = {}

    def load_events(self, tasks: list[TaskRow], since: date) -> None:
        """The completions and skips of occurrences due from `since` on, and each
        after: task's last completion (its next occurrence counts from it)."""
        from houqin_cli.core.clock import stored_date

        ids = [t.id for t in tasks if t.id not in self.events]
        if not ids:
            return
        cond, params = in_list("task_id", ids)
        params["since"] = day_param(self.reader, since)
        for ev in reads.events(self.reader, f"{cond} AND due >= :since", params):
            self.events[ev.task_id][ev.key] = ev
        after = [t.id for t in tasks if t.id in ids and t.spec.startswith("after:")]
        if after:
            cond, params = in_list("task_id", after)
            last = self.reader.rows(
                f"SELECT task_id, max(day) FROM task_event WHERE {cond} AND kind = 'done'"
                " GROUP BY task_id",
                params,
            )
            self.last_done.update({int(tid): stored_date(day) or date.min for tid, day in last})
        for i in ids:
            self.events.setdefault(i or 0, {})

    def left_on(self, person_id: int) -> date | None:
        if person_id not in self._left:
            self._left[person_id] = reads.left_on(self.reader, person_id)
        return self._left[person_id]

    def _can_take(self, person_id: int, day: date) -> bool:
        left = self.left_on(person_id)
        return left is None or day < left

    def _occurrences(self, task: TaskRow, start: date, end: date) -> list[recurrence.Occurrence]:
        """The task's occurrences from `start` (its first day, if later) to `end` (its
        stop, its until, if earlier), each schedule it has had over the days it applied
        (an edit of --every changes the days after the edit only); a rotation's from its
        first day (whose turn an occurrence is depends on all before it)."""
        last = min(d for d in (end, task.until, task.stopped_on) if d is not None)
        found: list[recurrence.Occurrence] = []
        for spec, first, to in task.schedules():
            sched = recurrence.parse(spec)
            upto = last if to is None else min(last, to)
            lo = first if task.rotate or sched.kind == "after" else max(first, start)
            if lo <= upto:
                found += self._schedule(task, sched, lo, upto, to is None)
        return found

    def _schedule(
        self, task: TaskRow, sched: recurrence.Schedule, first: date, last: date, current: bool
    ) -> list[recurrence.Occurrence]:
        """One schedule's occurrences in [first, last]; an `after:` schedule's are its
        completions, and, while it is the current one, the next one due."""
        if sched.kind != "after":
            test = self.workdays if sched.kind == "school-days" else None
            return sched.occurrences(first, last, terms=self.terms, is_school_day=test)
        events = self.events[task.id or 0]
        done = sorted((e for e in events.values() if e.kind == "done"), key=lambda e: e.day)
        found = [recurrence.Occurrence(e.due, e.due, None, e.key) for e in done]
        latest = self.last_done.get(task.id or 0)
        nxt = first if latest is None else max(first, latest + timedelta(days=sched.days))
        if current and nxt <= last and nxt.isoformat() not in events:
            found.append(recurrence.Occurrence(nxt, nxt, None, nxt.isoformat()))
        return [o for o in found if first <= o.due <= last]

    def items(self, tasks: list[TaskRow], start: date, end: date) -> list[Item]:
        """Every occurrence due in [start, end] of `tasks`, by due day."""
        self.load_events(tasks, start)
        out: list[Item] = []
        for task in tasks:
            occs = self._occurrences(task, start, end)
            if task.rotate:
                roster = [int(i) for i in task.rotate.split(",")]
                days = [o.due for o in occs]
                # who can take the last day could take every day before it (leaving is
                # for good): then no one is skipped, and the turns go round in order
                skip = days and not all(self._can_take(p, max(days)) for p in roster)
                owners = rotation.assign(roster, days, self._can_take if skip else None)
            else:
                owners = [task.owner_id] * len(occs)
            events = self.events[task.id or 0]
            out += [
                Item(task, o, who, events.get(o.key))
                for o, who in zip(occs, owners, strict=True)
                if start <= o.due
            ]
        return sorted(out, key=lambda i: (i.occ.due, i.task.code, i.occ.key))


def _pick(agenda: Agenda, ref: str, day: date, dated: bool) -> Item:
    """The occurrence `ref` names (RW-0001:KEY), or for a bare code the earliest one
    not yet done or skipped; not open by `day` is exit 3 unless --date said when."""
    code, _sep, key = ref.strip().partition(":")
    task = reads.find_task(agenda.reader, code)
    items = agenda.items([task], task.start, max(day, task.start) + timedelta(days=LOOK_AHEAD))
    if key:
        item = next((i for i in items if i.occ.key.lower() == key.strip().lower()), None)
        if item is None:
            raise InputError(
                _(
                    "{code} has no occurrence {key!r}; see `houqin calendar task show {code}`."
                ).format(code=task.code, key=key)
            )
    else:
        item = next((i for i in items if i.event is None), None)
        if item is None:
            raise RuleError(_("{code} has no occurrence left to mark.").format(code=task.code))
    if item.event is not None:
        raise RuleError(
            _("{ref} was already marked {kind} on {day}.").format(
                ref=item.ref, kind=item.event.kind, day=item.event.day
            )
        )
    if item.occ.opens > day and not dated:
        raise RuleError(
            _("{ref} is not due yet (it opens {opens}); to record it done early, say when "
              "with --date.").format(ref=item.ref, opens=item.occ.opens)
        )  # fmt: skip
    return item


def mark(
    session: Session,
    ref: str,
    kind: str,
    day: date,
    *,
    dated: bool = False,
    by: str | None = None,
    note: str | None = None,
) -> TaskEvent:
    """Store a completion ("done") or a skip of one occurrence; journalled."""
    from houqin_cli.calendar.models import TaskEvent
    from houqin_cli.core import journal
    from houqin_cli.core.tx import reader_of
    from houqin_cli.people import service as people

    item = _pick(Agenda(reader_of(session)), ref, day, dated)
    by_id = people.active_person_on(session, by, day).id if by else item.owner_id
    late = kind == "done" and day > item.deadline
    ev = TaskEvent(
        code=item.ref,
        task_id=item.task.id or 0,
        key=item.occ.key,
        kind=kind,
        due=item.occ.due,
        day=day,
        by_id=by_id,
        late=late,
        note=(note or "").strip() or None,
    )
    session.add(ev)
    session.flush()
    payload = {
        "task": item.task.code,
        "key": item.occ.key,
        "due": item.occ.due.isoformat(),
        "day": day.isoformat(),
        "by_id": by_id,
        "late": late,
        "note": ev.note,
    }
    journal.record(session, f"calendar.{kind}", ev, payload)
    return ev
