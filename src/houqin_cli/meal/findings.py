"""The canteen's checks for `houqin check` and the month-start report: each takes a
plain `Reader` (or a Session, converted) and looks at the recent days (CHECK_DAYS)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core.db import as_reader
from houqin_cli.meal import views

if TYPE_CHECKING:
    from houqin_cli.core.report import Finding

CHECK_DAYS = 30  # how far back `houqin check` looks at the meals served


def samples_check(source: Any) -> list[Finding]:
    r = as_reader(source)
    today = views.today_of(r)
    return views.sample_findings(r, today - timedelta(days=CHECK_DAYS), today)


def menu_check(source: Any) -> list[Finding]:
    """This week's menu and next week's."""
    r = as_reader(source)
    today = views.today_of(r)
    start = today - timedelta(days=today.weekday())
    return views.menu_findings(r, [start + timedelta(days=i) for i in range(7)])
