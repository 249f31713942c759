"""School property's part of `houqin check` (plain SQL: asset/owing.py)."""

from houqin_cli.asset.owing import missing_check, overdue_check, owed_check, unpaid_check
from houqin_cli.core.checks import Check

CHECKS = [
    Check("asset.overdue", overdue_check),
    Check("asset.compensation", unpaid_check),
    Check("asset.inspections", owed_check),
    Check("asset.missing", missing_check),
]
