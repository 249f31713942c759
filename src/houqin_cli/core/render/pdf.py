"""Report -> .pdf on A4, and what every PDF the program writes shares (forms and labels
too): the built-in CID font STSong-Light (no font file shipped; readers map it to 宋体,
on Linux through fonts-noto-cjk), the page footer 第 N 页 共 M 页, and a reproducible
file: reportlab's invariant mode with the creation date taken from the ledger's clock
(HOUQIN_NOW), so the same report printed twice is byte-identical.

reportlab is imported only inside the functions: importing this module stays cheap."""

from __future__ import annotations

import time
from typing import Any, BinaryIO

from houqin_cli.core import clock
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report

FONT = "STSong-Light"
MARGIN_MM = 15


def font() -> str:
    """Register the CID font once and give its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def style(size: float = 10, *, bold: bool = False, align: int = 0, leading: float = 0) -> Any:
    """A paragraph style in the CID font that wraps Chinese anywhere (CJK word wrap);
    `bold` draws the title a little larger, as a CID font has no bold face."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"houqin-{size}-{bold}-{align}",
        fontName=font(),
        fontSize=size,
        leading=leading or size * 1.35,
        alignment=align,
        wordWrap="CJK",
    )


def para(text: str, size: float = 10, *, align: int = 0) -> Any:
    """A paragraph of plain text (markup characters escaped, line breaks kept)."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style(size, align=align))


def stamp(doc: Any) -> None:
    """The PDF's creation and modification date: the ledger's "now", not the wall clock."""
    from reportlab.lib.utils import TimeStamp

    ts = TimeStamp(1)
    t = clock.now().timestamp()
    ts.t, ts.lt = t, time.gmtime(t)
    ts.YMDhms = tuple(ts.lt)[:6]
    doc._timeStamp = ts


def _numbered_canvas(footer: str) -> Any:
    """A canvas class that draws 第 N 页 共 M 页 (and `footer`, such as a seal line) on
    every page once the total is known."""
    from reportlab.pdfgen.canvas import Canvas

    from houqin_cli.core.i18n import _

    class Numbered(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kw: Any) -> None:
            kw["invariant"] = 1
            super().__init__(*args, **kw)
            stamp(self._doc)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                width = self._pagesize[0]
                self.setFont(font(), 9)
                text = _("Page {n} of {total}").format(n=n, total=total)
                self.drawCentredString(width / 2, 8 * 2.835, text)
                if footer:
                    self.drawCentredString(width / 2, 12 * 2.835, footer)
                super().showPage()
            super().save()

    return Numbered


def build(
    story: list[Any],
    target: BinaryIO,
    *,
    title: str,
    landscape: bool = False,
    footer: str = "",
    margin_mm: float = MARGIN_MM,
) -> None:
    """Lay `story` out on A4 pages and write the file to `target`."""
    import io

    from reportlab.lib import pagesizes
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    size = pagesizes.landscape(pagesizes.A4) if landscape else pagesizes.A4
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=size,
        leftMargin=margin_mm * mm,
        rightMargin=margin_mm * mm,
        topMargin=margin_mm * mm,
        bottomMargin=(margin_mm + 8) * mm,
        title=title,
        author="houqin",
        creator="houqin",
        producer="houqin",
        invariant=1,
    )
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    target.write(buf.getvalue())


def table_style(header_rows: int = 1, *, grid: bool = True) -> Any:
    """Thin borders, the CID font, the header rows shaded."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font(), 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#EEEEEE")))
    return TableStyle(commands)


def natural_widths(texts: list[list[str]], size: float = 8) -> list[float]:
    """Each column's width in points to hold its widest line unwrapped (capped)."""
    from houqin_cli.core.render.text import display_width

    cols = max((len(r) for r in texts), default=0)
    return [
        max(
            [
                2,
                *(
                    min(display_width(ln), 50)
                    for r in texts
                    if i < len(r)
                    for ln in r[i].split("\n")
                ),
            ]
        )
        * size
        * 0.55
        + 14  # the cell padding, 6 points each side
        for i in range(cols)
    ]


def widths(texts: list[list[str]], available: float, size: float = 8) -> list[float]:
    """Column widths in points filling `available`: each as wide as its content where
    that fits; otherwise the widest columns (text, which wraps) are narrowed to one
    cap and the narrow ones (codes, money, dates) keep their width."""
    natural = natural_widths(texts, size)
    whole = sum(natural)
    if not natural or whole <= available:
        return [w * available / (whole or 1) for w in natural]
    low, high = 0.0, max(natural)
    for _step in range(40):
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(w, cap) for w in natural) < available else (low, cap)
    return [min(w, low) for w in natural]


def title_block(title: str, lines: list[str]) -> list[Any]:
    """The title, centred, and the lines under it (school, code, period, 单位)."""
    from reportlab.platypus import Spacer

    out = [para(title, 16, align=1), Spacer(1, 4)]
    out += [para(line, 9, align=1) for line in lines if line]
    out.append(Spacer(1, 6))
    return out


def _rows(grid: Any) -> list[list[str]]:
    """A text grid's header, rows and totals row, row by row."""
    rows = [list(grid.headers), *(list(r) for r in zip(*grid.columns, strict=True))]
    return [*rows, list(grid.footer)] if grid.footer else rows


def write_pdf(report: Report, target: BinaryIO) -> None:
    """A report as tables on A4 (landscape when wide), under its title block (school,
    title, period or code, 单位：元), the header rows repeated on every page, the note (a
    statement's seal) after the last table, and the signature lines of a signed report."""
    from reportlab.lib import pagesizes
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table

    from houqin_cli.core.render.cells import grids, heading, holds_money, signers

    shown, note = grids(report)
    tables = [_rows(g) for g in shown if g.headers]
    portrait = pagesizes.A4[0] - 2 * MARGIN_MM * mm
    landscape = any(sum(natural_widths(t)) > portrait for t in tables)
    page = pagesizes.landscape(pagesizes.A4) if landscape else pagesizes.A4
    available = page[0] - 2 * MARGIN_MM * mm
    left, right = heading(report, holds_money(report))
    lines = [report.school or "", "    ".join([*left, *([right] if right else [])])]
    story: list[Any] = title_block(report.title, lines)
    for grid in shown:
        rows = _rows(grid)
        if grid.title and grid.title != report.title:
            story += [para(grid.title, 11), Spacer(1, 3)]
        if not grid.headers:
            continue
        cells = [
            [para(str(c), 8, align=2 if (i and grid.right[j]) else 0) for j, c in enumerate(r)]
            for i, r in enumerate(rows)
        ]
        table = Table(cells, colWidths=widths(rows, available), repeatRows=1)
        table.setStyle(table_style())
        story += [table, Spacer(1, 8)]
    if note:
        story.append(para(note, 9))
    if report.note:
        story.append(para(report.note, 9))
    if report.signed:
        blank = "_" * 12
        story += [Spacer(1, 18), para("        ".join(f"{s}{blank}" for s in signers()), 10)]
        story += [
            Spacer(1, 8),
            para("        ".join(f"{_('Date:')}{blank}" for _s in signers()), 10),
        ]
    build(story, target, title=report.title, landscape=landscape)
