"""Report -> .xlsx, the way a finance office expects a sheet (split from render.py)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from houqin_cli.core import clock
from houqin_cli.core.render.cells import (
    MAX_SHEET_TITLE,
    MAX_XLSX_WIDTH,
    SHEET_FORBIDDEN,
    flat,
    neutralise,
)
from houqin_cli.core.render.cells import cell as cell_value
from houqin_cli.core.render.text import display_width
from houqin_cli.core.report import Report


def write_xlsx(report: Report, target: BinaryIO) -> None:
    """One sheet: a header row in bold (frozen), money as numbers in ¥#,##0.00,
    totals in bold, widths that fit Chinese; a statement's sections stacked,
    and its closing note as the last row and the printed page's footer."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    title = "".join(ch for ch in report.title if ch not in SHEET_FORBIDDEN)[:MAX_SHEET_TITLE]
    ws.title = title.strip() or "Sheet1"
    bold = Font(bold=True)
    widths: dict[int, int] = {}
    r = 1
    for part in report.sections or [report]:
        columns, rows = flat(part)
        if report.sections:
            ws.cell(row=r, column=1, value=neutralise(part.title, "xlsx")).font = bold
            r += 1
        for i, col in enumerate(columns, start=1):
            ws.cell(row=r, column=i, value=col.header).font = bold
            widths[i] = max(widths.get(i, 0), display_width(col.header))
        if ws.freeze_panes is None:
            ws.freeze_panes = f"A{r + 1}"
        r += 1
        footer = [part.footer] if part.footer else []
        for n, row in enumerate([*rows, *footer]):
            for i, col in enumerate(columns, start=1):
                value = cell_value(row.get(col.key), col.kind, "xlsx")
                cell = ws.cell(row=r, column=i, value=value)
                if n >= len(rows):
                    cell.font = bold
                if col.kind == "money" and isinstance(value, Decimal):
                    cell.number_format = "¥#,##0.00"
                elif isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                shown = cell_value(row.get(col.key), col.kind, "text")
                widths[i] = max(widths[i], display_width(str(shown)))
            r += 1
        r += 1 if report.sections else 0
    if report.note:
        ws.cell(row=r + 1, column=1, value=neutralise(report.note, "xlsx"))
        ws.oddFooter.center.text = report.note
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_XLSX_WIDTH)
    _save_reproducibly(wb, target)


def _save_reproducibly(wb: Any, target: BinaryIO) -> None:
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


# the forms' workbooks (core/forms/xlsx.py) are saved the same reproducible way
save_reproducibly = _save_reproducibly
