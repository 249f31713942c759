"""The yearly plan shipped with the program (plan.json beside this module): shown, and
loaded once as recurring tasks from the school year's first day, editable afterwards."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import col

from houqin_cli.calendar import tasks
from houqin_cli.core import clock, journal, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PLAN = Path(__file__).with_name("plan.json")
SCHOOL_YEAR_STARTS = 8  # a school year runs from August (开学准备) to the next July


@cache
def shipped() -> list[dict[str, str]]:
    found: list[dict[str, str]] = json.loads(PLAN.read_text(encoding="utf-8"))["tasks"]
    return found


def show_report() -> Report:
    rows = [{"period": t["period"], "task": t["title"], "every": t["every"]} for t in shipped()]
    return Report(_("The yearly plan (shipped)"), columns("period", "task", "every"), rows)


def _loaded(session: Session) -> journal.Journal | None:
    q = select(journal.Journal).where(col(journal.Journal.action) == "calendar.plan.load")
    return session.execute(q.order_by(col(journal.Journal.seq).desc())).scalars().first()


def load(session: Session, school_year: int | None, replace: bool) -> list[Any]:
    """The plan's tasks from the school year's first day (1 August; today, if later); once, unless
    `replace` (then the tasks of the last load still running stop the day before)."""
    today = clock.today(settings.timezone(session))
    year = school_year or (today.year if today.month >= SCHOOL_YEAR_STARTS else today.year - 1)
    if not 2000 <= year <= 2100:
        raise InputError(_("--school-year {year} is not a year like 2026.").format(year=year))
    start = max(date(year, SCHOOL_YEAR_STARTS, 1), today)  # nothing overdue on loading
    before = _loaded(session)
    if before is not None and not replace:
        raise RuleError(
            _("The plan was already loaded ({day}); edit its tasks, or load it again "
              "with --replace.").format(day=json.loads(before.payload)["from"])
        )  # fmt: skip
    stopped = []
    if before is not None:
        for code in json.loads(before.payload)["codes"]:
            task = tasks.find(session, code)
            if task.stopped_on is None:
                tasks.stop(session, code, max(task.start, start - timedelta(days=1)))
                stopped.append(code)
    made = [
        tasks.add(session, tasks.Fields(title=t["title"], every=t["every"], start=start), today)
        for t in shipped()
    ]
    payload = {"from": start.isoformat(), "codes": [t.code for t in made], "stopped": stopped}
    journal.append(session, "calendar.plan.load", "task", payload=payload)
    return made
