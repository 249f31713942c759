"""Asset labels (`asset label`): an A4 sheet of labels, each with the school, the card's
code and name, its place and a QR code of the code, so that a count is done by scanning
(`asset count record` reads the code as a scanner types it: core.codes.scanned)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from houqin_cli.asset.cards import find_asset
from houqin_cli.asset.rounds import scope, where
from houqin_cli.core import settings
from houqin_cli.core.codes import scanned
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.forms import LabelSheet
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report
from houqin_cli.people.service import place_names

MAX_ACROSS, MAX_DOWN = 5, 12


def parse_sheet(text: str) -> tuple[int, int]:
    """'3x8' -> 3 labels across, 8 down; exit 2 for anything an A4 sheet cannot hold."""
    m = re.fullmatch(r"\s*(\d+)\s*[x×X*]\s*(\d+)\s*", text or "")
    across, down = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    if not (1 <= across <= MAX_ACROSS and 1 <= down <= MAX_DOWN):
        raise InputError(
            _(
                "Invalid --sheet {text!r}: give labels across x down, such as 3x8 (at most {across}x{down})."
            ).format(text=text, across=MAX_ACROSS, down=MAX_DOWN)
        )
    return across, down


def labels(
    session: Session,
    codes: list[str],
    place: str | None,
    unit: str | None,
    everything: bool,
    sheet: str,
) -> Report:
    """The cards to label, as a listing, and the sheet that -o FILE.pdf prints."""
    layout = parse_sheet(sheet)
    refusal = _("Name the cards, or give one of --place, --unit or --all.")
    if codes:
        if place or unit or everything:
            raise InputError(refusal)
        cards = [find_asset(session, scanned(c)) for c in codes]
    else:
        u, p = where(session, unit, place, everything, refusal)
        cards = scope(session, u.id if u else None, p.id if p else None)
        if not cards:
            raise RuleError(
                _("There are no cards on the books in {scope} to label.").format(
                    scope=(u or p).name if (u or p) else _("the register")
                )
            )
    places = place_names(session)
    rows = [{"code": a.code, "name": a.name, "place": places.get(a.place_id or 0)} for a in cards]
    report = Report(_("Asset labels"), columns("code", "name", "place"), rows)
    report.form = LabelSheet(
        _("Asset labels"),
        settings.raw(session, "school.name"),
        tuple((a.code, a.name, places.get(a.place_id or 0) or "") for a in cards),
        layout,
    )
    return report
