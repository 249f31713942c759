"""The calendar's part of `houqin demo`: two terms."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TERMS = [
    ("2026-spring", date(2026, 2, 23), date(2026, 7, 10)),
    ("2026-autumn", date(2026, 9, 1), date(2027, 1, 22)),
]


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    from houqin_cli.calendar import service

    for name, start, end in TERMS:
        service.add_term(s, name, start, end)
    return {}
