"""The text side of render.py: display width (CJK characters take two columns) and
the grids that table (rich), plain and markdown (tabulate) draw. rich and tabulate
are imported only by the function that draws with them."""

from __future__ import annotations

import functools
import os
import re
import sys
import unicodedata
from dataclasses import dataclass

_PLAIN_WIDTH = 200  # rich console width when stdout is not a terminal


def _first_wide() -> str:
    """The lowest code point that may take two columns (U+0378 in Python 3.11's
    tables, which count some unassigned code points as fullwidth)."""
    return next(chr(c) for c in range(0x110000) if unicodedata.east_asian_width(chr(c)) in "WF")


_MAYBE_WIDE = re.compile(f"[{_first_wide()}-\U0010ffff]")


def _narrow(text: str) -> bool:
    """Every character of `text` takes one column (ASCII, ¥, accented letters, ...)."""
    return text.isascii() or _MAYBE_WIDE.search(text) is None


@functools.lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    if _narrow(text):
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@dataclass
class Grid:
    """A table as text, column by column: what table, plain and markdown draw."""

    title: str | None
    headers: list[str]
    columns: list[list[str]]
    right: list[bool]
    footer: list[str] | None = None
    # columns never cut at any width (money, quantities, codes, dates); None: none
    keep: list[bool] | None = None

    @property
    def rows(self) -> list[list[str]]:
        return [list(r) for r in zip(*self.columns, strict=True)]


def tabulated(grids: list[Grid], tablefmt: str, titled: bool = False) -> str:
    import tabulate as tab

    tab.WIDE_CHARS_MODE = True  # CJK characters take two columns
    markdown = tablefmt == "github"

    def esc(cells: list[str]) -> list[str]:
        if not markdown:
            return cells
        return [c.replace("|", "\\|").replace("\r\n", " ").replace("\n", " ") for c in cells]

    parts = []
    for grid in grids:
        rows = [esc(r) for r in grid.rows] + ([esc(grid.footer)] if grid.footer else [])
        align = ["right" if r else "left" for r in grid.right]
        text = tab.tabulate(
            rows or [[""] * len(grid.headers)],
            headers=esc(grid.headers),
            tablefmt=tablefmt,
            colalign=align,
            disable_numparse=True,
        )
        if not rows:  # tabulate drops alignment and wide chars on an empty table
            text = "\n".join(text.split("\n")[:-1])
        parts.append(f"### {grid.title}\n\n{text}" if titled and grid.title else text)
    return "\n\n".join(parts) + "\n" if parts else ""


def _spread(body: list[list[str]]) -> list[list[str]]:
    """Rows whose cells hold several lines, as one text line per line."""
    lines = []
    for row in body:
        split = [cell.split("\n") for cell in row]
        for k in range(max(len(p) for p in split)):
            lines.append([p[k] if k < len(p) else "" for p in split])
    return lines


def _aligned(header: str, cells: list[str], right: bool) -> list[str]:
    """A column as text: header, rule and cells padded to the column's display width
    (CJK characters take two columns)."""
    if _narrow("".join(cells)):  # display width is length: str.ljust/rjust pad them
        width = max([display_width(header), *map(len, cells)])
        padded = [c.rjust(width) for c in cells] if right else [c.ljust(width) for c in cells]
    else:
        widths = {c: display_width(c) for c in set(cells)}
        width = max([display_width(header), *widths.values()])
        pad = {c: " " * (width - w) for c, w in widths.items()}
        padded = [pad[c] + c for c in cells] if right else [c + pad[c] for c in cells]
    gap = " " * (width - display_width(header))
    return [gap + header if right else header + gap, "-" * width, *padded]


_WORD = re.compile(r"[\x21-\x7e]+|\s+|.")  # an ASCII word, a run of spaces, one other character


