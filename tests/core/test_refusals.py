"""core/imports.Refusals: every bad row of a file reported in one pass, up to 20."""

from __future__ import annotations

from pathlib import Path

import pytest

from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import set_language
from houqin_cli.core.imports import Refusals


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def run(bad: set[int], n: int) -> tuple[list[int], InputError | None]:
    """Rows 1..n, those in `bad` refused (odd by input, even by a rule)."""
    refusals = Refusals(Path("register.xlsx"))
    seen: list[int] = []
    try:
        for i in range(1, n + 1):
            with refusals.row():
                seen.append(i)
                if i in bad:
                    raise (InputError if i % 2 else RuleError)(f"Row {i}: bad.")
        refusals.done()
    except InputError as exc:
        return seen, exc
    return seen, None


def test_no_refusal_raises_nothing() -> None:
    assert run(set(), 5) == ([1, 2, 3, 4, 5], None)


def test_one_refusal_is_its_own_one_line_message() -> None:
    seen, exc = run({3}, 5)
    assert seen == [1, 2, 3, 4, 5]  # the rows after it were still checked
    assert exc is not None and exc.message == "Row 3: bad." and exc.exit_code == 2


def test_every_refused_row_is_named_in_one_message() -> None:
    seen, exc = run({2, 5, 9}, 10)
    assert seen == list(range(1, 11))
    assert exc is not None and exc.exit_code == 2  # a rule refusal in a row is still bad input
    assert exc.message.splitlines() == [
        "register.xlsx: 3 rows refused; nothing was imported:",
        "Row 2: bad.",
        "Row 5: bad.",
        "Row 9: bad.",
    ]


def test_reading_stops_at_the_twentieth_refusal() -> None:
    seen, exc = run(set(range(1, 100)), 99)
    assert seen == list(range(1, 21))
    assert exc is not None
    lines = exc.message.splitlines()
    assert lines[0] == (
        "register.xlsx: the first 20 refused rows (reading stopped there); nothing was imported:"
    )
    assert lines[1:] == [f"Row {i}: bad." for i in range(1, 21)]


def test_other_errors_are_not_swallowed() -> None:
    refusals = Refusals(Path("x.csv"))
    with pytest.raises(ZeroDivisionError), refusals.row():
        1 / 0  # noqa: B018 - a bug is a bug, not a refused row
