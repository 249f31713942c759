"""A sheet's header row and data rows: which column gives which field, as registers
write their headers (English keys or Chinese labels, a unit after the label, a title
above, two header rows under a merged group such as 价值 over 单价 and 金额), and the
data rows numbered as the user sees them. `core.imports` reads the files; this module
only sees rows of cells."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from houqin_cli.core.control import control_character
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

HEADER_SEARCH_ROWS = 15
_TOTALS = frozenset({"合计", "总计", "小计", "total"})
# a unit after a header, as registers write it: 单价（元）, 单价(元), 金额/元, 数量（单位：台）
_UNIT_SUFFIX = re.compile(
    r"^(.+?)\s*(?:[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]{1,8}?)\s*[)）]|/\s*([^/]{1,4}))$"
)
_SCALED = frozenset({"万元", "千元", "万", "千", "百元"})


@dataclass(frozen=True)
class Field:
    key: str  # the English option name: "reorder_level"
    labels: tuple[str, ...] = ()  # Chinese labels and aliases: ("库存下限", "下限")
    required: bool = False

    def describe(self) -> str:
        """'reorder_level (库存下限)' — how a message names the field."""
        return f"{self.key} ({self.labels[0]})" if self.labels else self.key


@dataclass
class Row:
    number: int  # as the user sees it: 1-based, counting title and header rows
    values: dict[str, Any]  # key -> value (None when empty), for the fields with a column
    columns: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def column(self, key: str) -> str:
        """How the user sees that column: 'C (单位)' in xlsx, '3 (单位)' in CSV."""
        return self.columns.get(key, key)


def _column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _match(value: Any, fields: Sequence[Field]) -> Field | None:
    """The field a header cell names: English key (any case, '-'/' ' for '_') or a label,
    with or without a unit after it (单价（元）, 单价(元), 金额/元). A unit that is not
    yuan (金额（万元）) is refused rather than read as yuan."""
    if value is None:
        return None
    text = str(value).strip().lstrip("*＊").rstrip("*＊:：").strip()
    found = _match_text(text, fields)
    if found is not None:
        return found
    m = _UNIT_SUFFIX.match(text)
    if m is None:
        return None
    unit = (m.group(2) or m.group(3) or "").strip()
    found = _match_text(m.group(1), fields)
    if found is None or _match_text(unit, fields) is not None:
        return None  # 名称/规格 names two columns, not a unit
    if unit in _SCALED:
        raise InputError(
            _(
                "Column {header}: amounts in {unit} cannot be read as they are; "
                "convert the column to yuan (元) first."
            ).format(header=_header_text(value), unit=unit)
        )
    return found


def _match_text(text: str, fields: Sequence[Field]) -> Field | None:
    english = re.sub(r"[\s\-]+", "_", text).casefold()
    chinese = "".join(text.split()).casefold()
    for f in fields:
        if english == f.key.casefold():
            return f
        if any(chinese == "".join(label.split()).casefold() for label in f.labels):
            return f
    return None


def _is_total(cells: list[Any]) -> bool:
    first = next((c for c in cells if c is not None and c != ""), None)
    if not isinstance(first, str):
        return False
    return "".join(first.split()).rstrip(":：").casefold() in _TOTALS


Named = list[tuple[int, Field, Any]]  # a header row: (column index, field, the cell)


def _named(cells: list[Any], fields: Sequence[Field]) -> Named:
    return [(i, f, c) for i, c in enumerate(cells) if (f := _match(c, fields)) is not None]


def _complete(named: Named, required: Sequence[Field]) -> bool:
    return all(any(f is r for _i, f, _c in named) for r in required)


def _below(cells: list[Any], named: Named) -> bool:
    """The second row of a two-row header: every filled cell names a field
    (单价 and 金额 under a 价值 merged over both)."""
    return bool(named) and len(named) == sum(c is not None and c != "" for c in cells)


def _merged(top: Named, below: Named) -> Named:
    """A two-row header as one: a column named below takes that name; a top cell
    (a merged 价值, or a 名称 merged down) counts where nothing below names it."""
    taken = {i for i, _f, _c in below} | {f.key for _i, f, _c in below}
    kept = [(i, f, c) for i, f, c in top if i not in taken and f.key not in taken]
    return sorted(below + kept, key=lambda n: n[0])


def _header(named: Named, *, letters: bool) -> tuple[dict[str, int], dict[str, str]]:
    header: dict[str, int] = {}
    columns: dict[str, str] = {}
    for i, f, cell in named:
        shown = _column_letter(i + 1) if letters else str(i + 1)
        label = f"{shown} ({_header_text(cell)})"
        if f.key in header:
            raise InputError(
                _("Columns {first} and {second} both give {field}; keep only one.").format(
                    first=columns[f.key], second=label, field=f.describe()
                )
            )
        header[f.key] = i
        columns[f.key] = label
    return header, columns


def _require_text(number: int, values: dict[str, Any], columns: dict[str, str]) -> None:
    """A cell holding a control character (NUL, ESC, DEL, …) is exit 2 naming it."""
    for key, value in values.items():
        if isinstance(value, str) and (bad := control_character(value)) is not None:
            raise InputError(
                _("Row {row}, column {column}: {problem}").format(
                    row=number,
                    column=columns.get(key, key),
                    problem=_(
                        "the cell holds a control character (U+{code:04X}); remove it."
                    ).format(code=ord(bad)),
                )
            )


def collect(
    rows: Iterable[list[Any]],
    fields: Sequence[Field],
    where: str,
    *,
    letters: bool,
    most: int | None = None,
) -> list[Row]:
    """The data rows below the header; reading stops, exit 2, at the first data row
    past `most` (the setting import.max_rows)."""
    required = [f for f in fields if f.required]
    best: list[Field] = []
    header: dict[str, int] | None = None
    columns: dict[str, str] = {}
    pending: Named | None = None  # a complete header row, until the next row says if it has two
    above: Named | None = None  # a header-like row just above, incomplete alone
    out: list[Row] = []
    for number, cells in enumerate(rows, start=1):
        if header is None:
            if pending is None and number > HEADER_SEARCH_ROWS:
                break
            named = _named(cells, fields)
            if pending is not None:
                two = _below(cells, named)
                header, columns = _header(
                    _merged(pending, named) if two else pending, letters=letters
                )
                if two:
                    continue
            elif not named:
                above = None
                continue
            elif (
                above is not None
                and _below(cells, named)
                and _complete(both := _merged(above, named), required)
            ):
                header, columns = _header(both, letters=letters)
                continue
            elif _complete(named, required):
                pending, above = named, None
                continue
            else:
                if len(named) > len(best):
                    best = [f for _i, f, _c in named]
                above = named
                continue
        if _is_total(cells):
            break
        values = {k: cells[i] if i < len(cells) else None for k, i in header.items()}
        if all(v is None or v == "" for v in values.values()):
            continue  # blank, or only 序号/备注 filled in
        _require_text(number, values, columns)
        if most is not None and len(out) >= most:
            raise InputError(
                _(
                    "{path} has more than {limit} rows, the most an import reads (setting "
                    "import.max_rows); split the file, or raise the limit with "
                    "`houqin config set import.max_rows N`."
                ).format(path=where, limit=most)
            )
        out.append(Row(number, values, columns))
    if header is None and pending is not None:
        header, columns = _header(pending, letters=letters)  # a header and no data below
    if header is None:
        if best:
            missing = ", ".join(r.describe() for r in required if r not in best)
            raise InputError(
                _("{path}: the header row has no column for {fields}.").format(
                    path=where, fields=missing
                )
            )
        expected = ", ".join(f.describe() for f in fields)
        raise InputError(
            _(
                "{path}: no header row in the first 15 rows; expected columns such as {fields}."
            ).format(path=where, fields=expected)
        )
    return out