def wrap(text: str, width: int) -> str:
    """`text` in lines of at most `width` display columns: at spaces between ASCII
    words, anywhere between Chinese characters, inside a word only when the word
    alone is wider than a line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for piece in _WORD.findall(paragraph):
            size = display_width(piece)
            if piece.isspace():
                if used and used + size < width:
                    line, used = line + piece, used + size
                continue
            if used + size > width and used:
                lines.append(line.rstrip())
                line, used = "", 0
            while size > width:  # a word wider than the line: cut it by characters
                head = ""
                for ch in piece:
                    if display_width(head + ch) > width:
                        break
                    head += ch
                lines.append(head)
                piece = piece[len(head) :]
                size = display_width(piece)
            line, used = line + piece, used + size
        lines.append(line.rstrip())
    return "\n".join(lines)


def _fitted(grid: Grid, width: int) -> list[Grid]:
    """`grid` drawn by `plain` within `width` columns: its text columns (not the kept
    ones: money, dates, codes) narrowed, the widest first, and wrapped; row by row
    (`_records`, whose values wrap) when even that cannot fit."""
    footer = grid.footer or [""] * len(grid.headers)
    widths = [max([_cell_width(c) for c in [h, f, *col]] + [1]) for h, f, col in
              zip(grid.headers, footer, grid.columns, strict=True)]  # fmt: skip
    room = width - 2 * (len(widths) - 1)
    keep = grid.keep or [False] * len(widths)
    least = [max(_TEXT_MIN, display_width(h)) for h in grid.headers]
    text = [i for i, kept in enumerate(keep) if not kept]
    while sum(widths) > room:
        narrower = [i for i in text if widths[i] > least[i]]
        if not narrower:
            return [g for record in _records(grid) for g in _fitted(record, width)]
        widths[max(narrower, key=lambda i: widths[i])] -= 1
    if not any(_cell_width(c) > widths[i] for i in text for c in grid.columns[i]):
        return [grid]
    return [Grid(grid.title, grid.headers,
                 [[wrap(c, widths[i]) for c in col] if i in text else col
                  for i, col in enumerate(grid.columns)],
                 grid.right,
                 [wrap(c, widths[i]) if i in text else c for i, c in enumerate(grid.footer)]
                 if grid.footer else None,
                 grid.keep)]  # fmt: skip


def plain(grids: list[Grid], titled: bool = False, width: int | None = None) -> str:
    """Aligned text by display width, as tabulate's "simple" format draws it, a
    column at a time: 50,000 rows in a fraction of a second. A cell holding
    several lines spreads over as many text lines. With `width` (a mail: 80), text
    columns wrap so that no line is wider."""
    if width is not None:
        grids = [g for grid in grids for g in _fitted(grid, width)]
    parts = []
    for grid in grids:
        columns = grid.columns
        if grid.footer:
            columns = [[*col, cell] for col, cell in zip(columns, grid.footer, strict=True)]
        if any("\n" in "".join(col) for col in columns):
            rows = _spread([list(r) for r in zip(*columns, strict=True)])
            columns = [[r[i] for r in rows] for i in range(len(grid.headers))]
        aligned = [
            _aligned(h, col, r) for h, col, r in zip(grid.headers, columns, grid.right, strict=True)
        ]
        lines = ["  ".join(cells).rstrip() for cells in zip(*aligned, strict=True)]
        parts.append("\n".join([grid.title, *lines] if titled and grid.title else lines))
    return "\n\n".join(parts) + "\n" if parts else ""


def _cell_width(text: str) -> int:
    return max(map(display_width, text.split("\n"))) if text else 0


def _console_width(terminal: bool) -> int | None:
    """A terminal's own width (rich reads COLUMNS, else the terminal); elsewhere
    COLUMNS when it is set, else a wide page."""
    if terminal:
        return None
    given = os.environ.get("COLUMNS", "")
    return int(given) if given.isdigit() and int(given) > 0 else _PLAIN_WIDTH


def _widths(grid: Grid, headers: bool = True) -> list[int | None]:
    """Each kept column's width: its longest cell, and with `headers` the longest word
    of its header (which may wrap); None for a text column, which wraps or shrinks,
    and for a kept column with nothing in it when headers do not count."""
    keep = grid.keep or [False] * len(grid.headers)
    out: list[int | None] = []
    for i, kept in enumerate(keep):
        cells = [*grid.columns[i], *([grid.footer[i]] if grid.footer else [])]
        longest = max([_cell_width(c) for c in cells] + [0])
        if headers:
            longest = max([longest, *map(display_width, grid.headers[i].split())])
        out.append(longest or None if kept else None)
    return out


_TEXT_MIN = 4  # a text column may shrink to two Chinese characters a line


def _need(grid: Grid, widths: list[int | None], per_column: int) -> int:
    """The narrowest the table can be drawn: kept columns whole, text at its narrowest,
    `per_column` columns of rule and padding for each column."""
    need = per_column * len(widths) + 1
    for i, w in enumerate(widths):
        longest = max([_cell_width(c) for c in grid.columns[i]] + [1])
        need += w if w is not None else min(longest, _TEXT_MIN)
    return need


def _layout(grid: Grid, width: int) -> tuple[list[int | None], bool] | None:
    """The kept columns' widths and whether the table is drawn tight (no padding, no
    outer edge): only when the boxed table cannot hold them whole at `width`; None
    when even the tight table cannot."""
    widths = _widths(grid)
    if _need(grid, widths, 3) <= width:
        return widths, False
    widths = _widths(grid, headers=False)
    return (widths, True) if _need(grid, widths, 1) <= width else None


def _records(grid: Grid) -> list[Grid]:
    """A table too wide for the terminal, row by row: each row (and the totals) as a
    small table of its headers and values, which wraps at any width."""
    rows = [*grid.rows, *([grid.footer] if grid.footer else [])]
    return [
        Grid(grid.title if n == 0 else None, ["", ""], [grid.headers, row], [False, False])
        for n, row in enumerate(rows)
    ]


def print_table(grids: list[Grid]) -> None:
    """rich tables. Money, quantities, codes and dates are never cut (no wrapping, at
    least as wide as their longest cell); text columns wrap, Chinese included, and
    shrink first; a table too wide for its box at this width is drawn without padding."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    terminal = sys.stdout.isatty()
    colour = terminal and not os.environ.get("NO_COLOR")
    console = Console(
        file=sys.stdout,
        color_system="auto" if colour else None,
        no_color=not colour,
        force_terminal=None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        width=_console_width(terminal),
    )
    for grid in grids:
        layout = _layout(grid, console.width)
        if layout is None:
            print_table(_records(grid))
            continue
        widths, tight = layout
        table = Table(
            title=Text(grid.title) if grid.title else None,
            show_header=any(grid.headers),
            show_footer=grid.footer is not None,
            box=box.MINIMAL_HEAVY_HEAD if tight else box.HEAVY_HEAD,
            padding=(0, 0) if tight else (0, 1),
            show_edge=not tight,
        )
        for i, header in enumerate(grid.headers):
            kept = widths[i] is not None
            table.add_column(
                Text(header, no_wrap=False, overflow="fold"),
                footer=Text(grid.footer[i]) if grid.footer else "",
                justify="right" if grid.right[i] else "left",
                no_wrap=kept,
                min_width=widths[i] if kept else 2,  # a Chinese character a line
                max_width=widths[i],
                overflow="ellipsis" if kept else "fold",
            )
        for row in grid.rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
