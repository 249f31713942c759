"""The gate's plain reads (no model imported): visitors, student exits, the day's gate
book, and what the checks find. Phone and ID numbers masked unless `reveal`."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, names_by_id
from houqin_cli.core.privacy import masked_rows
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from datetime import tzinfo

    from houqin_cli.core.db import Reader

VISITORS = ("code", "visitor", "id_no", "phone", "organisation", "visiting", "reason",
            "vehicle", "time_in", "time_out")  # fmt: skip
EXITS = ("code", "student", "class_name", "reason", "approved_by", "with_guardian", "time_out",
         "back_by", "time_in")  # fmt: skip


def head_of_class(reader: Reader, class_id: int) -> tuple[int | None, str]:
    [(head, name)] = reader.rows("SELECT head_id, name FROM unit WHERE id = :id", {"id": class_id})
    return (int(head) if head is not None else None), str(name)


def _bounds(day: date, tz: tzinfo) -> tuple[str, str]:
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    return clock.iso_utc(start), clock.iso_utc(start + timedelta(days=1))


def _when(text: str | None, tz: tzinfo) -> datetime | None:
    return clock.from_iso_utc(text).astimezone(tz) if text else None


def _day(reader: Reader, text: str | None) -> tuple[date, tzinfo]:
    tz = settings.zone(reader)
    return (clock.parse_date(text, tz) if text else clock.today(tz)), tz


_VISITOR_SQL = (
    "SELECT code, name, id_no, phone, org, visiting, reason, vehicle, in_at, out_at"
    " FROM gate_visitor"
)


def _visitor_rows(
    reader: Reader, where: str, params: dict[str, Any], tz: tzinfo
) -> list[dict[str, Any]]:
    return [
        {"code": c, "visitor": n, "id_no": i, "phone": p, "organisation": o, "visiting": v,
         "reason": r, "vehicle": ve, "time_in": _when(a, tz), "time_out": _when(b, tz)}
        for c, n, i, p, o, v, r, ve, a, b in reader.rows(
            f"{_VISITOR_SQL} WHERE {where} ORDER BY in_at, code", params)
    ]  # fmt: skip


def visitors(
    reader: Reader, day: str | None = None, *, inside: bool = False, reveal: bool = False
) -> Report:
    when, tz = _day(reader, day)
    if inside and day is None:
        rows = _visitor_rows(reader, "out_at IS NULL", {}, tz)
    else:
        lo, hi = _bounds(when, tz)
        where = "in_at >= :lo AND in_at < :hi" + (" AND out_at IS NULL" if inside else "")
        rows = _visitor_rows(reader, where, {"lo": lo, "hi": hi}, tz)
    masked_rows(rows, ("id_no", "phone"), reveal)
    return Report(_("Visitors {day}").format(day=when), columns(*VISITORS), rows)


def _exit_rows(
    reader: Reader, where: str, params: dict[str, Any], tz: tzinfo
) -> list[dict[str, Any]]:
    people = names_by_id(reader, "person")
    units = names_by_id(reader, "unit")
    found = reader.rows(
        "SELECT e.code, s.name, s.class_id, e.reason, e.approved_by_id, e.with_guardian,"
        " e.out_at, e.back_by, e.back_at FROM gate_exit e JOIN student s ON s.id = e.student_id"
        f" WHERE {where} ORDER BY e.out_at, e.code",
        params,
    )
    return [
        {"code": c, "student": n, "class_name": units.get(k), "reason": r,
         "approved_by": people.get(a), "with_guardian": w, "time_out": _when(o, tz),
         "back_by": _when(bb, tz), "time_in": _when(ba, tz)}
        for c, n, k, r, a, w, o, bb, ba in found
    ]  # fmt: skip


def exits(reader: Reader, day: str | None = None, klass: str | None = None) -> Report:
    when, tz = _day(reader, day)
    lo, hi = _bounds(when, tz)
    where = "e.out_at >= :lo AND e.out_at < :hi"
    params: dict[str, Any] = {"lo": lo, "hi": hi}
    if klass:
        from houqin_cli.student.reads import class_id

        where += " AND s.class_id = :cid"
        params["cid"] = class_id(reader, klass)
    rows = _exit_rows(reader, where, params, tz)
    return Report(_("Student exits {day}").format(day=when), columns(*EXITS), rows)


LOG = ("time", "entry", "name", "note")


def gate_log(reader: Reader, day: str | None = None) -> Report:
    """The day's gate book: visitors in and out, student exits and returns, duty check-ins."""
    when, tz = _day(reader, day)
    lo, hi = _bounds(when, tz)
    p = {"lo": lo, "hi": hi}
    rows: list[dict[str, Any]] = []
    # in that day, or out that day having come in within the month before (on the index)
    back = {**p, "back": clock.iso_utc(clock.from_iso_utc(lo) - timedelta(days=31))}
    for v in _visitor_rows(reader, "in_at >= :back AND in_at < :hi AND (in_at >= :lo OR "
                           "(out_at >= :lo AND out_at < :hi))", back, tz):  # fmt: skip
        who = f"{v['visitor']} ({v['code']})"
        note = _("visiting {who}: {reason}").format(who=v["visiting"], reason=v["reason"])
        if v["time_in"].date() == when:
            rows.append({"time": v["time_in"], "entry": _("visitor in"), "name": who, "note": note})
        if v["time_out"] is not None and v["time_out"].date() == when:
            rows.append({"time": v["time_out"], "entry": _("visitor out"), "name": who,
                         "note": ""})  # fmt: skip
    for e in _exit_rows(reader, "e.out_at >= :back AND e.out_at < :hi AND (e.out_at >= :lo "
                        "OR (e.back_at >= :lo AND e.back_at < :hi))", back, tz):  # fmt: skip
        who = f"{e['student']} ({e['class_name']}, {e['code']})"
        if e["time_out"].date() == when:
            note = _("{reason}; approved by {by}").format(reason=e["reason"], by=e["approved_by"])
            rows.append({"time": e["time_out"], "entry": _("student out"), "name": who,
                         "note": note})  # fmt: skip
        if e["time_in"] is not None and e["time_in"].date() == when:
            rows.append({"time": e["time_in"], "entry": _("student back"), "name": who,
                         "note": ""})  # fmt: skip
    people = names_by_id(reader, "person")
    posts = dict(reader.rows("SELECT id, name FROM duty_post"))
    for post, by, at in reader.rows(
        "SELECT post_id, checkin_by_id, checkin_at FROM duty_shift WHERE day >= :d0"
        " AND day <= :d1 AND checkin_at >= :lo AND checkin_at < :hi",
        {**p, "d0": day_param(reader, when - timedelta(days=1)), "d1": day_param(reader, when)}):  # fmt: skip
        rows.append({"time": _when(at, tz), "entry": _("duty check-in"),
                     "name": people.get(by), "note": posts.get(post)})  # fmt: skip
    rows.sort(key=lambda r: (r["time"], r["entry"]))
    return Report(_("Gate book {day}").format(day=when), columns(*LOG), rows)


def inside_overnight(reader: Reader, today: date, tz: tzinfo) -> list[tuple[str, str, datetime]]:
    """Visitors who came in before today and have not gone out."""
    lo, _hi = _bounds(today, tz)
    return [
        (c, n, _when(a, tz))  # type: ignore[misc]
        for c, n, a in reader.rows(
            "SELECT code, name, in_at FROM gate_visitor WHERE out_at IS NULL AND in_at < :lo"
            " ORDER BY in_at",
            {"lo": lo},
        )  # fmt: skip
    ]


def not_back(reader: Reader, now: datetime) -> list[tuple[str, str, datetime]]:
    """Student exits whose --back-by has passed with no return."""
    return [
        (c, n, clock.from_iso_utc(b))
        for c, n, b in reader.rows(
            "SELECT e.code, s.name, e.back_by FROM gate_exit e JOIN student s ON"
            " s.id = e.student_id WHERE e.back_at IS NULL AND e.back_by IS NOT NULL"
            " AND e.back_by < :now ORDER BY e.back_by",
            {"now": clock.iso_utc(now)},
        )  # fmt: skip
    ]
