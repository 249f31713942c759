"""The repairs' Reports: the list, one order's life, the holiday repair plan by
building, what repairs cost in a month, and the checks (overdue, not accepted)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, labels, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, in_list, names_by_id
from houqin_cli.core.report import Finding, Report, total_row
from houqin_cli.repair import reads
from houqin_cli.repair.reads import OrderRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Reader

STATUS = {"status": ("repair_status",)}
LIST = ("code", "requested_at", "what", "place", "requester", "urgency", "for_holiday",
        "status", "assignee", "due_at", "overdue")  # fmt: skip


def now_text(reader: Reader) -> str:
    """Now as stored (ISO UTC), HOUQIN_NOW read in the school's zone."""
    return clock.iso_utc(clock.now(settings.zone(reader)))


class Names:
    """People's and places' names, read once."""

    def __init__(self, reader: Reader) -> None:
        self.people = names_by_id(reader, "person")
        self.places = reads.places(reader)

    def person(self, pid: int | None) -> str | None:
        return self.people.get(pid) if pid is not None else None

    def place(self, pid: int | None) -> str | None:
        return self.places[pid][0] if pid is not None and pid in self.places else None

    def building(self, pid: int | None) -> str:
        if pid is None or pid not in self.places:
            return _("(no place)")
        name, building, _kind = self.places[pid]
        return building or name

    def kind(self, pid: int | None) -> str:
        return self.places[pid][2] if pid is not None and pid in self.places else "other"


def is_overdue(o: OrderRow, now: str) -> bool:
    return o.status in ("requested", "assigned") and o.due_at is not None and o.due_at < now


def _when(text: str | None, tz: Any) -> str | None:
    return clock.local_text(text, tz) if text else None


def _row(o: OrderRow, names: Names, now: str, tz: Any) -> dict[str, Any]:
    return {
        "code": o.code,
        "requested_at": _when(o.requested_at, tz),
        "what": o.what,
        "place": names.place(o.place_id),
        "requester": names.person(o.requester_id),
        "urgency": o.urgency,
        "for_holiday": o.for_holiday,
        "status": o.status,
        "assignee": names.person(o.assignee_id),
        "due_at": _when(o.due_at, tz),
        "overdue": is_overdue(o, now),
    }


def list_report(
    reader: Reader,
    *,
    open_only: bool = False,
    place: str | None = None,
    assignee: str | None = None,
    overdue: bool = False,
    for_holiday: str | None = None,
) -> Report:
    where: list[str] = []
    params: dict[str, Any] = {}
    if open_only or overdue:
        where.append("status IN ('requested', 'assigned', 'done')")
    if place is not None:
        where.append("place_id = :place")
        params["place"] = reads.lookup(reader, "place", place)
    if assignee is not None:
        where.append("assignee_id = :assignee")
        params["assignee"] = reads.lookup(reader, "person", assignee)
    if for_holiday is not None:
        where.append("for_holiday = :holiday")
        params["holiday"] = labels.parse("holiday", for_holiday, "--for")
    now = now_text(reader)
    if overdue:
        where.append("due_at IS NOT NULL AND due_at < :now AND status <> 'done'")
        params["now"] = now
    found = reads.orders(reader, " AND ".join(where) or "1 = 1", params)
    names, tz = Names(reader), settings.zone(reader)
    rows = [_row(o, names, now, tz) for o in found]
    return Report(_("Repair orders"), columns(*LIST, labels=STATUS), rows)


def _history(reader: Reader, o: OrderRow, names: Names, tz: Any) -> list[str]:
    out = []
    for e in reads.events(reader, o.id):
        parts = [clock.local_text(e.at, tz), labels.label("repair_step", e.step)]
        if e.by_id is not None:
            parts.append(names.person(e.by_id) or "?")
        if e.movement_code:
            parts.append(e.movement_code)
        if e.amount_fen is not None:
            parts.append(money.format_money(e.amount_fen))
        if e.receipt_code:
            parts.append(e.receipt_code)
        if e.note:
            parts.append(e.note)
        parts.append(f"({e.operator})")
        out.append(" ".join(parts))
    return out


