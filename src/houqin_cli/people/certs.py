"""People's certificates (ZS-0001): health certificates (健康证; every year, 食品安全法
§45), cooks', guards', electricians' … `people cert add|list`; the expiring ones are
a finding of the canteen's checks (meal.certificates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from houqin_cli.core.clock import stored_date
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.people.models import Certificate

HEALTH = "health"
KINDS = {"health": ("健康证",), "cook": ("厨师证",), "guard": ("保安证",),
         "electrician": ("电工证",)}  # fmt: skip
WARN_DAYS = 30  # a finding this many days before a certificate expires


@dataclass(frozen=True)
class CertRow:
    id: int
    code: str
    person_id: int
    kind: str
    number: str
    issued: date
    expires: date | None


def kind_of(text: str) -> str:
    """A known kind by code or Chinese name, else the text itself (any kind is kept)."""
    t = (text or "").strip()
    if not t:
        raise InputError(_("A certificate needs --kind: health, cook, guard, electrician, …"))
    for code, names in KINDS.items():
        if t.lower() == code or t in names:
            return code
    return t


def add(
    session: Session,
    person_text: str,
    kind: str,
    number: str,
    issued: date,
    expires: date | None,
) -> Certificate:
    from houqin_cli.core import journal
    from houqin_cli.core.codes import next_code
    from houqin_cli.people import service
    from houqin_cli.people.models import Certificate

    person = service.active_person(session, person_text)
    code = kind_of(kind)
    if not (number or "").strip():
        raise InputError(_("A certificate needs its number: --no NO."))
    if expires is None and code == HEALTH:
        expires = _a_year_on(issued)
    if expires is not None and expires < issued:
        raise InputError(
            _("--expires {expires} is before --issued {issued}.").format(
                expires=expires, issued=issued
            )
        )
    cert = Certificate(
        code=next_code(session, "ZS", model=Certificate),
        person_id=person.id or 0,
        kind=code,
        number=number.strip(),
        issued=issued,
        expires=expires,
    )
    session.add(cert)
    session.flush()
    journal.record(
        session,
        "people.cert.add",
        cert,
        {"person_id": cert.person_id, "kind": code, "number": cert.number,
         "issued": issued.isoformat(), "expires": expires.isoformat() if expires else None},
    )  # fmt: skip
    return cert


def _a_year_on(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def certs(reader: Reader, person_id: int | None = None) -> list[CertRow]:
    where, params = ("", {}) if person_id is None else (" WHERE person_id = :p", {"p": person_id})
    return [
        CertRow(int(i), c, int(p), k, n, stored_date(iss) or date.min, stored_date(exp))
        for i, c, p, k, n, iss, exp in reader.rows(
            "SELECT id, code, person_id, kind, number, issued, expires FROM person_cert"
            f"{where} ORDER BY code",
            params,
        )
    ]


def current(reader: Reader, person_id: int, kind: str, day: date) -> CertRow | None:
    """The person's certificate of `kind` valid on `day` (the latest), if any."""
    found = [
        c
        for c in certs(reader, person_id)
        if c.kind == kind and c.issued <= day and (c.expires is None or c.expires > day)
    ]
    return max(found, key=lambda c: c.expires or date.max) if found else None


def latest(reader: Reader) -> list[CertRow]:
    """Each person's latest certificate of each kind (what a renewal replaces)."""
    best: dict[tuple[int, str], CertRow] = {}
    for c in certs(reader):
        key = (c.person_id, c.kind)
        if key not in best or (c.expires or date.max) > (best[key].expires or date.max):
            best[key] = c
    return list(best.values())


def list_report(reader: Reader, expiring: int | None, today: date) -> Report:
    people = names_by_id(reader, "person")
    found = certs(reader)
    if expiring is not None:
        until = today + timedelta(days=expiring)
        found = [c for c in latest(reader) if c.expires is not None and c.expires <= until]
    rows = [
        {"code": c.code, "person": people.get(c.person_id), "kind": c.kind, "number": c.number,
         "issued": c.issued, "expires": c.expires}
        for c in sorted(found, key=lambda c: c.code)
    ]  # fmt: skip
    return Report(
        _("Certificates"), columns("code", "person", "kind", "number", "issued", "expires",
                                   labels={"kind": ()}), rows,
    )  # fmt: skip
