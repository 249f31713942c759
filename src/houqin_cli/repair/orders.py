"""Repair orders (报修单, WX-2026-0001) from request to acceptance: every rule checked,
the rows changed, and one journal entry per write. Parts go out through the stock
group's issue; a natural damage on a card opens an order (`open_for_damage`), and its
acceptance marks the card repaired."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.asset import cards as asset_cards
from houqin_cli.core import clock, journal, labels, money, names, settings
from houqin_cli.core.codes import next_code, require_prefix
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.core.tx import reader_of
from houqin_cli.people import service as people
from houqin_cli.repair import reads
from houqin_cli.repair.models import RepairEvent, RepairOrder
from houqin_cli.stock import service as stock

URGENCIES = ("normal", "urgent", "emergency")
HOLIDAYS = ("summer", "winter")
_HAS_TIME = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}[ T]\d")


def find(session: Session, code: str) -> RepairOrder:
    found: RepairOrder = names.find_code(
        session,
        RepairOrder,
        (code or "").strip(),
        _("No repair order {code!r}; see `houqin repair list`."),
    )
    return found


def _actor(session: Session) -> Actor:
    actor: Actor = session.info["actor"]
    return actor


def _now(session: Session) -> str:
    return clock.iso_utc(_actor(session).now)


def _step(session: Session, order: RepairOrder, step: str, by_id: int | None = None,
          **fields: Any) -> RepairEvent:  # fmt: skip
    ev = RepairEvent(
        order_id=order.id or 0,
        step=step,
        at=_now(session),
        by_id=by_id,
        operator=_actor(session).operator,
        **fields,
    )
    session.add(ev)
    return ev


def _record(session: Session, action: str, order: RepairOrder, payload: dict[str, Any]) -> None:
    session.flush()
    journal.record(session, f"repair.{action}", order, {"status": order.status, **payload})


def due_hours(session: Session, urgency: str) -> int:
    hours: int = settings.get(session, f"repair.due_hours.{urgency}")
    return hours


def _due_from(session: Session, urgency: str, start: datetime) -> str:
    return clock.iso_utc(start + timedelta(hours=due_hours(session, urgency)))


def _code(session: Session, table: str, rid: int | None) -> str | None:
    if rid is None:
        return None
    return reads.codes_by_id_one(reader_of(session), table, rid)


def _new(session: Session, order: RepairOrder) -> RepairOrder:
    now = _actor(session).now
    order.code = next_code(session, "WX", year=now.astimezone(settings.timezone(session)).year,
                           model=RepairOrder)  # fmt: skip
    order.requested_at = clock.iso_utc(now)
    if order.for_holiday is None:  # the queue: due from the request, by urgency
        order.due_at = _due_from(session, order.urgency, now)
    session.add(order)
    session.flush()
    _step(session, order, "requested", order.requester_id, note=order.note)
    return order


def _payload(session: Session, order: RepairOrder) -> dict[str, Any]:
    return {
        "what": order.what,
        "place": _code(session, "place", order.place_id),
        "by": _code(session, "person", order.requester_id),
        "unit": _code(session, "unit", order.unit_id),
        "asset": _code(session, "asset", order.asset_id),
        "damage": _code(session, "asset_damage", order.damage_id),
        "urgency": order.urgency,
        "for": order.for_holiday,
        "estimate": money.money_str(order.estimate_fen) if order.estimate_fen is not None else None,
        "due_at": order.due_at,
        "note": order.note,
    }


def request(
    session: Session,
    what: str,
    *,
    place: str,
    by: str,
    asset: str | None = None,
    urgency: str | None = None,
    for_holiday: str | None = None,
    estimate: str | None = None,
    note: str | None = None,
) -> RepairOrder:
    """`repair request`: a new order in the queue, or on a holiday's repair list."""
    what = (what or "").strip()
    if not what:
        raise InputError(_("Say what is to be repaired, such as 302教室灯管不亮."))
    level = labels.parse("urgency", urgency, "--urgency") if urgency is not None else "normal"
    holiday = labels.parse("holiday", for_holiday, "--for") if for_holiday is not None else None
    fen = None
    if estimate is not None:
        fen = money.parse_money(estimate)
    where = people.find_place(session, place)
    requester = people.active_person(session, by)
    if asset is not None and not asset.strip():
        raise InputError(_("--asset needs a card: its code, such as ZC-2026-0001, or its name."))
    card = asset_cards.find_asset(session, asset) if asset is not None else None
    if card is not None and card.status == "scrapped":
        raise RuleError(
            _("{code} {name} was scrapped; it cannot be repaired.").format(
                code=card.code, name=card.name
            )
        )
    order = RepairOrder(
        code="",
        what=what,
        place_id=where.id,
        requester_id=requester.id,
        unit_id=requester.unit_id,
        asset_id=card.id if card else None,
        urgency=level,
        for_holiday=holiday,
        status="requested",
        requested_at="",
        estimate_fen=fen,
        note=(note or "").strip() or None,
    )
    _new(session, order)
    _record(session, "request", order, _payload(session, order))
    return order


