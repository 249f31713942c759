"""Report -> table | plain | csv | json | markdown | xlsx: the only module that prints data.

Data goes to stdout (or to the file given with --output); notes such as "Nothing to
show." go to stderr. One function, `_cell`, turns a typed value into what an output
family shows, so the format switch is written once. rich, tabulate and openpyxl are
imported only by the function that needs them: importing this module stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.money import format_money, money_str, qty_str
from houqin_cli.core.render_text import _Grid, _plain, _print_table, _tabulated
from houqin_cli.core.report import Column, Kind, Report

FORMATS = ("table", "plain", "csv", "json", "markdown")
EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".md": "markdown"}

# text: table, plain and markdown; csv; json; xlsx (typed cell values)
Family = Literal["text", "csv", "json", "xlsx"]

_NUMERIC: frozenset[str] = frozenset({"money", "qty", "int"})
_MEMO_KINDS: frozenset[str] = frozenset({"money", "qty", "int", "date"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = "[]:*?/\\"
_MAX_SHEET_TITLE = 31
_MAX_XLSX_WIDTH = 60


# --------------------------------------------------------------------------- values


def _cell(value: Any, kind: Kind | None, family: Family) -> Any:
    """One typed value -> what `family` shows. `kind` is None for keys outside the columns."""
    if value is None:
        return None if family in ("json", "xlsx") else ""
    if isinstance(value, bool):
        if family == "text":
            return _("yes") if value else _("no")
        return ("true" if value else "false") if family == "csv" else value
    if kind == "money" and isinstance(value, int):
        if family == "text":
            return format_money(value)
        return Decimal(value).scaleb(-2) if family == "xlsx" else money_str(value)
    if isinstance(value, Decimal) or (kind == "qty" and isinstance(value, int)):
        return Decimal(value) if family == "xlsx" else qty_str(value)
    if isinstance(value, datetime):
        if family == "text":
            return value.strftime("%Y-%m-%d %H:%M")
        return value.replace(tzinfo=None) if family == "xlsx" else value.isoformat()
    if isinstance(value, date):
        return value if family == "xlsx" else value.isoformat()
    if isinstance(value, int | float):
        return value if family in ("json", "xlsx") else str(value)
    if isinstance(value, list | tuple):
        if family == "json":
            return [_cell(v, None, family) for v in value]
        sep = "\n" if any(isinstance(v, dict) for v in value) else ", "
        return _neutralise(sep.join(str(_cell(v, None, "text")) for v in value), family)
    if isinstance(value, dict):
        if family == "json":
            return {str(k): _cell(v, None, family) for k, v in value.items()}
        return _neutralise(" ".join(str(_cell(v, None, "text")) for v in value.values()), family)
    return _neutralise(str(value), family)


def _neutralise(text: str, family: Family) -> str:
    """Spreadsheet formula injection: a text cell starting with = + - @ tab CR gets a '."""
    if family in ("csv", "xlsx") and text.startswith(_FORMULA_START):
        return "'" + text
    return text


# --------------------------------------------------------------------------- shapes


def _finding_columns() -> list[Column]:
    return [
        Column("check", _("Check")),
        Column("code", _("Code")),
        Column("message", _("Problem")),
    ]


def _text_row(columns: list[Column], row: dict[str, Any]) -> list[str]:
    return [_as_text(row.get(c.key), c.kind) for c in columns]


def _as_text(value: Any, kind: Kind) -> str:
    """_cell for the text family, with the common cases first (50,000 rows)."""
    if value is None:
        return ""
    if type(value) is str:
        return value
    if kind == "money" and type(value) is int:
        return format_money(value)
    return str(_cell(value, kind, "text"))


def _listing_grid(
    title: str | None,
    columns: list[Column],
    rows: list[dict[str, Any]],
    footer: dict[str, Any] | None = None,
) -> _Grid:
    return _Grid(
        title=title,
        headers=[c.header for c in columns],
        columns=[_text_column(_values(rows, c.key), c.kind) for c in columns],
        right=[c.kind in _NUMERIC for c in columns],
        footer=_text_row(columns, footer) if footer else None,
    )


def _values(rows: list[dict[str, Any]], key: str) -> list[Any]:
    """One key of every row (None where a row lacks it)."""
    try:
        return list(map(operator.itemgetter(key), rows))
    except KeyError:
        return [r.get(key) for r in rows]


def _text_column(values: list[Any], kind: Kind) -> list[str]:
    """One column's cells as text. Numbers and dates repeat in long listings: each
    distinct one is formatted once."""
    if kind in _MEMO_KINDS:
        try:
            memo = {v: _as_text(v, kind) for v in set(values)}
        except TypeError:  # an unhashable cell (a list): cell by cell
            pass
        else:
            return [memo[v] for v in values]
    return [v if type(v) is str else _as_text(v, kind) for v in values]


