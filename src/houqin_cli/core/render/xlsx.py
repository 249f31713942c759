"""Report -> .xlsx, the way a finance office expects a sheet, printed on A4 as it is
(split from render.py): a title block, the tables with thin borders and their header
repeated on every page, fit to one page wide, page numbers, the seal, and the
signature block where the paper is signed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from houqin_cli.core import clock
from houqin_cli.core.i18n import _, language
from houqin_cli.core.render.cells import (
    MAX_SHEET_TITLE,
    MAX_XLSX_WIDTH,
    SHEET_FORBIDDEN,
    flat,
    heading,
    neutralise,
    signers,
)
from houqin_cli.core.render.cells import cell as cell_value
from houqin_cli.core.render.text import display_width
from houqin_cli.core.report import Kind, Report

MONEY_FORMAT = "¥#,##0.00"
PERCENT_FORMAT = "0.00%"
PORTRAIT_WIDTH = 95  # character widths an A4 portrait page holds at 100%
LINE_HEIGHT = 14.25  # points: one line of 11-point text


@dataclass
class _Sheet:
    """What the writer learns on its way down the sheet."""

    ws: Any
    span: int  # columns the widest table takes
    fonts: dict[str, Any]
    row: int = 1
    widths: dict[int, int] = field(default_factory=dict)
    header_rows: list[tuple[int, int]] = field(default_factory=list)  # (row, data rows)


def _fonts() -> dict[str, Any]:
    """One font for the whole sheet, named as the East-Asian font in Chinese (宋体,
    charset GB2312) so that WPS and Excel use it for the Chinese."""
    from openpyxl.styles import Font

    zh = language().startswith("zh")
    kw: dict[str, Any] = {"name": "宋体", "charset": 134} if zh else {"name": "Arial"}
    return {
        "body": Font(size=11, **kw),
        "bold": Font(size=11, bold=True, **kw),
        "title": Font(size=16, bold=True, **kw),
        "school": Font(size=12, bold=True, **kw),
    }


def _merged(sheet: _Sheet, text: str, font: str, align: str = "center") -> Any:
    """A line across the table's width (merged), wrapped, tall enough for its text."""
    from openpyxl.styles import Alignment

    ws, r = sheet.ws, sheet.row
    c = ws.cell(row=r, column=1, value=neutralise(text, "xlsx"))
    c.font = sheet.fonts[font]
    c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if sheet.span > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=sheet.span)
    sheet.row += 1
    return c


def _title_block(sheet: _Sheet, report: Report, money: bool) -> None:
    """School, the report's title, then the period (or the record's code) on the left
    and 单位：元 on the right when the sheet holds money."""
    from openpyxl.styles import Alignment

    if report.school:
        _merged(sheet, report.school, "school")
    _merged(sheet, report.title, "title")
    sheet.ws.row_dimensions[sheet.row - 1].height = 24
    left, right = heading(report, money)
    if not left and not right:
        return
    ws, r = sheet.ws, sheet.row
    if sheet.span <= 2:  # too narrow for two ends: one line across the table
        line = "  ".join([*left, *([right] if right else [])])
        ws.cell(row=r, column=1, value=neutralise(line, "xlsx"))
        if sheet.span == 2:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    else:
        if left:
            ws.cell(row=r, column=1, value=neutralise("  ".join(left), "xlsx"))
            if sheet.span > 2:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=sheet.span - 1)
        if right:
            ws.cell(row=r, column=sheet.span, value=right).alignment = Alignment(horizontal="right")
    for c in ws[r]:
        c.font = sheet.fonts["body"]
    sheet.row += 1


def _box() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _heading(sheet: _Sheet, row: int, column: int, text: str, center: bool = True) -> None:
    """A bold cell in a box: a column's header, or a field's name on a record's card."""
    from openpyxl.styles import Alignment

    c = sheet.ws.cell(row=row, column=column, value=text)
    c.font, c.border = sheet.fonts["bold"], _box()
    c.alignment = Alignment(
        horizontal="center" if center else "left", vertical="center", wrap_text=True
    )
    sheet.widths[column] = max(sheet.widths.get(column, 0), display_width(text))


def _put(sheet: _Sheet, row: int, column: int, raw: Any, kind: Kind, bold: bool) -> None:
    """One value in a box: money as a number in ¥, a share as a percentage, dates as
    dates, text wrapped; the column grows to what it shows."""
    from openpyxl.styles import Alignment

    if kind == "percent" and raw not in (None, ""):
        value: Any = Decimal(str(raw))
    else:
        value = cell_value(raw, kind, "xlsx")
    c = sheet.ws.cell(row=row, column=column, value=value)
    c.font, c.border = sheet.fonts["bold" if bold else "body"], _box()
    shown = cell_value(raw, kind, "text")
    if kind == "money" and isinstance(value, Decimal):
        c.number_format = MONEY_FORMAT
    elif kind == "percent" and isinstance(value, Decimal):
        c.number_format, shown = PERCENT_FORMAT, f"{value * 100:.2f}%"
    elif isinstance(value, datetime):
        c.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        c.number_format = "yyyy-mm-dd"
    elif isinstance(value, str):
        c.alignment = Alignment(vertical="center", wrap_text=True)
    lines = str(shown).split("\n")
    sheet.widths[column] = max(sheet.widths.get(column, 0), *map(display_width, lines))


