"""The canteen's writes: dishes, the menu, meals served and food samples (留样). Each
checks every rule, changes rows and ends with its journal entry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as daytime
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, journal, labels, money, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.db import reader_of
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.meal import reads, vocab
from houqin_cli.meal.models import Dish, MenuEntry, Sample, Served
from houqin_cli.people import service as people

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.journal import Actor


def add_dish(
    session: Session, name: str, kind: str, allergens: str | None, note: str | None
) -> Dish:
    clean = (name or "").strip()
    if not clean:
        raise InputError(_("A dish needs a name, such as 红烧肉."))
    code = labels.parse("dish_kind", kind, "--kind")
    found = reader_of(session).rows("SELECT code FROM meal_dish WHERE name = :n", {"n": clean})
    if found:
        raise RuleError(
            _("There is already a dish {name} ({code}).").format(name=clean, code=found[0][0])
        )
    dish = Dish(
        code=next_code(session, "CP", model=Dish),
        name=clean,
        kind=code,
        allergens=(allergens or "").strip() or None,
        note=(note or "").strip() or None,
        initials=names.initials(clean),
    )
    session.add(dish)
    session.flush()
    journal.record(
        session,
        "meal.dish.add",
        dish,
        {"name": dish.name, "kind": dish.kind, "allergens": dish.allergens, "note": dish.note},
    )
    return dish


def week_days(reader: Reader, week: str) -> list[date]:
    """The seven days of an ISO week such as 2026-W49; else exit 2."""
    period = clock.parse_period(week, settings.zone(reader))
    if "W" not in period.label:
        raise InputError(_("Give a week like 2026-W49, not {text!r}.").format(text=week))
    return [period.start + timedelta(days=i) for i in range(7)]


def menu_day(session: Session, when: str, day: str | None) -> date:
    """`menu set WEEK --day mon` or `menu set DATE`: the one day meant."""
    reader = reader_of(session)
    if "w" in when.lower():
        if day is None:
            raise InputError(_("A week needs --day: --day mon (周一 … 周日)."))
        return week_days(reader, when)[vocab.day_of_week(day)]
    if day is not None:
        raise InputError(_("--day goes with a week (2026-W49), not with a date."))
    return clock.parse_date(when, settings.zone(reader))


def set_menu(session: Session, day: date, meal: str, dish_texts: list[str]) -> list[int]:
    """The dishes of one meal of one day, replacing what was there."""
    reader = reader_of(session)
    if not dish_texts:
        raise InputError(_("Name the dishes: meal menu set 2026-W49 --day mon --meal lunch 米饭 …"))
    ids = [reads.dish_id(reader, t) for t in dish_texts]
    if len(set(ids)) < len(ids):
        raise InputError(_("A dish is named twice for one meal."))
    return _put_menu(session, day, meal, ids)


def _put_menu(session: Session, day: date, meal: str, ids: list[int]) -> list[int]:
    from sqlalchemy import select

    before = reads.menu(reader_of(session), day, day).get((day, meal), [])
    for old in session.execute(
        select(MenuEntry).where(MenuEntry.day == day, MenuEntry.meal == meal)  # type: ignore[arg-type]
    ).scalars():
        session.delete(old)  # through the ORM: the journal sees each row go
    session.flush()
    for i, dish in enumerate(ids):
        session.add(MenuEntry(day=day, meal=meal, dish_id=dish, position=i))
    journal.append(
        session,
        "meal.menu.set",
        "meal_menu",
        payload={"day": day.isoformat(), "meal": meal, "dishes": ids, "before": before},
    )
    return ids


def import_menu(session: Session, grid: list[list[Any]], week: str | None, file: str) -> int:
    """A week's menu as the canteen types it: days across (dates, or 周一 … with --week),
    meals down, the dishes of a cell separated by 、 , ， / or new lines. All or none."""
    import re

    reader = reader_of(session)
    tz = settings.zone(reader)
    numbered = [(i, r) for i, r in enumerate(grid, start=1) if any(c not in (None, "") for c in r)]
    if not numbered:
        raise InputError(_("{file} holds no menu.").format(file=file))
    # a title row or two above the header (本周菜谱) holds one cell: the header has days
    first = next(
        (k for k, (_i, r) in enumerate(numbered) if any(c not in (None, "") for c in r[1:])), 0
    )
    header, body = numbered[first][1], numbered[first + 1 :]
    days: dict[int, date] = {}
    for col, cell in enumerate(header[1:], start=1):
        text = str(cell or "").strip()
        if not text:
            continue
        try:
            days[col] = (
                cell if isinstance(cell, date) and not isinstance(cell, datetime) else
                clock.parse_date(text.split()[0][:10], tz)
            )  # fmt: skip
        except InputError:
            if week is None:
                raise InputError(
                    _("{file}: the header cell {text!r} is not a date; give --week 2026-W49 "
                      "for days named 周一 … 周日.").format(file=file, text=text)
                ) from None  # fmt: skip
            days[col] = week_days(reader, week)[vocab.day_of_week(text)]
    written = 0
    plan: list[tuple[date, str, list[int]]] = []
    for n, row in body:
        try:
            meal = vocab.meal(str(row[0] or ""))
        except InputError as exc:
            raise InputError(
                _("{file}, row {row}, column {col}: {problem}").format(
                    file=file, row=n, col="A", problem=exc.message
                )
            ) from None
        for col, day in days.items():
            cell = str(row[col] if col < len(row) and row[col] is not None else "").strip()
            if not cell:
                continue
            texts = [t for t in re.split(r"[、,，/\n;；]+", cell) if t.strip()]
            ids = []
            for t in texts:
                try:
                    ids.append(reads.dish_id(reader, t))
                except InputError as exc:
                    raise InputError(
                        _("{file}, row {row}, column {col}: {problem}").format(
                            file=file, row=n, col=_letter(col), problem=exc.message
                        )
                    ) from None
            plan.append((day, meal, list(dict.fromkeys(ids))))
    for day, meal, ids in plan:
        _put_menu(session, day, meal, ids)
        written += 1
    return written


def _letter(col: int) -> str:
    out = ""
    n = col + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def serve(
    session: Session,
    day: date,
    meal: str,
    count: int,
    *,
    unit: str | None = None,
    staff: int = 0,
    dishes: list[str] | None = None,
    cook: str | None = None,
) -> Served:
    reader = reader_of(session)
    if count < 0 or staff < 0:
        raise InputError(_("--count and --staff cannot be negative."))
    planned = reads.menu(reader, day, day).get((day, meal))
    ids = [reads.dish_id(reader, t) for t in dishes or []]
    if not planned and not ids:
        raise RuleError(
            _("No menu is entered for {meal} on {day}: enter it with `houqin meal menu set`, "
              "or name what was served with --dishes.").format(
                meal=labels.label("meal", meal), day=day)
        )  # fmt: skip
    unit_id = people.find_unit(session, unit).id if unit else None
    dup = reader.rows(
        "SELECT code FROM meal_served WHERE day = :d AND meal = :m AND "
        + ("unit_id = :u" if unit_id is not None else "unit_id IS NULL"),
        {"d": day_param(reader, day), "m": meal, "u": unit_id},
    )
    if dup:
        raise RuleError(
            _("{meal} on {day} is already recorded ({code}).").format(
                meal=labels.label("meal", meal), day=day, code=dup[0][0]
            )
        )
    cook_id = None
    if cook:
        from houqin_cli.meal import staff as staffing

        cook_id = staffing.serving_cook(session, cook, day)
    row = Served(
        code=next_code(session, "YC", year=day.year, model=Served),
        day=day,
        meal=meal,
        count=count,
        staff=staff,
        unit_id=unit_id,
        cook_id=cook_id,
        dishes=",".join(str(i) for i in ids) or None,
    )
    session.add(row)
    session.flush()
    journal.record(
        session,
        "meal.serve",
        row,
        {"day": day.isoformat(), "meal": meal, "count": count, "staff": staff,
         "unit_id": unit_id, "cook_id": cook_id, "dishes": ids},
    )  # fmt: skip
    return row


def grams(text: str) -> int:
    """A sample's weight in thousandths of a gram (exact; exit 2 when not a number)."""
    return money.qty_to_milli(money.parse_qty(text))


