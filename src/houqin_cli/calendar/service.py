"""Terms (学期): added once, never overlapping; the term a day falls in."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.calendar.models import Term
from houqin_cli.core import journal
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _


def _check_term(session: Session, name: str, start: date, end: date, exclude: int | None) -> str:
    """A term's name is its own and its days overlap no other term's (exit 3)."""
    name = name.strip()
    if not name:
        raise InputError(_("A term needs a name, such as 2026-autumn."))
    if end < start:
        raise InputError(_("A term cannot end before it starts."))
    others = col(Term.id) != exclude
    if session.execute(select(Term).where(col(Term.name) == name, others)).first():
        raise RuleError(_("Term {name} already exists.").format(name=name))
    clash = (
        session.execute(select(Term).where(col(Term.start) <= end, col(Term.end) >= start, others))
        .scalars()
        .first()
    )
    if clash is not None:
        raise RuleError(
            _("{name} would overlap term {other} ({start} to {end}); terms cannot overlap.").format(
                name=name, other=clash.name, start=clash.start, end=clash.end
            )
        )
    return name


def add_term(session: Session, name: str, start: date, end: date) -> Term:
    name = _check_term(session, name, start, end, None)
    term = Term(name=name, start=start, end=end)
    session.add(term)
    session.flush()
    journal.append(
        session,
        "term.add",
        "term",
        entity_id=term.id,
        code=name,
        payload={"name": name, "start": start.isoformat(), "end": end.isoformat()},
    )
    return term


def edit_term(
    session: Session,
    name: str,
    *,
    new_name: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[Term, dict[str, dict[str, str]]]:
    """Correct a term's name or days, by the rules `add_term` keeps; journalled with
    old and new."""
    term = resolve_term(session, name)
    first, last = start or term.start, end or term.end
    new = _check_term(session, term.name if new_name is None else new_name, first, last, term.id)
    wanted: dict[str, object] = {"name": new, "start": first, "end": last}
    changes = {
        field: {"old": str(getattr(term, field)), "new": str(value)}
        for field, value in wanted.items()
        if getattr(term, field) != value
    }
    if not changes:
        raise InputError(_("Nothing to change: give --name, --start or --end."))
    term.name, term.start, term.end = new, first, last
    session.flush()
    journal.append(session, "term.edit", "term", entity_id=term.id, code=term.name, payload=changes)
    return term, changes


def terms(session: Session) -> list[Term]:
    return list(session.execute(select(Term).order_by(col(Term.start))).scalars())


def term_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Term)).scalar() or 0


def resolve_term(session: Session, name: str) -> Term:
    """The term named (exit 2 naming the known ones): `term_reads.term_for`'s rule."""
    return term_for(session, name)


def term_for(session: Session, name: str | None, day: date | None = None) -> Term:
    """The term a term-scoped command means, as `calendar.term_reads.term_for` (the one
    rule, in plain SQL) finds it, as the ORM row a write needs."""
    from houqin_cli.calendar import term_reads
    from houqin_cli.core.db import reader_of

    found = term_reads.term_for(reader_of(session), name, day)
    term = session.get(Term, found.id)
    assert term is not None
    return term
