"""The one reader behind every `houqin ... import FILE`: .csv and .xlsx as people keep them.

A register comes from Excel or WPS with title rows above the header (often merged),
blank rows and a total row at the bottom; a CSV may be UTF-8 (with or without BOM)
or GB18030/GBK. `read_rows` finds the header by the fields' English keys or Chinese
labels and returns the data rows numbered as the user sees them in the spreadsheet.
openpyxl and rich are imported only by the functions that need them.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _

T = TypeVar("T")

HEADER_SEARCH_ROWS = 15
_TOTALS = frozenset({"合计", "总计", "小计", "total"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what core/render.py prefixes with '
_EXCEL_EPOCH = date(1899, 12, 30)  # 1900 date system, Lotus leap-year bug included
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000
_DATE_SEP = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL_TEXT = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Field:
    key: str  # the English option name: "reorder_level"
    labels: tuple[str, ...] = ()  # Chinese labels and aliases: ("库存下限", "下限")
    required: bool = False

    def describe(self) -> str:
        """'reorder_level (库存下限)' — how a message names the field."""
        return f"{self.key} ({self.labels[0]})" if self.labels else self.key


@dataclass
class Row:
    number: int  # as the user sees it: 1-based, counting title and header rows
    values: dict[str, Any]  # key -> value (None when empty), for the fields with a column
    columns: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def column(self, key: str) -> str:
        """How the user sees that column: 'C (单位)' in xlsx, '3 (单位)' in CSV."""
        return self.columns.get(key, key)


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

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.messages: list[str] = []

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
            raise InputError(self.messages[0])
        head = (
            _("{name}: the first {n} refused rows (reading stopped there); nothing was imported:")
            if stopped
            else _("{name}: {n} rows refused; nothing was imported:")
        )
        lines = [head.format(name=self.path.name, n=len(self.messages)), *self.messages]
        raise InputError("\n".join(lines))


# --------------------------------------------------------------------------- reading


def read_rows(path: Path, fields: Sequence[Field]) -> list[Row]:
    """Every data row of a .csv or .xlsx file, matched to `fields`; exit 2 on a bad file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            _(
                "Cannot import {name}: only .csv and .xlsx files can be imported "
                "(save an .xls or .et file as .xlsx first)."
            ).format(name=path.name)
        )
    if not path.is_file():
        raise InputError(_("File not found: {path}").format(path=path))
    if suffix == ".csv":
        return _collect(_csv_rows(path), fields, str(path), letters=False)
    return _read_xlsx(path, fields)


def _unreadable(path: Path, exc: BaseException) -> InputError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return InputError(_("Cannot read {path}: {reason}").format(path=path, reason=reason))


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    text = _decode(data, path)
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    if delimiter not in sample:
        delimiter = ","
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [_text_value(cell) for cell in record]
    except csv.Error as exc:
        raise _unreadable(path, exc) from exc


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(
        _(
            "Cannot read {path}: the text is neither UTF-8 nor GB18030; save it as CSV UTF-8."
        ).format(path=path)
    )


def _read_xlsx(path: Path, fields: Sequence[Field]) -> list[Row]:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    except Exception as exc:
        raise _bad_workbook(path) from exc
    try:
        if not wb.worksheets:
            raise _bad_workbook(path)
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # some writers record a wrong size; read every row there is
        rows = ([_xlsx_value(v) for v in r] for r in ws.iter_rows(min_row=1, values_only=True))
        return _collect(rows, fields, str(path), letters=True)
    except InputError:
        raise
    except Exception as exc:
        raise _bad_workbook(path) from exc
    finally:
        wb.close()


def _bad_workbook(path: Path) -> InputError:
    return InputError(
        _(
            "Cannot read {path}: it is not a valid .xlsx workbook "
            "(damaged, password-protected, or an old .xls renamed)."
        ).format(path=path)
    )


