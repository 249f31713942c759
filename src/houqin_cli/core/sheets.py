"""Reading a .csv or .xlsx file into rows of cells as people keep them, within the
ledger's limits (import.max_rows, import.max_bytes): a CSV by its bytes, a workbook
by what it unpacks to (the zip's directory, read before openpyxl inflates a byte),
both by their filled rows as they stream. `core.headers` then finds the header;
`core.imports` holds what the importers share. openpyxl is imported only here, and
only when a workbook is read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from houqin_cli.core.errors import InputError
from houqin_cli.core.headers import Field, Row, stream
from houqin_cli.core.i18n import _
from houqin_cli.core.progress import counted

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what core/render.py prefixes with '


@dataclass(frozen=True)
class Limits:
    """How much an import reads (the settings import.max_rows and import.max_bytes):
    one e-mailed spreadsheet must not exhaust the office PC."""

    rows: int
    size: int  # bytes: a CSV's, a workbook's unpacked

    @classmethod
    def of(cls, session: Session | None) -> Limits:
        """The ledger's limits; without a session, the settings' defaults."""
        from houqin_cli.core import settings

        if session is None:
            return cls(
                *(int(settings.spec(k).default) for k in ("import.max_rows", "import.max_bytes"))
            )
        return cls(
            settings.get(session, "import.max_rows"), settings.get(session, "import.max_bytes")
        )

    def too_big(self, path: Path, size: int) -> InputError:
        return InputError(
            _(
                "{name} holds {size} MB (a workbook unpacked), more than the {limit} MB an "
                "import reads (setting import.max_bytes); split the file, or raise the limit "
                "with `houqin config set import.max_bytes BYTES`."
            ).format(name=path.name, size=_mb(size), limit=_mb(self.size))
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def read_rows(path: Path, fields: Sequence[Field], session: Session | None = None) -> list[Row]:
    """Every data row of a .csv or .xlsx file, matched to `fields`; exit 2 on a bad file,
    or one past the ledger's Limits (read from `session`'s settings)."""
    return list(stream_rows(path, fields, session))


def stream_rows(
    path: Path, fields: Sequence[Field], session: Session | None = None
) -> Iterator[Row]:
    """read_rows one row at a time, as the file is read (and counted on the import's
    progress display): an import of many rows need not hold them all."""
    reading = _("Reading {file}").format(file=Path(path).name)
    yield from counted(_stream_rows(path, fields, session), reading, then_write=False)


def _stream_rows(
    path: Path, fields: Sequence[Field], session: Session | None = None
) -> Iterator[Row]:
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
    limits = Limits.of(session)
    if suffix == ".csv":
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise _unreadable(path, exc) from exc
        if size > limits.size:
            raise limits.too_big(path, size)
        yield from stream(_csv_rows(path), fields, str(path), letters=False, most=limits.rows)
        return
    yield from _read_xlsx(path, fields, limits)


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


def _unpacked_size(path: Path) -> int:
    """What a workbook holds unpacked: the sum of its zip members' declared sizes, read
    from the zip's directory before any member is inflated (a zip bomb declares its
    size too). Exit 2 for a file that is no zip."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return sum(info.file_size for info in zf.infolist())
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _bad_workbook(path) from exc


def _read_xlsx(path: Path, fields: Sequence[Field], limits: Limits) -> Iterator[Row]:
    size = _unpacked_size(path)
    if size > limits.size:
        raise limits.too_big(path, size)
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
        yield from stream(rows, fields, str(path), letters=True, most=limits.rows)
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
