"""A LabelSheet -> .pdf: labels in a grid on A4, each with a QR code drawn as
rectangles from segno's module matrix (no image file), the school, the code, the name
and the place; as reproducible as every PDF here (core/render/pdf)."""

from __future__ import annotations

from typing import Any, BinaryIO

from houqin_cli.core.forms import LabelSheet
from houqin_cli.core.render import pdf

MARGIN_MM = 8
GAP_MM = 2


def qr_runs(code: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of `code`: its size in modules and its dark modules as horizontal
    runs (row, first column, length), so that a label draws a few rectangles."""
    import segno

    qr = segno.make(code, error="m", micro=False)
    runs: list[tuple[int, int, int]] = []
    size = 0
    for y, row in enumerate(qr.matrix_iter(scale=1, border=0)):
        bits = list(row)
        size = len(bits)
        x = 0
        while x < size:
            if bits[x]:
                start = x
                while x < size and bits[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return size, runs


def _fit(canvas: Any, text: str, size: float, width: float) -> str:
    """`text` cut (with …) to fit `width` points at `size`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, pdf.FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", pdf.FONT, size) > width:
        text = text[:-1]
    return text + "…"


def _label(
    c: Any, x: float, y: float, w: float, h: float, school: str, item: tuple[str, ...]
) -> None:
    from reportlab.lib.units import mm

    code, name, place = item
    c.setLineWidth(0.3)
    c.setDash(2, 2)
    c.rect(x, y, w, h)
    c.setDash()
    pad = 2 * mm
    side = min(h - 2 * pad, w * 0.42)
    modules, runs = qr_runs(code)
    cell = side / (modules + 2)  # a quiet zone of one module each side inside the square
    qx, qy = x + pad, y + (h - side) / 2
    for row, col, length in runs:
        c.rect(qx + (col + 1) * cell, qy + side - (row + 2) * cell, length * cell, cell,
               stroke=0, fill=1)  # fmt: skip
    tx = qx + side + pad
    tw = x + w - pad - tx
    top = y + h - pad
    lines = [(school, 7), (code, 10), (name, 9), (place, 8)]
    step = (h - 2 * pad) / len(lines)
    for n, (text, size) in enumerate(lines):
        c.setFont(pdf.font(), size)
        c.drawString(tx, top - (n + 0.75) * step, _fit(c, text, size, tw))


def write_labels_pdf(sheet: LabelSheet, target: BinaryIO) -> None:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    across, down = sheet.layout
    page_w, page_h = A4
    w = (page_w - 2 * MARGIN_MM * mm - (across - 1) * GAP_MM * mm) / across
    h = (page_h - 2 * MARGIN_MM * mm - (down - 1) * GAP_MM * mm) / down
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    pdf.stamp(c._doc)
    c.setTitle(sheet.title)
    c.setAuthor("houqin")
    c.setCreator("houqin")
    c.setProducer("houqin")
    per_page = across * down
    for i, item in enumerate(sheet.labels):
        if i and i % per_page == 0:
            c.showPage()
        n = i % per_page
        col, row = n % across, n // across
        x = MARGIN_MM * mm + col * (w + GAP_MM * mm)
        y = page_h - MARGIN_MM * mm - (row + 1) * h - row * GAP_MM * mm
        _label(c, x, y, w, h, sheet.school, item)
    c.showPage()
    c.save()
    target.write(buf.getvalue())
