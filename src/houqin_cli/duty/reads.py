"""Duty's plain reads (no model imported): posts, pools, shifts, leave, the roster,
attendance. The writes call these through `reader_of`, so each query is written once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, names, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, names_by_id
from houqin_cli.core.report import Report
from houqin_cli.duty.vocab import LOGISTICS, WHAT, is_night, span_text, window

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


@dataclass(frozen=True)
class Post:
    id: int
    code: str
    name: str
    kind: str
    start: int
    end: int
    division: int | None
    pool: str
    holiday_pool: str

    @property
    def night(self) -> bool:
        return is_night(self.start, self.end, self.kind)


_POST = (
    "SELECT id, code, name, kind, start_min, end_min, division_id, pool, holiday_pool"
    " FROM duty_post"
)


def posts(reader: Reader) -> list[Post]:
    return [Post(*r) for r in reader.rows(_POST + " ORDER BY start_min, code")]


def find_post(reader: Reader, text: str) -> Post:
    pid = names.lookup(reader, "duty_post", text, _(WHAT))[0]
    [row] = reader.rows(_POST + " WHERE id = :id", {"id": pid})
    return Post(*row)


def find_person(reader: Reader, text: str) -> tuple[int, str, str]:
    row = names.lookup(reader, "person", text, _("person"), live="active = :yes")
    return int(row[0]), str(row[1]), str(row[2])


def logistics_unit(reader: Reader) -> int:
    name = settings.read(reader, "school.logistics_unit")["school.logistics_unit"].strip()
    if not name:
        raise RuleError(
            _(
                "The logistics staff are the people of the unit named by school.logistics_unit, "
                "which is not set; set it with `houqin config set school.logistics_unit 总务处`."
            )
        )
    return int(names.lookup(reader, "unit", name, _("unit"))[0])


def pool_people(reader: Reader, spec: str) -> list[int]:
    """The people a stored pool names, still here, by code."""
    if spec == LOGISTICS:
        unit = logistics_unit(reader)
        rows = reader.rows(
            "SELECT id FROM person WHERE active = :yes AND unit_id = :u ORDER BY code",
            {"yes": True, "u": unit},
        )
    elif spec.startswith("role:"):
        rows = reader.rows(
            "SELECT id FROM person WHERE active = :yes AND (' ' || roles || ' ') LIKE :r"
            " ORDER BY code",
            {"yes": True, "r": f"% {spec[5:]} %"},
        )
    else:
        ids = [int(x) for x in spec[7:].split(",") if x]
        alive = {int(i) for (i,) in reader.rows("SELECT id FROM person WHERE active = :yes",
                                                {"yes": True})}  # fmt: skip
        return [i for i in ids if i in alive]
    return [int(i) for (i,) in rows]


def pool_text(reader: Reader, spec: str) -> str:
    if spec == LOGISTICS:
        return _("logistics staff")
    if spec.startswith("role:"):
        return _("role {role}").format(role=spec[5:])
    people = names_by_id(reader, "person")
    return ", ".join(people.get(int(x), "?") for x in spec[7:].split(",") if x)


def terms(reader: Reader) -> list[tuple[date, date]]:
    return [
        (clock.stored_date(s), clock.stored_date(e))  # type: ignore[misc]
        for s, e in reader.rows('SELECT start, "end" FROM term ORDER BY start')
    ]


class SchoolDays:
    """A school day: a working day by the calendar (调休 Saturdays too) inside a term."""

    def __init__(self, reader: Reader) -> None:
        from houqin_cli.calendar.holidays import Workdays

        self.workdays = Workdays(reader)
        self.terms = terms(reader)

    def __call__(self, day: date) -> bool:
        work = self.workdays(day)  # a year with no holidays known: exit 3 here
        return work and any(s <= day <= e for s, e in self.terms)


def leaves(reader: Reader, first: date, last: date) -> dict[int, list[tuple[date, date]]]:
    out: dict[int, list[tuple[date, date]]] = {}
    for pid, s, e in reader.rows(
        'SELECT person_id, start, "end" FROM duty_leave WHERE start <= :l AND "end" >= :f',
        {"f": day_param(reader, first), "l": day_param(reader, last)},
    ):
        out.setdefault(int(pid), []).append((clock.stored_date(s), clock.stored_date(e)))  # type: ignore[arg-type]
    return out


_SHIFT = (
    "SELECT s.id, s.post_id, s.day, s.person_id, s.holiday, s.checkin_at, s.checkin_by_id,"
    " s.late, s.checkout_at FROM duty_shift s"
)


@dataclass(frozen=True)
class ShiftRow:
    id: int
    post: int
    day: date
    person: int
    holiday: bool
    checkin_at: str | None
    checkin_by: int | None
    late: bool
    checkout_at: str | None


def shifts(
    reader: Reader, first: date, last: date, where: str = "", **params: Any
) -> list[ShiftRow]:
    rows = reader.rows(
        _SHIFT + " WHERE s.day >= :f AND s.day <= :l" + (f" AND {where}" if where else "")
        + " ORDER BY s.day, s.post_id",
        {"f": day_param(reader, first), "l": day_param(reader, last), **params},
    )  # fmt: skip
    return [
        ShiftRow(int(i), int(p), clock.stored_date(d), int(pe), bool(h), ci, cb, bool(la), co)  # type: ignore[arg-type]
        for i, p, d, pe, h, ci, cb, la, co in rows
    ]


def history(reader: Reader, before: date) -> list[tuple[int, int, date]]:
    """(post, person, day) of every shift before `before`: the counts the rotation keeps."""
    return [
        (int(p), int(pe), clock.stored_date(d))  # type: ignore[misc]
        for p, pe, d in reader.rows(
            "SELECT post_id, person_id, day FROM duty_shift WHERE day < :b",
            {"b": day_param(reader, before)},
        )
    ]


def counts_before(reader: Reader, before: date) -> tuple[dict[int, int], dict[int, date]]:
    count: dict[int, int] = {}
    last: dict[int, date] = {}
    for pe, n, d in reader.rows(
        "SELECT person_id, count(*), max(day) FROM duty_shift WHERE day < :b GROUP BY person_id",
        {"b": day_param(reader, before)},
    ):
        count[int(pe)] = int(n)
        last[int(pe)] = clock.stored_date(d)  # type: ignore[assignment]
    return count, last


ROSTER = ("date", "post", "shift_time", "person", "holiday_duty", "checked_in")


def _range(reader: Reader, week: str | None, month: str | None) -> tuple[date, date]:
    if week and month:
        raise InputError(_("Give --week or --month, not both."))
    tz = settings.zone(reader)
    if week:
        p = clock.parse_period(week, tz)
    elif month:
        p = clock.parse_month(month)
    else:
        p = clock.month_of(clock.today(tz))
    return p.start, p.end


def roster(
    reader: Reader,
    *,
    week: str | None = None,
    month: str | None = None,
    post: str | None = None,
    person: str | None = None,
) -> Report:
    first, last = _range(reader, week, month)
    where, params = [], {}
    if post:
        where.append("s.post_id = :post")
        params["post"] = find_post(reader, post).id
    if person:
        where.append("s.person_id = :person")
        params["person"] = find_person(reader, person)[0]
    by_id = {p.id: p for p in posts(reader)}
    people = names_by_id(reader, "person")
    rows = [
        {
            "date": s.day,
            "post": by_id[s.post].name,
            "shift_time": span_text(by_id[s.post].start, by_id[s.post].end),
            "person": people.get(s.person),
            "holiday_duty": s.holiday,
            "checked_in": s.checkin_at is not None,
        }
        for s in shifts(reader, first, last, " AND ".join(where), **params)
    ]
    title = _("Duty roster {first} to {last}").format(first=first, last=last)
    return Report(title, columns(*ROSTER), rows)


def post_list(reader: Reader) -> Report:
    units = names_by_id(reader, "unit")
    rows = [
        {
            "code": p.code,
            "name": p.name,
            "kind": p.kind,
            "shift_time": span_text(p.start, p.end),
            "division": units.get(p.division) if p.division else None,
            "pool": pool_text(reader, p.pool),
            "holiday_pool": pool_text(reader, p.holiday_pool),
        }
        for p in posts(reader)
    ]
    keys = ("code", "name", "kind", "shift_time", "division", "pool", "holiday_pool")
    return Report(_("Duty posts"), columns(*keys, labels={"kind": ()}), rows)


def grace(reader: Reader) -> int:
    return int(settings.read(reader, "duty.checkin_grace_minutes")["duty.checkin_grace_minutes"])


def shift_start_utc(reader: Reader, post: Post, day: date) -> datetime:
    tz = settings.zone(reader)
    return window(day, post.start, post.end)[0].replace(tzinfo=tz)


def missed(reader: Reader, first: date, last: date, now: datetime) -> list[tuple[ShiftRow, Post]]:
    """The shifts in [first, last] with no check-in within the grace of their start, now past."""
    by_id = {p.id: p for p in posts(reader)}
    late = timedelta(minutes=grace(reader))
    return [
        (s, by_id[s.post])
        for s in shifts(reader, first, last, "s.checkin_at IS NULL")
        if shift_start_utc(reader, by_id[s.post], s.day) + late < now
    ]


ATTENDANCE = ("person", "rostered", "worked", "missed", "late", "absent")


def attendance(reader: Reader, month: str | None, person: str | None = None) -> Report:
    first, last = _range(reader, None, month)
    now = clock.now(settings.zone(reader))
    people = names_by_id(reader, "person")
    only = find_person(reader, person)[0] if person else None
    missed_ids = {s.id for s, _p in missed(reader, first, last, now)}
    absent: dict[int, int] = {}
    for pid, n in reader.rows(
        "SELECT s.person_id, count(*) FROM duty_inspection i JOIN duty_shift s"
        " ON s.id = i.shift_id WHERE i.present = :no AND s.day >= :f AND s.day <= :l"
        " GROUP BY s.person_id",
        {"no": False, "f": day_param(reader, first), "l": day_param(reader, last)},
    ):
        absent[int(pid)] = int(n)
    per: dict[int, dict[str, Any]] = {}
    for s in shifts(reader, first, last):
        if only is not None and s.person != only:
            continue
        row = per.setdefault(s.person, {"person": people.get(s.person), "rostered": 0,
                                        "worked": 0, "missed": 0, "late": 0})  # fmt: skip
        row["rostered"] += 1
        row["worked"] += s.checkin_at is not None
        row["missed"] += s.id in missed_ids
        row["late"] += s.late
    rows = [{**r, "absent": absent.get(pid, 0)} for pid, r in sorted(per.items(),
            key=lambda kv: str(kv[1]["person"]))]  # fmt: skip
    title = _("Duty attendance {first} to {last}").format(first=first, last=last)
    return Report(title, columns(*ATTENDANCE), rows)


WAGES = ("code", "person", "wage", "missed", "deduction", "amount", "signature")


def wage_rows(reader: Reader, month: str | None) -> tuple[list[dict[str, Any]], date, date]:
    """Each hired guard (a person with a monthly wage, here in the month): the wage, the
    missed shifts, the deduction the setting duty.missed_shift_deduction says (default
    none), what is paid."""
    first, last = _range(reader, None, month)
    per = settings.read(reader, "duty.missed_shift_deduction")["duty.missed_shift_deduction"]
    now = clock.now(settings.zone(reader))
    missed_by: dict[int, int] = {}
    for s, _p in missed(reader, first, last, now):
        missed_by[s.person] = missed_by.get(s.person, 0) + 1
    rows = []
    for pid, code, name, wage in reader.rows(
        "SELECT id, code, name, wage FROM person WHERE wage IS NOT NULL AND"
        " (active = :yes OR left_on >= :f) ORDER BY code",
        {"yes": True, "f": day_param(reader, first)},
    ):
        n = missed_by.get(int(pid), 0)
        cut = min(int(wage), n * int(per))
        rows.append({"code": code, "person": name, "wage": int(wage), "missed": n,
                     "deduction": cut, "amount": int(wage) - cut, "signature": ""})  # fmt: skip
    return rows, first, last


def wages(reader: Reader, month: str | None) -> Report:
    rows, first, last = wage_rows(reader, month)
    title = _("Duty wages {first} to {last}").format(first=first, last=last)
    return Report(title, columns(*WAGES, command="duty wages"), rows)
