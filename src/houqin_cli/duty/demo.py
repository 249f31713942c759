"""Duty's part of `houqin demo`: nothing rostered (the demo's school makes its posts by
hand once school.logistics_unit is set)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    return {}
