"""Personal information (个人信息保护法): phone and ID numbers shown masked
(`138****0000`) unless `--reveal`, and each reveal journalled with who asked."""

from __future__ import annotations

from typing import Any


def mask(value: str | None) -> str | None:
    """'13800000000' -> '138****0000'; an ID number keeps its first 3 and last 4; a
    short value keeps only its last 2."""
    if not value:
        return value
    v = str(value)
    if len(v) >= 8:
        return v[:3] + "*" * (len(v) - 7) + v[-4:]
    return "*" * max(len(v) - 2, 1) + v[-2:] if len(v) > 2 else "*" * len(v)


def masked_rows(rows: list[dict[str, Any]], keys: tuple[str, ...], reveal: bool) -> None:
    """Mask `keys` of each row in place unless `reveal`."""
    if reveal:
        return
    for row in rows:
        for key in keys:
            if key in row:
                row[key] = mask(row[key])


def record_reveal(session: Any, what: str, target: str) -> None:
    """The journal entry of a `--reveal`, in a write session: who asked (the entry's
    operator), for what."""
    from houqin_cli.core import journal

    journal.append(session, "privacy.reveal", what, payload={"what": what, "target": target})
