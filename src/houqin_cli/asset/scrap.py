"""Scrapping (报废): only after the 总务处's appraisal (损坏后经总务处鉴定后方能注销), once
and by someone other than the requester, approved by an approver (the approver role)
who neither asked nor appraised — two different ones above a threshold."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from houqin_cli.asset.cards import (
    card,
    event,
    find_asset,
    pieces_of,
    require_here,
    today,
)
from houqin_cli.asset.models import Scrap
from houqin_cli.asset.moves import split
from houqin_cli.core import journal, money, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import active_person, approver, operator_person, person_by_id


def _scrap(session: Session, code: str) -> Scrap:
    s: Scrap = names.find_code(session, Scrap, code, _("No scrapping request {code}."))
    if s.status == "approved":
        raise RuleError(
            _("{code} is already approved; the asset left the books.").format(code=s.code)
        )
    return s


def scrap_request(
    session: Session, actor: Actor, text: str, qty: str | None, reason: str, by: str | None
) -> Scrap:
    if not reason.strip():
        raise InputError(_("A scrapping request needs a reason: --reason TEXT."))
    asset = find_asset(session, text)
    require_here(asset, _("scrapped"))
    pieces = pieces_of(asset, qty)
    requester = active_person(session, by) if by else operator_person(session, actor.operator)
    day = today(session, actor)
    s = Scrap(
        code=next_code(session, "BF", year=day.year, model=Scrap),
        asset_id=asset.id or 0,
        qty=pieces,
        reason=reason.strip(),
        requested_by_id=requester.id if requester else None,
        requested_on=day,
        status="requested",
    )
    session.add(s)
    session.flush()
    event(session, actor, asset, "scrap_requested", day, s.code, reason.strip())
    session.flush()
    journal.record(
        session,
        "asset.scrap.request",
        s,
        {"asset": asset.code, "qty": pieces, "reason": reason.strip()},
    )
    return s


def appraise(session: Session, actor: Actor, code: str, by: str, opinion: str) -> Scrap:
    s = _scrap(session, code)
    if not opinion.strip():
        raise InputError(_("An appraisal needs an opinion: --opinion TEXT."))
    if s.appraiser_id is not None:
        raise RuleError(
            _("{code} was already appraised by {name} on {day}; it is appraised once.").format(
                code=s.code, name=person_by_id(session, s.appraiser_id).name, day=s.appraised_on
            )
        )
    person = active_person(session, by)
    if person.id == s.requested_by_id:
        raise RuleError(
            _(
                "{name} asked to scrap {code} and cannot also appraise it; the appraisal is someone else's (总务处)."
            ).format(name=person.name, code=s.code)
        )
    asset = card(session, s.asset_id)
    day = today(session, actor)
    s.appraiser_id, s.opinion, s.appraised_on, s.status = (
        person.id,
        opinion.strip(),
        day,
        "appraised",
    )
    session.flush()
    event(session, actor, asset, "appraised", day, s.code, f"{person.name}: {opinion.strip()}")
    session.flush()
    journal.record(
        session, "asset.scrap.appraise", s, {"by": person.code, "opinion": opinion.strip()}
    )
    return s


def approve(session: Session, actor: Actor, code: str, by: str) -> Scrap:
    s = _scrap(session, code)
    if s.appraiser_id is None:
        raise RuleError(
            _(
                "{code} has not been appraised: 损坏后经总务处鉴定后方能注销; run `houqin asset scrap appraise {code}` first."
            ).format(code=s.code)
        )
    person = approver(session, by, excluding=(s.appraiser_id, s.requested_by_id), what=s.code)
    approvers = [int(x) for x in s.approver_ids.split()]
    if person.id in approvers:
        raise RuleError(
            _("{name} already approved {code}; a second approver must be someone else.").format(
                name=person.name, code=s.code
            )
        )
    asset = card(session, s.asset_id)
    require_here(asset, _("scrapped"))
    if s.qty > asset.qty:
        raise RuleError(
            _("{code} asks to scrap {n} {unit} but {card} now holds {qty}; request again.").format(
                code=s.code, n=s.qty, unit=asset.unit, card=asset.code, qty=asset.qty
            )
        )
    approvers.append(person.id or 0)
    s.approver_ids = " ".join(str(x) for x in approvers)
    value = money.round_fen(Decimal(asset.value_fen) * s.qty / asset.qty)
    needed = 2 if value > settings.get(session, "asset.scrap_committee_threshold") else 1
    day = today(session, actor)
    if len(approvers) >= needed:
        target = split(session, actor, asset, s.qty, day)
        target.status = "scrapped"
        s.status = "approved"
        event(session, actor, target, "scrapped", day, s.code, person.name)
    else:
        event(
            session,
            actor,
            asset,
            "approved",
            day,
            s.code,
            _("{name}; a second approver is needed").format(name=person.name),
        )
    session.flush()
    journal.record(session, "asset.scrap.approve", s, {"by": person.code, "status": s.status})
    return s
