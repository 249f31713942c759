"""The student registry's writes: add, import, move to another class, leave (kept,
never deleted). Every rule checked first; each write ends with its journal entry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.people.persons import check_phone
from houqin_cli.people.service import find_unit
from houqin_cli.people.vocab import clean_name
from houqin_cli.student.models import Student
from houqin_cli.student.vocab import GENDERS, REASONS, WHAT

_YES = ("是", "住校", "住宿", "y", "yes", "true", "1", "寄宿")
_NO = ("否", "走读", "n", "no", "false", "0", "")


def find_student(session: Session, text: str) -> Student:
    from houqin_cli.core.tx import reader_of
    from houqin_cli.student.reads import find

    found = session.get(Student, find(reader_of(session), text)[0])
    assert found is not None
    return found


def class_unit(session: Session, text: str) -> Any:
    unit = find_unit(session, text)
    if unit.kind != "class":
        raise InputError(
            _("{name} is a {kind}, not a class; give a class such as 初一(1)班.").format(
                name=unit.name, kind=unit.kind
            )
        )
    return unit


def _class_code(session: Session, class_id: int) -> str:
    from houqin_cli.core.tx import reader_of

    [(code,)] = reader_of(session).rows("SELECT code FROM unit WHERE id = :id", {"id": class_id})
    return str(code)


def check_gender(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    v = value.strip().lower()
    for code, forms in GENDERS.items():
        if v in forms:
            return code
    raise InputError(_("Invalid gender {value!r}; give 男 or 女.").format(value=value))


def check_id_no(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    v = value.strip().upper()
    if not (len(v) in (15, 18) and v[:-1].isdigit() and (v[-1].isdigit() or v[-1] == "X")):
        raise InputError(_("Invalid ID number {value!r}: 18 digits (the last may be X).").format(
            value=value))  # fmt: skip
    return v


def check_code(session: Session, code: str, taken: set[str] | None = None) -> str:
    c = code.strip()
    if not c or any(ch.isspace() for ch in c) or len(c) > 32:
        raise InputError(_("Invalid 学号 {code!r}: up to 32 characters, no spaces.").format(
            code=code))  # fmt: skip
    if (
        c.upper() in taken
        if taken is not None
        else session.execute(
            select(col(Student.id)).where(func.upper(col(Student.code)) == c.upper())
        ).first()
    ):
        raise RuleError(_("The 学号 {code} is already taken.").format(code=c))
    return c


def _boarding(value: Any) -> bool:
    v = str(value if value is not None else "").strip().lower()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise InputError(_("Invalid boarding {value!r}; give 是 (boarding) or 否.").format(value=value))


def _payload(st: Student, klass: Any) -> dict[str, Any]:
    return {
        "name": st.name,
        "class": klass.code,
        "gender": st.gender,
        "boarding": st.boarding,
        "guardian": st.guardian,
    }


def add(
    session: Session,
    name: str,
    klass: str,
    *,
    code: str | None = None,
    gender: str | None = None,
    boarding: bool = False,
    guardian: str | None = None,
    phone: str | None = None,
    id_no: str | None = None,
) -> Student:
    name = clean_name(name, WHAT)
    unit = class_unit(session, klass)
    st = Student(
        code=check_code(session, code) if code else "",
        name=name,
        gender=check_gender(gender),
        class_id=unit.id,
        boarding=boarding,
        guardian=(guardian or "").strip() or None,
        phone=check_phone(phone),
        id_no=check_id_no(id_no),
        initials=names.initials(name),
    )
    if not st.code:
        st.code = next_code(session, "XS", model=Student)
    session.add(st)
    session.flush()
    journal.record(session, "student.add", st, _payload(st, unit))
    return st


def move(session: Session, text: str, klass: str) -> tuple[Student, Any, Any]:
    st = find_student(session, text)
    if not st.active:
        raise RuleError(
            _("{name} ({code}) left on {date}.").format(name=st.name, code=st.code, date=st.left_on)
        )
    unit = class_unit(session, klass)
    old = find_unit(session, _class_code(session, st.class_id), current=False)
    if unit.id == old.id:
        raise InputError(_("{name} is already in {klass}.").format(name=st.name, klass=unit.name))
    st.class_id = unit.id
    session.flush()
    journal.record(session, "student.move", st, {"from": old.code, "to": unit.code})
    return st, old, unit


def leave(session: Session, text: str, reason: str, day: date) -> Student:
    st = find_student(session, text)
    if not st.active:
        raise RuleError(
            _("{name} ({code}) already left on {date}.").format(
                name=st.name, code=st.code, date=st.left_on
            )
        )
    r = reason.strip()
    if not r:
        raise InputError(_("Give --reason, such as 毕业 or 转学."))
    r = REASONS.get(r, r)
    st.active, st.left_on, st.leave_reason = False, day, r[:40]
    session.flush()
    journal.record(session, "student.leave", st, {"date": day.isoformat(), "reason": r})
    return st


def _fields() -> list[Any]:
    from houqin_cli.core.imports import Field

    return [
        Field("code", ("学号", "学籍号", *variants(N_("Student no.")))),
        Field("name", ("姓名", "学生姓名", *variants(N_("Name"))), required=True),
        Field("gender", ("性别", *variants(N_("Gender")))),
        Field("class", ("班级", *variants(N_("Class"))), required=True),
        Field("boarding", ("住宿", "住校", "是否住校", *variants(N_("Boarding")))),
        Field("guardian", ("家长", "家长姓名", "监护人", *variants(N_("Guardian")))),
        Field("phone", ("电话", "家长电话", "联系电话", *variants(N_("Phone")))),
        Field("id_no", ("身份证号", "身份证", *variants(N_("ID number")))),
    ]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal | int) and not isinstance(value, bool) and value == int(value):
        value = int(value)
    return str(value).strip() or None


def import_file(session: Session, path: Path) -> list[Student]:
    """All rows or none; every bad row named (Refusals)."""
    from houqin_cli.core.imports import Refusals, checked, progress, read_rows

    rows = read_rows(path, _fields(), session)
    if not rows:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    classes: dict[str, Any] = {}
    taken = {c.upper() for (c,) in session.execute(select(col(Student.code)))}

    def klass(text: str | None) -> Any:
        if not text:
            raise InputError(_("Give the class."))
        if text not in classes:
            classes[text] = class_unit(session, text)
        return classes[text]

    refusals = Refusals(path)
    made: list[Student] = []
    for row in progress(rows, _("Importing students")):
        with refusals.row():
            v = {k: _text(x) for k, x in row.values.items()}
            name = checked(row, "name", lambda n: clean_name(n or "", WHAT), v)
            unit = checked(row, "class", klass, v)
            code = checked(row, "code", lambda c: check_code(session, c, taken) if c else None, v)
            st = Student(
                code=code or next_code(session, "XS", taken=taken),
                name=name,
                gender=checked(row, "gender", check_gender, v),
                class_id=unit.id,
                boarding=checked(row, "boarding", _boarding, v),
                guardian=v.get("guardian"),
                phone=checked(row, "phone", check_phone, v),
                id_no=checked(row, "id_no", check_id_no, v),
                initials=names.initials(name),
            )
            taken.add(st.code.upper())
            made.append(st)
    refusals.done()
    session.add_all(made)
    session.flush()
    journal.imported(session, "student.import", "student", path.name, made)
    return made
