"""What the safety group's reads need, in plain SQL on a `Reader` (sqlite3 alone on
SQLite: no ORM on the path of `safety due`, `plan list|show`, `hazard list`,
`violation list`, `watch list`, `safety report`, `safety check`): the plans, the
records' occurrences, the hazards, the watches and their readings, the violations, as
plain records with the models' field names. The writes ask here too, through
`core.tx.reader_of(session)`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
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
class PlanRow:
    """A row of `safety_plan` (safety.models.SafetyPlan)."""

    id: int
    code: str
    name: str
    spec: str
    places: str | None
    kind: str | None
    checklist: str
    owner_id: int | None
    rotate: str | None
    start: date
    note: str | None
    stopped_on: date | None

    @property
    def items(self) -> list[str]:
        found: list[str] = json.loads(self.checklist)
        return found

    @property
    def place_ids(self) -> list[int]:
        return [int(i) for i in (self.places or "").split(",") if i]

    @property
    def kinds(self) -> list[str]:
        return [k for k in (self.kind or "").split(",") if k]

    @property
    def roster(self) -> list[int]:
        return [int(i) for i in (self.rotate or "").split(",") if i]


@dataclass(frozen=True)
class HazardRow:
    id: int
    code: str
    place_id: int
    what: str
    level: str
    owner_id: int
    deadline: date
    found_on: date
    status: str
    fixed_by_id: int | None
    fixed_on: date | None
    fix_note: str | None
    closed_on: date | None
    repair_code: str | None


@dataclass(frozen=True)
class ViolationRow:
    id: int
    code: str
    day: date
    place_id: int
    what: str
    inspector_id: int
    unit_id: int | None
    person_id: int | None
    fine_fen: int
    paid_fen: int
    incomes: str | None


_PLAN_SQL = (
    "SELECT id, code, name, spec, places, kind, checklist, owner_id, rotate, start, note,"
    " stopped_on FROM safety_plan"
)
_HAZARD_SQL = (
    "SELECT id, code, place_id, what, level, owner_id, deadline, found_on, status,"
    " fixed_by_id, fixed_on, fix_note, closed_on, repair_code FROM hazard"
)
_VIOLATION_SQL = (
    "SELECT id, code, day, place_id, what, inspector_id, unit_id, person_id, fine_fen,"
    " paid_fen, incomes FROM violation"
)


def _plan(row: Any) -> PlanRow:
    i, code, name, spec, places, kind, checklist, owner, rotate, start, note, stop = row
    return PlanRow(int(i), code, name, spec, places, kind, checklist, owner, rotate,
                   stored_date(start) or date.min, note, stored_date(stop))  # fmt: skip


def plans(reader: Reader, *, stopped: bool = True) -> list[PlanRow]:
    where = "" if stopped else " WHERE stopped_on IS NULL"
    return [_plan(r) for r in reader.rows(f"{_PLAN_SQL}{where} ORDER BY code")]


def find_plan(reader: Reader, code: str) -> PlanRow:
    """The plan with this code (any case), else exit 2."""
    found = reader.rows(f"{_PLAN_SQL} WHERE upper(code) = :code", {"code": code.strip().upper()})
    if not found:
        raise InputError(
            _("No safety plan {code!r}; see `houqin safety plan list`.").format(code=code)
        )
    return _plan(found[0])


def done_keys(reader: Reader, since: date) -> dict[int, dict[str, date]]:
    """plan id -> {occurrence key: the first day it was recorded} for occurrences due
    from `since` on."""
    out: dict[int, dict[str, date]] = {}
    for pid, key, day in reader.rows(
        "SELECT plan_id, key, min(date) FROM safety_record WHERE due >= :since"
        " GROUP BY plan_id, key",
        {"since": day_param(reader, since)},
    ):
        out.setdefault(int(pid), {})[key] = stored_date(day) or date.min
    return out


def records_between(reader: Reader, start: date, end: date) -> list[tuple[Any, ...]]:
    """(code, plan_id, key, due, date, by_id, place_id, results, problems) of the records
    dated within [start, end], by date and code."""
    return [
        (code, int(pid), key, stored_date(due), stored_date(day), by, place, results, int(n))
        for code, pid, key, due, day, by, place, results, n in reader.rows(
            "SELECT code, plan_id, key, due, date, by_id, place_id, results, problems"
            " FROM safety_record WHERE date >= :start AND date <= :end ORDER BY date, code",
            {"start": day_param(reader, start), "end": day_param(reader, end)},
        )
    ]


def plan_records(reader: Reader, plan_id: int, limit: int = 12) -> list[tuple[Any, ...]]:
    """(code, key, due, date, by_id, problems) of a plan's latest records, latest first."""
    return [
        (code, key, stored_date(due), stored_date(day), by, int(n))
        for code, key, due, day, by, n in reader.rows(
            "SELECT code, key, due, date, by_id, problems FROM safety_record"
            f" WHERE plan_id = :p ORDER BY date DESC, code DESC LIMIT {int(limit)}",
            {"p": plan_id},
        )
    ]