def open_for_damage(
    session: Session,
    *,
    what: str,
    asset_id: int,
    place_id: int | None,
    custodian_person_id: int | None,
    custodian_unit_id: int | None,
    damage_id: int,
    note: str | None,
) -> RepairOrder:
    """The order a natural damage on a card opens (called by the asset group): asked
    for by the card's custodian (else the operator, when registered), in their unit."""
    requester_id = custodian_person_id
    if requester_id is None:
        me = people.operator_person(session, _actor(session).operator)
        requester_id = me.id if me is not None and me.active else None
    unit_id = custodian_unit_id
    if unit_id is None and requester_id is not None:
        unit_id = people.person_by_id(session, requester_id).unit_id
    order = RepairOrder(
        code="",
        what=what,
        place_id=place_id,
        requester_id=requester_id,
        unit_id=unit_id,
        asset_id=asset_id,
        damage_id=damage_id,
        urgency="normal",
        status="requested",
        requested_at="",
        note=note,
    )
    _new(session, order)
    _record(session, "request", order, _payload(session, order))
    return order


def for_damage(session: Session, damage_id: int) -> str | None:
    """The code of the order a damage opened, if any."""
    found = reader_of(session).rows(
        "SELECT code FROM repair_order WHERE damage_id = :d ORDER BY id", {"d": damage_id}
    )
    return str(found[0][0]) if found else None


def _closed(order: RepairOrder) -> RuleError:
    return RuleError(
        _("{code} is {status}; nothing more can be done to it.").format(
            code=order.code, status=labels.label("repair_status", order.status)
        )
    )


def _require(order: RepairOrder, *statuses: str) -> None:
    if order.status in statuses:
        return
    if order.status in ("accepted", "cancelled"):
        raise _closed(order)
    hint = {
        "requested": _("assign it first: `houqin repair assign {code} --to PERSON`."),
        "assigned": _("it is not done yet: `houqin repair done {code}` once repaired."),
        "done": _("it is done and waits for acceptance: `houqin repair accept {code} --by PERSON`"
                  " or `repair reject`."),
    }[order.status].format(code=order.code)  # fmt: skip
    raise RuleError(
        _("{code} is {status}: {hint}").format(
            code=order.code, status=labels.label("repair_status", order.status), hint=hint
        )
    )


def parse_due(session: Session, text: str) -> datetime:
    """--due: a date (the end of that day in the school's zone) or a date and time."""
    tz = settings.timezone(session)
    when = clock.parse_datetime(text, tz)
    if not _HAS_TIME.match(text) and text.strip().lower() not in ("today", "今天"):
        when = when + timedelta(days=1)  # a bare day: due by its end
    return when


