"""What the canteen's reads need, in plain SQL on a `Reader` (no ORM on the path of
`meal dish list`, `menu show|check`, `sample list|check`, `cost`, `report` and the
checks): the records as plain rows with the models' field names. The writes ask here
too, through `core.db.reader_of(session)`."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.core import names
from houqin_cli.core.clock import stored_date
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.plain import day_param

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

Slot = tuple[date, str]  # a meal: (day, breakfast | lunch | dinner)


@dataclass(frozen=True)
class DishRow:
    id: int
    code: str
    name: str
    kind: str
    allergens: str | None
    note: str | None


@dataclass(frozen=True)
class ServedRow:
    id: int
    code: str
    day: date
    meal: str
    count: int
    staff: int
    unit_id: int | None
    cook_id: int | None
    dishes: str | None


@dataclass(frozen=True)
class SampleRow:
    id: int
    code: str
    day: date
    meal: str
    dish_id: int
    grams_milli: int
    taken_at: str
    by_id: int
    reviewer_id: int
    fridge: str | None
    discarded_at: str | None
    discarded_by_id: int | None


@dataclass(frozen=True)
class DisinfectionRow:
    id: int
    code: str
    day: date
    meal: str
    method: str
    temp_c: int | None
    seconds: int | None
    ppm: int | None
    by_id: int
    failed: bool


@dataclass(frozen=True)
class AccompanyRow:
    id: int
    code: str
    day: date
    meal: str
    person_id: int | None
    parent: str | None
    rating: int | None
    note: str | None
    problem: str | None
    answer: str | None
    answered_by_id: int | None
    answered_on: date | None


def _d(value: Any) -> date:
    return stored_date(value) or date.min


def _span(reader: Reader, start: date, end: date) -> dict[str, Any]:
    return {"start": day_param(reader, start), "end": day_param(reader, end)}


def dishes(reader: Reader) -> list[DishRow]:
    return [
        DishRow(int(i), c, n, k, a, note)
        for i, c, n, k, a, note in reader.rows(
            "SELECT id, code, name, kind, allergens, note FROM meal_dish ORDER BY code"
        )
    ]


def dish_id(reader: Reader, text: str) -> int:
    """The dish `text` names (code, name, prefix or initials); else exit 2 naming the
    nearest dishes there are."""
    try:
        return int(names.lookup(reader, "meal_dish", text, _(N_("dish")))[0])
    except names.Ambiguous:
        raise
    except InputError:
        known = [d.name for d in dishes(reader)]
        near = difflib.get_close_matches(text.strip(), known, n=5, cutoff=0.3)
        if near:
            raise InputError(
                _("No dish matches {text!r}; did you mean: {candidates}?").format(
                    text=text.strip(), candidates=", ".join(near)
                )
            ) from None
        raise InputError(
            _("No dish matches {text!r}; add it with `houqin meal dish add`.").format(
                text=text.strip()
            )
        ) from None


def menu(reader: Reader, start: date, end: date) -> dict[Slot, list[int]]:
    """The dish ids on the menu of each meal within [start, end], in their order."""
    out: dict[Slot, list[int]] = defaultdict(list)
    for day, meal, dish in reader.rows(
        "SELECT day, meal, dish_id FROM meal_menu WHERE day >= :start AND day <= :end"
        " ORDER BY day, meal, position, id",
        _span(reader, start, end),
    ):
        out[(_d(day), meal)].append(int(dish))
    return dict(out)


_SERVED = "SELECT id, code, day, meal, count, staff, unit_id, cook_id, dishes FROM meal_served"


def served(reader: Reader, start: date, end: date) -> list[ServedRow]:
    return [
        ServedRow(int(i), c, _d(d), m, int(n), int(st), u, ck, ds)
        for i, c, d, m, n, st, u, ck, ds in reader.rows(
            f"{_SERVED} WHERE day >= :start AND day <= :end ORDER BY day, meal, id",
            _span(reader, start, end),
        )
    ]


def served_dishes(reader: Reader, start: date, end: date) -> dict[Slot, set[int]]:
    """Each meal actually served within [start, end] and the dishes it served: what
    `--dishes` named, else the menu (the checks read the records, not the plan)."""
    plan = menu(reader, start, end)
    out: dict[Slot, set[int]] = {}
    for row in served(reader, start, end):
        slot = (row.day, row.meal)
        named = {int(x) for x in (row.dishes or "").split(",") if x}
        out.setdefault(slot, set()).update(named or plan.get(slot, []))
    return out


_SAMPLE = (
    "SELECT id, code, day, meal, dish_id, grams_milli, taken_at, by_id, reviewer_id, fridge,"
    " discarded_at, discarded_by_id FROM meal_sample"
)


def _sample(r: Any) -> SampleRow:
    i, c, d, m, dish, g, at, by, rv, fr, dat, dby = r
    return SampleRow(int(i), c, _d(d), m, int(dish), int(g), at, int(by), int(rv), fr, dat, dby)


def samples(reader: Reader, start: date, end: date, fridge: str | None = None) -> list[SampleRow]:
    params = _span(reader, start, end)
    where = "day >= :start AND day <= :end"
    if fridge:
        where += " AND fridge = :fridge"
        params["fridge"] = fridge
    return [
        _sample(r) for r in reader.rows(f"{_SAMPLE} WHERE {where} ORDER BY day, meal, code", params)
    ]


def kept_samples(reader: Reader) -> list[SampleRow]:
    """The samples still in the fridge (not discarded)."""
    return [_sample(r) for r in reader.rows(f"{_SAMPLE} WHERE discarded_at IS NULL ORDER BY code")]


def find_sample(reader: Reader, code: str) -> SampleRow:
    found = reader.rows(f"{_SAMPLE} WHERE upper(code) = :code", {"code": code.strip().upper()})
    if not found:
        raise InputError(
            _("No food sample {code!r}; see `houqin meal sample list`.").format(code=code)
        )
    return _sample(found[0])


def disinfections(reader: Reader, start: date, end: date) -> list[DisinfectionRow]:
    return [
        DisinfectionRow(int(i), c, _d(d), m, me, t, s, p, int(by), bool(f))
        for i, c, d, m, me, t, s, p, by, f in reader.rows(
            "SELECT id, code, day, meal, method, temp_c, seconds, ppm, by_id, failed"
            " FROM meal_disinfection WHERE day >= :start AND day <= :end ORDER BY day, meal, code",
            _span(reader, start, end),
        )
    ]


_ACCOMPANY = (
    "SELECT id, code, day, meal, person_id, parent, rating, note, problem, answer,"
    " answered_by_id, answered_on FROM meal_accompany"
)


def _accompany(r: Any) -> AccompanyRow:
    i, c, d, m, p, par, rt, n, pr, a, ab, ao = r
    return AccompanyRow(int(i), c, _d(d), m, p, par, rt, n, pr, a, ab, stored_date(ao))


def accompanies(reader: Reader, start: date, end: date) -> list[AccompanyRow]:
    return [
        _accompany(r)
        for r in reader.rows(
            f"{_ACCOMPANY} WHERE day >= :start AND day <= :end ORDER BY day, meal, code",
            _span(reader, start, end),
        )
    ]


def open_problems(reader: Reader) -> list[AccompanyRow]:
    return [
        _accompany(r)
        for r in reader.rows(
            f"{_ACCOMPANY} WHERE problem IS NOT NULL AND answer IS NULL ORDER BY code"
        )
    ]


def find_accompany(reader: Reader, code: str) -> AccompanyRow:
    found = reader.rows(f"{_ACCOMPANY} WHERE upper(code) = :code", {"code": code.strip().upper()})
    if not found:
        raise InputError(_("No 陪餐 record {code!r}.").format(code=code))
    return _accompany(found[0])


def person_roles(reader: Reader, person_id: int) -> list[str]:
    ((roles,),) = reader.rows("SELECT roles FROM person WHERE id = :id", {"id": person_id})
    return str(roles or "").split()


def leader_ids(reader: Reader, roles: list[str]) -> set[int]:
    """The people holding any of `roles`."""
    return {
        int(i)
        for i, held in reader.rows("SELECT id, roles FROM person")
        if set(str(held or "").split()) & set(roles)
    }


def person_id(reader: Reader, text: str) -> int:
    return int(names.lookup(reader, "person", text, _(N_("person")))[0])
