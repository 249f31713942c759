"""Forms a school signs (借条, 报销粘贴单, 报废申请表, 盘点表, 公示, 领料单): one definition per
form, a `Form` of blocks in order, drawn by two writers, `xlsx` (editable in WPS or
Excel before printing) and `pdf` (to print as it is). A service builds the Form from
its record and attaches it to the Report it returns (`Report.form`); `-o FILE.xlsx`
and `-o FILE.pdf` then print the form, stdout shows the report.

Every value here is already text, as the paper shows it (money as ¥1,234.50 and in
大写 through core.money); the writers only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from houqin_cli.core.report import Report


@dataclass(frozen=True)
class Sentence:
    """A paragraph across the page (the 借条's 今借到……, a clause, a 公示 notice)."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label–value pairs, `per_row` to a line, each in a ruled box."""

    pairs: tuple[tuple[str, str], ...]
    per_row: int = 2


@dataclass(frozen=True)
class Table:
    """A ruled table: the header repeated on every page, `blank` empty ruled rows
    after the rows (to write in), and an optional totals row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    blank: int = 0
    total: tuple[str, ...] | None = None
    title: str = ""


@dataclass(frozen=True)
class Signature:
    """A line to sign: 借用人（签字）：____ 日期：____ (a name and a date when known)."""

    label: str
    name: str = ""
    date: str = ""


@dataclass(frozen=True)
class Signatures:
    lines: tuple[Signature, ...]
    per_row: int = 3
    title: str = ""


@dataclass(frozen=True)
class Box:
    """A ruled empty box `rows` lines high under its label (where an invoice is pasted)."""

    label: str
    rows: int = 8


Block = Sentence | Fields | Table | Signatures | Box


@dataclass
class Form:
    title: str
    school: str = ""
    code: str = ""
    lines: list[str] = field(default_factory=list)  # under the title: 公示期, 单位：元, …
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    landscape: bool = False
    xlsx: bool = True  # False: -o FILE.xlsx stays the report's own workbook (a statement)

    def heading(self) -> list[str]:
        """What stands under the title: the school and the code, then `lines`."""
        first = "　".join(x for x in (self.school, self.code) if x)
        return [x for x in (first, *self.lines) if x]


def signature_text(sig: Signature, date_word: str) -> str:
    """One signature line as both writers print it."""
    name = sig.name or "＿" * 6
    when = sig.date or "　　年　　月　　日"
    return f"{sig.label}：{name}　{date_word}：{when}"


def report_table(report: Report, *, blank: int = 0, title: str = "") -> Table:
    """A listing as a ruled table, as the text formats show it (labels, ¥, dates),
    with its totals row and `blank` empty rows to write in."""
    from houqin_cli.core.render.cells import text_row

    cols = report.columns
    return Table(
        tuple(c.header for c in cols),
        tuple(tuple(text_row(cols, r)) for r in report.rows),
        blank=blank,
        total=tuple(text_row(cols, report.footer)) if report.footer else None,
        title=title,
    )


def signers(*labels: str, per_row: int = 3, title: str = "") -> Signatures:
    """Empty signature lines, one for each label."""
    return Signatures(tuple(Signature(label) for label in labels), per_row, title)


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of labels (`asset label`): each (code, name, place) with a QR code of the
    code, `layout` = (across, down) to an A4 page. Printed as PDF only."""

    title: str
    school: str
    labels: tuple[tuple[str, str, str], ...]
    layout: tuple[int, int] = (3, 8)
    xlsx: bool = False