def show_report(reader: Reader, code: str) -> Report:
    """One order and its life: requested, assigned, parts, cost, done, accepted — with
    who and when; its parts (the stock issues) and what it cost."""
    o = reads.find_order(reader, code)
    names, tz, now = Names(reader), settings.zone(reader), now_text(reader)
    used = reads.parts(reader, o.id)
    parts_fen = reads.parts_value(reader, [o.id]).get(o.id, 0)
    outside = reads.outside_value(reader, [o.id]).get(o.id, 0)
    asset = reads.codes_by_id_one(reader, "asset", o.asset_id) if o.asset_id else None
    damage = reads.codes_by_id_one(reader, "asset_damage", o.damage_id) if o.damage_id else None
    row = _row(o, names, now, tz) | {
        "asset_code": asset,
        "source": damage,
        "estimate": o.estimate_fen,
        "done_at": _when(o.done_at, tz),
        "rating": o.rating,
        "note": o.note,
        "parts_used": [
            f"{c} {name} {money.qty_str(money.milli_to_qty(q))} {money.format_money(v)}"
            for c, name, q, v in used
        ],
        "parts_cost": parts_fen,
        "outside_cost": outside,
        "total_cost": parts_fen + outside,
        "history": _history(reader, o, names, tz),
    }
    keys = ("code", "what", "place", "asset_code", "source", "requester", "requested_at",
            "urgency", "for_holiday", "status", "assignee", "due_at", "overdue", "done_at",
            "rating", "estimate", "parts_used", "parts_cost", "outside_cost", "total_cost", "note",
            "history")  # fmt: skip
    return Report(
        _("Repair order {code}").format(code=o.code), columns(*keys, labels=STATUS), [row],
        record=True,
    )  # fmt: skip


def plan_report(reader: Reader, for_holiday: str) -> Report:
    """The holiday repair list (拟定暑假/寒假维修事项), by building, with estimated cost."""
    holiday = labels.parse("holiday", for_holiday, "--for")
    found = [
        o
        for o in reads.orders(reader, "for_holiday = :h", {"h": holiday})
        if o.status != "cancelled"
    ]
    names = Names(reader)
    by_building: dict[str, list[OrderRow]] = defaultdict(list)
    for o in found:
        by_building[names.building(o.place_id)].append(o)
    rows: list[dict[str, Any]] = []
    for building in sorted(by_building):
        for o in by_building[building]:
            rows.append(
                {
                    "building": building,
                    "code": o.code,
                    "what": o.what,
                    "place": names.place(o.place_id),
                    "requester": names.person(o.requester_id),
                    "urgency": o.urgency,
                    "estimate": o.estimate_fen,
                    "status": o.status,
                }
            )
    keys = ("building", "code", "what", "place", "requester", "urgency", "estimate", "status")
    title = _("Repair plan: {holiday}").format(holiday=labels.label("holiday", holiday))
    return Report(
        title,
        columns(*keys, labels=STATUS),
        rows,
        footer=total_row(rows, "building", "estimate"),
        signed=True,
    )


