from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel


class Receipt(SQLModel, table=True):
    """A purchase receipt (报销凭证), valid only with three signatures; or the
    reversal of one (`reverses_id`), with the opposite amount."""

    __tablename__ = "receipt"
    __table_args__ = (Index("ix_receipt_supplier_invoice", "supplier", "invoice"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    date: dt.date = Field(sa_column=Column(Date, nullable=False, index=True))
    supplier: str = Field(sa_column=Column(String(100), nullable=False))
    invoice: str = Field(sa_column=Column(String(64), nullable=False))
    invoice_date: dt.date = Field(sa_column=Column(Date, nullable=False))
    amount_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    category: str = Field(sa_column=Column(String(20), nullable=False))
    handler_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    acceptor_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    reviewer_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    service: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    reverses_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("receipt.id"))
    )
    note: str | None = Field(default=None, sa_column=Column(Text))
    operator: str = Field(sa_column=Column(String(200), nullable=False))
    recorded_at: str = Field(sa_column=Column(String(32), nullable=False))


class ReceiptApproval(SQLModel, table=True):
    """An approver's signature on a receipt above the approval threshold."""

    __tablename__ = "receipt_approval"
    __table_args__ = (Index("ux_receipt_approval", "receipt_id", "person_id", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    receipt_id: int = Field(sa_column=Column(Integer, ForeignKey("receipt.id"), nullable=False))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))


class ReceiptLink(SQLModel, table=True):
    """What the acceptor certified came in: a stock receipt (RK-) or an asset card (ZC-)."""

    __tablename__ = "receipt_link"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    receipt_id: int = Field(
        sa_column=Column(Integer, ForeignKey("receipt.id"), nullable=False, index=True)
    )
    kind: str = Field(sa_column=Column(String(10), nullable=False))
    ref_code: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    amount_fen: int = Field(sa_column=Column(BigInteger, nullable=False))


class Income(SQLModel, table=True):
    """Money in: allocations from the central office, canteen fees, …; or the reversal
    of one (`reverses_id`), with the opposite amount."""

    __tablename__ = "income"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    date: dt.date = Field(sa_column=Column(Date, nullable=False, index=True))
    source: str = Field(sa_column=Column(String(100), nullable=False))
    amount_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    category: str | None = Field(default=None, sa_column=Column(String(50)))
    reverses_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("income.id"))
    )
    note: str | None = Field(default=None, sa_column=Column(Text))
    operator: str = Field(sa_column=Column(String(200), nullable=False))
    recorded_at: str = Field(sa_column=Column(String(32), nullable=False))


class Budget(SQLModel, table=True):
    """The month's budget for one receipt category."""

    __tablename__ = "budget"
    __table_args__ = (Index("ux_budget", "month", "category", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(40), nullable=False, unique=True))
    month: str = Field(sa_column=Column(String(7), nullable=False))
    category: str = Field(sa_column=Column(String(20), nullable=False))
    amount_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    set_by: str = Field(sa_column=Column(String(200), nullable=False))
    set_at: str = Field(sa_column=Column(String(32), nullable=False))
