"""`houqin meal serve` and the other records of a meal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.cli import Done, DryRun, Month, complete, day, report, write
from houqin_cli.core.i18n import _
from houqin_cli.meal.cli.args import By, Date, Meal

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()
staff_app = typer.Typer(help=_("The canteen's staff."), no_args_is_help=True)
records_app = typer.Typer(
    help=_("Keeping and purging the canteen's records."), no_args_is_help=True
)


@write(app, "serve", help=_("Record how many ate a meal (by class where known)."))
def serve(
    s: Session,
    on: str = typer.Argument(..., metavar="DATE", help=_("The day.")),
    meal: Meal = "lunch",
    count: int = typer.Option(..., "--count", help=_("How many students ate.")),
    unit: str | None = typer.Option(
        None, "--unit", help=_("The class, when counted by class."), shell_complete=complete.UNIT
    ),
    staff: int = typer.Option(0, "--staff", help=_("How many staff ate.")),
    dishes: str | None = typer.Option(
        None, "--dishes", help=_("What was served, comma-separated, when no menu was entered.")
    ),
    cook: str | None = typer.Option(
        None, "--cook", help=_("The cook on duty."), shell_complete=complete.PERSON
    ),
) -> Done:
    from houqin_cli.core import labels
    from houqin_cli.meal import service, vocab

    which = vocab.meal(meal)
    named = [
        t for t in (dishes or "").replace("，", ",").replace("、", ",").split(",") if t.strip()
    ]
    row = service.serve(
        s, day(s, on), which, count, unit=unit, staff=staff, dishes=named, cook=cook
    )
    shown = labels.label("meal", which)
    return Done(_("Recorded {meal} on {day}: {n} served ({code}).").format(
        meal=shown, day=row.day, n=row.count, code=row.code), row.code)  # fmt: skip


@write(app, "disinfect", help=_("Record a tableware disinfection run; prints its code (XD-…)."))
def disinfect(
    s: Session,
    on: Date = None,
    meal: Meal = "lunch",
    method: str = typer.Option(
        ..., "--method", metavar="steam|boil|infrared|dishwasher|chlorine", help=_("The method.")
    ),
    temp: int | None = typer.Option(None, "--temp", help=_("The temperature reached (℃).")),
    minutes: int | None = typer.Option(None, "--minutes", help=_("How long, in minutes.")),
    seconds: int | None = typer.Option(None, "--seconds", help=_("How long, in seconds.")),
    ppm: int | None = typer.Option(None, "--ppm", help=_("Chlorine: the concentration (mg/L).")),
    by: By = "",
    failed: bool = typer.Option(False, "--failed", help=_("Record a run that failed.")),
) -> Done:
    from houqin_cli.meal import hygiene, vocab

    row = hygiene.disinfect(
        s, day=day(s, on), meal=vocab.meal(meal), method_text=method, temp=temp,
        minutes=minutes, seconds=seconds, ppm=ppm, by=by, failed=failed,
    )  # fmt: skip
    return Done(_("Recorded disinfection {code}.").format(code=row.code), row.code)


@write(app, "duty", help=_("Record the duty teacher at a meal (学生用餐时间安排值班教师)."))
def duty(
    s: Session,
    on: Date = None,
    meal: Meal = "lunch",
    teacher: str = typer.Option(
        ..., "--teacher", help=_("The duty teacher."), shell_complete=complete.PERSON
    ),
) -> Done:
    from houqin_cli.core import labels
    from houqin_cli.meal import staff, vocab

    which, when = vocab.meal(meal), day(s, on, future=True)
    staff.duty(s, when, which, teacher)
    shown = labels.label("meal", which)
    return Done(_("Duty teacher for {day} {meal} recorded.").format(day=when, meal=shown))


@write(
    app,
    "inspect",
    help=_("Record the purchase inspection (进货查验) of a food receipt, by two people."),
)
def inspect_(
    s: Session,
    receipt: str = typer.Argument(..., help=_("The storeroom receipt, such as RK-2026-0001.")),
    by: list[str] = typer.Option(..., "--by", help=_("An inspector (twice: two people).")),
    batch: str | None = typer.Option(None, "--batch", help=_("The batch number.")),
    produced: str | None = typer.Option(None, "--produced", help=_("The production date.")),
    expires: str | None = typer.Option(None, "--expires", help=_("The expiry date.")),
    licence: str | None = typer.Option(
        None, "--supplier-licence", help=_("The supplier's licence number.")
    ),
    reject: list[str] = typer.Option([], "--reject", help=_("ITEM=reason, for what was refused.")),
) -> Done:
    from houqin_cli.core import clock, settings
    from houqin_cli.meal import inspect

    tz = settings.timezone(s)
    row = inspect.inspect(
        s, receipt, by, batch=batch,
        produced=clock.parse_date(produced, tz) if produced else None,
        expires=clock.parse_date(expires, tz) if expires else None,
        licence=licence, rejects=reject, today=day(s, None),
    )  # fmt: skip
    return Done(_("Recorded inspection {code}.").format(code=row.code), row.code)


@report(app, "expiring", help=_("Food on hand expiring within --days (or expired)."),
        session="reader")  # fmt: skip
def expiring(
    s: Reader, days: int = typer.Option(3, "--days", help=_("Within this many days."))
) -> Report:
    from houqin_cli.meal import views

    return views.expiring_report(s, days)


@report(app, "cost", help=_("Food cost, servings, cost per serving, fee income and margin."),
        session="reader")  # fmt: skip
def cost_(
    s: Reader,
    month: Month = None,
    by: str | None = typer.Option(None, "--by", metavar="day|meal|unit", help=_("Split by.")),
) -> Report:
    from houqin_cli.meal import cost

    return cost.cost_report(s, month, by)


@report(
    app,
    "report",
    help=_("The canteen's monthly food-safety record: samples, disinfection, 陪餐, inspections, "
           "certificates, cost (exit 1 on findings)."),
    quiet=True,
    session="reader",
)  # fmt: skip
def report_(s: Reader, month: Month = None) -> Report:
    from houqin_cli.meal import monthly

    return monthly.report(s, month)


@write(staff_app, "add", help=_("Add a person to the canteen's staff: cook, helper or buyer."))
def staff_add(
    s: Session,
    person: str = typer.Argument(..., help=_("The person."), shell_complete=complete.PERSON),
    role: str = typer.Option(..., "--role", metavar="cook|helper|buyer", help=_("Their role.")),
) -> Done:
    from houqin_cli.meal import staff

    staff.add(s, person, role)
    return Done(_("{person} is canteen staff ({role}).").format(person=person, role=role))


@report(staff_app, "list", help=_("The canteen's staff and their health certificates."),
        session="reader")  # fmt: skip
def staff_list(s: Reader) -> Report:
    from houqin_cli.meal import views

    return views.staff_report(s)


@report(records_app, "purge", help=_("Inspection records past their retention (--dry-run lists them)."),
        session=None)  # fmt: skip
def records_purge(dry_run: DryRun = False) -> Report:
    from houqin_cli.cli import state
    from houqin_cli.meal import views

    return views.purge(state(), dry_run)
