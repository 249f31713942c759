"""What every output format shares: a typed value as each family shows it
(text, csv, json, xlsx), spreadsheet formula neutralising, and a Report's shape
as grids (text), one flat sheet (csv, xlsx) or a JSON document."""

from __future__ import annotations

import operator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from houqin_cli.core.i18n import _
from houqin_cli.core.labels import Coded, shown
from houqin_cli.core.money import format_money, money_str, qty_str
from houqin_cli.core.render.text import Grid
from houqin_cli.core.report import Column, Kind, Report

# text: table, plain and markdown; csv; json; xlsx (typed cell values)
Family = Literal["text", "csv", "json", "xlsx"]

_NUMERIC: frozenset[str] = frozenset({"money", "qty", "int"})
_MEMO_KINDS: frozenset[str] = frozenset({"money", "qty", "int", "date"})
# what the table format never cuts: amounts, quantities, dates, and columns of codes
_KEPT_KINDS: frozenset[str] = frozenset({"money", "qty", "int", "date", "datetime", "percent"})
_CODE_KEYS: frozenset[str] = frozenset(
    {"code", "invoice", "reverses", "voided_by", "period", "occurrence"}
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_FORBIDDEN = "[]:*?/\\"
MAX_SHEET_TITLE = 31
MAX_XLSX_WIDTH = 60


# --------------------------------------------------------------------------- values


def cell(value: Any, kind: Kind | None, family: Family) -> Any:
    """One typed value -> what `family` shows. `kind` is None for keys outside the columns."""
    if value is None:
        return None if family in ("json", "xlsx") else ""
    if isinstance(value, bool):
        if family == "json":
            return value
        return _("yes") if value else _("no")
    if isinstance(value, Coded) and family != "json":
        return neutralise(value.label(), family)
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
            return [cell(v, None, family) for v in value]
        sep = "\n" if any(isinstance(v, dict) for v in value) else ", "
        return neutralise(sep.join(str(cell(v, None, "text")) for v in value), family)
    if isinstance(value, dict):
        if family == "json":
            return {str(k): cell(v, None, family) for k, v in value.items()}
        return neutralise(" ".join(str(cell(v, None, "text")) for v in value.values()), family)
    return neutralise(str(value), family)


def neutralise(text: str, family: Family) -> str:
    """Spreadsheet formula injection: a text cell starting with = + - @ tab CR gets a '."""
    if family in ("csv", "xlsx") and text.startswith(_FORMULA_START):
        return "'" + text
    return text


# --------------------------------------------------------------------------- shapes


def finding_columns() -> list[Column]:
    return [
        Column("check", _("Check")),
        Column("code", _("Code")),
        Column("message", _("Problem")),
    ]


def percent(value: Any) -> str:
    """A share (0.3303, as a decimal string or number) as `33.03%`."""
    return f"{Decimal(str(value)) * 100:.2f}%"


def readable(values: list[Any], column: Column, percents: bool = True) -> list[Any]:
    """A column's values as every format but JSON shows them: stored codes by their
    labels (the column's label tables), shares as percentages (unless not `percents`:
    xlsx keeps them numbers)."""
    if column.labels:
        labels = shown(column.labels)

        def one(v: Any) -> Any:
            if type(v) is str:
                return labels.get(v, v)
            if isinstance(v, list | tuple):
                return [labels.get(x, x) if isinstance(x, str) else x for x in v]
            return v

        values = [one(v) for v in values]
    if column.kind == "percent" and percents:
        values = [None if v is None or v == "" else percent(v) for v in values]
    return values


def readable_rows(
    columns: list[Column], rows: list[dict[str, Any]], percents: bool = True
) -> list[dict[str, Any]]:
    """`rows` with the labelled and percent columns made readable (copies where changed)."""
    special = [c for c in columns if c.labels or (c.kind == "percent" and percents)]
    if not special:
        return rows
    out = [dict(r) for r in rows]
    for c in special:
        for r, v in zip(out, readable([r.get(c.key) for r in out], c, percents), strict=True):
            if c.key in r:
                r[c.key] = v
    return out


def text_row(columns: list[Column], row: dict[str, Any]) -> list[str]:
    shown_row = readable_rows(columns, [row])[0]
    return [as_text(shown_row.get(c.key), c.kind) for c in columns]


def as_text(value: Any, kind: Kind) -> str:
    """cell for the text family, with the common cases first (50,000 rows)."""
    if value is None:
        return ""
    if type(value) is str:
        return value
    if kind == "money" and type(value) is int:
        return format_money(value)
    return str(cell(value, kind, "text"))


def listing_grid(
    title: str | None,
    columns: list[Column],
    rows: list[dict[str, Any]],
    footer: dict[str, Any] | None = None,
) -> Grid:
    return Grid(
        title=title,
        headers=[c.header for c in columns],
        columns=[text_column(readable(values(rows, c.key), c), c.kind) for c in columns],
        right=[c.kind in _NUMERIC for c in columns],
        footer=text_row(columns, footer) if footer else None,
        keep=[kept(c) for c in columns],
    )


def kept(column: Column) -> bool:
    """A column the table format never cuts: money, numbers, dates and codes."""
    key = column.key
    return column.kind in _KEPT_KINDS or key in _CODE_KEYS or key.endswith("_code")


def values(rows: list[dict[str, Any]], key: str) -> list[Any]:
    """One key of every row (None where a row lacks it)."""
    try:
        return list(map(operator.itemgetter(key), rows))
    except KeyError:
        return [r.get(key) for r in rows]


def text_column(values: list[Any], kind: Kind) -> list[str]:
    """One column's cells as text. Numbers and dates repeat in long listings: each
    distinct one is formatted once."""
    if kind in _MEMO_KINDS:
        try:
            memo = {v: as_text(v, kind) for v in set(values)}
        except TypeError:  # an unhashable cell (a list): cell by cell
            pass
        else:
            return [memo[v] for v in values]
    return [v if type(v) is str else as_text(v, kind) for v in values]


def grids(report: Report) -> tuple[list[Grid], str | None]:
    """The tables to draw and the note for stderr, if any."""
    if report.sections:
        return [g for section in report.sections for g in grids(section)[0]], None
    if report.record:
        row = report.rows[0] if report.rows else {}
        fields = [c.header for c in report.columns]
        values = text_row(report.columns, row)
        return [
            Grid(report.title, [_("Field"), _("Value")], [fields, values], [False, False])
        ], None
    if report.findings is not None:
        shown: list[Grid] = []
        if report.rows:
            shown.append(listing_grid(report.title, report.columns, report.rows, report.footer))
        if not report.findings:
            return shown, _("No problems found.")
        found = [f.as_dict() for f in report.findings]
        title = None if shown else report.title
        shown.append(listing_grid(title, finding_columns(), found))
        return shown, None
    grid = listing_grid(report.title, report.columns, report.rows, report.footer)
    return [grid], None if report.rows else _("Nothing to show.")


def flat(report: Report, percents: bool = True) -> tuple[list[Column], list[dict[str, Any]]]:
    """One sheet of data for csv and xlsx (which keeps shares as numbers: not `percents`)."""
    if report.record:
        return report.columns, readable_rows(report.columns, report.rows[:1], percents)
    if report.findings is not None and not report.rows:
        return finding_columns(), [f.as_dict() for f in report.findings]
    return report.columns, readable_rows(report.columns, report.rows, percents)


def json_doc(report: Report) -> Any:
    if report.document is not None:
        return report.document() if callable(report.document) else report.document
    kinds: dict[str, Kind] = {c.key: c.kind for c in report.columns}

    def obj(row: dict[str, Any]) -> dict[str, Any]:
        return {k: cell(v, kinds.get(k), "json") for k, v in row.items()}

    if report.findings is not None:
        doc: dict[str, Any] = {
            "ok": report.ok,
            "findings": [cell(f.as_dict(), None, "json") for f in report.findings],
        }
        doc.update({k: cell(v, None, "json") for k, v in report.extra.items()})
        if report.rows:
            doc[report.rows_key] = [obj(r) for r in report.rows]
        return doc
    if report.record:
        return obj(report.rows[0]) if report.rows else None
    return [obj(r) for r in report.rows]


# -- what a printed sheet carries around its tables (xlsx and pdf alike) --------------


def heading(report: Report, money: bool) -> tuple[list[str], str | None]:
    """The title block's line under the title: the period and a record's code on the
    left, 单位：元 on the right when the sheet holds money."""
    left = [report.period] if report.period else []
    code = report.rows[0].get("code") if report.record and report.rows else None
    if code:
        left.append(_("Code: {code}").format(code=code))
    return left, (_("Unit: yuan") if money else None)


def holds_money(report: Report) -> bool:
    return any(c.kind == "money" for c in report.columns) or any(
        c.kind == "money" for section in report.sections for c in section.columns
    )


def signers() -> list[str]:
    """制表人 / 审核人 / 负责人: who signs a signed report (`Report.signed`)."""
    return [_("Prepared by:"), _("Checked by:"), _("Approved by:")]
