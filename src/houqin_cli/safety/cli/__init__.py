"""`houqin safety`: the group, mounting its children (arrows parent -> child only)."""

import typer

from houqin_cli.core.i18n import _
from houqin_cli.safety.cli import hazard, inspections, plan, violation, watch

__all__ = ["safety_app"]

safety_app = typer.Typer(
    help=_(
        "Safety: recurring inspections with checklists, hazards closed by someone else's "
        "re-check, watched cracks, electricity violations and fines."
    ),
    no_args_is_help=True,
)
safety_app.add_typer(inspections.app)
safety_app.add_typer(plan.app, name="plan")
safety_app.add_typer(hazard.app, name="hazard")
safety_app.add_typer(watch.app, name="watch")
safety_app.add_typer(violation.app, name="violation")
