"""What school property is owed, in plain SQL on a `Reader` (sqlite3 alone on SQLite:
no ORM on the path of `houqin check`): loans past due, compensation unpaid, cards a
count found missing, the inspections a term still owes. Each is one rule, read by
its command (`asset overdue`, `asset damages`, `asset inspect due`) and by its check,
which turns the same rows into findings."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money, recurrence, settings
from houqin_cli.core.clock import stored_date
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, names_by_id
from houqin_cli.core.report import Finding, Report

if TYPE_CHECKING:
    from houqin_cli.calendar.term_reads import TermRow
    from houqin_cli.core.db import Reader

# the places inspected once a term (a class's own room is inspected with the class)
PUBLIC_KINDS = ("office", "classroom", "other", "canteen", "store")
# When each kind of inspection is due in a term: a class's mid-term one by two
# weeks after the term's middle, its end-of-term one and an office's once-a-term
# one by the term's last day (班级财产每学期检查两次, 办公室和公用教室每学期一次).
SCHEDULES = {"mid": "term:mid+14d", "end": "term:end", "term": "term:end"}


def today(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


# -- loans --------------------------------------------------------------------------


def overdue(reader: Reader) -> list[dict[str, Any]]:
    """The loans not returned whose due day has passed, oldest due first."""
    day = today(reader)
    found = reader.rows(
        "SELECT l.code, a.code, a.name, l.qty, p.name, l.lent_on, l.due FROM asset_loan l"
        " JOIN asset a ON a.id = l.asset_id LEFT JOIN person p ON p.id = l.person_id"
        " WHERE l.returned_on IS NULL AND l.due < :day ORDER BY l.due, l.id",
        {"day": day_param(reader, day)},
    )
    rows: list[dict[str, Any]] = []
    for code, asset_code, asset, qty, borrower, lent_on, stored_due in found:
        due: date = stored_date(stored_due)  # type: ignore[assignment]  # NOT NULL
        rows.append(
            {
                "code": code,
                "asset_code": asset_code,
                "asset": asset,
                "qty": qty,
                "borrower": borrower,
                "lent_on": stored_date(lent_on),
                "due": due,
                "days_overdue": (day - due).days,
            }
        )
    return rows


def overdue_findings(rows: list[dict[str, Any]]) -> list[Finding]:
    return [
        Finding(
            "asset.overdue",
            "loan.overdue",
            _(
                "Loan {code}: {asset} ({asset_code}) lent to {borrower} was due {due}, {days} days ago."
            ).format(
                code=r["code"],
                asset=r["asset"],
                asset_code=r["asset_code"],
                borrower=r["borrower"],
                due=r["due"],
                days=r["days_overdue"],
            ),
            {"loan": r["code"], "asset": r["asset_code"], "due": r["due"].isoformat()},
        )
        for r in rows
    ]


def overdue_check(reader: Reader) -> list[Finding]:
    return overdue_findings(overdue(reader))


# -- damages ------------------------------------------------------------------------


def damages(reader: Reader, open_only: bool) -> list[dict[str, Any]]:
    """Damage records with what is due, paid and still owed (`open_only`: a human
    cause still owing)."""
    where = " WHERE d.cause = 'human' AND d.due_fen > d.paid_fen" if open_only else ""
    found = reader.rows(
        "SELECT d.code, d.date, a.code, a.name, d.cause, d.qty, d.by_person_id, d.by_unit_id,"
        " d.due_fen, d.paid_fen, d.source, d.note FROM asset_damage d JOIN asset a ON a.id = d.asset_id"
        f"{where} ORDER BY d.date, d.id"
    )
    people, units = names_by_id(reader, "person"), names_by_id(reader, "unit")
    return [
        {
            "code": code,
            "date": stored_date(day),
            "asset_code": asset_code,
            "asset": asset,
            "cause": cause,
            "qty": qty,
            "by": people.get(person_id or 0) or units.get(unit_id or 0),
            "amount_due": due,
            "paid": paid,
            "owed": due - paid,
            "source": source,
            "note": note,
        }
        for (
            code,
            day,
            asset_code,
            asset,
            cause,
            qty,
            person_id,
            unit_id,
            due,
            paid,
            source,
            note,
        ) in found  # fmt: skip
    ]


def unpaid_check(reader: Reader) -> list[Finding]:
    """Compensation still owed after `asset.compensation_days`."""
    days = settings.read(reader, "asset.compensation_days")["asset.compensation_days"]
    day = today(reader)
    return [
        Finding(
            "asset.compensation",
            "damage.unpaid",
            _("{code}: {owed} for {asset} still unpaid after {days} days.").format(
                code=r["code"],
                owed=money.format_money(r["owed"]),
                asset=r["asset"],
                days=(day - r["date"]).days,
            ),
            {"damage": r["code"], "owed": money.money_str(r["owed"])},
        )
        for r in damages(reader, True)
        if (day - r["date"]).days > days
    ]


# -- the count ----------------------------------------------------------------------


def missing_check(reader: Reader) -> list[Finding]:
    """A card the last closed count that recorded it found missing, until it is written
    off through scrapping (盘亏) or a later count finds it again."""
    found = reader.rows(
        "SELECT ln.asset_id, ln.result, c.code, c.closed_on FROM asset_count_line ln"
        " JOIN asset_count c ON c.id = ln.count_id WHERE c.status = 'closed'"
        " ORDER BY c.closed_on, c.id"
    )
    last = {asset_id: (result, code, closed) for asset_id, result, code, closed in found}
    missing = {
        k: (code, closed) for k, (result, code, closed) in last.items() if result == "missing"
    }
    if not missing:
        return []
    from houqin_cli.core.plain import in_list

    where, params = in_list("id", missing)
    cards = reader.rows(
        f"SELECT id, code, name FROM asset WHERE {where} AND status != 'scrapped' ORDER BY code",
        params,
    )
    return [
        Finding(
            "asset.missing",
            "asset.missing",
            _(
                "{code} {name} was found missing in asset count {count} ({day}); write it off with `houqin asset scrap request {code} --reason 盘亏`, or record it found in a new count."
            ).format(code=code, name=name, count=missing[i][0], day=stored_date(missing[i][1])),
            {"asset": code, "count": missing[i][0]},
        )
        for i, code, name in cards
    ]


# -- inspections --------------------------------------------------------------------


def windows(start: date, end: date, name: str) -> dict[str, date]:
    """The last day of each kind's window in the term from `start` to `end`."""
    span = recurrence.TermSpan(name, start, end)
    return {
        kind: recurrence.parse(spec).occurrences(span.start, date.max, terms=[span])[0].due
        for kind, spec in SCHEDULES.items()
    }


