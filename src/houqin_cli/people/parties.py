"""Who draws, returns or keeps something, named by a user on a read command's path:
a unit or a person, in plain SQL on a `Reader` (as `people.service.find_party` with
`active=False` finds it through the ORM)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import names
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


def find(reader: Reader, text: str) -> tuple[str, int]:
    """The unit or person (in use or not) `text` names, as ("unit" or "person", id):
    whichever one matches; a name that fits both is ambiguous (exit 2)."""
    from houqin_cli.people.vocab import LIVE, WHAT

    found: list[tuple[str, tuple[Any, ...]]] = []
    errors: list[InputError] = []
    for table in ("unit", "person"):
        try:
            found.append(
                (table, names.lookup(reader, table, text, _(WHAT[table]), live=LIVE[table]))
            )
        except InputError as exc:
            errors.append(exc)
    if len(found) == 2:
        shown = ", ".join(f"{row[2]} ({row[1]})" for _table, row in found)
        raise names.Ambiguous(
            _("{text!r} matches several records: {candidates}; give the code.").format(
                text=text, candidates=shown
            )
        )
    if not found:
        ambiguous = [e for e in errors if isinstance(e, names.Ambiguous)]
        raise (
            ambiguous[0]
            if ambiguous
            else InputError(_("No unit or person matches {text!r}.").format(text=text))
        )
    table, row = found[0]
    return table, int(row[0])
