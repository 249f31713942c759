"""The gate's writes: visitors in and out (FK-), students leaving during class hours
(CX-) and back. Every rule checked first; each write ends with its journal entry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from houqin_cli.core import clock, journal, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.tx import reader_of
from houqin_cli.gate import reads
from houqin_cli.gate.models import StudentExit, Visitor
from houqin_cli.people.persons import check_phone
from houqin_cli.people.service import find_person
from houqin_cli.student.service import check_id_no, find_student


def _visiting(session: Session, text: str) -> str:
    r = reader_of(session)
    try:
        return str(names.lookup(r, "person", text, _("person"), live="active = :yes")[2])
    except names.Ambiguous:
        raise
    except InputError:
        pass
    try:
        return str(names.lookup(r, "unit", text, _("unit"), live="retired_on IS NULL")[2])
    except names.Ambiguous:
        raise
    except InputError:
        raise InputError(
            _("No person or unit matches {text!r}; give whom the visitor sees.").format(text=text)
        ) from None


def visitor_in(
    session: Session,
    name: str,
    *,
    visiting: str,
    reason: str,
    at: datetime,
    id_no: str | None = None,
    phone: str | None = None,
    org: str | None = None,
    vehicle: str | None = None,
) -> Visitor:
    name = name.strip()
    if not name:
        raise InputError(_("Give the visitor's name."))
    if not reason.strip():
        raise InputError(_("Give --reason: why they come."))
    row = Visitor(
        code=next_code(session, "FK", year=at.year, model=Visitor),
        name=name[:100],
        id_no=check_id_no(id_no),
        phone=check_phone(phone),
        org=(org or "").strip() or None,
        visiting=_visiting(session, visiting),
        reason=reason.strip(),
        vehicle=(vehicle or "").strip().upper() or None,
        in_at=clock.iso_utc(at),
    )
    session.add(row)
    session.flush()
    journal.record(session, "gate.visitor.in", row, {"name": row.name, "visiting": row.visiting,
                   "at": row.in_at})  # fmt: skip
    return row


def visitor_out(session: Session, code: str, at: datetime) -> Visitor:
    row: Visitor = names.find_code(session, Visitor, code, _("No visitor {code}."))
    if row.out_at is not None:
        tz = settings.timezone(session)
        raise RuleError(_("{code} ({name}) already left at {time}.").format(
            code=row.code, name=row.name, time=clock.local_text(row.out_at, tz)))  # fmt: skip
    if clock.iso_utc(at) < row.in_at:
        raise InputError(_("{code} came in later than that.").format(code=row.code))
    row.out_at = clock.iso_utc(at)
    session.flush()
    journal.record(session, "gate.visitor.out", row, {"at": row.out_at})
    return row


def _at(day_of: datetime, hhmm: str) -> datetime:
    from houqin_cli.duty.vocab import minutes

    m = minutes(hhmm)
    return day_of.replace(hour=m // 60, minute=m % 60, second=0, microsecond=0)


def student_exit(
    session: Session,
    student: str,
    *,
    reason: str,
    approved_by: str,
    at: datetime,
    back_by: str | None = None,
    with_: str | None = None,
) -> StudentExit:
    st = find_student(session, student)
    if not st.active:
        raise RuleError(_("{name} ({code}) left the school on {date}.").format(
            name=st.name, code=st.code, date=st.left_on))  # fmt: skip
    if not reason.strip():
        raise InputError(_("Give --reason."))
    approver = find_person(session, approved_by)
    if not approver.active:
        raise RuleError(_("{name} has left and cannot approve.").format(name=approver.name))
    r = reader_of(session)
    head, klass = reads.head_of_class(r, st.class_id)
    roles = [x.strip() for x in settings.get(session, "gate.exit_roles").split(",") if x.strip()]
    if approver.id != head and not set(approver.role_list) & set(roles):
        raise RuleError(
            _("{name} may not approve {student}'s exit: only the head teacher of {klass} or "
              "someone with a role of gate.exit_roles ({roles}).").format(
                name=approver.name, student=st.name, klass=klass, roles=", ".join(roles))
        )  # fmt: skip
    due = _at(at, back_by) if back_by else None
    if due is not None and due <= at:
        raise InputError(_("--back-by {time} is not after the exit.").format(time=back_by))
    row = StudentExit(
        code=next_code(session, "CX", year=at.year, model=StudentExit),
        student_id=st.id,  # type: ignore[arg-type]
        reason=reason.strip(),
        approved_by_id=approver.id,  # type: ignore[arg-type]
        with_guardian=(with_ or "").strip() or None,
        out_at=clock.iso_utc(at),
        back_by=clock.iso_utc(due) if due else None,
    )
    session.add(row)
    session.flush()
    journal.record(session, "gate.exit", row, {"student": st.code, "approved_by": approver.code,
                   "reason": row.reason, "back_by": row.back_by})  # fmt: skip
    return row


def exit_back(session: Session, code: str, at: datetime) -> StudentExit:
    row: StudentExit = names.find_code(session, StudentExit, code, _("No student exit {code}."))
    if row.back_at is not None:
        raise RuleError(_("{code} is already back.").format(code=row.code))
    if clock.iso_utc(at) < row.out_at:
        raise InputError(_("{code} left later than that.").format(code=row.code))
    row.back_at = clock.iso_utc(at)
    session.flush()
    journal.record(session, "gate.exit.back", row, {"at": row.back_at})
    return row
