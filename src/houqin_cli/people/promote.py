"""`unit promote`: each September the classes move up a grade. A class is named
after its grade (初一(1)班 under 初一, 一年级(2)班 under 一年级), and the grade after
its year (初一, 初二, 初三): so 初一(1)班 becomes 初二(1)班 under 初二, and the classes
of the top grade (the one no registered grade follows) graduate and are retired.
All of it is one transaction with one journal entry (`unit.promote`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.names import initials
from houqin_cli.core.report import Report
from houqin_cli.people.models import Unit
from houqin_cli.people.service import live, units_of_kind
from houqin_cli.people.units import unit_holdings

NUMERALS = "一二三四五六七八九十"
_YEAR_NUMBER = re.compile(r"[一二三四五六七八九]|\d+")
PLAN = ("code", "name", "new_name", "parent", "action", "note")


def next_grade(name: str) -> str | None:
    """初一 -> 初二, 五年级 -> 六年级, 高2 -> 高3; None when the name carries no year."""
    m = _YEAR_NUMBER.search(name)
    if m is None:
        return None
    year = m.group()
    following = NUMERALS[NUMERALS.index(year) + 1] if year in NUMERALS else str(int(year) + 1)
    return name[: m.start()] + following + name[m.end() :]


@dataclass
class Plan:
    year: int
    moves: list[tuple[Unit, str, Unit]] = field(default_factory=list)  # class, new name, grade
    retiring: list[Unit] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)


def _done_for(session: Session, year: int) -> journal.Journal | None:
    """The journal entry of a promotion for `year` or a later one, if any."""
    q = select(journal.Journal).where(col(journal.Journal.action) == "unit.promote")
    for entry in session.execute(q.order_by(col(journal.Journal.seq))).scalars():
        if json.loads(entry.payload).get("year", 0) >= year:
            return entry
    return None


def plan(session: Session, year: int, today: date) -> Plan:
    """What `unit promote --from-year YEAR` would do; every refusal before anything is
    written: a year ahead (exit 2), a year already promoted, a class whose new name
    cannot be worked out or is taken by a unit in use (exit 3)."""
    if year > today.year:
        raise InputError(
            _(
                "{year} is after this year ({today}); give the year the classes move up from."
            ).format(year=year, today=today.year)
        )
    done = _done_for(session, year)
    if done is not None:
        raise RuleError(
            _(
                "The classes were already promoted from {year} (journal entry {seq}); "
                "they move up once a year."
            ).format(year=json.loads(done.payload)["year"], seq=done.seq)
        )
    grades = {g.name: g for g in units_of_kind(session, "grade")}
    out = Plan(year)
    for cls in units_of_kind(session, "class"):
        grade = next((g for g in grades.values() if g.id == cls.parent_id), None)
        if grade is None:
            continue  # a class under no grade (or a retired one) stays as it is
        following = next_grade(grade.name)
        if following is None:
            raise RuleError(
                _(
                    "Cannot tell which grade follows {grade}: its name carries no year "
                    "(初一, 二年级, 高3); rename it with `houqin unit edit`."
                ).format(grade=grade.name)
            )
        target = grades.get(following)
        if target is None:
            out.retiring.append(cls)
            held = unit_holdings(session, cls)
            note = (
                _("still has {what}; reassign them").format(what="; ".join(held)) if held else None
            )
            out.rows.append(_row(cls, None, grade, "retire", note))
            continue
        if not cls.name.startswith(grade.name):
            raise RuleError(
                _(
                    "Cannot work out the new name of {name} ({code}): it does not begin with "
                    "its grade's name {grade}; rename it with `houqin unit edit` first."
                ).format(name=cls.name, code=cls.code, grade=grade.name)
            )
        new = target.name + cls.name[len(grade.name) :]
        out.moves.append((cls, new, target))
        out.rows.append(_row(cls, new, target, "promote", None))
    if not out.rows:
        raise RuleError(_("There are no classes under a grade to promote."))
    _check_names(session, out)
    return out


def _row(cls: Unit, new: str | None, grade: Unit, action: str, note: str | None) -> dict[str, Any]:
    return {
        "code": cls.code,
        "name": cls.name,
        "new_name": new,
        "parent": grade.name,
        "action": action,
        "note": note,
    }


def _check_names(session: Session, p: Plan) -> None:
    """A new name may be one the promotion frees, never one a unit in use keeps."""
    freed = {cls.id for cls, _new, _grade in p.moves} | {cls.id for cls in p.retiring}
    wanted = {new: cls for cls, new, _grade in p.moves}
    q = select(Unit).where(col(Unit.name).in_(list(wanted)), live(Unit))
    for unit in session.execute(q.order_by(col(Unit.code))).scalars():
        if unit.id not in freed:
            cls = wanted[unit.name]
            raise RuleError(
                _(
                    "{new} already exists as a unit in use ({code}), so {name} cannot move up "
                    "into that name; rename or retire {code} first."
                ).format(new=unit.name, code=unit.code, name=cls.name)
            )


def promote(session: Session, year: int, today: date) -> Plan:
    """Carry out the plan: rename and re-parent the classes, retire the top grade's."""
    p = plan(session, year, today)
    for cls in p.retiring:
        cls.retired_on = today
    for cls, new, grade in p.moves:
        cls.name, cls.initials, cls.parent_id = new, initials(new), grade.id
    session.flush()
    payload = {
        "year": year,
        "promoted": [
            {"code": r["code"], "old": r["name"], "new": r["new_name"], "grade": r["parent"]}
            for r in p.rows
            if r["action"] == "promote"
        ],
        "retired": [cls.code for cls in p.retiring],
    }
    journal.append(session, "unit.promote", "unit", code=str(year), payload=payload)
    return p


def report(p: Plan) -> Report:
    return Report(_("Classes moving up from {year}").format(year=p.year), columns(*PLAN), p.rows)
