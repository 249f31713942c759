"""Asset cards: add, list, show, edit, move (splitting a batch), import; the
fixed-asset test, and the event log that `asset show` reads as the card's life."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import categories
from houqin_cli.asset.models import Asset, AssetEvent
from houqin_cli.core import journal, money, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.journal import Actor
from houqin_cli.people.models import Person, Place, Unit
from houqin_cli.people.service import find_party, find_place, names_by_id

WHAT = N_("asset")
STATUSES = ("in_use", "on_loan", "scrapped")


def find_asset(session: Session, text: str) -> Asset:
    found: Asset = names.resolve(session, Asset, text, _(WHAT))
    return found


def today(session: Session, actor: Actor) -> date:
    return actor.now.astimezone(settings.timezone(session)).date()


def event(
    session: Session,
    actor: Actor,
    asset: Asset,
    kind: str,
    day: date,
    ref: str | None = None,
    detail: str | None = None,
) -> None:
    session.add(
        AssetEvent(
            asset_id=asset.id or 0,
            date=day,
            kind=kind,
            ref_code=ref,
            detail=detail,
            operator=actor.operator,
        )
    )


def unit_value(asset: Asset) -> int:
    return money.divide(asset.value_fen, asset.qty) if asset.qty else 0


def fixed_test(session: Session) -> Any:
    """asset -> is it a fixed asset (固定资产): at or above the threshold per piece
    (general or special equipment); otherwise a low-value item. Reads the
    thresholds once."""
    general = settings.get(session, "asset.fixed_threshold_general")
    special = settings.get(session, "asset.fixed_threshold_special")

    def test(asset: Asset) -> bool:
        cat = categories.BY_CODE.get(asset.category)
        return bool(unit_value(asset) >= (special if cat and cat.special else general))

    return test


def is_fixed(session: Session, asset: Asset) -> bool:
    return bool(fixed_test(session)(asset))


def require_here(asset: Asset, doing: str) -> None:
    if asset.status == "scrapped":
        raise RuleError(
            _("{code} {name} was scrapped; it cannot be {doing}.").format(
                code=asset.code, name=asset.name, doing=doing
            )
        )
    if asset.status == "on_loan":
        raise RuleError(
            _("{code} {name} is out on loan; it cannot be {doing} until it is returned.").format(
                code=asset.code, name=asset.name, doing=doing
            )
        )


def _custodian(session: Session, text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    party = find_party(session, text)
    return (None, party.id) if isinstance(party, Unit) else (party.id, None)


def whole_pieces(text: str | int | None, default: int = 1) -> int:
    if text is None or str(text).strip() == "":
        return default
    value = money.parse_qty(str(text))
    if value != value.to_integral_value() or value <= 0:
        raise InputError(
            _("Invalid quantity {text!r}: give a whole number of pieces, at least 1.").format(
                text=text
            )
        )
    return int(value)


def _life(text: str | int | None) -> int | None:
    if text is None or str(text).strip() == "":
        return None
    v = str(text).strip()
    if not v.isdigit() or not 1 <= int(v) <= 100:
        raise InputError(
            _("Invalid useful life {text!r}: whole years from 1 to 100.").format(text=text)
        )
    return int(v)


@dataclass
class Bulk:
    """An import's memory: what it checks without a query per row, and the cards
    it added, flushed and given their events once at the end."""

    today: date
    codes: set[str]  # upper-cased
    places: dict[str, int | None] = field(default_factory=dict)
    custodians: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    added: list[Asset] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session, actor: Actor) -> Bulk:
        codes = {c.upper() for (c,) in session.execute(select(col(Asset.code)))}
        return cls(today(session, actor), codes)

    def place(self, session: Session, text: str) -> int | None:
        if text not in self.places:
            self.places[text] = find_place(session, text).id
        return self.places[text]

    def check_code(self, code: Any) -> None:
        if code and str(code).strip().upper() in self.codes:
            raise RuleError(_("The code {code} is already taken.").format(code=str(code).strip()))

    def custodian(self, session: Session, text: str) -> tuple[int | None, int | None]:
        if text not in self.custodians:
            self.custodians[text] = _custodian(session, text)
        return self.custodians[text]


def add(
    session: Session,
    actor: Actor,
    name: str,
    *,
    category: str,
    value: str,
    acquired: date,
    qty: str | int | None = None,
    unit: str | None = None,
    place: str | None = None,
    custodian: str | None = None,
    funding: str | None = None,
    invoice: str | None = None,
    spec: str | None = None,
    life_years: str | int | None = None,
    code: str | None = None,
    bulk: Bulk | None = None,
) -> Asset:
    """A new card, journalled; in an import (`bulk`), left for the import's single
    flush, events and journal entry."""
    clean = (name or "").strip()
    if not clean:
        raise InputError(_("The {what} name cannot be empty.").format(what=_(WHAT)))
    cat = categories.find(category)
    pieces = whole_pieces(qty)
    unit_fen = money.parse_money(value)
    if acquired > (bulk.today if bulk else today(session, actor)):
        raise InputError(_("The acquisition date {date} is in the future.").format(date=acquired))
    if custodian and bulk:
        person_id, unit_id = bulk.custodian(session, custodian)
    else:
        person_id, unit_id = _custodian(session, custodian)
    place_id = (
        (bulk.place(session, place) if bulk else find_place(session, place).id) if place else None
    )
    given = (code or "").strip()
    if given and (
        given.upper() in bulk.codes
        if bulk
        else session.execute(
            select(col(Asset.id)).where(func.upper(col(Asset.code)) == given.upper())
        ).first()
    ):
        raise RuleError(_("The code {code} is already taken.").format(code=given))
    asset = Asset(
        code=given
        or next_code(
            session, "ZC", year=acquired.year, model=Asset, taken=bulk.codes if bulk else None
        ),
        name=clean,
        category=cat.code,
        qty=pieces,
        unit=(unit or "").strip() or "件",
        value_fen=money.check_total(unit_fen * pieces),
        acquired=acquired,
        place_id=place_id,
        custodian_person_id=person_id,
        custodian_unit_id=unit_id,
        funding=(funding or "").strip() or None,
        invoice=(invoice or "").strip() or None,
        spec=(spec or "").strip() or None,
        life_years=_life(life_years),
        status="in_use",
        initials=names.initials(clean),
    )
    session.add(asset)
    if bulk is not None:
        bulk.codes.add(asset.code.upper())
        bulk.added.append(asset)
        return asset
    session.flush()
    _added(session, actor, asset)
    session.flush()
    journal.append(
        session,
        "asset.add",
        "asset",
        entity_id=asset.id,
        code=asset.code,
        payload={
            "name": clean,
            "category": cat.code,
            "qty": pieces,
            "unit_value": money.money_str(unit_fen),
            "acquired": acquired.isoformat(),
        },
    )
    return asset


def _added(session: Session, actor: Actor, asset: Asset) -> None:
    event(
        session,
        actor,
        asset,
        "added",
        asset.acquired,
        None,
        f"{asset.qty}{asset.unit} × {money.format_money(unit_value(asset))}",
    )


def _names_of(session: Session) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    return (
        names_by_id(session, Place),
        names_by_id(session, Person),
        names_by_id(session, Unit),
    )


def row(
    session: Session, a: Asset, lookups: Any = None, fixed: bool | None = None
) -> dict[str, Any]:
    places, people, units = lookups or _names_of(session)
    cat = categories.BY_CODE.get(a.category)
    return {
        "code": a.code,
        "name": a.name,
        "category": a.category,
        "category_name": cat.name if cat else a.category,
        "qty": a.qty,
        "unit": a.unit,
        "unit_value": unit_value(a),
        "total_value": a.value_fen,
        "acquired": a.acquired,
        "place": places.get(a.place_id or 0),
        "custodian": people.get(a.custodian_person_id or 0) or units.get(a.custodian_unit_id or 0),
        "status": a.status,
        "fixed": is_fixed(session, a) if fixed is None else fixed,
        "funding": a.funding,
        "invoice": a.invoice,
        "spec": a.spec,
        "life_years": a.life_years,
    }


def listing(
    session: Session,
    *,
    place: str | None = None,
    custodian: str | None = None,
    category: str | None = None,
    status: str | None = None,
    fixed: bool | None = None,
) -> list[dict[str, Any]]:
    q = select(Asset).order_by(col(Asset.code))
    if place:
        q = q.where(col(Asset.place_id) == find_place(session, place).id)
    if custodian:
        party = find_party(session, custodian, active=False)
        q = q.where(
            (col(Asset.custodian_unit_id) == party.id)
            if isinstance(party, Unit)
            else (col(Asset.custodian_person_id) == party.id)
        )
    if category:
        cat = categories.find(category)
        q = q.where((col(Asset.category) == cat.code) | col(Asset.category).startswith(cat.code))
    if status:
        if status not in STATUSES:
            raise InputError(
                _("Invalid --status {value!r}; choose one of: {allowed}.").format(
                    value=status, allowed=", ".join(STATUSES)
                )
            )
        q = q.where(col(Asset.status) == status)
    lookups = _names_of(session)
    test = fixed_test(session)
    rows = [row(session, a, lookups, test(a)) for a in session.execute(q).scalars()]
    if fixed is not None:
        rows = [r for r in rows if r["fixed"] is fixed]
    return rows


def history(session: Session, asset: Asset) -> list[dict[str, Any]]:
    events = session.execute(
        select(AssetEvent).where(col(AssetEvent.asset_id) == asset.id).order_by(col(AssetEvent.id))
    ).scalars()
    return [
        {
            "date": e.date,
            "event": e.kind,
            "ref": e.ref_code,
            "detail": e.detail,
            "operator": e.operator,
        }
        for e in events
    ]


def edit(session: Session, actor: Actor, text: str, **changes: Any) -> tuple[Asset, list[str]]:
    asset = find_asset(session, text)
    before = row(session, asset)
    if changes.get("name") is not None:
        clean = changes["name"].strip()
        if not clean:
            raise InputError(_("The {what} name cannot be empty.").format(what=_(WHAT)))
        asset.name, asset.initials = clean, names.initials(clean)
    if changes.get("category") is not None:
        asset.category = categories.find(changes["category"]).code
    if changes.get("value") is not None:
        asset.value_fen = money.check_total(money.parse_money(changes["value"]) * asset.qty)
    for key in ("funding", "invoice", "spec", "unit"):
        if changes.get(key) is not None:
            setattr(asset, key, changes[key].strip() or None)
    if changes.get("life_years") is not None:
        asset.life_years = _life(changes["life_years"])
    after = row(session, asset)
    changed = [k for k in after if after[k] != before[k] and k != "fixed"]
    if not changed:
        raise InputError(_("Nothing to change: give at least one option, such as --spec."))
    session.flush()
    event(session, actor, asset, "edited", today(session, actor), None, ", ".join(changed))
    session.flush()
    journal.append(
        session,
        "asset.edit",
        "asset",
        entity_id=asset.id,
        code=asset.code,
        payload={
            k: {"old": journal.canon(before[k]), "new": journal.canon(after[k])} for k in changed
        },
    )
    return asset, changed


def split(session: Session, actor: Actor, asset: Asset, pieces: int, day: date) -> Asset:
    """Take `pieces` off a batch card onto a new card linked to its origin; the value
    divides to the fen (the remainder stays on the origin), totals unchanged."""
    if pieces >= asset.qty:
        return asset
    moved, kept = money.split(asset.value_fen, [pieces, asset.qty - pieces])
    new = Asset(
        code=next_code(session, "ZC", year=day.year, model=Asset),
        name=asset.name,
        category=asset.category,
        qty=pieces,
        unit=asset.unit,
        value_fen=moved,
        acquired=asset.acquired,
        place_id=asset.place_id,
        custodian_person_id=asset.custodian_person_id,
        custodian_unit_id=asset.custodian_unit_id,
        funding=asset.funding,
        invoice=asset.invoice,
        spec=asset.spec,
        life_years=asset.life_years,
        status=asset.status,
        origin_id=asset.id,
        initials=asset.initials,
    )
    asset.qty -= pieces
    asset.value_fen = kept
    session.add(new)
    session.flush()
    event(session, actor, asset, "split", day, new.code, f"{pieces}{asset.unit} → {new.code}")
    event(
        session,
        actor,
        new,
        "split",
        day,
        asset.code,
        _("split from {code}").format(code=asset.code),
    )
    return new


def move(
    session: Session, actor: Actor, text: str, to: str, custodian: str | None, qty: str | None
) -> Asset:
    asset = find_asset(session, text)
    require_here(asset, _("moved"))
    place = find_place(session, to)
    pieces = whole_pieces(qty, asset.qty)
    if pieces > asset.qty:
        raise RuleError(
            _("{code} has only {qty} {unit}.").format(
                code=asset.code, qty=asset.qty, unit=asset.unit
            )
        )
    day = today(session, actor)
    target = split(session, actor, asset, pieces, day)
    old_place = target.place_id
    target.place_id = place.id
    if custodian:
        target.custodian_person_id, target.custodian_unit_id = _custodian(session, custodian)
    session.flush()
    event(session, actor, target, "moved", day, None, f"→ {place.name}")
    session.flush()
    journal.append(
        session,
        "asset.move",
        "asset",
        entity_id=target.id,
        code=target.code,
        payload={
            "from_place": old_place,
            "to": place.code,
            "qty": pieces,
            "origin": asset.code,
            "custodian": custodian,
        },
    )
    return target


def import_file(session: Session, actor: Actor, path: Path) -> list[Asset]:
    """A school's existing register as it is: all rows or none."""
    from houqin_cli.core.imports import (
        Field,
        Refusals,
        checked,
        parse_loose_date,
        progress,
        read_rows,
        row_error,
    )

    fields = [
        Field("name", ("名称", "资产名称", *variants(N_("Name"))), required=True),
        Field("category", ("类别", "资产类别", "分类", *variants(N_("Category"))), required=True),
        Field("value", ("单价", "价值", "原值", *variants(N_("Unit value"))), required=True),
        Field("acquired", ("取得日期", "购置日期", "入账日期", *variants(N_("Acquired")))),
        Field("qty", ("数量", *variants(N_("Qty")))),
        Field("unit", ("单位", "计量单位")),
        Field("place", ("存放地点", "地点", *variants(N_("Place")))),
        Field("custodian", ("保管人", "使用人", *variants(N_("Custodian")))),
        Field("funding", ("经费来源", "资金来源")),
        Field("invoice", ("发票号", "发票号码")),
        Field("spec", ("规格", "规格型号", "型号")),
        Field("life_years", ("使用年限", "折旧年限")),
        Field("code", ("编号", "资产编号", *variants(N_("Code")))),
    ]
    bulk = Bulk.load(session, actor)
    rows = read_rows(path, fields)
    refusals = Refusals(path)
    with session.no_autoflush:  # one flush at the end, not one per row
        for r in progress(rows, _("Importing assets")):
            with refusals.row():
                v = r.values

                def cell(key: str, fn: Any, r: Any = r) -> Any:
                    return checked(r, key, fn)

                acquired = cell(
                    "acquired",
                    lambda x: parse_loose_date(x) if x not in (None, "") else bulk.today,
                )
                if acquired > bulk.today:
                    raise row_error(
                        r,
                        "acquired",
                        _("The acquisition date {date} is in the future.").format(date=acquired),
                    )
                value = cell("value", lambda x: money.money_str(money.parse_money(_money_text(x))))
                cell("category", lambda x: categories.find(str(x or "")))
                cell("qty", whole_pieces)
                cell("life_years", _life)
                cell("place", lambda x: bulk.place(session, str(x)) if x else None)
                cell("custodian", lambda x: bulk.custodian(session, str(x)) if x else None)
                cell("code", bulk.check_code)
                cell(
                    "name",
                    lambda x, v=v, value=value, acquired=acquired: add(
                        session,
                        actor,
                        str(x or ""),
                        category=str(v.get("category")),
                        value=value,
                        acquired=acquired,
                        qty=v.get("qty"),
                        unit=_s(v.get("unit")),
                        place=_s(v.get("place")),
                        custodian=_s(v.get("custodian")),
                        funding=_s(v.get("funding")),
                        invoice=_s(v.get("invoice")),
                        spec=_s(v.get("spec")),
                        life_years=v.get("life_years"),
                        code=_s(v.get("code")),
                        bulk=bulk,
                    ),
                )
    refusals.done()
    made = bulk.added
    if not made:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    session.flush()
    for asset in made:
        _added(session, actor, asset)
    session.flush()
    journal.append(
        session,
        "asset.import",
        "asset",
        payload={"file": path.name, "count": len(made), "codes": [a.code for a in made]},
    )
    return made


def _s(value: Any) -> str | None:
    return None if value is None else (str(value).strip() or None)


def _money_text(value: Any) -> str:
    """Cells hold numbers (Decimal/int) or text such as '¥1,234.50'."""
    if isinstance(value, Decimal | int):
        return format(Decimal(value), "f")
    return str(value or "")
