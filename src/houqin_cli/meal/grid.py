"""A menu sheet as the canteen types it: every cell of the first worksheet (or of the
CSV, in any encoding `core.sheets` reads), as a grid."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def read(path: Path, session: Session | None = None) -> list[list[Any]]:
    from houqin_cli.core import sheets

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            _("Cannot import {name}: only .csv and .xlsx files can be imported.").format(
                name=path.name
            )
        )
    if not path.is_file():
        raise InputError(_("File not found: {path}").format(path=path))
    if suffix == ".csv":
        return [list(r) for r in sheets._csv_rows(path)]
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise sheets._bad_workbook(path) from exc
    try:
        ws = wb.worksheets[0]
        return [[sheets._xlsx_value(v) for v in r] for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
