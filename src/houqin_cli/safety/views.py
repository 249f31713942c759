"""The safety group's Reports, on the plain reader: the plans, what is due, the
hazards, the watches, the violations, the month's report, and the checks' findings."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money, notes, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, names_by_id
from houqin_cli.core.render.cells import cell
from houqin_cli.core.report import Finding, Report
from houqin_cli.safety import due, reads
from houqin_cli.safety.due import Due, Schedules

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.safety.reads import HazardRow, PlanRow, ViolationRow

DUE = ("due", "occurrence", "inspection", "owner", "place", "status", "done_on")
HAZARD = ("code", "found_on", "place", "what", "level", "owner", "deadline", "status")
VIOLATION = ("code", "date", "place", "what", "inspector", "org_unit", "person", "fine", "paid",
             "owed")  # fmt: skip
STATUS = {"status": ("due_status",)}
HAZARD_LABELS = {"status": ("hazard_status",)}
RECHECK_DAYS = 3  # a fix not re-checked after this many days is a finding


def today_of(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


def as_reader(s: Reader | Session) -> Reader:
    from houqin_cli.core.db import Reader

    if isinstance(s, Reader):
        return s
    from houqin_cli.core.tx import reader_of

    return reader_of(s)


class Names:
    def __init__(self, reader: Reader) -> None:
        self.people = names_by_id(reader, "person")
        self.places = names_by_id(reader, "place")
        self.units = names_by_id(reader, "unit")

    def person(self, pid: int | None) -> str | None:
        return self.people.get(pid) if pid is not None else None

    def place(self, pid: int | None) -> str | None:
        return self.places.get(pid) if pid is not None else None

    def scope(self, plan: PlanRow) -> str | None:
        if plan.place_ids:
            return ", ".join(self.places.get(i, "?") for i in plan.place_ids)
        if plan.kinds:
            from houqin_cli.core import labels

            return ", ".join(labels.show(("place_kind",), k) for k in plan.kinds)
        return None

    def owner(self, plan: PlanRow) -> str | None:
        if plan.rotate:
            return ", ".join(self.people.get(i, "?") for i in plan.roster)
        return self.person(plan.owner_id)


# -- plans -------------------------------------------------------------------------------


def _plan_row(plan: PlanRow, names: Names) -> dict[str, Any]:
    return {
        "code": plan.code,
        "name": plan.name,
        "every": plan.spec,
        "place": names.scope(plan),
        "checklist": plan.items,
        "owner": names.owner(plan),
        "start": plan.start,
        "stopped_on": plan.stopped_on,
    }


PLAN = ("code", "name", "every", "place", "checklist", "owner", "start", "stopped_on")


def plans_report(reader: Reader, *, stopped: bool = False) -> Report:
    names = Names(reader)
    rows = [_plan_row(p, names) for p in reads.plans(reader, stopped=stopped)]
    return Report(_("Safety plans"), columns(*PLAN), rows)


def plan_report(reader: Reader, code: str) -> Report:
    plan = reads.find_plan(reader, code)
    names = Names(reader)
    day = today_of(reader)
    sched = Schedules(reader)
    try:
        nxt = sched.occurrences(plan, day, day + timedelta(days=400))
    except RuleError:  # next year's holidays not known yet: as far as this year's go
        nxt = sched.occurrences(plan, day, date(day.year, 12, 31) - timedelta(days=60))
    row = _plan_row(plan, names) | {
        "note": plan.note,
        "due": nxt[0].due if nxt else None,
        "history": [
            f"{c} {d} {names.person(by) or '?'}" + (f" ({n} ⚠)" if n else "")
            for c, _k, _due, d, by, n in reads.plan_records(reader, plan.id)
        ],
    }
    keys = (*PLAN, "note", "due", "history")
    return Report(_("Safety plan {code}").format(code=plan.code), columns(*keys), [row],
                  record=True)  # fmt: skip


def shipped_report() -> Report:
    from houqin_cli.safety import plans

    rows = [{"name": p["name"], "every": p["every"], "checklist": p["checklist"].split(";")}
            for p in plans.shipped()]  # fmt: skip
    return Report(_("The shipped safety plans"), columns("name", "every", "checklist"), rows)


# -- due ---------------------------------------------------------------------------------


def due_rows(reader: Reader, items: list[Due], day: date) -> list[dict[str, Any]]:
    names = Names(reader)
    return [
        {
            "due": i.occ.due,
            "occurrence": i.ref,
            "inspection": i.plan.name,
            "owner": names.person(i.owner_id),
            "place": names.scope(i.plan),
            "status": i.status(day),
            "done_on": i.done_on,
        }
        for i in items
    ]


def due_report(reader: Reader, month: bool = False) -> Report:
    """This week's (or month's) inspections, and those overdue from before."""
    day = today_of(reader)
    if month:
        period = clock.month_of(day)
        start, end, label = period.start, period.end, period.label
    else:
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
        y, w, _d = day.isocalendar()
        label = f"{y}-W{w:02d}"
    found = Schedules(reader).items(reads.plans(reader), day - timedelta(days=due.LOOK_BACK), end)
    before = [d for d in found if d.occ.due < start and d.done_on is None]
    items = [d for d in found if d.occ.due >= start]
    title = _("Safety inspections due, {period}").format(period=label)
    return Report(title, columns(*DUE, labels=STATUS), due_rows(reader, [*before, *items], day))


# -- hazards -----------------------------------------------------------------------------


def _hazard_row(h: HazardRow, names: Names) -> dict[str, Any]:
    return {
        "code": h.code,
        "found_on": h.found_on,
        "place": names.place(h.place_id),
        "what": notes.text(h.what),
        "level": h.level,
        "owner": names.person(h.owner_id),
        "deadline": h.deadline,
        "status": h.status,
        "fixed_by": names.person(h.fixed_by_id),
        "fixed_on": h.fixed_on,
        "closed_on": h.closed_on,
    }


def hazards_report(
    reader: Reader, *, open_only: bool = False, overdue: bool = False, place: str | None = None
) -> Report:
    conds: list[str] = []
    params: dict[str, Any] = {}
    if open_only or overdue:
        conds.append("status <> 'closed'")
    if overdue:
        conds.append("status = 'open' AND deadline < :today")
        params["today"] = day_param(reader, today_of(reader))
    if place:
        conds.append("place_id = :place")
        params["place"] = reads.lookup(reader, "place", place)
    names = Names(reader)
    rows = [_hazard_row(h, names) for h in reads.hazards(reader, " AND ".join(conds), params)]
    keys = (*HAZARD, "fixed_by", "fixed_on", "closed_on")
    return Report(_("Hazards"), columns(*keys, labels=HAZARD_LABELS), rows)


def hazard_report(reader: Reader, code: str) -> Report:
    h = reads.find_hazard(reader, code)
    names = Names(reader)
    checks = [
        (f"{d} {names.person(by) or '?'} " + (_("pass") if ok else _("fail"))
         + (f" → {nd}" if nd else "") + (f": {note}" if note else ""))
        for d, by, ok, note, nd in reads.rechecks(reader, h.id)
    ]  # fmt: skip
    row = _hazard_row(h, names) | {"note": h.fix_note, "rechecks": checks,
                                   "repair": h.repair_code}  # fmt: skip
    keys = (*HAZARD, "fixed_by", "fixed_on", "note", "rechecks", "closed_on", "repair")
    return Report(_("Hazard {code}").format(code=h.code), columns(*keys, labels=HAZARD_LABELS),
                  [row], record=True)  # fmt: skip


# -- watches -----------------------------------------------------------------------------


def watches_report(reader: Reader) -> Report:
    names = Names(reader)
    found = reads.readings(reader)
    rows = []
    for wid, code, name, place, unit, alert in reads.watches(reader):
        values = [v for _d, v in found.get(wid, [])]
        rows.append({
            "code": code, "name": name, "place": names.place(place), "unit": unit,
            "alert_growth": money.milli_to_qty(alert),
            "first_reading": money.milli_to_qty(values[0]) if values else None,
            "last_reading": money.milli_to_qty(values[-1]) if values else None,
            "growth": money.milli_to_qty(values[-1] - values[0]) if values else None,
        })  # fmt: skip
    keys = ("code", "name", "place", "unit", "alert_growth", "first_reading", "last_reading",
            "growth")  # fmt: skip
    return Report(_("Watched measurements"), columns(*keys), rows)


# -- violations --------------------------------------------------------------------------


def _violation_row(v: ViolationRow, names: Names) -> dict[str, Any]:
    return {
        "code": v.code,
        "date": v.day,
        "place": names.place(v.place_id),
        "what": v.what,
        "inspector": names.person(v.inspector_id),
        "org_unit": names.units.get(v.unit_id) if v.unit_id is not None else None,
        "person": names.person(v.person_id),
        "fine": v.fine_fen,
        "paid": v.paid_fen,
        "owed": v.fine_fen - v.paid_fen,
    }


def violations_report(reader: Reader, month: str | None = None, unpaid: bool = False) -> Report:
    conds: list[str] = []
    params: dict[str, Any] = {}
    title = _("Electricity violations")
    if month:
        period = clock.parse_month(month)
        conds.append("day >= :start AND day <= :end")
        params |= {"start": day_param(reader, period.start), "end": day_param(reader, period.end)}
        title = _("Electricity violations, {month}").format(month=period.label)
    if unpaid:
        conds.append("fine_fen > paid_fen")
    names = Names(reader)
    rows = [_violation_row(v, names) for v in reads.violations(reader, " AND ".join(conds), params)]
    footer = {"code": _("Total"), "fine": sum(r["fine"] for r in rows),
              "paid": sum(r["paid"] for r in rows), "owed": sum(r["owed"] for r in rows)}  # fmt: skip
    return Report(title, columns(*VIOLATION), rows, footer=footer if rows else None)


# -- the month's report ------------------------------------------------------------------


def month_report(reader: Reader, month: str | None) -> Report:
    """What goes to the principal: inspections done against due, the problems found,
    hazards opened and closed, violations and fines."""
    day = today_of(reader)
    period = clock.parse_month(month) if month else clock.month_of(day)
    start, end = period.start, period.end
    names = Names(reader)
    plans = reads.plans(reader)
    items = Schedules(reader).items(plans, start, end)
    recs = reads.records_between(reader, start, end)
    by_plan: dict[int, list[Due]] = {}
    for i in items:
        by_plan.setdefault(i.plan.id, []).append(i)
    problems: dict[int, int] = {}
    for r in recs:
        problems[r[1]] = problems.get(r[1], 0) + r[8]
    summary = [
        {"code": p.code, "inspection": p.name, "every": p.spec,
         "due_count": len(by_plan.get(p.id, [])),
         "done_count": sum(1 for i in by_plan.get(p.id, []) if i.done_on is not None),
         "problems": problems.get(p.id, 0)}
        for p in plans if by_plan.get(p.id) or p.id in problems
    ]  # fmt: skip
    code_of = {p.id: p.code for p in plans}
    found = [
        {"code": code, "date": d, "inspection": code_of.get(pid), "place": names.place(place),
         "check_item": r["item"], "what": r.get("text"), "hazard": r.get("hazard")}
        for code, pid, _k, _due, d, _by, place, results, n in recs if n
        for r in json.loads(results) if r["result"] == "problem"
    ]  # fmt: skip
    params = {"start": day_param(reader, start), "end": day_param(reader, end)}
    opened = reads.hazards(reader, "found_on >= :start AND found_on <= :end", params)
    closed = reads.hazards(reader, "closed_on >= :start AND closed_on <= :end", params)
    viol = reads.violations(reader, "day >= :start AND day <= :end", params)
    hz_keys = (*HAZARD, "closed_on")
    vrows = [_violation_row(v, names) for v in viol]
    sections = [
        Report(_("Inspections done against due"),
               columns("code", "inspection", "every", "due_count", "done_count", "problems"),
               summary),
        Report(_("Problems found"),
               columns("code", "date", "inspection", "place", "check_item", "what", "hazard"), found),
        Report(_("Hazards opened"), columns(*hz_keys, labels=HAZARD_LABELS),
               [_hazard_row(h, names) for h in opened]),
        Report(_("Hazards closed"), columns(*hz_keys, labels=HAZARD_LABELS),
               [_hazard_row(h, names) for h in closed]),
        Report(_("Violations and fines"), columns(*VIOLATION), vrows),
    ]  # fmt: skip

    def document() -> dict[str, Any]:
        def rows(part: Report) -> list[dict[str, Any]]:
            kinds = {c.key: c.kind for c in part.columns}
            return [{k: cell(v, kinds.get(k), "json") for k, v in r.items()} for r in part.rows]

        keys = ("inspections", "problems", "hazards_opened", "hazards_closed", "violations")
        return {
            "month": period.label,
            "due": len(items),
            "done": sum(1 for i in items if i.done_on is not None),
            "fines": money.money_str(sum(r["fine"] for r in vrows)),
            "fines_paid": money.money_str(sum(r["paid"] for r in vrows)),
            **{k: rows(s) for k, s in zip(keys, sections, strict=True)},
        }

    title = _("Safety inspection report, {month}").format(month=period.label)
    note = _("Inspections done {done} of {due}; hazards opened {opened}, closed {closed}; "
             "fines {fines}, paid {paid}.").format(
        done=sum(1 for i in items if i.done_on is not None), due=len(items), opened=len(opened),
        closed=len(closed), fines=money.format_money(sum(r["fine"] for r in vrows)),
        paid=money.format_money(sum(r["paid"] for r in vrows)),
    )  # fmt: skip
    return Report(title, [], sections=sections, document=document, note=note,
                  period=_("Period: {month}").format(month=period.label), signed=True)  # fmt: skip


# -- checks ------------------------------------------------------------------------------


def due_check(s: Reader | Session) -> list[Finding]:
    """Inspections past their due day with no record."""
    reader = as_reader(s)
    day = today_of(reader)
    try:
        late = due.overdue(reader, day)
    except RuleError as exc:
        return [Finding("safety.due", "safety.days_unknown", exc.message)]
    names = Names(reader)
    return [
        Finding("safety.due", "inspection.overdue",
                _("{ref} {name} was due {due} ({owner}); record it with `houqin safety record "
                  "{code} --by …`.").format(ref=d.ref, name=d.plan.name, due=d.occ.due,
                                           owner=names.person(d.owner_id) or _("no owner"),
                                           code=d.plan.code),
                {"occurrence": d.ref, "due": d.occ.due.isoformat()})
        for d in late
    ]  # fmt: skip


def hazard_check(s: Reader | Session) -> list[Finding]:
    """Open hazards past their deadline."""
    reader = as_reader(s)
    day = today_of(reader)
    names = Names(reader)
    late = reads.hazards(reader, "status = 'open' AND deadline < :d", {"d": day_param(reader, day)})
    return [
        Finding("safety.hazard", "hazard.overdue",
                _("{code} at {place} ({what}) was to be fixed by {deadline} ({owner}).").format(
                    code=h.code, place=names.place(h.place_id), what=notes.text(h.what),
                    deadline=h.deadline, owner=names.person(h.owner_id)),
                {"hazard": h.code, "deadline": h.deadline.isoformat()})
        for h in late
    ]  # fmt: skip


def recheck_check(s: Reader | Session) -> list[Finding]:
    """Hazards fixed more than RECHECK_DAYS ago and not yet re-checked."""
    reader = as_reader(s)
    since = today_of(reader) - timedelta(days=RECHECK_DAYS)
    names = Names(reader)
    waiting = reads.hazards(reader, "status = 'fixed' AND fixed_on < :d",
                            {"d": day_param(reader, since)})  # fmt: skip
    return [
        Finding("safety.recheck", "hazard.not_rechecked",
                _("{code} at {place} was fixed on {day} by {by} and is not re-checked; someone "
                  "else re-checks it with `houqin safety hazard recheck {code}`.").format(
                    code=h.code, place=names.place(h.place_id), day=h.fixed_on,
                    by=names.person(h.fixed_by_id)),
                {"hazard": h.code})
        for h in waiting
    ]  # fmt: skip


def watch_check(s: Reader | Session) -> list[Finding]:
    """A watch whose last reading grew beyond its alert (since the reading before, or
    since the first)."""
    reader = as_reader(s)
    names = Names(reader)
    found = reads.readings(reader)
    out = []
    for wid, code, name, place, unit, alert in reads.watches(reader):
        values = [v for _d, v in found.get(wid, [])]
        grew = reads.growth(values, alert)
        if grew is None:
            continue
        step, total = (money.qty_str(money.milli_to_qty(g)) for g in grew)
        out.append(Finding(
            "safety.watch", "watch.growth",
            _("{name} at {place} grew {step} {unit} since the reading before and {total} {unit} "
              "since the first (alert {alert}).").format(
                name=name, place=names.place(place), step=step, total=total, unit=unit,
                alert=money.qty_str(money.milli_to_qty(alert))),
            {"watch": code, "growth": total}))  # fmt: skip
    return out


def fine_check(s: Reader | Session) -> list[Finding]:
    """Fines not (fully) paid."""
    reader = as_reader(s)
    names = Names(reader)
    return [
        Finding("safety.fine", "fine.unpaid",
                _("{code} owes {owed} ({who}); record the payment with `houqin safety violation "
                  "pay {code} --amount …`.").format(
                    code=v.code, owed=money.format_money(v.fine_fen - v.paid_fen),
                    who=names.units.get(v.unit_id or 0) or names.person(v.person_id) or "?"),
                {"violation": v.code, "owed": money.money_str(v.fine_fen - v.paid_fen)})
        for v in reads.violations(reader, "fine_fen > paid_fen")
    ]  # fmt: skip


def check_report(reader: Reader) -> Report:
    found = [*due_check(reader), *hazard_check(reader), *recheck_check(reader),
             *watch_check(reader), *fine_check(reader)]  # fmt: skip
    return Report(_("Safety checks"), [], findings=found)
