"""Resolve what a user typed to one record: its code, its exact name, an
unambiguous prefix, or its pinyin initials (`zsj` finds 张世杰).

Initials are computed when a record is written (`initials()`), from a table
distilled from pypinyin (core/_initials.py), and stored beside the name, so no
read ever needs pypinyin."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Reader

MAX_VARIANTS = 8


class Ambiguous(InputError):
    """A name that matches several records (exit 2, listing them)."""


_ASCII = re.compile(r"^[a-z0-9]+$")


def _letters(char: str) -> str:
    from houqin_cli.core import _initials

    if char.isascii():
        return char.lower() if char.isalnum() else ""
    extra = _initials.EXTRA.get(char)
    if extra:
        return extra
    idx = ord(char) - _initials.START
    if 0 <= idx < len(_initials.PRIMARY):
        letter = _initials.PRIMARY[idx]
        return "" if letter == " " else letter
    return ""


def initials(name: str) -> str:
    """'张世杰' -> 'zsj'; a polyphonic character adds variants: '曾' -> 'c z'.

    First the common reading, then each character's other readings one at a
    time (so every reading of a surname is kept), then other combinations up
    to MAX_VARIANTS."""
    choices = [letters for ch in name if (letters := _letters(ch))]
    primary = [c[0] for c in choices]
    variants = ["".join(primary)]
    for i, letters in enumerate(choices):
        for alt in letters[1:]:
            variants.append("".join([*primary[:i], alt, *primary[i + 1 :]]))
    for combo in itertools.islice(itertools.product(*choices), MAX_VARIANTS * 2):
        variants.append("".join(combo))
    unique = list(dict.fromkeys(variants))
    return " ".join(unique[:MAX_VARIANTS])


def escape_like(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def as_initials(text: str) -> str | None:
    """`text` as pinyin initials to look up (lower-cased), or None when it cannot be
    initials (it holds a CJK character, a space, a hyphen…)."""
    low = text.strip().lower()
    return low if _ASCII.match(low) else None


def describe(records: list[Any]) -> str:
    return ", ".join(f"{r.name} ({r.code})" for r in records)


def _steps(typed: str) -> list[tuple[str, dict[str, Any], bool]]:
    """The conditions `lookup` tries in turn, most exact first, as SQL with their
    parameters, each with whether it matches by name (so a record no longer in use only
    counts when no live record does) rather than by code."""
    esc = escape_like(typed)
    steps: list[tuple[str, dict[str, Any], bool]] = [
        ("upper(code) = :upper", {"upper": typed.upper()}, False),
        ("name = :typed", {"typed": typed}, True),
        (
            "(name LIKE :prefix ESCAPE '\\' OR upper(code) LIKE :code_prefix ESCAPE '\\')",
            {"prefix": f"{esc}%", "code_prefix": f"{esc.upper()}%"},
            True,
        ),
    ]
    low = as_initials(typed)
    if low is not None:
        # the common reading first (the first word of `initials`), exact then as a
        # prefix; only then the other readings, so that 洋 read xiáng in 刘洋 (lx)
        # never beats 李秀英 (lxy) for `lx`
        padded = "(' ' || initials || ' ')"
        steps += [
            ("(initials = :low OR initials LIKE :first)", {"low": low, "first": f"{low} %"}, True),
            ("initials LIKE :start", {"start": f"{low}%"}, True),
            (f"{padded} LIKE :word", {"word": f"% {low} %"}, True),
            (f"{padded} LIKE :word_start", {"word_start": f"% {low}%"}, True),
        ]
    return steps


def lookup(
    reader: Reader,
    table: str,
    text: str,
    what: str,
    *,
    live: str | None = None,
    scope: str | None = None,
) -> tuple[Any, ...]:
    """The one row (id, code, name) of `table` that `text` names; exit 2 when none or
    several. Plain SQL: the read commands' path, and `resolve`'s.

    `what` is the translated kind of record ("person", "unit", ...). `live`, an SQL
    condition (`:yes` is bound to true), marks the records still in use (a person still
    here, a unit not retired): at each step by name those are tried first, and the
    others only when none of them matches, so a record no longer in use never makes a
    live name ambiguous; codes find every record. `scope`, an SQL condition, limits
    every step to the rows it holds."""
    typed = (text or "").strip()
    if not typed:
        raise InputError(_("Give a {what}: its code or name.").format(what=what))
    for cond, params, by_name in _steps(typed):
        cond = f"{cond} AND {scope}" if scope else cond
        tiers = (
            [cond]
            if live is None or not by_name
            else [f"{cond} AND {live}", f"{cond} AND NOT ({live})"]
        )
        for where in tiers:
            found = list(
                reader.rows(
                    f"SELECT id, code, name FROM {table} WHERE {where} ORDER BY code LIMIT 21",
                    {**params, "yes": True},
                )
            )
            if len(found) == 1:
                return tuple(found[0])
            if len(found) > 1:
                shown = ", ".join(f"{name} ({code})" for _id, code, name in found[:20])
                raise Ambiguous(
                    _("{text!r} matches several records: {candidates}; give the code.").format(
                        text=typed, candidates=shown + (" …" if len(found) > 20 else "")
                    )
                )
    raise InputError(_("No {what} matches {text!r}.").format(what=what, text=typed))


def resolve(
    session: Session,
    model: Any,
    text: str,
    what: str,
    *,
    live: str | None = None,
    scope: str | None = None,
) -> Any:
    """The one record of `model` that `text` names (see `lookup`), loaded in `session`."""
    from houqin_cli.core.tx import reader_of

    row = lookup(reader_of(session), model.__tablename__, text, what, live=live, scope=scope)
    return session.get(model, row[0])


def namesakes_warning(session: Session, record: Any, what: str) -> str | None:
    """One line warning that other records of its kind bear `record`'s name (a second
    单丽华), naming each with its code; None when the name is its own. Adding or renaming
    goes ahead: the code tells them apart. `what` is the translated kind of record."""
    from sqlalchemy import select

    model = type(record)
    q = (
        select(model)
        .where(model.name == record.name, model.id != record.id)
        .order_by(model.code)
        .limit(10)
    )
    others = list(session.execute(q).scalars())
    if not others:
        return None
    return _(
        "Warning: another {what} is already named {name}: {others}; tell them apart by code."
    ).format(what=what, name=record.name, others=describe(others))


def by_code(session: Session, model: Any, code: str) -> Any:
    """The `model` record with this code, in any case; None if there is none."""
    from sqlalchemy import func, select
    from sqlmodel import col

    q = select(model).where(func.upper(col(model.code)) == code.strip().upper())
    return session.execute(q).scalars().first()


def find_code(session: Session, model: Any, code: str, missing: str) -> Any:
    """The `model` record with this code, in any case; else exit 2 with `missing`
    (a message with {code})."""
    found = by_code(session, model, code)
    if found is None:
        raise InputError(missing.format(code=code))
    return found
