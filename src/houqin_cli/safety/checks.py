"""The safety group's part of `houqin check`."""

from houqin_cli.core.checks import Check
from houqin_cli.safety.views import due_check, fine_check, hazard_check, recheck_check, watch_check

CHECKS = [
    Check("safety.due", due_check),
    Check("safety.hazard", hazard_check),
    Check("safety.recheck", recheck_check),
    Check("safety.watch", watch_check),
    Check("safety.fine", fine_check),
]