MEAL_TIMES = {"breakfast": daytime(7, 30), "lunch": daytime(12, 0), "dinner": daytime(18, 0)}


def _moment(
    session: Session, actor: Actor, text: str | None, slot: tuple[date, str] | None = None
) -> datetime:
    """--time in the school's zone; not after now (exit 2). Without it: now, or for a
    meal (`slot`) its usual time that day when that is earlier (a record entered later)."""
    if not text:
        if slot is None:
            return actor.now
        tz = settings.timezone(session)
        usual = datetime.combine(slot[0], MEAL_TIMES[slot[1]], tzinfo=tz).astimezone(UTC)
        return min(actor.now, usual)
    when = clock.parse_datetime(text, settings.timezone(session))
    if when > actor.now:
        raise InputError(
            _("{time} is after now: nothing can be recorded as done in the future.").format(
                time=text
            )
        )
    return when


def add_sample(
    session: Session,
    actor: Actor,
    *,
    day: date,
    meal: str,
    dish: str,
    grams_text: str,
    by: str,
    reviewer: str,
    fridge: str | None = None,
    time: str | None = None,
) -> Sample:
    reader = reader_of(session)
    dish_id = reads.dish_id(reader, dish)
    milli = grams(grams_text)
    least = int(settings.get(session, "meal.sample_grams"))
    if milli < least * 1000:
        raise RuleError(
            _("A food sample must weigh at least {least} g (meal.sample_grams, {source}); "
              "{grams} g is too little.").format(
                least=least, source=vocab.GB31654, grams=money.qty_str(money.milli_to_qty(milli)))
        )  # fmt: skip
    sampler = people.active_person_on(session, by, day)
    checker = people.active_person_on(session, reviewer, day)
    if sampler.id == checker.id:
        raise RuleError(
            _("{name} cannot both take the sample and review it: name another --reviewer.").format(
                name=sampler.name
            )
        )
    at = _moment(session, actor, time, (day, meal))
    row = Sample(
        code=next_code(session, "LY", year=day.year, model=Sample),
        day=day,
        meal=meal,
        dish_id=dish_id,
        grams_milli=milli,
        taken_at=clock.iso_utc(at),
        by_id=sampler.id or 0,
        reviewer_id=checker.id or 0,
        fridge=(fridge or "").strip() or None,
    )
    session.add(row)
    session.flush()
    journal.record(
        session,
        "meal.sample.add",
        row,
        {"day": day.isoformat(), "meal": meal, "dish_id": dish_id, "grams_milli": milli,
         "taken_at": row.taken_at, "by_id": row.by_id, "reviewer_id": row.reviewer_id,
         "fridge": row.fridge},
    )  # fmt: skip
    return row


