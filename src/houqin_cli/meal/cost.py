"""The canteen's cost and the non-profit check (食堂不得以赢利为目的): food cost is
what the storeroom issued to the unit `meal.canteen_unit` (exact stock values, net of
returns and reversals) plus audit receipts in category canteen; servings from `meal
serve`; fee income is audit income in category canteen-fee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money, names, settings
from houqin_cli.core.clock import stored_date
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.plain import day_param
from houqin_cli.core.report import Finding, Report, total_row
from houqin_cli.meal import reads

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

RECEIPT_CATEGORY = "canteen"
INCOME_CATEGORIES = ("canteen-fee", "canteen_fee", "伙食费")
BY = ("day", "meal", "unit")


@dataclass(frozen=True)
class Month:
    label: str
    food: int  # fen: storeroom issues to the canteen
    other: int  # fen: audit receipts in category canteen
    servings: int
    income: int  # fen: audit income in category canteen-fee

    @property
    def total(self) -> int:
        return self.food + self.other

    @property
    def per_serving(self) -> int | None:
        return money.divide(self.total, self.servings) if self.servings else None

    @property
    def margin(self) -> Decimal | None:
        """(income - cost) / cost, as a share; None without cost."""
        return Decimal(self.income - self.total) / Decimal(self.total) if self.total else None


def canteen_unit(reader: Reader) -> int:
    text = settings.read(reader, "meal.canteen_unit")["meal.canteen_unit"]
    if not str(text).strip():
        raise RuleError(
            _("The canteen's unit is not set: `houqin config set meal.canteen_unit 食堂` (the "
              "unit the storeroom issues the canteen's food to).")
        )  # fmt: skip
    return int(names.lookup(reader, "unit", str(text), _(N_("unit")))[0])


def _span(reader: Reader, start: date, end: date) -> dict[str, Any]:
    return {"start": day_param(reader, start), "end": day_param(reader, end)}


def issued(reader: Reader, unit: int, start: date, end: date) -> dict[date, int]:
    """Fen issued to the canteen each day, net of returns and reversals."""
    out: dict[date, int] = {}
    for d, v in reader.rows(
        "SELECT date, SUM(-value_delta) FROM stock_movement WHERE unit_id = :u"
        " AND kind IN ('issue', 'return', 'void') AND date >= :start AND date <= :end"
        " GROUP BY date",
        {"u": unit, **_span(reader, start, end)},
    ):
        out[stored_date(d) or date.min] = int(v or 0)
    return out


def _sum(reader: Reader, sql: str, params: dict[str, Any]) -> int:
    ((v,),) = reader.rows(sql, params)
    return int(v or 0)


def month_figures(reader: Reader, start: date, end: date, label: str) -> Month:
    unit = canteen_unit(reader)
    span = _span(reader, start, end)
    food = sum(issued(reader, unit, start, end).values())
    other = _sum(
        reader,
        "SELECT SUM(amount_fen) FROM receipt WHERE category = :c AND date >= :start"
        " AND date <= :end",
        {"c": RECEIPT_CATEGORY, **span},
    )
    marks = ", ".join(f":i{i}" for i in range(len(INCOME_CATEGORIES)))
    income = _sum(
        reader,
        f"SELECT SUM(amount_fen) FROM income WHERE category IN ({marks}) AND date >= :start"
        " AND date <= :end",
        {**{f"i{i}": c for i, c in enumerate(INCOME_CATEGORIES)}, **span},
    )
    servings = _sum(
        reader,
        "SELECT SUM(count + staff) FROM meal_served WHERE day >= :start AND day <= :end",
        span,
    )
    return Month(label, food, other, servings, income)


def _period(reader: Reader, month: str | None) -> clock.Period:
    return clock.parse_month(month) if month else clock.month_of(
        clock.today(settings.zone(reader))
    )  # fmt: skip


def cost_report(reader: Reader, month: str | None, by: str | None) -> Report:
    period = _period(reader, month)
    m = month_figures(reader, period.start, period.end, period.label)
    if by is None:
        row = {"period": m.label, "food_cost": m.food, "other_cost": m.other,
               "cost_total": m.total, "servings": m.servings,
               "cost_per_serving": m.per_serving, "fee_income": m.income, "margin": m.margin}  # fmt: skip
        keys = ("period", "food_cost", "other_cost", "cost_total", "servings",
                "cost_per_serving", "fee_income", "margin")  # fmt: skip
        return Report(
            _("Canteen cost, {month}").format(month=m.label), columns(*keys), [row],
            findings=margin_findings(reader, m),
        )  # fmt: skip
    if by not in BY:
        raise InputError(_("--by is day, meal or unit, not {by!r}.").format(by=by))
    return _split(reader, m, period, by)


def _split(reader: Reader, m: Month, period: clock.Period, by: str) -> Report:
    """The month's servings by day, meal or class, each given its share of the cost
    (by servings, ROUND_HALF_UP; the last share takes the remainder, so the shares add
    up to the month's total)."""
    counts: dict[Any, int] = {}
    for row in reads.served(reader, period.start, period.end):
        key: Any = row.day if by == "day" else row.meal if by == "meal" else row.unit_id
        counts[key] = counts.get(key, 0) + row.count + row.staff
    if by == "day":
        unit = canteen_unit(reader)
        food = issued(reader, unit, period.start, period.end)
        for d in food:
            counts.setdefault(d, 0)
    keys = sorted(counts, key=lambda k: (k is None, str(k)))
    shares = (
        money.split(m.total, [counts[k] for k in keys]) if sum(counts.values()) else [0] * len(keys)
    )
    units = {i: n for i, n in reader.rows("SELECT id, name FROM unit")}
    rows = []
    for k, share in zip(keys, shares, strict=True):
        label = (
            k.isoformat() if by == "day" else k if by == "meal" else units.get(k, _("not by class"))
        )
        rows.append({"period": label, "servings": counts[k], "cost_total": share,
                     "cost_per_serving": money.divide(share, counts[k]) if counts[k] else None})  # fmt: skip
    cols = columns("period", "servings", "cost_total", "cost_per_serving")
    rows.append(total_row(rows, "period", "servings", "cost_total"))
    return Report(_("Canteen cost, {month}, by {by}").format(month=m.label, by=by), cols, rows)


def margin_findings(reader: Reader, m: Month) -> list[Finding]:
    most = settings.read(reader, "meal.max_margin")["meal.max_margin"]
    if m.margin is None or m.margin * 100 <= most:
        return []
    return [
        Finding(
            "meal.margin",
            "margin.profit",
            _("{month}: fee income {income} exceeds the canteen's cost {cost} by {share}; at "
              "most {most}% (meal.max_margin): 食堂不得以赢利为目的.").format(
                month=m.label, income=money.format_money(m.income),
                cost=money.format_money(m.total), share=f"{m.margin * 100:.2f}%", most=most),
            {"month": m.label, "income": money.money_str(m.income),
             "cost": money.money_str(m.total)},
        )
    ]  # fmt: skip


def margin_check(source: Any) -> list[Finding]:
    """Last month's and this month's margin; nothing while the canteen's unit is unset."""
    from houqin_cli.core.db import as_reader

    reader = as_reader(source)
    if not str(settings.read(reader, "meal.canteen_unit")["meal.canteen_unit"]).strip():
        return []
    today = clock.today(settings.zone(reader))
    this = clock.month_of(today)
    out = []
    for p in (clock.month_of(this.start - timedelta(days=1)), this):
        out += margin_findings(reader, month_figures(reader, p.start, p.end, p.label))
    return out
