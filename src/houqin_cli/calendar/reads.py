"""What the calendar's reads need, in plain SQL on a `Reader` (sqlite3 alone on SQLite:
no ORM on the path of `calendar month | week | today | overdue`, `task list | show`,
`holiday list`): the tasks and their completions as plain records with the models'
field names, the terms, the days entered by hand, and people's, places' and units'
names. The writes ask here too, through `core.tx.reader_of(session)`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import names
from houqin_cli.core.clock import stored_date
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.people.vocab import LIVE, WHAT

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


@dataclass(frozen=True)
class TaskRow:
    """A row of `task` (the fields of calendar.models.Task)."""

    id: int
    code: str
    title: str
    spec: str
    owner_id: int | None
    rotate: str | None
    place_id: int | None
    unit_id: int | None
    due_days: int
    start: date
    until: date | None
    note: str | None
    stopped_on: date | None
    earlier: str | None = None  # the schedules before an edit of --every (models.Task)

    def schedules(self) -> list[tuple[str, date, date | None]]:
        """(spec, first day, last day) of each schedule the task has had, the current
        one (open-ended) last."""
        out: list[tuple[str, date, date | None]] = []
        first = self.start
        for was in json.loads(self.earlier or "[]"):
            last = date.fromisoformat(was["to"])
            out.append((was["spec"], first, last))
            first = last + timedelta(days=1)
        return [*out, (self.spec, first, None)]


@dataclass(frozen=True)
class EventRow:
    """A row of `task_event` (the fields of calendar.models.TaskEvent)."""

    id: int
    code: str
    task_id: int
    key: str
    kind: str
    due: date
    day: date
    by_id: int | None
    late: bool
    note: str | None


@dataclass(frozen=True)
class HolidayRow:
    day: date
    name: str
    kind: str


_TASK_SQL = (
    "SELECT id, code, title, spec, owner_id, rotate, place_id, unit_id, due_days, start,"
    " until, note, stopped_on, earlier FROM task"
)
_EVENT_SQL = "SELECT id, code, task_id, key, kind, due, day, by_id, late, note FROM task_event"


def _task(row: Any) -> TaskRow:
    i, code, title, spec, owner, rotate, place, unit, due_days, start, until, note, stop, was = row
    return TaskRow(int(i), code, title, spec, owner, rotate, place, unit, int(due_days),
                   stored_date(start) or date.min, stored_date(until), note, stored_date(stop),
                   was)  # fmt: skip


def tasks(reader: Reader, *, stopped: bool = True) -> list[TaskRow]:
    """Every task by code (`stopped`: the stopped ones too)."""
    where = "" if stopped else " WHERE stopped_on IS NULL"
    return [_task(r) for r in reader.rows(f"{_TASK_SQL}{where} ORDER BY code")]


def find_task(reader: Reader, code: str) -> TaskRow:
    """The task with this code, in any case; else exit 2."""
    found = reader.rows(f"{_TASK_SQL} WHERE upper(code) = :code", {"code": code.strip().upper()})
    if not found:
        raise InputError(_("No task {code!r}; see `houqin calendar task list`.").format(code=code))
    return _task(found[0])


def events(reader: Reader, where: str, params: dict[str, Any]) -> list[EventRow]:
    return [
        EventRow(
            int(i),
            code,
            int(tid),
            key,
            kind,
            stored_date(due) or date.min,
            stored_date(day) or date.min,
            by,
            bool(late),
            note,
        )  # fmt: skip
        for i, code, tid, key, kind, due, day, by, late, note in reader.rows(
            f"{_EVENT_SQL} WHERE {where}", params
        )
    ]


def terms(reader: Reader) -> list[tuple[str, date, date]]:
    """(name, start, end) of every term, by start."""
    return [
        (name, stored_date(start) or date.min, stored_date(end) or date.min)
        for name, start, end in reader.rows('SELECT name, start, "end" FROM term ORDER BY start')
    ]


def entered(reader: Reader, start: date, end: date) -> list[HolidayRow]:
    """The days entered by hand within [start, end], by day."""
    found = reader.rows(
        "SELECT day, name, kind FROM holiday WHERE day >= :start AND day <= :end ORDER BY day",
        {"start": day_param(reader, start), "end": day_param(reader, end)},
    )
    return [HolidayRow(stored_date(d) or date.min, name, kind) for d, name, kind in found]


def left_on(reader: Reader, person_id: int) -> date | None:
    """None for someone still here; else the day they left (date.min if unknown)."""
    ((active, left),) = reader.rows(
        "SELECT active, left_on FROM person WHERE id = :id", {"id": person_id}
    )
    return None if active else (stored_date(left) or date.min)


def lookup(reader: Reader, kind: str, text: str) -> int:
    """The id of the person or unit `text` names (as people's service finds them)."""
    return int(names.lookup(reader, kind, text, _(WHAT[kind]), live=LIVE[kind])[0])
