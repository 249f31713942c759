"""`calendar month-start`: the document for the head of logistics on the first of the
month — this month's tasks by owner, what is overdue from before, every finding of
`houqin check` by group, the month's holidays and 调休, the month's budget against
last month's spending. A check: exit 1 when there are findings or overdue tasks."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.calendar import holidays, reads, views
from houqin_cli.calendar.agenda import Agenda
from houqin_cli.core import clock
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.render.cells import cell
from houqin_cli.core.report import Report

MAIL_WIDTH = 80  # the plain text is mailed by cron: no line wider than a mail's

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


def _holidays(reader: Reader, period: clock.Period) -> Report:
    title = _("Holidays and 调休 workdays in {month}").format(month=period.label)
    try:
        days = holidays.year_days(reader, period.start.year)
    except RuleError as exc:
        return Report(title, columns("message"), [{"message": exc.message}])
    rows = [
        {"date": d.day, "name": d.name, "kind": d.kind}
        for d in days
        if period.start <= d.day <= period.end
    ]
    return Report(title, columns("date", "name", "kind"), rows)


def _budget(reader: Reader, period: clock.Period) -> Report:
    from houqin_cli.audit.finance import reports

    last = clock.month_of(period.start - timedelta(days=1))
    budget = {r["category"]: r for r in reports.budget_lines(reader, period)}
    spent = {r["category"]: r for r in reports.budget_lines(reader, last)}
    rows = [
        {
            "category": code,
            "category_name": (budget.get(code) or spent[code])["category_name"],
            "budget": budget[code]["budget"] if code in budget else None,
            "spent": spent[code]["spent"] if code in spent else 0,
        }
        for code in sorted(budget.keys() | spent.keys())
    ]
    title = _("Budget for {month} against the spending of {last}").format(
        month=period.label, last=last.label
    )
    # the category's code is shown by its label; its name stays in JSON only
    cols = columns(
        "category", "budget", "spent", command="audit budget", labels=reports.CATEGORY_LABELS
    )
    return Report(title, cols, rows)


def report(reader: Reader, month: str | None) -> Report:
    from houqin_cli.admin import reports as admin

    day = views.today_of(reader)
    period = clock.parse_month(month) if month else clock.month_of(day)
    agenda = Agenda(reader)
    tasks = reads.tasks(reader)
    this = agenda.items(tasks, period.start, period.end)
    names = views.Names(reader)
    this.sort(key=lambda i: (names.person(i.owner_id) or "~", i.occ.due))
    before = [i for i in views.overdue_items(reader, day) if i.occ.due < period.start]
    # every finding but the calendar's own overdue ones, which have their section; the
    # journal as `houqin check --quick` verifies it (the nightly full check sees the rest)
    found = admin.run_checks(reader, None, skip=("calendar.overdue",), quick=True)
    sections = [
        Report(
            _("Tasks of {month}, by owner").format(month=period.label),
            columns("owner", "due", "occurrence", "task", "place", "status"),
            views.window_rows(reader, this, day),
        ),
        Report(
            _("Overdue from before"), columns(*views.LIST), views.window_rows(reader, before, day)
        ),
        Report(
            _("Findings of houqin check"),
            columns("group", "check", "message"),
            [
                {"group": f.check.split(".")[0], "check": f.check, "message": f.message}
                for f in sorted(found, key=lambda f: f.check)
            ],
        ),  # fmt: skip
        _holidays(reader, period),
        _budget(reader, period),
    ]
    findings = [*views.overdue_findings(reader, before), *found]

    def document() -> dict[str, Any]:
        def rows(part: Report) -> list[dict[str, Any]]:
            kinds = {c.key: c.kind for c in part.columns}
            return [{k: cell(v, kinds.get(k), "json") for k, v in r.items()} for r in part.rows]

        keys = ("tasks", "overdue", "findings", "holidays", "budget")
        return {"month": period.label, "ok": not findings,
                **{k: rows(s) for k, s in zip(keys, sections, strict=True)}}  # fmt: skip

    title = _("Month-start report, {month}").format(month=period.label)
    return Report(
        title, [], sections=sections, findings=findings, document=document, width=MAIL_WIDTH
    )