def assign(session: Session, code: str, to: str, due: str | None = None) -> RepairOrder:
    """`repair assign`: who repairs it, and by when (default: from the urgency)."""
    order = find(session, code)
    _require(order, "requested", "assigned")
    person = people.active_person(session, to)
    if due is not None:
        when = parse_due(session, due)
        if when <= clock.from_iso_utc(order.requested_at):
            raise InputError(
                _("--due {due} is before {code} was asked for ({at}).").format(
                    due=due,
                    code=order.code,
                    at=clock.local_text(order.requested_at, settings.timezone(session)),
                )
            )
        order.due_at = clock.iso_utc(when)
    elif order.due_at is None:  # a holiday order: due from its assignment
        order.due_at = _due_from(session, order.urgency, _actor(session).now)
    order.assignee_id = person.id
    order.status = "assigned"
    _step(session, order, "assigned", person.id)
    _record(session, "assign", order, {"to": person.code, "due_at": order.due_at})
    return order


def _party(session: Session, order: RepairOrder) -> str:
    """Who the parts are issued to: the requester's unit, else the requester."""
    unit = _code(session, "unit", order.unit_id)
    if unit is not None:
        return unit
    person = _code(session, "person", order.requester_id)
    if person is None:
        raise RuleError(
            _("{code} has neither a requester nor a unit to issue parts to.").format(
                code=order.code
            )
        )
    return person


def use(
    session: Session,
    code: str,
    item: str,
    qty: str,
    *,
    old_returned: str | None = None,
    no_old: str | None = None,
    approved_by: str | None = None,
    note: str | None = None,
) -> tuple[RepairOrder, Any]:
    """`repair use`: parts from the storeroom, a normal stock issue to the requester's
    unit noting the order (the stock rules apply: enough on hand, 以旧换新)."""
    order = find(session, code)
    _require(order, "requested", "assigned")
    actor = _actor(session)
    day = actor.now.astimezone(settings.timezone(session)).date()
    m = stock.issue(
        session,
        actor,
        item,
        qty,
        to=_party(session, order),
        old_returned=old_returned,
        no_old=no_old,
        approved_by=approved_by,
        day=day,
        note=" ".join(t for t in (order.code, (note or "").strip()) if t),
    )
    _step(session, order, "part", movement_id=m.id, amount_fen=-m.value_delta,
          note=(note or "").strip() or None)  # fmt: skip
    _record(
        session,
        "use",
        order,
        {"movement": m.code, "quantity": money.qty_str(money.milli_to_qty(-m.qty_delta)),
         "value": money.money_str(-m.value_delta)},
    )  # fmt: skip
    return order, m


def cost(
    session: Session, code: str, amount: str, receipt: str | None = None, note: str | None = None
) -> RepairOrder:
    """`repair cost`: outside work paid for, linked to its purchase receipt (BX-)."""
    order = find(session, code)
    fen = money.parse_money(amount)
    if fen <= 0:
        raise InputError(_("Invalid amount {text!r}: it must be more than ¥0.").format(text=amount))
    stored = None
    if receipt is not None:
        require_prefix(receipt, "BX", what=_("a purchase receipt"))
        found = reads.receipt(reader_of(session), receipt)
        if found is None:
            raise InputError(
                _("No purchase receipt {code!r}; see `houqin audit receipt list`.").format(
                    code=receipt
                )
            )
        stored, bill, reversed_, cited = found
        if reversed_:
            raise RuleError(
                _("{code} was reversed (红冲); cite the receipt that replaced it.").format(
                    code=stored
                )
            )
        if cited + fen > bill:
            raise RuleError(
                _("{code} is for {bill}; outside work citing it would come to {total}, "
                  "more than the bill.").format(
                    code=stored, bill=money.format_money(bill),
                    total=money.format_money(cited + fen),
                )
            )  # fmt: skip
    _require(order, "requested", "assigned", "done")
    _step(session, order, "cost", amount_fen=fen, receipt_code=stored,
          note=(note or "").strip() or None)  # fmt: skip
    _record(session, "cost", order, {"amount": money.money_str(fen), "receipt": stored,
                                     "note": (note or "").strip() or None})  # fmt: skip
    return order


