"""`houqin asset scrap`: request, appraisal, approval."""

from __future__ import annotations

import typer

from houqin_cli.asset.cli.args import AssetArg
from houqin_cli.cli import Code, Pieces, created, say, state
from houqin_cli.core.i18n import _

app = typer.Typer(
    help=_("Scrapping: request, appraisal by 总务处, approval."), no_args_is_help=True
)


@app.command("request", help=_("Ask to scrap an asset."))
def scrap_request(
    asset: str = AssetArg,
    qty: Pieces = None,
    reason: str = typer.Option(..., "--reason", help=_("Why.")),
    by: str | None = typer.Option(
        None, "--by", help=_("Who asks (default: the operator, if registered).")
    ),
) -> None:
    from houqin_cli.asset import scrap

    with state().write() as s:
        sc = scrap.scrap_request(s, s.info["actor"], asset, qty, reason, by)
        code = sc.code
    created(
        code,
        _("Scrapping requested: {code}; next `houqin asset scrap appraise {code}`.").format(
            code=code
        ),
    )


@app.command("appraise", help=_("The 总务处's appraisal of a scrapping request."))
def appraise(
    code: Code,
    by: str = typer.Option(..., "--by", help=_("The appraiser.")),
    opinion: str = typer.Option(..., "--opinion", help=_("The appraisal's opinion.")),
) -> None:
    from houqin_cli.asset import scrap

    with state().write() as s:
        sc = scrap.appraise(s, s.info["actor"], code, by, opinion)
        c = sc.code
    say(_("Appraised {code}.").format(code=c))


@app.command("approve", help=_("Approve scrapping: the card leaves the books, its history stays."))
def approve(code: Code, by: str = typer.Option(..., "--by", help=_("The approver."))) -> None:
    from houqin_cli.asset import scrap

    with state().write() as s:
        sc = scrap.approve(s, s.info["actor"], code, by)
        c, status = sc.code, sc.status
    say(
        _("Scrapped: {code}.").format(code=c)
        if status == "approved"
        else _("{code} approved once; a second approver is needed.").format(code=c)
    )
