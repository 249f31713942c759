"""Resolve what a user typed to one record: its code, its exact name, an
unambiguous prefix, or its pinyin initials (`zsj` finds 张世杰).

Initials are computed when a record is written (`initials()`), from a table
distilled from pypinyin (core/_initials.py), and stored beside the name, so no
read ever needs pypinyin."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def describe(records: list[Any]) -> str:
    return ", ".join(f"{r.name} ({r.code})" for r in records)


def resolve(session: Session, model: Any, text: str, what: str) -> Any:
    """The one record of `model` that `text` names; exit 2 when none or several.

    `what` is the translated kind of record ("person", "unit", ...)."""
    typed = (text or "").strip()
    if not typed:
        raise InputError(_("Give a {what}: its code or name.").format(what=what))
    steps = [
        func.upper(model.code) == typed.upper(),
        model.name == typed,
    ]
    esc = _escape_like(typed)
    steps.append(
        or_(
            model.name.like(f"{esc}%", escape="\\"),
            func.upper(model.code).like(f"{esc.upper()}%", escape="\\"),
        )
    )
    low = typed.lower()
    if _ASCII.match(low):
        padded = " " + model.initials + " "
        steps.append(padded.like(f"% {low} %"))
        steps.append(padded.like(f"% {low}%"))
    for cond in steps:
        found = list(
            session.execute(select(model).where(cond).order_by(model.code).limit(21)).scalars()
        )
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            shown = describe(found[:20]) + (" …" if len(found) > 20 else "")
            raise Ambiguous(
                _("{text!r} matches several records: {candidates}; give the code.").format(
                    text=typed, candidates=shown
                )
            )
    raise InputError(_("No {what} matches {text!r}.").format(what=what, text=typed))


def by_code(session: Session, model: Any, code: str) -> Any:
    """The `model` record with this code, in any case; None if there is none."""
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