def done(session: Session, code: str, note: str | None = None) -> RepairOrder:
    """`repair done`: repaired; it now waits for the requester's acceptance."""
    order = find(session, code)
    _require(order, "assigned")
    order.status = "done"
    order.done_at = _now(session)
    _step(session, order, "done", order.assignee_id, note=(note or "").strip() or None)
    _record(session, "done", order, {"note": (note or "").strip() or None})
    return order


def _signer(session: Session, order: RepairOrder, by: str, doing: str) -> Any:
    """Who may accept or reject: the requester, or the head of the requester's unit;
    never whoever repaired it. An order nobody asked for by name (a damage found with
    no custodian) is signed by someone with the approver role."""
    person = people.active_person(session, by)
    head = reads.unit_head(reader_of(session), order.unit_id)
    if person.id == order.assignee_id:
        raise RuleError(
            _("{name} ({code}) repaired {order} and cannot also {doing} it; the requester "
              "or the head of their unit signs.").format(
                name=person.name, code=person.code, order=order.code, doing=doing
            )
        )  # fmt: skip
    if order.requester_id is None and head is None:
        return people.approver(
            session, by, excluding=(order.assignee_id,), what=_("the repair {code}").format(
                code=order.code)
        )  # fmt: skip
    if person.id in (order.requester_id, head):
        return person
    requester = _requester_name(session, order)
    raise RuleError(
        _("Only the requester ({requester}) or the head of the requester's unit signs for "
          "{order} (报修人验收签字); {name} ({code}) cannot {doing} it.").format(
            requester=requester, order=order.code, name=person.name, code=person.code,
            doing=doing,
        )
    )  # fmt: skip


def _requester_name(session: Session, order: RepairOrder) -> str:
    if order.requester_id is None:
        return "-"
    p = people.person_by_id(session, order.requester_id)
    return f"{p.name} {p.code}"


def accept(
    session: Session, code: str, by: str, rating: int | None = None, note: str | None = None
) -> RepairOrder:
    """`repair accept`: the requester signs; the order is closed. A card's natural
    damage is marked repaired on its history."""
    order = find(session, code)
    if rating is not None and not 1 <= rating <= 5:
        raise InputError(_("--rating is 1 to 5, not {value}.").format(value=rating))
    _require(order, "done")
    signer = _signer(session, order, by, _("accept"))
    order.status = "accepted"
    order.closed_at = _now(session)
    order.rating = rating
    _step(session, order, "accepted", signer.id, note=(note or "").strip() or None)
    if order.asset_id is not None and order.damage_id is not None:
        actor = _actor(session)
        day = actor.now.astimezone(settings.timezone(session)).date()
        card = asset_cards.card(session, order.asset_id)
        asset_cards.event(session, actor, card, "repaired", day, order.code,
                          _code(session, "asset_damage", order.damage_id))  # fmt: skip
    _record(session, "accept", order, {"by": signer.code, "rating": rating,
                                       "note": (note or "").strip() or None})  # fmt: skip
    return order


def reject(session: Session, code: str, by: str, reason: str) -> RepairOrder:
    """`repair reject`: not repaired to the requester's satisfaction; back to the
    assignee."""
    order = find(session, code)
    if not (reason or "").strip():
        raise InputError(_("A rejection needs a reason: --reason TEXT."))
    _require(order, "done")
    signer = _signer(session, order, by, _("reject"))
    order.status = "assigned"
    order.done_at = None
    _step(session, order, "rejected", signer.id, note=reason.strip())
    _record(session, "reject", order, {"by": signer.code, "reason": reason.strip()})
    return order


def cancel(session: Session, code: str, reason: str) -> RepairOrder:
    """`repair cancel`: not to be repaired after all; it stays, with the reason."""
    order = find(session, code)
    if not (reason or "").strip():
        raise InputError(_("A cancellation needs a reason: --reason TEXT."))
    _require(order, "requested", "assigned")
    order.status = "cancelled"
    order.closed_at = _now(session)
    _step(session, order, "cancelled", note=reason.strip())
    _record(session, "cancel", order, {"reason": reason.strip()})
    return order