def _hazard(row: Any) -> HazardRow:
    i, code, place, what, level, owner, deadline, found, status, fby, fon, note, closed, rep = row
    return HazardRow(int(i), code, int(place), what, level, int(owner),
                     stored_date(deadline) or date.min, stored_date(found) or date.min, status,
                     fby, stored_date(fon), note, stored_date(closed), rep)  # fmt: skip


def hazards(
    reader: Reader, where: str = "", params: dict[str, Any] | None = None
) -> list[HazardRow]:
    cond = f" WHERE {where}" if where else ""
    return [_hazard(r) for r in reader.rows(f"{_HAZARD_SQL}{cond} ORDER BY code", params or {})]


def find_hazard(reader: Reader, code: str) -> HazardRow:
    found = hazards(reader, "upper(code) = :code", {"code": code.strip().upper()})
    if not found:
        raise InputError(
            _("No hazard {code!r}; see `houqin safety hazard list`.").format(code=code)
        )
    return found[0]


def rechecks(reader: Reader, hazard_id: int) -> list[tuple[Any, ...]]:
    """(day, by_id, passed, note, new_deadline) of a hazard's re-checks, in order."""
    return [
        (stored_date(d), by, bool(p), note, stored_date(nd))
        for d, by, p, note, nd in reader.rows(
            "SELECT day, by_id, passed, note, new_deadline FROM hazard_recheck"
            " WHERE hazard_id = :h ORDER BY id",
            {"h": hazard_id},
        )
    ]


def watches(reader: Reader) -> list[tuple[int, str, str, int, str, int]]:
    """(id, code, name, place_id, unit, alert_milli) of every watch, by code."""
    return [
        (int(i), code, name, int(place), unit, int(alert))
        for i, code, name, place, unit, alert in reader.rows(
            "SELECT id, code, name, place_id, unit, alert_milli FROM watch ORDER BY code"
        )
    ]


def readings(reader: Reader, watch_id: int | None = None) -> dict[int, list[tuple[date, int]]]:
    """watch id -> [(day, value in thousandths)] in order of reading."""
    where = " WHERE watch_id = :w" if watch_id is not None else ""
    out: dict[int, list[tuple[date, int]]] = {}
    for wid, day, value in reader.rows(
        f"SELECT watch_id, day, value_milli FROM watch_reading{where} ORDER BY watch_id, id",
        {"w": watch_id} if watch_id is not None else {},
    ):
        out.setdefault(int(wid), []).append((stored_date(day) or date.min, int(value)))
    return out


def _violation(row: Any) -> ViolationRow:
    i, code, day, place, what, insp, unit, person, fine, paid, incomes = row
    return ViolationRow(int(i), code, stored_date(day) or date.min, int(place), what, int(insp),
                        unit, person, int(fine), int(paid), incomes)  # fmt: skip


def violations(
    reader: Reader, where: str = "", params: dict[str, Any] | None = None
) -> list[ViolationRow]:
    cond = f" WHERE {where}" if where else ""
    return [
        _violation(r) for r in reader.rows(f"{_VIOLATION_SQL}{cond} ORDER BY code", params or {})
    ]


def find_violation(reader: Reader, code: str) -> ViolationRow:
    found = violations(reader, "upper(code) = :code", {"code": code.strip().upper()})
    if not found:
        raise InputError(
            _("No violation {code!r}; see `houqin safety violation list`.").format(code=code)
        )
    return found[0]


def places_of_kinds(reader: Reader, kinds: list[str]) -> list[int]:
    """The ids of the places in use of these kinds."""
    from houqin_cli.core.plain import in_list

    cond, params = in_list("kind", kinds)
    return [int(i) for (i,) in reader.rows(
        f"SELECT id FROM place WHERE {cond} AND retired_on IS NULL ORDER BY id", params
    )]  # fmt: skip


def growth(values: list[int], alert: int) -> tuple[int, int] | None:
    """(growth since the reading before, since the first) when either is beyond
    `alert` (all in thousandths), else None."""
    if len(values) < 2:
        return None
    step, total = values[-1] - values[-2], values[-1] - values[0]
    return (step, total) if step > alert or total > alert else None


def lookup(reader: Reader, kind: str, text: str) -> int:
    """The id of the person, unit or place `text` names."""
    return int(names.lookup(reader, kind, text, _(WHAT[kind]), live=LIVE[kind])[0])
