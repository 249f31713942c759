"""A day's register as rows of plain values (`Book`): the columns every asset report
reads of a card, their indexes, and the accumulated depreciation each card has at the
months asked of it. Built by history.book; read by the reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from houqin_cli.asset import categories
from houqin_cli.asset.depreciation import accumulated, charges, half_up, life_of

# what every report reads of a card; the month index of its acquisition and whether it
# is a fixed asset (1 or 0) follow; then what the register and the summary show besides
# (`book(..., full=True)`)
COLS = (
    "id", "code", "name", "category", "qty", "unit", "value_fen", "status", "life_years",
    "origin_id",
)  # fmt: skip
MORE = (
    "acquired", "place_id", "custodian_person_id", "custodian_unit_id", "funding", "invoice",
    "spec",
)  # fmt: skip
(ID, CODE, NAME, CATEGORY, QTY, UNIT, VALUE, STATUS, LIFE, ORIGIN, AT, FIXED,
 ACQUIRED, PLACE, PERSON, UNIT_ID, FUNDING, INVOICE, SPEC) = range(len(COLS) + 2 + len(MORE))  # fmt: skip
# an edit's journal keys (cards.row) and the columns they are
EDITED = {
    "name": NAME, "category": CATEGORY, "unit": UNIT, "funding": FUNDING, "invoice": INVOICE,
    "spec": SPEC, "life_years": LIFE, "total_value": VALUE,
}  # fmt: skip
STATUS_BEFORE = {"scrapped": "in_use", "lent": "in_use", "returned": "on_loan"}


@dataclass
class Book:
    """Every card acquired by `day`, as it stood at the end of that day."""

    day: date
    rows: list[list[Any]]  # COLS + [month index of acquisition], ordered by category, code
    absent: set[int] = field(default_factory=set)  # ids of cards split off after `day`
    months: tuple[int, ...] = ()  # the month indexes (year * 12 + month) `acc` is asked of
    # card id -> its accumulated depreciation at each of `months` (split or edited cards)
    accs: dict[int, list[int]] = field(default_factory=dict)
    limits: tuple[int, int] = (0, 0)  # the fixed-asset thresholds: general, special

    def on_books(self) -> list[list[Any]]:
        """The cards on the books at `day`: there, not scrapped, holding pieces."""
        return [
            r
            for r in self.rows
            if r[STATUS] != "scrapped" and r[QTY] > 0 and r[ID] not in self.absent
        ]

    def fixed(self, r: list[Any]) -> bool:
        """Is the card a fixed asset at the day (asset.depreciation.fixed_test)?"""
        return bool(r[FIXED])

    def is_fixed(self, category: str, value: int, qty: int) -> bool:
        cat = categories.BY_CODE.get(category)
        limit = self.limits[1] if cat and cat.special else self.limits[0]
        return qty > 0 and half_up(value, qty) >= limit

    def charges(self, r: list[Any], life: int | None, n: int) -> tuple[int, int]:
        """(month `n`'s charge, accumulated through it): `n` and `n - 1` among `months`."""
        if not life:
            return 0, 0
        got = self.accs.get(r[ID])
        if got is None:
            return charges(r[VALUE], life, n - r[AT])
        i = self.months.index(n)
        value = int(r[VALUE])
        acc = min(int(got[i]), value)
        return acc - min(int(got[i - 1]), value), acc

    def acc(self, r: list[Any], life: int | None, n: int) -> int:
        """The card's accumulated depreciation through month index `n` (one of `months`)."""
        if not life:
            return 0
        got = self.accs.get(r[ID])
        if got is None:
            return accumulated(r[VALUE], life * 12, n - r[AT])
        return min(int(got[self.months.index(n)]), int(r[VALUE]))


def life_months(category: str, own: int | None) -> int:
    return int(life_of(category, own) or 0) * 12
