"""The canteen's part of `houqin check` (each on a plain Reader)."""

from houqin_cli.core.checks import Check
from houqin_cli.meal import cost, findings

CHECKS = [
    Check("meal.samples", findings.samples_check),
    Check("meal.menu", findings.menu_check),
    Check("meal.disinfection", findings.disinfection_check),
    Check("meal.accompany", findings.accompany_check),
    Check("meal.inspection", findings.inspection_check),
    Check("meal.certificates", findings.certificates_check),
    Check("meal.margin", cost.margin_check),
]
