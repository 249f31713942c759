"""The canteen's checks for `houqin check` and the month-start report: each takes a
plain `Reader` (or a Session, converted) and looks at the recent days (CHECK_DAYS);
the `*_findings(reader, start, end)` behind them serve `meal report` too."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import labels
from houqin_cli.core.db import as_reader
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Finding
from houqin_cli.meal import inspect_reads as inspect
from houqin_cli.meal import reads, views
from houqin_cli.people import certs

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

CHECK_DAYS = 30  # how far back `houqin check` looks at the meals served


def _recent(source: Any) -> tuple[Reader, date, date]:
    r = as_reader(source)
    today = views.today_of(r)
    return r, today - timedelta(days=CHECK_DAYS), today


def samples_check(source: Any) -> list[Finding]:
    return views.sample_findings(*_recent(source))


def menu_check(source: Any) -> list[Finding]:
    """This week's menu, once the canteen keeps its menus here: a school that has
    entered none (no canteen, or not on houqin) owes no menu."""
    r = as_reader(source)
    if not r.rows("SELECT 1 FROM meal_menu LIMIT 1"):
        return []
    today = views.today_of(r)
    start = today - timedelta(days=today.weekday())
    return views.menu_findings(r, [start + timedelta(days=i) for i in range(7)])


def disinfection_findings(reader: Reader, start: date, end: date) -> list[Finding]:
    """A meal served with no disinfection run that passed."""
    done = {(d.day, d.meal) for d in reads.disinfections(reader, start, end) if not d.failed}
    return [
        Finding(
            "meal.disinfection",
            "disinfection.missing",
            _("{slot} was served with no tableware disinfection recorded.").format(
                slot=views.slot_text(day, meal)
            ),
            {"date": day.isoformat(), "meal": meal},
        )  # fmt: skip
        for day, meal in sorted({(s.day, s.meal) for s in reads.served(reader, start, end)})
        if (day, meal) not in done
    ]


def disinfection_check(source: Any) -> list[Finding]:
    return disinfection_findings(*_recent(source))


def accompany_findings(reader: Reader, start: date, end: date) -> list[Finding]:
    """A meal served without a leader's 陪餐 record; a problem noted and not answered."""
    led = {(a.day, a.meal) for a in reads.accompanies(reader, start, end) if a.person_id}
    out = [
        Finding(
            "meal.accompany",
            "accompany.missing",
            _("{slot} was served with no school leader's 陪餐 record.").format(
                slot=views.slot_text(day, meal)
            ),
            {"date": day.isoformat(), "meal": meal},
        )  # fmt: skip
        for day, meal in sorted({(s.day, s.meal) for s in reads.served(reader, start, end)})
        if (day, meal) not in led
    ]
    out += [
        Finding(
            "meal.accompany",
            "accompany.unanswered",
            _(
                "{code} ({slot}) noted a problem not yet answered: {problem}; answer it with "
                "`houqin meal accompany answer {code} --by … --answer …`."
            ).format(code=a.code, slot=views.slot_text(a.day, a.meal), problem=a.problem),
            {"accompany": a.code},
        )  # fmt: skip
        for a in reads.open_problems(reader)
        if a.day <= end
    ]
    return out


def accompany_check(source: Any) -> list[Finding]:
    return accompany_findings(*_recent(source))


def inspection_findings(reader: Reader, start: date, end: date, today: date) -> list[Finding]:
    """A food receipt not inspected within a day; expired food still on hand."""
    out = [
        Finding(
            "meal.inspection",
            "inspection.missing",
            _(
                "{code} ({item}, received {day}) was not inspected within a day: record it "
                "with `houqin meal inspect {code} --by … --by …`."
            ).format(code=code, item=item, day=day),
            {"receipt": code},
        )  # fmt: skip
        for code, day, _exp, item, _q, done in inspect.food_receipts(reader, start, end)
        if not done and day is not None and day < today - timedelta(days=1)
    ]
    out += [
        Finding(
            "meal.inspection",
            "food.expired",
            _("{item} of {code} expired on {day} and is still on hand.").format(
                item=item, code=code, day=exp
            ),
            {"receipt": code, "expires": exp.isoformat()},
        )  # fmt: skip
        for code, _d, exp, item, _q in inspect.expiring(reader, today, -1)
    ]
    return out


def inspection_check(source: Any) -> list[Finding]:
    r, start, today = _recent(source)
    return inspection_findings(r, start, today, today)


def certificate_findings(reader: Reader, today: date) -> list[Finding]:
    """A certificate expiring within 30 days or expired (the latest of its kind); a
    canteen cook with no valid health certificate."""
    people = names_by_id(reader, "person")
    out = []
    for c in sorted(certs.latest(reader), key=lambda c: c.code):
        if c.expires is None or c.expires > today + timedelta(days=certs.WARN_DAYS):
            continue
        code = "certificate.expired" if c.expires <= today else "certificate.expiring"
        text = (
            _("{person}'s {kind} certificate {code} expired on {day}.")
            if c.expires <= today
            else _("{person}'s {kind} certificate {code} expires on {day}.")
        )
        out.append(Finding(
            "meal.certificates", code,
            text.format(person=people.get(c.person_id), kind=c.kind, code=c.code, day=c.expires),
            {"certificate": c.code, "expires": c.expires.isoformat()},
        ))  # fmt: skip
    for pid, role in reader.rows("SELECT person_id, role FROM meal_staff ORDER BY id"):
        if role == "cook" and certs.current(reader, int(pid), certs.HEALTH, today) is None:
            out.append(Finding(
                "meal.certificates", "cook.no_health_certificate",
                _("{person}, a cook, has no valid health certificate (食品安全法 §45).").format(
                    person=people.get(int(pid))),
                {"person": people.get(int(pid)), "role": labels.label("canteen_role", role)},
            ))  # fmt: skip
    return out


def certificates_check(source: Any) -> list[Finding]:
    r = as_reader(source)
    return certificate_findings(r, views.today_of(r))
