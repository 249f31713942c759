"""Report -> table | plain | csv | json | markdown | xlsx | pdf: the only package that prints data.

Data goes to stdout (or to the file given with --output); notes such as "Nothing to
show." go to stderr. `cells.cell` turns a typed value into what an output family
shows, so the format switch is written once; each format is one entry of the
dispatch tables below. rich, tabulate and openpyxl are imported only by the
function that needs them: importing this package stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.render.cells import cell, flat, grids, json_doc, neutralise
from houqin_cli.core.render.text import Grid, plain, print_table, tabulated
from houqin_cli.core.report import Report

FORMATS = ("table", "plain", "csv", "json", "markdown", "html")
EXTENSIONS = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".md": "markdown",
    ".html": "html",
    ".pdf": "pdf",
}


def _json_text(report: Report) -> str:
    return json.dumps(json_doc(report), ensure_ascii=False, indent=2) + "\n"


def _csv_text(report: Report) -> str:
    """RFC 4180 (CRLF line ends), which also quotes a cell holding a bare CR.
    A statement's sections follow one another, each under its title."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for i, part in enumerate(report.sections or [report]):
        columns, rows = flat(part)
        if report.sections:
            if i:
                writer.writerow([])
            writer.writerow([neutralise(part.title, "csv")])
        writer.writerow([c.header for c in columns])
        for row in [*rows, *([part.footer] if part.footer and report.sections else [])]:
            writer.writerow([cell(row.get(c.key), c.kind, "csv") for c in columns])
    if report.note:
        writer.writerow([])
        writer.writerow([neutralise(report.note, "csv")])
    return buf.getvalue()


def _write_stdout(text: str) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()


def _note(text: str) -> None:
    sys.stderr.write(text + "\n")


# --------------------------------------------------------------------------- entry


def _format_of(fmt: str | None, output: str | None) -> str:
    if fmt is not None and fmt.strip().lower() not in FORMATS:
        raise InputError(
            _("Unknown format {fmt!r}: use one of {formats}.").format(
                fmt=fmt, formats=", ".join(FORMATS)
            )
        )
    if output is not None:
        ext = Path(output).suffix.lower()
        if ext not in EXTENSIONS:
            raise InputError(
                _("Cannot tell the format of {path!r} from its extension: use {exts}.").format(
                    path=output, exts=", ".join(EXTENSIONS)
                )
            )
        return EXTENSIONS[ext]
    if fmt is None:
        return "table" if sys.stdout.isatty() else "plain"
    return fmt.strip().lower()


def _markdown(shown: list[Grid], titled: bool) -> str:
    return tabulated(shown, "github", titled)


def _markdown_text(report: Report) -> str:
    return _markdown(grids(report)[0], bool(report.sections))


def _write_xlsx(report: Report, fh: BinaryIO) -> None:
    if report.form is not None and report.form.xlsx:  # a form to sign: its own sheet
        from houqin_cli.core.forms.xlsx import write_form_xlsx

        write_form_xlsx(report.form, fh)
        return
    from houqin_cli.core.render.xlsx import write_xlsx

    write_xlsx(report, fh)


def _write_pdf(report: Report, fh: BinaryIO) -> None:
    if report.form is not None:
        from houqin_cli.core.forms.pdf import write_form_pdf

        write_form_pdf(report.form, fh)
        return
    from houqin_cli.core.render.pdf import write_pdf

    write_pdf(report, fh)


def _write_csv(report: Report, fh: BinaryIO) -> None:
    # a BOM so that Excel and WPS read the Chinese correctly
    fh.write(_csv_text(report).encode("utf-8-sig"))


def _write_markdown(report: Report, fh: BinaryIO) -> None:
    text = _markdown_text(report) + (f"\n{report.note}\n" if report.note else "")
    fh.write(text.encode())


def _html_text(report: Report) -> str:
    from houqin_cli.core.render.html import page

    return page(report)


def _write_html(report: Report, fh: BinaryIO) -> None:
    fh.write(_html_text(report).encode())


def _write_json(report: Report, fh: BinaryIO) -> None:
    fh.write(_json_text(report).encode())


# format -> how it goes to a file, and how it goes to stdout (table: rich, below)
FILE_WRITERS: dict[str, Callable[[Report, BinaryIO], None]] = {
    "xlsx": _write_xlsx,
    "csv": _write_csv,
    "json": _write_json,
    "markdown": _write_markdown,
    "html": _write_html,
    "pdf": _write_pdf,
}
DATA_TEXT: dict[str, Callable[[Report], str]] = {
    "json": _json_text,
    "csv": _csv_text,
    "html": _html_text,
}


def save(path: Path, write: Callable[[BinaryIO], None], *, force: bool, mode: int) -> None:
    """Write a file the safe way: never through a symbolic link, never over an existing
    file unless `force`, through a temporary file in the same folder renamed into
    place (a crash leaves the old file or the new one, never half), with `mode`
    (0600 by default, like the ledger: exports hold names, phones and money)."""
    if path.is_symlink():
        raise RuleError(
            _(
                "{path} is a symbolic link; houqin does not write through one: name the file itself."
            ).format(path=path)
        )
    if path.exists():
        if not path.is_file():
            raise InputError(_("{path} is not a regular file.").format(path=path))
        if not force:
            raise RuleError(_("{path} exists; add --force to replace it.").format(path=path))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def render(
    report: Report,
    fmt: str | None = None,
    output: str | None = None,
    *,
    force: bool = False,
    mode: int = 0o600,
) -> None:
    """Show `report` on stdout in `fmt`, or write it to `output` (format from the
    extension; `save` says how)."""
    chosen = _format_of(fmt, output)
    if output is not None:
        path = Path(output)
        try:
            save(path, lambda fh: FILE_WRITERS[chosen](report, fh), force=force, mode=mode)
        except OSError as exc:
            raise InputError(
                _("Cannot write {path}: {error}").format(path=output, error=exc.strerror or exc)
            ) from exc
        _note(_("Written to {path}").format(path=output))
        return
    if chosen in DATA_TEXT:
        _write_stdout(DATA_TEXT[chosen](report))
        return
    shown, note = grids(report)
    if chosen == "table":
        print_table(shown)
    elif chosen == "plain":
        _write_stdout(plain(shown, bool(report.sections), report.width))
    else:
        _write_stdout(_markdown(shown, bool(report.sections)))
    if report.note:
        _write_stdout("\n" + report.note + "\n")
    if note:
        _note(note)
