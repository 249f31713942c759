"""The registry's listings and show on the plain reader (no model imported): phone and
ID numbers masked unless `reveal`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import names
from houqin_cli.core.clock import stored_date
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.privacy import masked_rows
from houqin_cli.core.report import Report
from houqin_cli.student.vocab import GENDER_LABEL, LIVE, PRIVATE, WHAT

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

STUDENTS = ("code", "name", "gender", "class_name", "boarding", "guardian", "phone", "id_no")
_SQL = (
    "SELECT id, code, name, gender, class_id, boarding, guardian, phone, id_no, active,"
    " left_on, leave_reason FROM student"
)


def find(reader: Reader, text: str) -> tuple[Any, ...]:
    """(id, code, name) of the student `text` names: 学号, name, prefix or initials; two
    of one name are told apart by class in the message."""
    try:
        return names.lookup(reader, "student", text, _(WHAT), live=LIVE)
    except names.Ambiguous:
        typed = text.strip()
        low = names.as_initials(typed) or "\x00"
        found = reader.rows(
            "SELECT s.code, s.name, u.name FROM student s JOIN unit u ON u.id = s.class_id"
            " WHERE s.active = :yes AND (s.name LIKE :p ESCAPE '\\' OR s.initials LIKE :i)"
            " ORDER BY s.code LIMIT 20",
            {"yes": True, "p": names.escape_like(typed) + "%", "i": low + "%"},
        )
        shown = ", ".join(f"{n} ({c}, {k})" for c, n, k in found)
        raise names.Ambiguous(
            _("{text!r} matches several students: {candidates}; give the 学号.").format(
                text=typed, candidates=shown
            )
        ) from None


def class_id(reader: Reader, text: str) -> int:
    from houqin_cli.people.vocab import LIVE as PLIVE

    return int(names.lookup(reader, "unit", text, _("class"), live=PLIVE["unit"])[0])


def _row(r: Any, classes: dict[int, str]) -> dict[str, Any]:
    _id, code, name, gender, cid, boarding, guardian, phone, id_no, active, left, why = r
    return {
        "code": code,
        "name": name,
        "gender": GENDER_LABEL.get(gender) if gender else None,
        "class_name": classes.get(cid),
        "boarding": bool(boarding),
        "guardian": guardian,
        "phone": phone,
        "id_no": id_no,
        "active": bool(active),
        "left_on": stored_date(left),
        "leave_reason": why,
    }


def listing(
    reader: Reader,
    *,
    klass: str | None = None,
    boarding: bool | None = None,
    include_left: bool = False,
    reveal: bool = False,
) -> Report:
    where: list[str] = [] if include_left else [LIVE]
    params: dict[str, Any] = {"yes": True}
    if klass:
        where.append("class_id = :cid")
        params["cid"] = class_id(reader, klass)
    if boarding is not None:
        where.append("boarding = :b")
        params["b"] = boarding
    sql = _SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY code"
    classes = names_by_id(reader, "unit")
    rows = [_row(r, classes) for r in reader.rows(sql, params)]
    masked_rows(rows, PRIVATE, reveal)
    keys = (*STUDENTS, "active", "left_on") if include_left else STUDENTS
    return Report(_("Students"), columns(*keys), [{k: r[k] for k in keys} for r in rows])


def show(reader: Reader, text: str, *, reveal: bool = False) -> Report:
    sid = find(reader, text)[0]
    [found] = reader.rows(_SQL + " WHERE id = :id", {"id": sid})
    row = _row(found, names_by_id(reader, "unit"))
    masked_rows([row], PRIVATE, reveal)
    keys = (*STUDENTS, "active", "left_on", "leave_reason")
    return Report(_("Student"), columns(*keys), [row], record=True)