def _grids(report: Report) -> tuple[list[_Grid], str | None]:
    """The tables to draw and the note for stderr, if any."""
    if report.sections:
        return [g for section in report.sections for g in _grids(section)[0]], None
    if report.record:
        row = report.rows[0] if report.rows else {}
        fields = [c.header for c in report.columns]
        values = _text_row(report.columns, row)
        return [
            _Grid(report.title, [_("Field"), _("Value")], [fields, values], [False, False])
        ], None
    if report.findings is not None:
        grids: list[_Grid] = []
        if report.rows:
            grids.append(_listing_grid(report.title, report.columns, report.rows, report.footer))
        if not report.findings:
            return grids, _("No problems found.")
        found = [f.as_dict() for f in report.findings]
        title = None if grids else report.title
        grids.append(_listing_grid(title, _finding_columns(), found))
        return grids, None
    grid = _listing_grid(report.title, report.columns, report.rows, report.footer)
    return [grid], None if report.rows else _("Nothing to show.")


def _flat(report: Report) -> tuple[list[Column], list[dict[str, Any]]]:
    """One sheet of data for csv and xlsx."""
    if report.record:
        return report.columns, report.rows[:1]
    if report.findings is not None and not report.rows:
        return _finding_columns(), [f.as_dict() for f in report.findings]
    return report.columns, report.rows


def _json_doc(report: Report) -> Any:
    if report.document is not None:
        return report.document() if callable(report.document) else report.document
    kinds: dict[str, Kind] = {c.key: c.kind for c in report.columns}

    def obj(row: dict[str, Any]) -> dict[str, Any]:
        return {k: _cell(v, kinds.get(k), "json") for k, v in row.items()}

    if report.findings is not None:
        doc: dict[str, Any] = {
            "ok": report.ok,
            "findings": [_cell(f.as_dict(), None, "json") for f in report.findings],
        }
        doc.update({k: _cell(v, None, "json") for k, v in report.extra.items()})
        if report.rows:
            doc[report.rows_key] = [obj(r) for r in report.rows]
        return doc
    if report.record:
        return obj(report.rows[0]) if report.rows else None
    return [obj(r) for r in report.rows]


# --------------------------------------------------------------------------- formats


def _json_text(report: Report) -> str:
    return json.dumps(_json_doc(report), ensure_ascii=False, indent=2) + "\n"


def _csv_text(report: Report) -> str:
    """RFC 4180 (CRLF line ends), which also quotes a cell holding a bare CR.
    A statement's sections follow one another, each under its title."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for i, part in enumerate(report.sections or [report]):
        columns, rows = _flat(part)
        if report.sections:
            if i:
                writer.writerow([])
            writer.writerow([_neutralise(part.title, "csv")])
        writer.writerow([c.header for c in columns])
        for row in [*rows, *([part.footer] if part.footer and report.sections else [])]:
            writer.writerow([_cell(row.get(c.key), c.kind, "csv") for c in columns])
    if report.note:
        writer.writerow([])
        writer.writerow([_neutralise(report.note, "csv")])
    return buf.getvalue()


def _write_stdout(text: str) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()


def _note(text: str) -> None:
    sys.stderr.write(text + "\n")


# --------------------------------------------------------------------------- entry


def _format_of(fmt: str | None, output: str | None) -> str:
    if fmt is not None and fmt.strip().lower() not in FORMATS:
        raise InputError(
            _("Unknown format {fmt!r}: use one of {formats}.").format(
                fmt=fmt, formats=", ".join(FORMATS)
            )
        )
    if output is not None:
        ext = Path(output).suffix.lower()
        if ext not in EXTENSIONS:
            raise InputError(
                _("Cannot tell the format of {path!r} from its extension: use {exts}.").format(
                    path=output, exts=", ".join(EXTENSIONS)
                )
            )
        return EXTENSIONS[ext]
    if fmt is None:
        return "table" if sys.stdout.isatty() else "plain"
    return fmt.strip().lower()


def _write_file(report: Report, fmt: str, path: Path) -> None:
    if fmt == "xlsx":
        from houqin_cli.core.render_xlsx import write_xlsx

        write_xlsx(report, path)
        return
    if fmt == "csv":  # BOM so that Excel and WPS read the Chinese correctly
        path.write_text(_csv_text(report), encoding="utf-8-sig", newline="")
        return
    if fmt == "json":
        text = _json_text(report)
    else:
        text = _tabulated(_grids(report)[0], "github", bool(report.sections))
        text += f"\n{report.note}\n" if report.note else ""
    path.write_text(text, encoding="utf-8", newline="")


def render(report: Report, fmt: str | None = None, output: str | None = None) -> None:
    """Show `report` on stdout in `fmt`, or write it to `output` (format from the extension)."""
    chosen = _format_of(fmt, output)
    if output is not None:
        try:
            _write_file(report, chosen, Path(output))
        except OSError as exc:
            raise InputError(
                _("Cannot write {path}: {error}").format(path=output, error=exc.strerror or exc)
            ) from exc
        _note(_("Written to {path}").format(path=output))
        return
    if chosen == "json":
        _write_stdout(_json_text(report))
        return
    if chosen == "csv":
        _write_stdout(_csv_text(report))
        return
    grids, note = _grids(report)
    if chosen == "table":
        _print_table(grids)
    else:
        titled = bool(report.sections)
        _write_stdout(
            _plain(grids, titled) if chosen == "plain" else _tabulated(grids, "github", titled)
        )
    if report.note:
        _write_stdout("\n" + report.note + "\n")
    if note:
        _note(note)
