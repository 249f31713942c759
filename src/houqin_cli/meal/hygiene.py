"""Tableware disinfection (XD-2026-0001) and 陪餐 records (PC-2026-0001), with the
follow-up a problem noted opens."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.core import journal, labels, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.db import reader_of
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.meal import reads, vocab
from houqin_cli.meal.models import Accompany, Disinfection
from houqin_cli.people import service as people

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _measured(
    method: str,
    temp: int | None,
    minutes: int | None,
    seconds: int | None,
    ppm: int | None,
) -> int | None:
    """The run's length in seconds; exit 2 when what the method is judged by is missing."""
    if minutes is not None and seconds is not None:
        raise InputError(_("Give --minutes or --seconds, not both."))
    if any(v is not None and v < 0 for v in (temp, minutes, seconds, ppm)):
        raise InputError(_("--temp, --minutes, --seconds and --ppm cannot be negative."))
    length = minutes * 60 if minutes is not None else seconds
    least = vocab.METHODS[method]
    if (
        length is None
        or (least.temp_c is not None and temp is None)
        or (least.ppm is not None and ppm is None)
    ):
        need = "--ppm N" if least.ppm is not None else "--temp C"
        raise InputError(
            _("A {method} run needs {need} and --minutes M or --seconds S.").format(
                method=method, need=need
            )
        )
    return length


def disinfect(
    session: Session,
    *,
    day: date,
    meal: str,
    method_text: str,
    temp: int | None,
    minutes: int | None,
    seconds: int | None,
    ppm: int | None,
    by: str,
    failed: bool,
) -> Disinfection:
    method = labels.parse("disinfect_method", method_text, "--method")
    length = _measured(method, temp, minutes, seconds, ppm)
    least = vocab.METHODS[method]
    short = (
        (least.temp_c is not None and (temp or 0) < least.temp_c)
        or (least.seconds is not None and (length or 0) < least.seconds)
        or (least.ppm is not None and (ppm or 0) < least.ppm)
    )
    if short and not failed:
        raise RuleError(
            _("Below the minimum for {method}: {least} ({source}); record a failed run with "
              "--failed and disinfect again.").format(
                method=labels.label("disinfect_method", method), least=least.text,
                source=vocab.GB31654)
        )  # fmt: skip
    person = people.active_person_on(session, by, day)
    row = Disinfection(
        code=next_code(session, "XD", year=day.year, model=Disinfection),
        day=day, meal=meal, method=method, temp_c=temp, seconds=length, ppm=ppm,
        by_id=person.id or 0, failed=failed,
    )  # fmt: skip
    session.add(row)
    session.flush()
    journal.record(
        session, "meal.disinfect", row,
        {"day": day.isoformat(), "meal": meal, "method": method, "temp_c": temp,
         "seconds": length, "ppm": ppm, "by_id": row.by_id, "failed": failed},
    )  # fmt: skip
    return row


def accompany(
    session: Session,
    *,
    day: date,
    meal: str,
    by: str | None,
    parent: str | None,
    rating: int | None,
    note: str | None,
    problem: str | None,
) -> Accompany:
    if (by is None) == (parent is None or not parent.strip()):
        raise InputError(_("Give --by (a school leader) or --parent NAME, one of them."))
    if rating is not None and not 1 <= rating <= 5:
        raise InputError(_("--rating is 1 to 5."))
    person_id = None
    if by is not None:
        person = people.active_person_on(session, by, day)
        roles = [
            r.strip()
            for r in str(settings.get(session, "meal.accompany_roles")).split(",")
            if r.strip()
        ]
        if not set(person.role_list) & set(roles):
            raise RuleError(
                _("{name} is not a school leader: 陪餐 is a leader's (a role in "
                  "meal.accompany_roles: {roles}); a parent's is --parent NAME.").format(
                    name=person.name, roles=", ".join(roles))
            )  # fmt: skip
        person_id = person.id
    row = Accompany(
        code=next_code(session, "PC", year=day.year, model=Accompany),
        day=day, meal=meal, person_id=person_id,
        parent=(parent or "").strip() or None, rating=rating,
        note=(note or "").strip() or None, problem=(problem or "").strip() or None,
    )  # fmt: skip
    session.add(row)
    session.flush()
    journal.record(
        session, "meal.accompany", row,
        {"day": day.isoformat(), "meal": meal, "person_id": person_id, "parent": row.parent,
         "rating": rating, "note": row.note, "problem": row.problem},
    )  # fmt: skip
    return row


def answer(session: Session, code: str, by: str, text: str, day: date) -> Accompany:
    found = reads.find_accompany(reader_of(session), code)
    row = session.get(Accompany, found.id)
    assert row is not None
    if row.problem is None:
        raise RuleError(
            _("{code} noted no problem; there is nothing to answer.").format(code=row.code)
        )
    if row.answer is not None:
        raise RuleError(
            _("{code} was already answered on {day}.").format(code=row.code, day=row.answered_on)
        )
    if not (text or "").strip():
        raise InputError(_("Give the answer: --answer TEXT."))
    if day < row.day:
        raise InputError(
            _("{day} is before the meal ({meal_day}).").format(day=day, meal_day=row.day)
        )
    person = people.active_person_on(session, by, day)
    row.answer, row.answered_by_id, row.answered_on = text.strip(), person.id, day
    session.flush()
    journal.record(
        session, "meal.accompany.answer", row,
        {"answer": row.answer, "by_id": person.id, "day": day.isoformat()},
    )  # fmt: skip
    return row
