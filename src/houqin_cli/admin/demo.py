"""`houqin demo`: a realistic demo school in a new ledger.

Each group fills its own part (its demo.py, named in the manifest), in the
manifest's order, from one random sequence so the school is the same each time.
Every record goes through the services, so the demo is journalled like any
other write. This module's own part: the school's name."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import typer

from houqin_cli import domains
from houqin_cli.cli import say, state
from houqin_cli.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


demo_app = typer.Typer()

SCHOOL = "青山实验学校"


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    """The school's name."""
    from houqin_cli.core import settings

    settings.put(s, s.info["actor"], "school.name", SCHOOL)
    return {}


@demo_app.command("demo", help=_("Fill a new (or empty) ledger with a realistic demo school."))
def demo() -> None:
    from houqin_cli.admin import service
    from houqin_cli.core import tx
    from houqin_cli.core.errors import RuleError

    st = state()
    ledger = st.target()
    service.create(ledger, st.operator_name(), st.command_line(), {})
    ledger.require_current()
    with tx.write(ledger, st.operator_name(), st.command_line()) as s:
        if service.record_count(s):
            raise RuleError(
                _("{location} already holds records; the demo only fills an empty ledger.").format(
                    location=ledger.location
                )
            )
        rng = random.Random(2026)  # one sequence through every group: the same school each time
        counts: dict[str, int] = {}
        for fill_group in domains.demo_fillers():
            counts.update(fill_group(s, rng))
    say(
        _(
            "Demo school in {location}: {staff} staff, {classes} classes, "
            "{movements} stock movements, {receipts} receipts, {cards} asset cards."
        ).format(location=ledger.location, **counts)
    )
