"""`houqin meal accompany …` (陪餐) and `meal accompany answer CODE`."""

from __future__ import annotations

import typer

from houqin_cli.cli import complete
from houqin_cli.core.i18n import _
from houqin_cli.meal.cli.args import Date

app = typer.Typer(
    help=_("陪餐: a school leader (or a parent) eats with the students and records it."),
    invoke_without_command=True,
)


@app.callback()
def accompany(
    ctx: typer.Context,
    on: Date = None,
    meal: str | None = typer.Option(
        None, "--meal", metavar="breakfast|lunch|dinner", help=_("The meal.")
    ),
    by: str | None = typer.Option(
        None, "--by", help=_("The school leader."), shell_complete=complete.PERSON
    ),
    parent: str | None = typer.Option(None, "--parent", help=_("A parent's name (家长陪餐).")),
    rating: int | None = typer.Option(None, "--rating", help=_("1 to 5.")),
    note: str | None = typer.Option(None, "--note", help=_("A note.")),
    problem: str | None = typer.Option(
        None, "--problem", help=_("A problem noted: it must be answered.")
    ),
) -> None:
    """Record a 陪餐; prints its code (PC-2026-0001)."""
    if ctx.invoked_subcommand is not None:
        return
    from houqin_cli.cli import created, day, state
    from houqin_cli.core.errors import InputError
    from houqin_cli.meal import hygiene, vocab

    if meal is None:
        raise InputError(_("Give --meal breakfast|lunch|dinner."))
    with state().write() as s:
        row = hygiene.accompany(
            s, day=day(s, on), meal=vocab.meal(meal), by=by, parent=parent, rating=rating,
            note=note, problem=problem,
        )  # fmt: skip
        code = row.code
    created(code, _("Recorded 陪餐 {code}.").format(code=code))


@app.command("answer", help=_("Answer the problem a 陪餐 record noted."))
def answer(
    code: str = typer.Argument(..., help=_("The 陪餐 record, such as PC-2026-0001.")),
    by: str = typer.Option(..., "--by", help=_("Who answers."), shell_complete=complete.PERSON),
    text: str = typer.Option(..., "--answer", help=_("What was done about it.")),
    on: Date = None,
) -> None:
    from houqin_cli.cli import day, say, state
    from houqin_cli.meal import hygiene

    with state().write() as s:
        row = hygiene.answer(s, code, by, text, day(s, on))
        done = row.code
    say(_("Answered {code}.").format(code=done))
