"""The one reader behind every `houqin ... import FILE`: .csv and .xlsx as people keep them.

A register comes from Excel or WPS with title rows above the header (often merged),
blank rows and a total row at the bottom; a CSV may be UTF-8 (with or without BOM)
or GB18030/GBK. `read_rows` finds the header by the fields' English keys or Chinese
labels and returns the data rows numbered as the user sees them in the spreadsheet
(the files are read by `core.sheets`, within the ledger's import limits).
openpyxl and rich are imported only by the functions that need them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.headers import Field, Row
from houqin_cli.core.i18n import _
from houqin_cli.core.progress import counted
from houqin_cli.core.sheets import Limits, read_rows, stream_rows

if TYPE_CHECKING:
    from houqin_cli.core.report import Column, Report

__all__ = [  # Field and Row live in core.headers, with the header matching; imports use them from here
    "Field",
    "Imported",
    "Limits",
    "Once",
    "Refusals",
    "Row",
    "checked",
    "parse_loose_date",
    "preview",
    "progress",
    "read_rows",
    "stream_rows",
    "row_error",
]

T = TypeVar("T")

_EXCEL_EPOCH = date(1899, 12, 30)  # 1900 date system, Lotus leap-year bug included
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000
_DATE_SEP = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_SEP = re.compile(r"^(\d{4})[-/.](\d{1,2})$")  # 2018-09, 2018/9, 2018.9: the 1st
_MONTH_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$")
_SERIAL_TEXT = re.compile(r"^\d{5}$")


def row_error(row: Row, key: str, problem: str) -> InputError:
    return InputError(
        _("Row {row}, column {column}: {problem}").format(
            row=row.number, column=row.column(key), problem=problem
        )
    )


def checked(
    row: Row, key: str, check: Callable[[Any], T], values: Mapping[str, Any] | None = None
) -> T:
    """`check` one cell of `row`; its refusal names the row and the column."""
    try:
        return check((row.values if values is None else values).get(key))
    except (InputError, RuleError) as exc:
        raise row_error(row, key, exc.message) from exc


class Refusals:
    """Every bad row of a file found in one pass, not only the first: a row's refusal
    is noted and the next row checked. `done()` then raises them together as one
    InputError (exit 2), nothing having been written; past MOST refusals the reading
    stops there.

        refusals = Refusals(path)
        for row in rows:
            with refusals.row():
                ...  # raise row_error(row, ...) / checked(row, ...)
        refusals.done()
    """

    MOST = 20

    def __init__(self, path: Path, error: type[InputError | RuleError] = InputError) -> None:
        self.path = Path(path)
        self.messages: list[str] = []
        self.error = (
            error  # RuleError (exit 3) for rows the file is right about but the ledger refuses
        )

    @contextmanager
    def row(self) -> Iterator[None]:
        try:
            yield
        except (InputError, RuleError) as exc:
            self.messages.append(exc.message)
            if len(self.messages) >= self.MOST:
                self.done(stopped=True)

    def done(self, *, stopped: bool = False) -> None:
        if not self.messages:
            return
        if len(self.messages) == 1 and not stopped:
            raise self.error(self.messages[0])
        head = (
            _("{name}: the first {n} refused rows (reading stopped there); nothing was imported:")
            if stopped
            else _("{name}: {n} rows refused; nothing was imported:")
        )
        lines = [head.format(name=self.path.name, n=len(self.messages)), *self.messages]
        raise self.error("\n".join(lines))


class Once:
    """A sheet lists each thing once: `seen(row, key, column, what)` refuses (exit 2,
    through Refusals) a row naming what an earlier row named, naming both rows, instead
    of the last row silently winning."""

    def __init__(self, way: str | None = None) -> None:
        self.rows: dict[bytes, int] = {}  # key -> the number of the row that named it (not
        # the row: a big import need not hold every row)
        self.way = way  # the way forward, when it is more than keeping one row

    def seen(self, row: Row, key: Any, column: str, what: str) -> None:
        # the key's 128-bit digest, not the key: 49 bytes a row however wide the key is
        # (a card's name, date, place and value: some 250), and no two differ by chance
        compact = hashlib.blake2b(repr(key).encode(), digest_size=16).digest()
        first = self.rows.setdefault(compact, row.number)
        if first != row.number:
            raise row_error(
                row,
                column,
                _("{what} is listed twice, in rows {first} and {row}; {way}.").format(
                    what=what,
                    first=first,
                    row=row.number,
                    way=self.way or _("keep one of them"),
                ),
            )


def per_record(
    path: Path,
    rows: Iterable[Row],
    key: str,
    find: Callable[[str], Any],
    take: Callable[[Row, Any], None],
    said: Callable[[Row], bool],
) -> None:
    """A filled-in sheet: each row that says something (`said`) goes to `take` with
    the record its `key` column names (`find`). Every row is checked; an unknown
    record, a record two rows name, or a row `take` refuses is reported, up to 20 at
    once, and nothing is kept."""
    refusals = Refusals(path)
    once = Once()
    for row in rows:
        if not said(row):
            continue
        with refusals.row():
            record = checked(row, key, lambda value: find(str(value or "")))
            once.seen(row, record.id, key, f"{record.name} ({record.code})")
            take(row, record)
    refusals.done()


@dataclass
class Imported:
    """What an import wrote, or with --dry-run would write: how many rows, a report of
    the first of them, and a line of further counts (`cli.output.run_import` shows them)."""

    n: int
    report: Report | None = None
    more: str | None = None


PREVIEW_ROWS = 10


def preview(
    path: Path, n: int, cols: list[Column], rows: Iterable[dict[str, Any]], more: str | None = None
) -> Imported:
    """`n` rows imported from `path`, the first PREVIEW_ROWS of `rows` as a report."""
    from itertools import islice

    from houqin_cli.core.report import Report

    first = list(islice(rows, PREVIEW_ROWS))
    title = (
        _("{file}: the first {shown} of {n} rows").format(file=path.name, shown=len(first), n=n)
        if n > len(first)
        else _("{file}: {n} rows").format(file=path.name, n=n)
    )
    return Imported(n, Report(title, cols, first), more)


# --------------------------------------------------------------------------- helpers


def progress(items: Iterable[T], label: str) -> Iterator[T]:
    """The rows of an import as they are checked, on the import's progress display
    (core/progress.py; nothing when stderr is not a terminal), then its writing."""
    yield from counted(items, label)


def parse_loose_date(value: Any) -> date:
    """A date as registers write it: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日,
    20240301, a month (2018-09, 2018.9, 2018年9月: read as its 1st), a date cell, or
    an Excel serial number (1900 system). Exit 2 otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else str(value)
    serial = int(text) if isinstance(value, str) and _SERIAL_TEXT.match(text) else value
    if (
        isinstance(serial, int | Decimal)
        and not isinstance(serial, bool)
        and (not isinstance(serial, Decimal) or serial.is_finite())
        and _SERIAL_MIN <= serial <= _SERIAL_MAX
    ):
        return _EXCEL_EPOCH + timedelta(days=int(serial))
    m = _DATE_SEP.match(text) or _DATE_ZH.match(text) or _DATE_COMPACT.match(text)
    month = None if m else _MONTH_SEP.match(text) or _MONTH_ZH.match(text)
    if m is None and month is None:
        raise InputError(
            _(
                "Invalid date {text!r}; accepted forms: 2024-03-01, 2024/3/1, 2024.3.1, "
                "2024年3月1日, 20240301, a month (2024-03, 2024.3, 2024年3月: its 1st) "
                "or an Excel date number."
            ).format(text=text)
        )
    if month is not None and isinstance(value, Decimal) and text.endswith(".1"):
        raise InputError(  # the number 2018.10 is the number 2018.1
            _(
                "Ambiguous date {text!r}: a number cell cannot tell 2018.1 from 2018.10; "
                "write the month as text, such as {year}-01 or {year}-10."
            ).format(text=text, year=text[:4])
        )
    groups = [g for g in (m or month).groups() if g and g.isdigit()]  # type: ignore[union-attr]
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]) if m else 1)
    except ValueError as exc:
        raise InputError(
            _("Invalid date {text!r}: there is no such day.").format(text=text)
        ) from exc