def _text_value(value: str) -> str | None:
    text = value.strip()
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(_FORMULA_START):
        text = text[1:].strip()  # houqin's own exports neutralise formulas with a '
    return text or None


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _text_value(value)
    if isinstance(value, float):
        # What Excel shows (15 significant digits), never the binary float:
        # 12.5 -> 12.5, 3.0 -> 3, 0.1+0.2 -> 0.3.
        d = Decimal(format(value, ".15g"))
        try:
            return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
        except InvalidOperation:
            return d
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value  # int, bool, date, datetime with a time, time, None


def _column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _match(value: Any, fields: Sequence[Field]) -> Field | None:
    """The field a header cell names: English key (any case, '-'/' ' for '_') or a label."""
    if value is None:
        return None
    text = str(value).strip().lstrip("*＊").rstrip("*＊:：").strip()
    english = re.sub(r"[\s\-]+", "_", text).casefold()
    chinese = "".join(text.split()).casefold()
    for f in fields:
        if english == f.key.casefold():
            return f
        if any(chinese == "".join(label.split()).casefold() for label in f.labels):
            return f
    return None


def _is_total(cells: list[Any]) -> bool:
    first = next((c for c in cells if c is not None and c != ""), None)
    if not isinstance(first, str):
        return False
    return "".join(first.split()).rstrip(":：").casefold() in _TOTALS


def _collect(
    rows: Iterable[list[Any]], fields: Sequence[Field], where: str, *, letters: bool
) -> list[Row]:
    required = [f for f in fields if f.required]
    best: list[Field] = []
    header: dict[str, int] | None = None
    columns: dict[str, str] = {}
    out: list[Row] = []
    for number, cells in enumerate(rows, start=1):
        if header is None:
            if number > HEADER_SEARCH_ROWS:
                break
            found = [(i, _match(c, fields)) for i, c in enumerate(cells)]
            named = [(i, f) for i, f in found if f is not None]
            if not named:
                continue
            if not all(any(f is r for _i, f in named) for r in required):
                if len(named) > len(best):
                    best = [f for _i, f in named]
                continue
            header = {}
            for i, f in named:
                shown = _column_letter(i + 1) if letters else str(i + 1)
                label = f"{shown} ({_header_text(cells[i])})"
                if f.key in header:
                    raise InputError(
                        _("Columns {first} and {second} both give {field}; keep only one.").format(
                            first=columns[f.key], second=label, field=f.describe()
                        )
                    )
                header[f.key] = i
                columns[f.key] = label
            continue
        if _is_total(cells):
            break
        values = {k: cells[i] if i < len(cells) else None for k, i in header.items()}
        if all(v is None or v == "" for v in values.values()):
            continue  # blank, or only 序号/备注 filled in
        out.append(Row(number, values, columns))
    if header is None:
        if best:
            missing = ", ".join(r.describe() for r in required if r not in best)
            raise InputError(
                _("{path}: the header row has no column for {fields}.").format(
                    path=where, fields=missing
                )
            )
        expected = ", ".join(f.describe() for f in fields)
        raise InputError(
            _(
                "{path}: no header row in the first 15 rows; expected columns such as {fields}."
            ).format(path=where, fields=expected)
        )
    return out


# --------------------------------------------------------------------------- helpers


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """A transient rich progress bar on stderr when it is a terminal; silence otherwise."""
    stream = sys.stderr
    if stream is None or not stream.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(
        items, description=label, total=len(items), console=Console(stderr=True), transient=True
    )


def parse_loose_date(value: Any) -> date:
    """A date as registers write it: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日,
    20240301, a date cell, or an Excel serial number (1900 system). Exit 2 otherwise."""
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
    if m is None:
        raise InputError(
            _(
                "Invalid date {text!r}; accepted forms: 2024-03-01, 2024/3/1, 2024.3.1, "
                "2024年3月1日, 20240301 or an Excel date number."
            ).format(text=text)
        )
    groups = [g for g in m.groups() if g and g.isdigit()]
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError as exc:
        raise InputError(
            _("Invalid date {text!r}: there is no such day.").format(text=text)
        ) from exc
