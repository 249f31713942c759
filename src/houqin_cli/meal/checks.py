"""The canteen's part of `houqin check` (each on a plain Reader)."""

from houqin_cli.core.checks import Check
from houqin_cli.meal import findings

CHECKS = [
    Check("meal.samples", findings.samples_check),
    Check("meal.menu", findings.menu_check),
]
