"""The repairs' part of `houqin check`."""

from houqin_cli.core.checks import Check
from houqin_cli.repair.views import overdue_check, unaccepted_check

CHECKS = [
    Check("repair.overdue", overdue_check),
    Check("repair.unaccepted", unaccepted_check),
]
