"""The calendar's part of `houqin check`."""

from houqin_cli.calendar.holidays import next_year_check
from houqin_cli.calendar.views import overdue_check
from houqin_cli.core.checks import Check

CHECKS = [
    Check("calendar.overdue", overdue_check),
    Check("calendar.holidays", next_year_check),
]