def terms_due(reader: Reader, day: date) -> list[TermRow]:
    """The term `day` falls in and the one that ended last before it, those that exist."""
    from houqin_cli.calendar.term_reads import last_ended, term_at

    return [t for t in (term_at(reader, day), last_ended(reader, day)) if t is not None]


def owed(reader: Reader, term: tuple[int, str, date, date], day: date) -> list[dict[str, Any]]:
    """What a term still owes: each class mid and end, each office and public room once."""
    term_id, name, start, end = term
    done = {
        (kind, unit_id, place_id)
        for kind, unit_id, place_id in reader.rows(
            "SELECT kind, unit_id, place_id FROM asset_inspection WHERE term_id = :t AND status = 'closed'",
            {"t": term_id},
        )
    }
    due_by = windows(start, end, name)

    def line(kind: str, unit: str | None, place: str | None) -> dict[str, Any]:
        return {
            "term": name,
            "kind": kind,
            "org_unit": unit,
            "place": place,
            "due_by": due_by[kind],
            "overdue": day > due_by[kind],
        }

    rows: list[dict[str, Any]] = []
    classes = reader.rows(
        "SELECT id, name FROM unit WHERE kind = 'class' AND retired_on IS NULL ORDER BY code"
    )
    for unit_id, unit in classes:
        rows.extend(line(k, unit, None) for k in ("mid", "end") if (k, unit_id, None) not in done)
    from houqin_cli.core.plain import in_list

    kinds, params = in_list("kind", PUBLIC_KINDS)
    places = reader.rows(
        f"SELECT id, name, kind, unit_id FROM place WHERE {kinds} AND retired_on IS NULL"
        " ORDER BY code",
        params,
    )
    for place_id, place, kind, unit_id in places:
        if kind == "classroom" and unit_id is not None:
            continue  # a class's own room: inspected with the class
        if ("term", None, place_id) not in done:
            rows.append(line("term", None, place))
    return rows


def owed_findings(rows: list[dict[str, Any]]) -> list[Finding]:
    """The overdue lines of `owed`, as findings: one rule for `inspect due` and the check."""
    return [
        Finding(
            "asset.inspections",
            "inspection.owed",
            _("{term}: the {kind} inspection of {where} was due by {due}.").format(
                term=r["term"], kind=r["kind"], where=r["org_unit"] or r["place"], due=r["due_by"]
            ),
            {"term": r["term"], "kind": r["kind"], "org_unit": r["org_unit"], "place": r["place"]},
        )
        for r in rows
        if r["overdue"]
    ]


def owed_check(reader: Reader) -> list[Finding]:
    day = today(reader)
    return [f for term in terms_due(reader, day) for f in owed_findings(owed(reader, term, day))]


OWED = ("term", "kind", "org_unit", "place", "due_by", "overdue")


def owed_report(reader: Reader, term_name: str | None) -> Report:
    """`asset inspect due`: what a term still owes (default: the current one; between
    terms, the one that ended last)."""
    from houqin_cli.calendar.term_reads import term_for

    day = clock.today(settings.zone(reader))
    rows = owed(reader, term_for(reader, term_name, day), day)
    return Report(_("Inspections owed"), columns(*OWED), rows, findings=owed_findings(rows))
