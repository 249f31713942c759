"""`houqin audit`: the group, mounting its children (arrows parent -> child only):
the journal's commands, then the money's (receipts, income, budgets, statements)."""

import typer

from houqin_cli.audit.cli import journal
from houqin_cli.audit.finance import cli as finance
from houqin_cli.core.i18n import _

audit_app = typer.Typer(
    help=_("The tamper-evident journal: verify, seal, log."), no_args_is_help=True
)
audit_app.add_typer(journal.app)
audit_app.add_typer(finance.app)