def _table(sheet: _Sheet, part: Report, titled: bool) -> None:
    """One table: its title (in a statement), bold headers, rows, bold totals; a
    record as a card of two columns, each field's name beside its value."""
    columns, rows = flat(part, percents=False)
    if titled:
        c = sheet.ws.cell(row=sheet.row, column=1, value=neutralise(part.title, "xlsx"))
        c.font = sheet.fonts["bold"]
        sheet.row += 1
    if part.record:
        _heading(sheet, sheet.row, 1, _("Field"))
        _heading(sheet, sheet.row, 2, _("Value"))
        sheet.header_rows.append((sheet.row, len(columns)))
        sheet.row += 1
        row = rows[0] if rows else {}
        for col in columns:
            _heading(sheet, sheet.row, 1, col.header, center=False)
            _put(sheet, sheet.row, 2, row.get(col.key), col.kind, bold=False)
            sheet.row += 1
        return
    for i, col in enumerate(columns, start=1):
        _heading(sheet, sheet.row, i, col.header)
    sheet.header_rows.append((sheet.row, len(rows)))
    sheet.row += 1
    footer = [part.footer] if part.footer else []
    for n, row in enumerate([*rows, *footer]):
        for i, col in enumerate(columns, start=1):
            _put(sheet, sheet.row, i, row.get(col.key), col.kind, bold=n >= len(rows))
        sheet.row += 1


def _signatures(sheet: _Sheet) -> None:
    """制表人 / 审核人 / 负责人, each with a line to sign on and a date line under it."""
    labels = signers()
    line = "_" * 10
    ws, r = sheet.ws, sheet.row + 1
    if sheet.span < 3:
        places = [1]
        signs = ["  ".join(f"{label}{line}" for label in labels)]
        dates = ["  ".join(f"{_('Date:')}{line}" for _label in labels)]
    else:
        places = [1 + k * sheet.span // 3 for k in range(3)]
        signs = [f"{label}{line}" for label in labels]
        dates = [f"{_('Date:')}{line}"] * 3
    ends = [p - 1 for p in places[1:]] + [sheet.span]
    for place, end, sign, day in zip(places, ends, signs, dates, strict=True):
        for row, text in ((r, sign), (r + 1, day)):
            ws.cell(row=row, column=place, value=text).font = sheet.fonts["body"]
            if end > place:  # the line spans its third of the table
                ws.merge_cells(start_row=row, start_column=place, end_row=row, end_column=end)
            ws.row_dimensions[row].height = 20
    sheet.row = r + 2


def _page_setup(sheet: _Sheet, report: Report) -> None:
    """A4, landscape when the tables are wide, one page wide and as many long as it
    takes, the main table's header on every page, page numbers in the footer."""
    ws = sheet.ws
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    total = sum(min(w + 2, MAX_XLSX_WIDTH) for w in sheet.widths.values())
    ws.page_setup.orientation = "landscape" if total > PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins  # inches: more of the page for the table, room for the footer
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    if sheet.header_rows:
        first = sheet.header_rows[0][0]
        ws.freeze_panes = f"A{first + 1}"
        main = max(reversed(sheet.header_rows), key=lambda h: h[1])[0]
        ws.print_title_rows = f"{main}:{main}"
    ws.oddFooter.center.text = _("Page &P of &N")
    ws.oddFooter.center.size = 9


def write_xlsx(report: Report, target: BinaryIO) -> None:
    """One sheet ready to print: the title block, a statement's sections stacked,
    money as numbers in ¥#,##0.00, widths that fit Chinese, the closing note (the
    seal) across the table's width, the signature block where the paper is signed."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.theme import theme_xml

    wb = Workbook()
    # the theme's East-Asian font too, which WPS and Excel fall back to
    wb.loaded_theme = theme_xml.replace('<a:ea typeface=""/>', '<a:ea typeface="宋体"/>')
    ws = wb.active
    assert ws is not None
    title = "".join(ch for ch in report.title if ch not in SHEET_FORBIDDEN)[:MAX_SHEET_TITLE]
    ws.title = title.strip() or "Sheet1"
    parts = report.sections or [report]
    shapes = [flat(p) for p in parts]
    span = max([2 if p.record else len(s[0]) for p, s in zip(parts, shapes, strict=True)] + [1])
    money = any(c.kind == "money" for cols, _rows in shapes for c in cols)
    sheet = _Sheet(ws, span, _fonts())
    _title_block(sheet, report, money)
    for n, part in enumerate(parts):
        sheet.row += 1 if n else 0  # a blank row between a statement's tables
        _table(sheet, part, bool(report.sections))
    widths = {i: min(w + 2, MAX_XLSX_WIDTH) for i, w in sheet.widths.items()}
    if report.note:
        sheet.row += 1
        c = _merged(sheet, report.note, "body", align="left")
        room = max(sum(widths.values()), 1)
        lines = -(-display_width(report.note) // room)  # ceil
        ws.row_dimensions[c.row].height = LINE_HEIGHT * max(lines, 1) + 4
    if report.signed:
        _signatures(sheet)
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = width
    _page_setup(sheet, report)
    save_reproducibly(wb, target)


def save_reproducibly(wb: Any, target: BinaryIO) -> None:
    """The same report saved twice is byte-identical (with HOUQIN_NOW pinned): the
    document's dates are "now" and every zip entry carries one fixed timestamp."""
    moment = clock.now().astimezone(UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.created = wb.properties.modified = moment
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" itself
                stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            dst.writestr(fixed, data)
