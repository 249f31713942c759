"""Report: the neutral result of a listing, a record view or a check.

Services return Reports; core/render.py turns them into table, plain, csv, json,
markdown or xlsx. Values in rows stay typed (money in fen, quantities as Decimal,
dates as date) and each column says what kind it is, so the renderer, not the
service, decides how a value looks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["text", "int", "money", "qty", "date", "datetime", "bool", "list", "percent"]


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key (English snake_case)
    header: str  # the table header, already translated
    kind: Kind = "text"
    labels: tuple[str, ...] = ()  # the label tables (core/labels.py) its codes are shown by


@dataclass
class Finding:
    check: str  # "stock.reorder", "journal.chain", ...
    code: str  # a stable machine code: "row.changed", "entry.edited", ...
    message: str  # one translated line
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"check": self.check, "code": self.code, "message": self.message, **self.data}


@dataclass
class Report:
    """A listing (rows), a record (one row, `record=True`) or a check (`findings`)."""

    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # more JSON keys for a check
    record: bool = False
    footer: dict[str, Any] | None = None  # a totals row for tables
    rows_key: str = "rows"  # the JSON key of a check's rows ("lines" for a count report)
    sections: list[Report] = field(default_factory=list)  # a statement: tables one after another
    # a statement's JSON object, JSON-ready, or what builds it (only when JSON is asked for)
    document: dict[str, Any] | Callable[[], dict[str, Any]] | None = None
    note: str | None = None  # a closing line (a statement's seal), printed after the tables
    width: int | None = None  # the widest line plain text may have (a mail: 80)
    # what a printed sheet's title block and foot carry (xlsx, pdf)
    period: str | None = None  # "Period: 2026-03", "As of 2026-02-28": translated
    school: str | None = None  # the school's name; filled in when the report goes to a file
    signed: bool = False  # paper that is signed: prepared by / checked by / approved by
    # a form a school signs (core/forms.Form): what -o FILE.xlsx and -o FILE.pdf print
    form: Any = None

    @property
    def is_check(self) -> bool:
        return self.findings is not None

    @property
    def ok(self) -> bool:
        return not self.findings


def total_row(
    rows: list[dict[str, Any]],
    label: str,
    *keys: str,
    qty: tuple[str, ...] = (),
    measure: str | None = None,
) -> dict[str, Any]:
    """A listing's footer: "Total" under `label`, the sums of `keys` (money, counts),
    and the sums of the quantities `qty` only when every row has the same unit of
    measure (its key `measure`): 3 栋 and 5 张 do not add up, so that cell stays blank.
    Empty cells are left out of a sum."""
    from houqin_cli.core.i18n import _

    def total(key: str) -> Any:
        found = [r[key] for r in rows if r.get(key) is not None]
        return sum(found) if found else None

    same = measure is None or len({r.get(measure) for r in rows}) <= 1
    return {
        label: _("Total"),
        **{k: total(k) for k in keys},
        **{k: total(k) if same else None for k in qty},
    }
