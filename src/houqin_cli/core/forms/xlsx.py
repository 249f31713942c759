"""A Form -> .xlsx to edit in WPS or Excel before printing: A4, one page wide, thin
borders, 宋体 named as the East-Asian font, the print area and the table's header
repeated on every page, 第 N 页 共 M 页 in the footer."""

from __future__ import annotations

from typing import Any, BinaryIO

from houqin_cli.core.forms import Box, Fields, Form, Sentence, Signatures, Table, signature_text
from houqin_cli.core.i18n import _
from houqin_cli.core.render.cells import MAX_SHEET_TITLE, SHEET_FORBIDDEN, neutralise
from houqin_cli.core.render.text import display_width

FONT_NAME = "宋体"
GB2312 = 134  # the charset that tells Excel and WPS the font is East-Asian
MIN_COLUMNS = 6


class _Sheet:
    """The sheet being written, row by row, `cols` columns wide."""

    def __init__(self, ws: Any, cols: int) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self.ws, self.cols, self.row = ws, cols, 1
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, charset=GB2312, size=10)
        self.title_font = Font(name=FONT_NAME, charset=GB2312, size=16, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="center")
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.widths = [8] * cols

    def put(
        self, col: int, span: int, text: str, *, ruled: bool = True, centre: bool = False
    ) -> None:
        """`text` in columns col..col+span-1 of the current row (merged)."""
        ws, r = self.ws, self.row
        cell = ws.cell(row=r, column=col, value=neutralise(text, "xlsx") if text else None)
        cell.font, cell.alignment = self.font, self.centre if centre else self.wrap
        if span > 1:
            ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
        for c in range(col, col + span):
            if ruled:
                ws.cell(row=r, column=c).border = self.border
            ws.cell(row=r, column=c).font = self.font
        if span == 1:
            self.widths[col - 1] = max(self.widths[col - 1], min(display_width(text) + 2, 40))

    def line(self, text: str, *, size: int = 0, ruled: bool = False) -> None:
        self.put(1, self.cols, text, ruled=ruled, centre=bool(size))
        if size:
            self.ws.cell(row=self.row, column=1).font = self.title_font
            self.ws.row_dimensions[self.row].height = 28
        else:
            chars = self.cols * 12  # about as many half-width characters as a row holds
            lines = max(1, -(-display_width(text) // chars) + text.count("\n"))
            self.ws.row_dimensions[self.row].height = 16 * lines
        self.row += 1

    def slots(self, per: int) -> list[tuple[int, int]]:
        """`per` slots across the row: (first column, span)."""
        per = max(1, min(per, self.cols))
        span = self.cols // per
        out = [(1 + i * span, span) for i in range(per)]
        first, _last = out[-1]
        out[-1] = (first, self.cols - first + 1)
        return out


def _fields(sh: _Sheet, block: Fields) -> None:
    per = max(1, min(block.per_row, sh.cols // 2))
    slots = sh.slots(per)
    for i in range(0, len(block.pairs), per):
        for (label, value), (col, span) in zip(block.pairs[i : i + per], slots, strict=False):
            sh.put(col, 1, label)
            sh.put(col + 1, span - 1, value)
        sh.row += 1


def _table(sh: _Sheet, block: Table) -> int:
    """The table's rows; gives the header's row (repeated on every printed page)."""
    if block.title:
        sh.line(block.title)
    header = sh.row
    texts = [block.headers, *block.rows, *([block.total] if block.total else [])]
    blank = ("",) * len(block.headers)
    for cells in [*texts, *[blank] * block.blank]:
        for i, text in enumerate(cells):
            last = i == len(cells) - 1
            sh.put(i + 1, sh.cols - i if last else 1, text, centre=sh.row == header)
        if cells is blank:
            sh.ws.row_dimensions[sh.row].height = 22
        sh.row += 1
    return header


def _box(sh: _Sheet, block: Box) -> None:
    """One merged, ruled cell `rows` lines high, its label at the top."""
    from openpyxl.styles import Alignment

    first = sh.row
    sh.put(1, sh.cols, block.label)
    last = first + block.rows - 1
    sh.ws.unmerge_cells(start_row=first, start_column=1, end_row=first, end_column=sh.cols)
    for r in range(first, last + 1):
        for c in range(1, sh.cols + 1):
            sh.ws.cell(row=r, column=c).border = sh.border
    sh.ws.merge_cells(start_row=first, start_column=1, end_row=last, end_column=sh.cols)
    sh.ws.cell(row=first, column=1).alignment = Alignment(vertical="top", wrap_text=True)
    sh.row = last + 1


def _signatures(sh: _Sheet, block: Signatures) -> None:
    if block.title:
        sh.line(block.title)
    slots = sh.slots(block.per_row)
    per = len(slots)
    for i in range(0, len(block.lines), per):
        for sig, (col, span) in zip(block.lines[i : i + per], slots, strict=False):
            sh.put(col, span, signature_text(sig, _("Date")), ruled=False)
        sh.ws.row_dimensions[sh.row].height = 30
        sh.row += 1


def write_form_xlsx(form: Form, target: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from houqin_cli.core.render.xlsx import save_reproducibly

    tables = [b for b in form.blocks if isinstance(b, Table)]
    cols = max([MIN_COLUMNS, *(len(t.headers) for t in tables)])
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    title = "".join(ch for ch in form.title if ch not in SHEET_FORBIDDEN)[:MAX_SHEET_TITLE]
    ws.title = title.strip() or "Sheet1"
    sh = _Sheet(ws, cols)
    sh.line(form.title, size=16)
    for text in form.heading():
        sh.line(text)
    header_row = 0
    for block in form.blocks:
        if isinstance(block, Sentence):
            sh.line(block.text)
        elif isinstance(block, Fields):
            _fields(sh, block)
        elif isinstance(block, Box):
            _box(sh, block)
        elif isinstance(block, Table):
            header_row = header_row or _table(sh, block)
        else:
            _signatures(sh, block)
        sh.row += 1
    for note in form.footnotes:
        sh.line(note)
    for i, width in enumerate(sh.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _page_setup(ws, form, sh.row - 1, cols, header_row)
    save_reproducibly(wb, target)


def _page_setup(ws: Any, form: Form, last_row: int, cols: int, header_row: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if form.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(cols)}{max(last_row, 1)}"
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = _("Page {n} of {total}").format(n="&P", total="&N")
    ws.oddFooter.center.font = FONT_NAME
