"""Human codes: PREFIX-YEAR-NNNN for records, PREFIX-NNNN for registry entries.

Numbers are taken inside the write transaction, so a refused command uses none
up and two writers never get the same number (writes are serialised)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Integer, String, select
from sqlmodel import Field, SQLModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class CodeCounter(SQLModel, table=True):
    __tablename__ = "code_counter"

    prefix: str = Field(sa_column=Column(String(16), primary_key=True))
    year: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    last: int = Field(sa_column=Column(Integer, nullable=False))


def next_code(
    session: Session,
    prefix: str,
    *,
    year: int | None = None,
    model: Any = None,
    width: int = 4,
    taken: set[str] | None = None,
) -> str:
    """The next free code; skips numbers a user already took by hand on `model`
    (or in `taken`, the upper-cased codes a bulk import already knows)."""
    key_year = year or 0
    held: dict[tuple[str, int], CodeCounter] = session.info.setdefault("code_counters", {})
    counter = held.get((prefix, key_year)) or session.get(CodeCounter, (prefix, key_year))
    if counter is None:
        counter = CodeCounter(prefix=prefix, year=key_year, last=0)
        session.add(counter)
    held[(prefix, key_year)] = counter  # held: the session keeps only weak references
    while True:
        counter.last += 1
        code = (
            f"{prefix}-{year}-{counter.last:0{width}d}"
            if year
            else f"{prefix}-{counter.last:0{width}d}"
        )
        if taken is not None:
            if code.upper() not in taken:
                taken.add(code.upper())
                return code
        elif (
            model is None
            or session.execute(select(model.id).where(model.code == code)).first() is None
        ):
            return code


_SCANNED_CODE = re.compile(r"[A-Za-z]{2}-\d{4}-\d{4}")


def scanned(text: str) -> str:
    """A code as a barcode or QR scanner types it, made the code again: full-width
    characters (a Chinese input method left on) narrowed, surrounding spaces and line
    ends dropped, and a code typed in lower case (Caps Lock) upper-cased. Anything
    that is not a code comes back only narrowed and trimmed (a name stays a name)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text or "").strip()
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2212", "-")
    return text.upper() if _SCANNED_CODE.fullmatch(text) else text


def require_prefix(text: str, *prefixes: str, what: str) -> None:
    """Exit 2 when `text` is a record's code of another kind (a BX- where a JC- is
    asked for), saying what kind of code the command takes; anything else passes."""
    from houqin_cli.core.errors import InputError
    from houqin_cli.core.i18n import _

    code = scanned(text)
    if _SCANNED_CODE.fullmatch(code) and code[:2] not in prefixes:
        raise InputError(
            _("{code} is not {what}: give a code like {example}.").format(
                code=code, what=what, example=f"{prefixes[0]}-2026-0001"
            )
        )
