"""The canteen's Reports and findings, on the plain reader: the dishes, the week's
menu (the sheet posted for students and parents) and its check, the 留样记录表 and
the sample check, disinfection and 陪餐 findings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, labels, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Finding, Report
from houqin_cli.meal import reads, vocab

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

# words in a dish's name that mean an allergen (GB 7718 致敏物质), shown by --allergens
ALLERGEN_WORDS = ("花生", "坚果", "核桃", "杏仁", "腰果", "牛奶", "奶", "鸡蛋", "蛋",
                  "虾", "蟹", "贝", "鱼", "大豆", "豆腐", "芝麻", "小麦")  # fmt: skip


def today_of(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


def week_of(reader: Reader, week: str | None) -> tuple[list[date], str]:
    """The seven days of a week such as 2026-W49 (default this week) and its label."""
    if week:
        period = clock.parse_period(week, settings.zone(reader))
        if "W" not in period.label:
            raise InputError(_("Give a week like 2026-W49, not {text!r}.").format(text=week))
        start, label = period.start, period.label
    else:
        day = today_of(reader)
        start = day - timedelta(days=day.weekday())
        y, w, _d = day.isocalendar()
        label = f"{y}-W{w:02d}"
    return [start + timedelta(days=i) for i in range(7)], label


def slot_text(day: date, meal: str) -> str:
    return f"{day} {labels.label('meal', meal)}"


def dish_list(reader: Reader) -> Report:
    rows = [
        {"code": d.code, "name": d.name, "kind": d.kind, "allergens": d.allergens, "note": d.note}
        for d in reads.dishes(reader)
    ]
    return Report(
        _("Dishes"),
        columns("code", "name", "kind", "allergens", "note", labels={"kind": ("dish_kind",)}),
        rows,
    )


def _dish_text(d: reads.DishRow) -> str:
    return f"{d.name}【{d.allergens}】" if d.allergens else d.name


def menu_show(reader: Reader, week: str | None) -> Report:
    days, label = week_of(reader, week)
    dishes = {d.id: d for d in reads.dishes(reader)}
    plan = reads.menu(reader, days[0], days[-1])
    rows = []
    for meal in vocab.MEALS:
        row: dict[str, Any] = {"meal": meal}
        for key, day in zip(vocab.DAYS, days, strict=True):
            row[key] = "、".join(_dish_text(dishes[i]) for i in plan.get((day, meal), []))
        rows.append(row)
    title = _("Menu, week {week} ({start} to {end})").format(
        week=label, start=days[0], end=days[-1]
    )
    return Report(title, columns("meal", *vocab.DAYS), rows)


def _term_days(reader: Reader, days: list[date]) -> list[date]:
    """The school days among `days` that lie in a term."""
    from houqin_cli.calendar import reads as cal
    from houqin_cli.calendar.holidays import Workdays

    terms = cal.terms(reader)
    workday = Workdays(reader)
    out = []
    for day in days:
        if not any(s <= day <= e for _n, s, e in terms):
            continue
        try:
            works = workday(day)
        except RuleError:
            works = day.weekday() < 5
        if works:
            out.append(day)
    return out


def menu_findings(reader: Reader, days: list[date]) -> list[Finding]:
    dishes = {d.id: d for d in reads.dishes(reader)}
    plan = reads.menu(reader, days[0], days[-1])
    most = int(settings.read(reader, "meal.max_repeats_per_week")["meal.max_repeats_per_week"])
    out: list[Finding] = []
    for day in days:
        for meal in ("lunch", "dinner"):
            ids = plan.get((day, meal))
            if not ids:
                continue
            kinds = {dishes[i].kind for i in ids}
            if not (kinds & {"meat", "mixed"}) or "vegetable" not in kinds:
                out.append(Finding(
                    "meal.menu", "menu.unbalanced",
                    _("{slot}: a lunch or dinner needs a meat (or mixed) dish and a vegetable "
                      "dish (荤素搭配).").format(slot=slot_text(day, meal)),
                    {"date": day.isoformat(), "meal": meal},
                ))  # fmt: skip
    times: dict[int, int] = {}
    for ids in plan.values():
        for i in set(ids):
            times[i] = times.get(i, 0) + 1
    for i, n in sorted(times.items()):
        if n > most and dishes[i].kind not in ("staple",):
            out.append(Finding(
                "meal.menu", "menu.repeated",
                _("{dish} is on the menu {n} times this week; at most {most} "
                  "(meal.max_repeats_per_week).").format(dish=dishes[i].name, n=n, most=most),
                {"dish": dishes[i].code, "times": n},
            ))  # fmt: skip
    for day in _term_days(reader, days):
        if not any((day, m) in plan for m in vocab.MEALS):
            out.append(Finding(
                "meal.menu", "menu.missing",
                _("{day} is a school day in term and has no menu.").format(day=day),
                {"date": day.isoformat()},
            ))  # fmt: skip
    flagged: set[int] = set()
    for ids in plan.values():
        for i in ids:
            d = dishes[i]
            if i in flagged or d.allergens:
                continue
            if d.kind == "dairy" or any(w in d.name for w in ALLERGEN_WORDS):
                flagged.add(i)
                out.append(Finding(
                    "meal.menu", "menu.allergen",
                    _("{dish} is served without its allergen flag; record it with "
                      "`houqin meal dish add … --allergens`.").format(dish=d.name),
                    {"dish": d.code},
                ))  # fmt: skip
    return out


def menu_report(reader: Reader, week: str | None) -> Report:
    days, label = week_of(reader, week)
    return Report(
        _("Menu check, week {week}").format(week=label), [], findings=menu_findings(reader, days)
    )


def _grams(milli: int) -> Any:
    return money.milli_to_qty(milli)


def sample_list(reader: Reader, day: date | None, fridge: str | None) -> Report:
    tz = settings.zone(reader)
    start, end = (day, day) if day else (date.min, date.max)
    people = names_by_id(reader, "person")
    dishes = {d.id: d.name for d in reads.dishes(reader)}
    rows = [
        {
            "code": s.code,
            "date": s.day,
            "meal": s.meal,
            "dish": dishes.get(s.dish_id),
            "grams": _grams(s.grams_milli),
            "taken_at": clock.local_text(s.taken_at, tz),
            "sampler": people.get(s.by_id),
            "reviewer": people.get(s.reviewer_id),
            "fridge": s.fridge,
            "discarded_at": clock.local_text(s.discarded_at, tz) if s.discarded_at else None,
        }
        for s in reads.samples(reader, start, end, fridge)
    ]
    keys = ("code", "date", "meal", "dish", "grams", "taken_at", "sampler", "reviewer",
            "fridge", "discarded_at")  # fmt: skip
    return Report(_("Food samples (留样记录表)"), columns(*keys), rows)


def sample_findings(reader: Reader, start: date, end: date) -> list[Finding]:
    """A dish served with no sample, a sample under the grams, discarded early, taken
    and reviewed by one person, or still in the fridge long past retention."""
    cfg = settings.read(reader, "meal.sample_grams", "meal.sample_hours", "meal.sample_max_days")
    least, hours = cfg["meal.sample_grams"] * 1000, cfg["meal.sample_hours"]
    dishes = {d.id: d.name for d in reads.dishes(reader)}
    found = reads.samples(reader, start, end)
    have = {(s.day, s.meal, s.dish_id) for s in found}
    out: list[Finding] = []
    for (day, meal), ids in sorted(reads.served_dishes(reader, start, end).items()):
        for i in sorted(ids):
            if (day, meal, i) not in have:
                out.append(Finding(
                    "meal.samples", "sample.missing",
                    _("{slot}: {dish} was served with no food sample.").format(
                        slot=slot_text(day, meal), dish=dishes.get(i)),
                    {"date": day.isoformat(), "meal": meal, "dish": dishes.get(i)},
                ))  # fmt: skip
    for s in found:
        out.extend(_sample_problems(s, least, hours, dishes))
    now = clock.now(settings.zone(reader))
    for s in reads.kept_samples(reader):
        if now - clock.from_iso_utc(s.taken_at) > timedelta(days=cfg["meal.sample_max_days"]):
            out.append(Finding(
                "meal.samples", "sample.overkept",
                _("{code} ({dish}, {day}) is still in the fridge after {days} days "
                  "(meal.sample_max_days); discard it with `houqin meal sample discard`.").format(
                    code=s.code, dish=dishes.get(s.dish_id), day=s.day,
                    days=cfg["meal.sample_max_days"]),
                {"sample": s.code},
            ))  # fmt: skip
    return out


def _sample_problems(
    s: reads.SampleRow, least: int, hours: int, dishes: dict[int, str]
) -> list[Finding]:
    out = []
    if s.grams_milli < least:
        out.append(Finding(
            "meal.samples", "sample.light",
            _("{code} weighs {grams} g, under {least} g (meal.sample_grams).").format(
                code=s.code, grams=_grams(s.grams_milli), least=least // 1000),
            {"sample": s.code},
        ))  # fmt: skip
    if s.discarded_at and clock.from_iso_utc(s.discarded_at) - clock.from_iso_utc(
        s.taken_at
    ) < timedelta(hours=hours):
        out.append(Finding(
            "meal.samples", "sample.early",
            _("{code} was discarded before {hours} hours (meal.sample_hours).").format(
                code=s.code, hours=hours),
            {"sample": s.code},
        ))  # fmt: skip
    if s.by_id == s.reviewer_id:
        out.append(Finding(
            "meal.samples", "sample.self_reviewed",
            _("{code} was taken and reviewed by the same person.").format(code=s.code),
            {"sample": s.code},
        ))  # fmt: skip
    return out


def span_of(reader: Reader, day: str | None, week: str | None) -> tuple[date, date, str]:
    """--date or --week (default this week): the days a check covers."""
    if day and week:
        raise InputError(_("Give --date or --week, not both."))
    if day:
        d = clock.parse_date(day, settings.zone(reader))
        return d, d, d.isoformat()
    days, label = week_of(reader, week)
    return days[0], days[-1], label


def sample_report(reader: Reader, day: str | None, week: str | None) -> Report:
    start, end, label = span_of(reader, day, week)
    return Report(
        _("Food sample check, {period}").format(period=label),
        [],
        findings=sample_findings(reader, start, end),
    )


def expiring_report(reader: Reader, days: int) -> Report:
    from houqin_cli.meal import inspect_reads as inspect

    if days < 0:
        raise InputError(_("--days cannot be negative."))
    rows = [
        {"receipt": c, "date": d, "expires": e, "item": name, "quantity": money.milli_to_qty(q)}
        for c, d, e, name, q in inspect.expiring(reader, today_of(reader), days)
    ]
    return Report(
        _("Food expiring within {days} days").format(days=days),
        columns("receipt", "date", "expires", "item", "quantity"),
        rows,
    )


def staff_report(reader: Reader) -> Report:
    from houqin_cli.people import certs

    people = names_by_id(reader, "person")
    today = today_of(reader)
    rows = []
    for pid, role in reader.rows("SELECT person_id, role FROM meal_staff ORDER BY id"):
        cert = certs.current(reader, int(pid), certs.HEALTH, today)
        rows.append({"person": people.get(int(pid)), "role": role,
                     "code": cert.code if cert else None,
                     "expires": cert.expires if cert else None})  # fmt: skip
    return Report(_("Canteen staff"), columns("person", "role", "code", "expires"), rows)


def purge(run: Any, dry_run: bool) -> Report:
    """The inspection records past retention; without --dry-run, deleted (journalled)."""
    from houqin_cli.meal import inspect_reads

    title = _("Inspection records past their retention")
    cols = columns("code", "date", "until")
    if dry_run:
        with run.reader() as r:
            found = inspect_reads.past_retention(r, today_of(r))
        return Report(title, cols, [{"code": c, "date": d, "until": u} for _i, c, d, u in found])
    with run.write() as s:
        from houqin_cli.core.db import reader_of
        from houqin_cli.meal import inspect

        r = reader_of(s)
        found = inspect_reads.past_retention(r, today_of(r))
        inspect.purge(s, today_of(r))
    return Report(
        _("Inspection records purged"), cols,
        [{"code": c, "date": d, "until": u} for _i, c, d, u in found],
    )  # fmt: skip
