"""The storeroom's 盘点表 of a stocktake (`stock count sheet PD-…`): the Report stdout
shows with its Form attached for -o FILE.xlsx and -o FILE.pdf. The 领料单 of one issue
(`stock slip CK-…`) is in slip_reads.py."""

from __future__ import annotations

from sqlalchemy.orm import Session

from houqin_cli.core import clock, settings
from houqin_cli.core.forms import Form, report_table, signers
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report
from houqin_cli.stock import count


def count_sheet(session: Session, code: str) -> Report:
    """`stock count sheet`: the items in scope, and the 盘点表 to fill in."""
    report = count.sheet(session, code)
    c = count.find_count(session, code)
    tz = settings.timezone(session)
    started = clock.from_iso_utc(c.started_at).astimezone(tz).date()
    report.form = Form(
        _("Stocktake sheet (盘点表)"),
        school=settings.raw(session, "school.name"),
        code=c.code,
        lines=[
            _("Scope: {scope}").format(scope=c.category or _("the whole storeroom")),
            _("Date: {day}").format(day=started),
        ],
        blocks=[
            report_table(report, blank=3),
            signers(_("Counted by (盘点人)"), _("Supervised by (监盘人)"), _("Custodian (保管员)")),
        ],
        xlsx=False,  # the workbook stays the sheet `count import` reads back
    )
    return report
