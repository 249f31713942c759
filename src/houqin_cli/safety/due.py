"""When each plan's inspections are due: the occurrences of its schedule
(core/recurrence.py) over the school's working days (calendar/holidays.py). A due day
that is not a school day (a weekend, a statutory holiday) moves to the next school day
(a 调休 Saturday counts as one); a `daily` plan (the fire patrol) and a `school-days`
plan keep their own days. An occurrence is done once a record is stored against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from houqin_cli.calendar.holidays import Workdays
from houqin_cli.core import recurrence, rotation
from houqin_cli.core.errors import RuleError
from houqin_cli.safety import reads
from houqin_cli.safety.reads import PlanRow

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

LOOK_BACK = 366  # how far back an inspection not done is overdue
SHIFTED = 14  # the longest run of days off (National Day) a due day moves over
UNSHIFTED = ("daily", "school-days", "after")


@dataclass
class Due:
    plan: PlanRow
    occ: recurrence.Occurrence
    owner_id: int | None
    done_on: date | None

    @property
    def ref(self) -> str:
        return f"{self.plan.code}:{self.occ.key}"

    def status(self, today: date) -> str:
        if self.done_on is not None:
            return "done"
        return "overdue" if self.occ.due < today else "open"


def _terms(reader: Reader) -> list[recurrence.TermSpan]:
    from houqin_cli.calendar import reads as calendar_reads

    return [recurrence.TermSpan(*t) for t in calendar_reads.terms(reader)]


class Schedules:
    """The occurrences of plans, with what is needed read once."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.workdays = Workdays(reader)
        self._terms: list[recurrence.TermSpan] | None = None

    @property
    def terms(self) -> list[recurrence.TermSpan]:
        if self._terms is None:
            self._terms = _terms(self.reader)
        return self._terms

    def occurrences(self, plan: PlanRow, start: date, end: date) -> list[recurrence.Occurrence]:
        last = min(d for d in (end, plan.stopped_on) if d is not None)
        first = max(start, plan.start)
        if first > last:
            return []
        sched = recurrence.parse(plan.spec)
        terms = self.terms if sched.needs_terms else []
        return sched.occurrences(first, last, terms=terms, is_school_day=self.workdays,
                                 shift=sched.kind not in UNSHIFTED)  # fmt: skip

    def owners(self, plan: PlanRow, occs: list[recurrence.Occurrence]) -> list[int | None]:
        if not plan.rotate:
            return [plan.owner_id] * len(occs)
        if not occs:
            return []
        # whose turn: counted from the plan's first day
        before = self.occurrences(plan, plan.start, occs[0].due - timedelta(days=1))
        roster = plan.roster
        turns = rotation.assign(roster, [o.due for o in [*before, *occs]])
        return list(turns[len(before) :])

    def items(self, plans: list[PlanRow], start: date, end: date) -> list[Due]:
        """Every occurrence due in [start, end] of `plans`, by due day, with its record."""
        done = reads.done_keys(self.reader, start)
        out: list[Due] = []
        for plan in plans:
            occs = self.occurrences(plan, start, end)
            keys = done.get(plan.id, {})
            out += [
                Due(plan, o, who, keys.get(o.key))
                for o, who in zip(occs, self.owners(plan, occs), strict=True)
            ]
        return sorted(out, key=lambda d: (d.occ.due, d.plan.code, d.occ.key))

    def occurrence_on(self, plan: PlanRow, day: date) -> recurrence.Occurrence | None:
        """The occurrence a record dated `day` is for: the latest one open by then, else
        (a record made early) the next one."""
        since = day - timedelta(days=LOOK_BACK)
        try:  # a day off moves an occurrence open today to a later due day
            back = self.occurrences(plan, since, day + timedelta(days=SHIFTED))
        except RuleError:  # next year's holidays not known yet: no need to look ahead
            back = self.occurrences(plan, since, day)
        opened = [o for o in back if o.opens <= day]
        if opened:  # no need to look ahead (next year's holidays may not be known yet)
            return opened[-1]
        ahead = self.occurrences(plan, day, day + timedelta(days=70))
        return ahead[0] if ahead else None


def overdue(reader: Reader, today: date) -> list[Due]:
    found = Schedules(reader).items(
        reads.plans(reader), today - timedelta(days=LOOK_BACK), today - timedelta(days=1)
    )
    return [d for d in found if d.done_on is None]
