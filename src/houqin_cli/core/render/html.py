"""Report -> a self-contained HTML page with inline styles (mail clients drop <style>
and never load a stylesheet): the title, then each table (a statement's sections one
after another), findings as a table, the closing note. Text is escaped."""

from __future__ import annotations

from html import escape

from houqin_cli.core.render.cells import grids
from houqin_cli.core.render.text import Grid
from houqin_cli.core.report import Report

PAGE = "font-family:sans-serif;font-size:14px;color:#222;max-width:60em"
TABLE = "border-collapse:collapse;margin:0 0 1.2em 0"
CELL = "border:1px solid #bbb;padding:3px 8px;vertical-align:top"
HEAD = CELL + ";background:#eee;text-align:left"


def _table(grid: Grid) -> str:
    out = (
        [f'<h2 style="font-size:16px;margin:1em 0 .4em">{escape(grid.title)}</h2>']
        if grid.title
        else []
    )
    out.append(f'<table style="{TABLE}"><tr>')
    out += [f'<th style="{HEAD}">{escape(h)}</th>' for h in grid.headers]
    out.append("</tr>")
    for row in [*grid.rows, *([grid.footer] if grid.footer else [])]:
        cells = (
            f'<td style="{CELL};text-align:{"right" if right else "left"}">{escape(v)}</td>'
            for v, right in zip(row, grid.right, strict=True)
        )
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def page(report: Report) -> str:
    shown, note = grids(report)
    body = [f'<h1 style="font-size:20px">{escape(report.title)}</h1>', *map(_table, shown)]
    for text in (report.note, note):
        if text:
            body.append(f"<p>{escape(text)}</p>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{escape(report.title)}</title></head>\n"
        f'<body style="{PAGE}">\n' + "\n".join(body) + "\n</body></html>\n"
    )
