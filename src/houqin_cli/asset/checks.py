"""School property's part of `houqin check`."""

from houqin_cli.asset.count import missing_check
from houqin_cli.asset.custody import overdue_check
from houqin_cli.asset.damages import unpaid_check
from houqin_cli.asset.inspections import owed_check
from houqin_cli.core.checks import Check

CHECKS = [
    Check("asset.overdue", overdue_check),
    Check("asset.compensation", unpaid_check),
    Check("asset.inspections", owed_check),
    Check("asset.missing", missing_check),
]
