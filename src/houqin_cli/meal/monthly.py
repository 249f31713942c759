"""`meal report --month`: the canteen's monthly food-safety record for the principal
and the month-start report — meals served, samples, disinfection, 陪餐, purchase
inspections, certificates and the cost, with every finding of the month. A check:
exit 1 when there are findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.render.cells import cell
from houqin_cli.core.report import Finding, Report
from houqin_cli.meal import cost, findings, reads, views
from houqin_cli.meal import inspect_reads as inspect

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


def report(reader: Reader, month: str | None) -> Report:
    today = clock.today(settings.zone(reader))
    period = clock.parse_month(month) if month else clock.month_of(today)
    start, end = period.start, min(period.end, today)
    served = reads.served(reader, start, end)
    meals = {(s.day, s.meal) for s in served}
    samples = reads.samples(reader, start, end)
    runs = reads.disinfections(reader, start, end)
    visits = reads.accompanies(reader, start, end)
    receipts = inspect.food_receipts(reader, start, end)
    found: list[Finding] = [
        *views.sample_findings(reader, start, end),
        *findings.disinfection_findings(reader, start, end),
        *findings.accompany_findings(reader, start, end),
        *findings.inspection_findings(reader, start, end, today),
        *findings.certificate_findings(reader, today),
    ]
    figures = [
        (_("Meals"), _("Meals served"), len(meals)),
        (_("Meals"), _("Servings"), sum(s.count + s.staff for s in served)),
        (_("Food samples"), _("Samples taken"), len(samples)),
        (_("Food samples"), _("Samples discarded"), sum(1 for s in samples if s.discarded_at)),
        (_("Disinfection"), _("Runs"), len(runs)),
        (_("Disinfection"), _("Failed runs"), sum(1 for d in runs if d.failed)),
        (_("陪餐"), _("Leaders' records"), sum(1 for a in visits if a.person_id)),
        (_("陪餐"), _("Parents' records"), sum(1 for a in visits if a.parent)),
        (_("陪餐"), _("Problems noted"), sum(1 for a in visits if a.problem)),
        (_("Purchase inspection"), _("Food receipts"), len(receipts)),
        (_("Purchase inspection"), _("Receipts inspected"), sum(1 for r in receipts if r[5])),
    ]
    summary = Report(
        _("The canteen in {month}").format(month=period.label),
        columns("section", "figure", "qty"),
        [{"section": s, "figure": f, "qty": n} for s, f, n in figures],
    )
    sections = [summary]
    try:
        money_part = cost.cost_report(reader, period.label, None)
        found += money_part.findings or []
        money_part.findings = None
        sections.append(money_part)
    except RuleError as exc:
        sections.append(Report(_("Canteen cost"), columns("message"), [{"message": exc.message}]))
    sections.append(
        Report(
            _("Findings"),
            columns("check", "message"),
            [{"check": f.check, "message": f.message} for f in found],
        )
    )

    def document() -> dict[str, Any]:
        def rows(part: Report) -> list[dict[str, Any]]:
            kinds = {c.key: c.kind for c in part.columns}
            return [{k: cell(v, kinds.get(k), "json") for k, v in r.items()} for r in part.rows]

        return {"month": period.label, "ok": not found,
                "figures": rows(sections[0]), "cost": rows(sections[1]),
                "findings": [f.as_dict() for f in found]}  # fmt: skip

    return Report(
        _("Canteen food-safety record, {month}").format(month=period.label),
        [],
        sections=sections,
        findings=found,
        document=document,
        period=period.label,
        signed=True,
    )
