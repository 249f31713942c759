"""A Form -> .pdf on A4 (core/render/pdf gives the font, the page numbers and the
reproducible file)."""

from __future__ import annotations

from typing import Any, BinaryIO

from houqin_cli.core.forms import (
    Box,
    Fields,
    Form,
    LabelSheet,
    Sentence,
    Signatures,
    Table,
    signature_text,
)
from houqin_cli.core.i18n import _
from houqin_cli.core.render import pdf


def _fields(block: Fields, available: float) -> Any:
    from reportlab.platypus import Table as RlTable

    per = max(1, block.per_row)
    rows: list[list[Any]] = []
    for i in range(0, len(block.pairs), per):
        row: list[Any] = []
        for label, value in block.pairs[i : i + per]:
            row += [pdf.para(label, 9), pdf.para(value, 9)]
        row += [""] * (2 * per - len(row))
        rows.append(row)
    label_w = available / per * 0.32
    value_w = available / per - label_w
    table = RlTable(rows, colWidths=[label_w, value_w] * per)
    table.setStyle(pdf.table_style(0))
    return table


def _table(block: Table, available: float) -> Any:
    from reportlab.platypus import Table as RlTable

    width = len(block.headers)
    texts = [list(block.headers), *map(list, block.rows)]
    if block.total:
        texts.append(list(block.total))
    cells = [[pdf.para(c, 8) for c in r] for r in texts]
    cells += [[""] * width for _n in range(block.blank)]
    heights = [None] * len(texts) + [20] * block.blank
    table = RlTable(cells, colWidths=pdf.widths(texts, available), rowHeights=heights, repeatRows=1)
    table.setStyle(pdf.table_style())
    return table


def _signatures(block: Signatures, available: float) -> Any:
    from reportlab.platypus import Table as RlTable

    per = max(1, block.per_row)
    lines = [pdf.para(signature_text(s, _("Date")), 9) for s in block.lines]
    rows = [lines[i : i + per] for i in range(0, len(lines), per)]
    rows[-1] += [""] * (per - len(rows[-1]))
    table = RlTable(rows, colWidths=[available / per] * per, rowHeights=26)
    table.setStyle(pdf.table_style(0, grid=False))
    return table


def _box(block: Box, available: float) -> Any:
    from reportlab.platypus import Table as RlTable

    table = RlTable(
        [[pdf.para(block.label, 9)]], colWidths=[available], rowHeights=[block.rows * 20]
    )
    style = pdf.table_style(0)
    style.add("VALIGN", (0, 0), (-1, -1), "TOP")
    table.setStyle(style)
    return table


def write_form_pdf(form: Form | LabelSheet, target: BinaryIO) -> None:
    if isinstance(form, LabelSheet):
        from houqin_cli.core.forms.labels import write_labels_pdf

        write_labels_pdf(form, target)
        return
    from reportlab.lib import pagesizes
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    page = pagesizes.landscape(pagesizes.A4) if form.landscape else pagesizes.A4
    available = page[0] - 2 * pdf.MARGIN_MM * mm
    story: list[Any] = pdf.title_block(form.title, form.heading())
    for block in form.blocks:
        if isinstance(block, Sentence):
            story.append(pdf.para(block.text, 11))
        elif isinstance(block, Fields):
            story.append(_fields(block, available))
        elif isinstance(block, Box):
            story.append(_box(block, available))
        elif isinstance(block, Table):
            if block.title:
                story += [pdf.para(block.title, 10), Spacer(1, 2)]
            story.append(_table(block, available))
        else:
            if block.title:
                story += [pdf.para(block.title, 10), Spacer(1, 2)]
            story.append(_signatures(block, available))
        story.append(Spacer(1, 6))
    story += [pdf.para(note, 8) for note in form.footnotes]
    pdf.build(story, target, title=form.title, landscape=form.landscape)
