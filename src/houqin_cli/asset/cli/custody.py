"""What becomes of a card in use: `houqin asset lend | iou | return | overdue`, `asset
damage | compensate | damages`, and `asset scrap` (request, appraisal, approval)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from houqin_cli.asset.cli.args import AssetArg, CausedBy, made
from houqin_cli.cli import Code, Done, Note, Pieces, complete, day, report, write
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Report

app = typer.Typer()  # loans and damage


@write(app, "lend", help=_("Lend against an IOU (借条)."))
def lend(
    s: Session,
    asset: AssetArg,
    to: str = typer.Option(..., "--to", help=_("The borrower."), shell_complete=complete.PERSON),
    due: str = typer.Option(..., "--due", help=_("When it must be back.")),
    qty: Pieces = None,
    note: Note = None,
) -> Done:
    from houqin_cli.asset import custody

    loan = custody.lend(s, s.info["actor"], asset, to, day(s, due, future=True), qty, note)
    return made(
        _("Lent: {code}; print the IOU with `houqin asset iou {code} -o iou.pdf`."), loan.code
    )


@report(app, "iou", help=_("Print the IOU (借条) to sign."))
def iou(
    s: Session,
    loan: str = typer.Argument(
        ..., help=_("The loan's code, such as JC-2026-0001."), shell_complete=complete.RECORD
    ),
) -> Report:
    from houqin_cli.asset import forms

    return forms.iou(s, loan)


@write(app, "return", help=_("Take a lent asset back; a damaged return opens a damage record."))
def give_back(
    s: Session,
    asset: str = typer.Argument(
        ..., help=_("The asset or the loan (JC-…)."), shell_complete=complete.LENT
    ),
    condition: str = typer.Option(
        "ok", "--condition", help=_("ok or damaged."), shell_complete=complete.labels("condition")
    ),
    note: Note = None,
) -> Done:
    from houqin_cli.asset import custody

    loan, damage = custody.give_back(s, s.info["actor"], asset, condition, note)
    recorded = " " + _("Damage recorded: {code}.").format(code=damage.code) if damage else ""
    return Done(_("Returned {code}.").format(code=loan.code) + recorded)


@report(app, "overdue", help=_("Loans past due (exit 1 if any)."), session="reader")
def overdue(r: Reader) -> Report:
    from houqin_cli.asset import listings

    return listings.overdue(r)


@write(
    app,
    "damage",
    help=_("Record damage: human cause owes compensation, natural cause goes to repair."),
)
def damage(
    s: Session,
    asset: AssetArg,
    cause: str = typer.Option(
        ..., "--cause", help=_("human or natural."), shell_complete=complete.labels("damage_cause")
    ),
    by: CausedBy = None,
    qty: Pieces = None,
    amount: str | None = typer.Option(
        None, "--amount", help=_("Compensation due (default: the net book value).")
    ),
    note: Note = None,
) -> Done:
    from houqin_cli.asset import damages

    d = damages.damage(s, s.info["actor"], asset, cause, by, qty, amount, note)
    repair = damages.repair_of(s, d)
    if repair is not None:
        return Done(
            _("Damage recorded: {code}; repair order {repair} opened.").format(
                code=d.code, repair=repair
            ),
            d.code,
        )
    return made(_("Damage recorded: {code}."), d.code)


@write(app, "compensate", help=_("Record a compensation payment, in part or in full."))
def compensate(
    s: Session,
    damage_code: str = typer.Argument(
        ..., help=_("The damage record, such as SH-2026-0001."), shell_complete=complete.RECORD
    ),
    amount: str = typer.Option(..., "--amount", help=_("The amount paid.")),
    date: str | None = typer.Option(
        None, "--date", help=_("The day it was paid (default: today).")
    ),
) -> Done:
    from houqin_cli.asset import damages
    from houqin_cli.core import money

    d, income = damages.compensate(s, s.info["actor"], damage_code, amount, day(s, date))
    owed = money.format_money(d.due_fen - d.paid_fen)
    return Done(
        _("{code}: paid; {owed} still owed; recorded as income {income}.").format(
            code=d.code, owed=owed, income=income
        ),
        income,
    )


@report(app, "damages", help=_("Damage records with what is still owed."), session="reader")
def damages(
    r: Reader,
    open_: bool = typer.Option(False, "--open", help=_("Only those with compensation still owed.")),
) -> Report:
    from houqin_cli.asset import listings

    return listings.damages(r, open_)


# -- scrapping ------------------------------------------------------------------

scrap_app = typer.Typer(
    help=_("Scrapping: request, appraisal by 总务处, approval."), no_args_is_help=True
)


@report(scrap_app, "list", help=_("The scrapping requests."), session="reader")
def scrap_list(
    s: Reader,
    status: str | None = typer.Option(
        None,
        "--status",
        help=_("requested, appraised or approved."),
        shell_complete=complete.labels("scrap_status"),
    ),
) -> Report:
    from houqin_cli.asset import scrap_reads

    return scrap_reads.scrap_list(s, status)


@report(
    scrap_app, "show", help=_("A scrapping request and its form (报废申请表)."), session="reader"
)
def scrap_show(s: Reader, code: Code) -> Report:
    from houqin_cli.asset import scrap_reads

    return scrap_reads.scrap_show(s, code)


@write(scrap_app, "request", help=_("Ask to scrap an asset."))
def scrap_request(
    s: Session,
    asset: AssetArg,
    qty: Pieces = None,
    reason: str = typer.Option(..., "--reason", help=_("Why.")),
    by: str | None = typer.Option(
        None,
        "--by",
        help=_("Who asks (default: the operator, if registered)."),
        shell_complete=complete.PERSON,
    ),
) -> Done:
    from houqin_cli.asset import scrap

    sc = scrap.scrap_request(s, s.info["actor"], asset, qty, reason, by)
    return made(
        _("Scrapping requested: {code}; next `houqin asset scrap appraise {code}`."), sc.code
    )


@write(scrap_app, "appraise", help=_("The 总务处's appraisal of a scrapping request."))
def appraise(
    s: Session,
    code: Code,
    by: str = typer.Option(..., "--by", help=_("The appraiser."), shell_complete=complete.PERSON),
    opinion: str = typer.Option(..., "--opinion", help=_("The appraisal's opinion.")),
) -> Done:
    from houqin_cli.asset import scrap

    sc = scrap.appraise(s, s.info["actor"], code, by, opinion)
    return Done(_("Appraised {code}.").format(code=sc.code))


@write(
    scrap_app, "approve", help=_("Approve scrapping: the card leaves the books, its history stays.")
)
def approve(
    s: Session,
    code: Code,
    by: str = typer.Option(..., "--by", help=_("The approver."), shell_complete=complete.PERSON),
) -> Done:
    from houqin_cli.asset import scrap

    sc = scrap.approve(s, s.info["actor"], code, by)
    return Done(
        _("Scrapped: {code}.").format(code=sc.code)
        if sc.status == "approved"
        else _("{code} approved once; a second approver is needed.").format(code=sc.code)
    )
