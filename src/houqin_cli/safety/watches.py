"""Measurements that must not grow (a crack gauge, 裂缝观测): a watch and its readings.
Growth beyond the watch's alert since the reading before, or since the first reading,
is a finding and opens a major hazard (one at a time: none while one it opened is not
closed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import col

from houqin_cli.core import journal, money, names, notes
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.people import service as people
from houqin_cli.safety import hazards
from houqin_cli.safety.models import Hazard, Watch, WatchReading
from houqin_cli.safety.reads import growth

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_ALERT = "0.2"


def find(session: Session, text: str) -> Watch:
    found: Watch = names.resolve(session, Watch, text, _("watch"))
    return found


def add(session: Session, name: str, place: str, unit: str, alert: str | None) -> Watch:
    name = (name or "").strip()
    if not name:
        raise InputError(_("A watch needs a name, such as 教学楼东墙裂缝."))
    if len(name) > 100:
        raise InputError(_("The name is too long (at most 100 characters)."))
    if session.execute(select(col(Watch.id)).where(col(Watch.name) == name)).first():
        raise InputError(_("There is already a watch named {name}.").format(name=name))
    unit = (unit or "").strip()
    if not unit or len(unit) > 20:
        raise InputError(_("A watch needs its unit, at most 20 characters: --unit mm."))
    limit = money.parse_qty(alert or DEFAULT_ALERT, allow_zero=False)
    w = Watch(code=next_code(session, "GC", model=Watch), name=name,
              place_id=people.find_place(session, place).id or 0, unit=unit,
              alert_milli=money.qty_to_milli(limit), initials=names.initials(name))  # fmt: skip
    session.add(w)
    session.flush()
    journal.record(session, "safety.watch.add", w,
                   {"name": name, "place_id": w.place_id, "unit": unit,
                    "alert_growth": money.qty_str(limit)})  # fmt: skip
    return w


def record(
    session: Session, text: str, value: str, day: date, by: str
) -> tuple[Watch, tuple[int, int] | None, Hazard | None]:
    """A reading; with the growth found (if beyond the alert) and the hazard opened."""
    w = find(session, text)
    qty = money.parse_qty(value)
    who = people.active_person_on(session, by, day)
    earlier = session.execute(
        select(WatchReading).where(col(WatchReading.watch_id) == w.id).order_by(col(WatchReading.id))
    ).scalars().all()  # fmt: skip
    if earlier and day < earlier[-1].day:
        raise InputError(
            _("{day} is before the last reading of {name} ({last}).").format(
                day=day, name=w.name, last=earlier[-1].day
            )
        )
    milli = money.qty_to_milli(qty)
    found = growth([r.value_milli for r in earlier] + [milli], w.alert_milli)
    hz = None
    if found is not None and not _open_hazard(session, earlier):
        step, total = found
        what = notes.coded("watch_growth", name=w.name, step=_qty(step), total=_qty(total),
                           unit=w.unit, alert=_qty(w.alert_milli))  # fmt: skip
        hz = hazards.open_hazard(session, place_id=w.place_id, what=what, level="major",
                                 owner_id=who.id or 0, found=day, source=w.code)  # fmt: skip
    reading = WatchReading(watch_id=w.id or 0, day=day, value_milli=milli, by_id=who.id or 0,
                           hazard_id=hz.id if hz else None)  # fmt: skip
    session.add(reading)
    session.flush()
    journal.append(session, "safety.watch.record", "watch_reading", entity_id=reading.id,
                   code=w.code, payload={"watch": w.code, "day": day.isoformat(),
                   "value": money.qty_str(qty), "by_id": who.id,
                   "hazard": hz.code if hz else None})  # fmt: skip
    return w, found, hz


def _open_hazard(session: Session, earlier: Sequence[WatchReading]) -> bool:
    ids = [r.hazard_id for r in earlier if r.hazard_id is not None]
    if not ids:
        return False
    return bool(session.execute(
        select(col(Hazard.id)).where(col(Hazard.id).in_(ids), col(Hazard.status) != "closed")
    ).first())  # fmt: skip


def _qty(milli: int) -> str:
    return money.qty_str(money.milli_to_qty(milli))
