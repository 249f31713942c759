"""TAB completion of people, units and places by name or code (typer keeps only
values that begin with what was typed, so a match by code offers the code)."""

from __future__ import annotations

import typer


def _complete(ctx: typer.Context, model_path: str, incomplete: str) -> list[tuple[str, str]]:
    """Names (or codes) of people, units or places that begin with what was typed."""
    try:
        import importlib
        import os

        from sqlalchemy import or_, select

        from houqin_cli.core.db import Ledger

        db = ctx.find_root().params.get("db") or os.environ.get("HOUQIN_DB")
        ledger = Ledger.from_option(db)
        ledger.require_current()
        module, name = model_path.rsplit(".", 1)
        model = getattr(importlib.import_module(module), name)
        with ledger.read() as session:
            rows = session.execute(
                select(model.name, model.code)
                .where(or_(model.name.like(f"{incomplete}%"), model.code.like(f"{incomplete}%")))
                .order_by(model.name)
                .limit(50)
            ).all()
        ledger.dispose()
        # typer keeps only values that start with what was typed: a name, or else a code
        return [
            (str(n), str(c)) if str(n).startswith(incomplete) else (str(c), str(n)) for n, c in rows
        ]
    except Exception:
        return []


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "houqin_cli.people.models.Person", incomplete)


def complete_unit(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "houqin_cli.people.models.Unit", incomplete)


def complete_place(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "houqin_cli.people.models.Place", incomplete)
