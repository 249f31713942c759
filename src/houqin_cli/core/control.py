"""Control characters in text a user gives (arguments, environment, imported
cells): NUL, ESC, DEL and the other C0 and C1 codes are refused — they break a
driver (PostgreSQL refuses a NUL), a terminal (ESC sequences) or a report. A tab
and a line break (LF, CR) may stand in a note or a cell."""

from __future__ import annotations

_ALLOWED = frozenset("\t\n\r")


def control_character(text: str) -> str | None:
    """The first control character in `text` (C0 but tab and line breaks, DEL, C1),
    or None."""
    for ch in text:
        if (ch < " " and ch not in _ALLOWED) or "\x7f" <= ch <= "\x9f":
            return ch
    return None