def discard_sample(
    session: Session, actor: Actor, code: str, by: str, time: str | None = None
) -> Sample:
    found = reads.find_sample(reader_of(session), code)
    row = session.get(Sample, found.id)
    assert row is not None
    if row.discarded_at is not None:
        raise RuleError(
            _("{code} was already discarded at {time}.").format(
                code=row.code, time=clock.local_text(row.discarded_at, settings.timezone(session))
            )
        )
    at = _moment(session, actor, time)
    hours = int(settings.get(session, "meal.sample_hours"))
    taken = clock.from_iso_utc(row.taken_at)
    if at - taken < timedelta(hours=hours):
        kept = at - taken
        h, m = divmod(max(int(kept.total_seconds()) // 60, 0), 60)
        until = clock.local_text(
            clock.iso_utc(taken + timedelta(hours=hours)), settings.timezone(session)
        )
        raise RuleError(
            _("{code} has been kept {h} h {m} min; a food sample is kept at least {hours} hours "
              "(meal.sample_hours, 学校食品安全与营养健康管理规定 2019): discard it from {until}.").format(
                code=row.code, h=h, m=m, hours=hours, until=until)
        )  # fmt: skip
    person = people.active_person(session, by)
    row.discarded_at = clock.iso_utc(at)
    row.discarded_by_id = person.id
    session.flush()
    journal.record(
        session,
        "meal.sample.discard",
        row,
        {"discarded_at": row.discarded_at, "by_id": person.id},
    )
    return row