def cost_report(reader: Reader, month: str, by: str | None = None) -> Report:
    """What repairs cost in a month: the parts at their stock value (the issues dated
    in it) plus outside work (recorded in it), by building or by kind of place."""
    period = clock.parse_month(month)
    by = (by or "place").strip().lower()
    if by not in ("place", "kind"):
        raise InputError(_("Invalid --by {value!r}; choose place or kind.").format(value=by))
    tz = settings.zone(reader)
    parts = reads.parts_in(reader, day_param(reader, period.start), day_param(reader, period.end))
    outside = reads.outside_in(
        reader, clock.iso_utc(period.start_utc(tz)), clock.iso_utc(period.end_utc(tz))
    )
    ids = sorted({o for o, _v in parts} | {o for o, _v in outside})
    where, params = ("1 = 0", {}) if not ids else in_list("id", ids)
    place_of = {o.id: o.place_id for o in reads.orders(reader, where, params)}
    names = Names(reader)

    def group(order_id: int) -> str:
        pid = place_of.get(order_id)
        return names.building(pid) if by == "place" else names.kind(pid)

    totals: dict[str, dict[str, Any]] = {}
    for source, key in ((parts, "parts_cost"), (outside, "outside_cost")):
        for order_id, value in source:
            g = totals.setdefault(group(order_id), {"orders": set(), "parts_cost": 0,
                                                    "outside_cost": 0})  # fmt: skip
            g["orders"].add(order_id)
            g[key] += value
    head = "building" if by == "place" else "kind"
    rows = [
        {
            head: g,
            "orders": len(t["orders"]),
            "parts_cost": t["parts_cost"],
            "outside_cost": t["outside_cost"],
            "total_cost": t["parts_cost"] + t["outside_cost"],
        }
        for g, t in sorted(totals.items())
    ]
    labelled = {"kind": ("place_kind",), **STATUS}
    return Report(
        _("Repair costs, {month}").format(month=period.label),
        columns(head, "orders", "parts_cost", "outside_cost", "total_cost", labels=labelled),
        rows,
        footer=total_row(rows, head, "orders", "parts_cost", "outside_cost", "total_cost"),
        period=period.label,
    )


# -- checks -----------------------------------------------------------------------------


def _reader(s: Reader | Session) -> Reader:
    from houqin_cli.core.db import Reader

    if isinstance(s, Reader):
        return s
    from houqin_cli.core.tx import reader_of

    return reader_of(s)


def overdue_findings(reader: Reader) -> list[Finding]:
    now = now_text(reader)
    found = reads.orders(
        reader,
        "status IN ('requested', 'assigned') AND due_at IS NOT NULL AND due_at < :now",
        {"now": now},
    )
    names, tz = Names(reader), settings.zone(reader)
    return [
        Finding(
            "repair.overdue",
            "order.overdue",
            _("{code} {what} ({place}, {urgency}) was due {due} and is {status} ({who}).").format(
                code=o.code,
                what=o.what,
                place=names.place(o.place_id) or "-",
                urgency=labels.label("urgency", o.urgency),
                due=clock.local_text(o.due_at or "", tz),
                status=labels.label("repair_status", o.status),
                who=names.person(o.assignee_id) or _("not assigned"),
            ),
            {
                "repair": o.code,
                "due_at": clock.local_iso(o.due_at or "", tz),
                "urgency": o.urgency,
                "assignee": names.person(o.assignee_id),
            },
        )  # fmt: skip
        for o in found
    ]


def unaccepted_findings(reader: Reader) -> list[Finding]:
    days = int(settings.read(reader, "repair.accept_days")["repair.accept_days"])
    limit = clock.iso_utc(clock.now(settings.zone(reader)) - timedelta(days=days))
    found = reads.orders(reader, "status = 'done' AND done_at < :limit", {"limit": limit})
    names, tz = Names(reader), settings.zone(reader)
    return [
        Finding(
            "repair.unaccepted",
            "order.unaccepted",
            _(
                "{code} {what} was done {done} and is not accepted after {days} days; "
                "{who} signs with `houqin repair accept {code} --by …`."
            ).format(
                code=o.code,
                what=o.what,
                done=clock.local_text(o.done_at or "", tz),
                days=days,
                who=names.person(o.requester_id) or _("the requester"),
            ),
            {
                "repair": o.code,
                "done_at": clock.local_iso(o.done_at or "", tz),
                "requester": names.person(o.requester_id),
            },
        )  # fmt: skip
        for o in found
    ]


def overdue_check(s: Reader | Session) -> list[Finding]:
    """An order in the queue past its due time, neither done nor cancelled."""
    return overdue_findings(_reader(s))


def unaccepted_check(s: Reader | Session) -> list[Finding]:
    """An order done more than `repair.accept_days` ago and not yet accepted."""
    return unaccepted_findings(_reader(s))


def check_report(reader: Reader) -> Report:
    return Report(
        _("Repairs: overdue and not accepted"),
        [],
        findings=overdue_findings(reader) + unaccepted_findings(reader),
    )
