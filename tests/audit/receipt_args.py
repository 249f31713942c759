"""What the money's tests share: the arguments of `audit receipt add`, and the
journal payload an action wrote."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from conftest import raw


def payload(db: str, action: str) -> Any:
    """The payload the journal's (first) entry for `action` holds, read from the database."""
    with raw(db) as con:
        text = con.execute(
            sa.text("SELECT payload FROM journal WHERE action = :action"), {"action": action}
        ).scalar()
    return json.loads(text)


def receipt(
    *extra: str,
    supplier: str = "修缮公司",
    invoice: str = "INV-1",
    invoice_date: str = "2026-03-01",
    amount: str = "100",
    category: str = "repair",
    handler: str = "张三",
    acceptor: str = "李四",
    reviewer: str = "王五",
    service: bool = True,
) -> list[str]:
    """The arguments of `audit receipt add`; a service unless told otherwise."""
    args = [
        "audit",
        "receipt",
        "add",
        "--supplier",
        supplier,
        "--invoice",
        invoice,
        "--invoice-date",
        invoice_date,
        "--amount",
        amount,
        "--category",
        category,
        "--handler",
        handler,
        "--acceptor",
        acceptor,
        "--reviewer",
        reviewer,
        *extra,
    ]
    if service:
        args.append("--service")
    return args
