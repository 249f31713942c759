from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel


class StockItem(SQLModel, table=True):
    """A kind of goods in the storeroom, with its quantity and value on hand.

    Quantities are integer thousandths (milli), values integer fen; the moving
    weighted average is always value / quantity, never stored rounded."""

    __tablename__ = "stock_item"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, index=True))
    unit: str = Field(sa_column=Column(String(16), nullable=False))
    category: str | None = Field(default=None, sa_column=Column(String(50), index=True))
    durable: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    reorder_milli: int | None = Field(default=None, sa_column=Column(BigInteger))
    spec: str | None = Field(default=None, sa_column=Column(String(200)))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    qty_milli: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    value_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))


class StockMovement(SQLModel, table=True):
    """One line of the 材料明细账: a receipt, issue, return, reversal, gain or loss.

    `qty_delta` and `value_delta` are signed (in is positive), so a balance at
    any date is one SUM over the movements up to that date."""

    __tablename__ = "stock_movement"
    # covering: a balance at a date, or a month's opening, is a SUM read from the index alone
    __table_args__ = (
        Index("ix_stock_movement_item_date", "item_id", "date", "id", "qty_delta", "value_delta"),
    )

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    kind: str = Field(sa_column=Column(String(10), nullable=False))
    item_id: int = Field(sa_column=Column(Integer, ForeignKey("stock_item.id"), nullable=False))
    date: dt.date = Field(sa_column=Column(Date, nullable=False, index=True))
    qty_delta: int = Field(sa_column=Column(BigInteger, nullable=False))
    value_delta: int = Field(sa_column=Column(BigInteger, nullable=False))
    price_fen: int | None = Field(default=None, sa_column=Column(BigInteger))
    supplier: str | None = Field(default=None, sa_column=Column(String(100)))
    unit_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    person_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    by_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    old_returned_milli: int | None = Field(default=None, sa_column=Column(BigInteger))
    no_old_reason: str | None = Field(default=None, sa_column=Column(Text))
    approved_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )
    reverses_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("stock_movement.id"))
    )
    count_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("stock_count.id"))
    )
    note: str | None = Field(default=None, sa_column=Column(Text))
    operator: str = Field(sa_column=Column(String(200), nullable=False))
    recorded_at: str = Field(sa_column=Column(String(32), nullable=False))
    # a receipt of food: its expiry date (the canteen's 进货查验, #15)
    expires: dt.date | None = Field(default=None, sa_column=Column(Date))


class StockCount(SQLModel, table=True):
    """A stocktake (盘点) of the whole storeroom or of one category."""

    __tablename__ = "stock_count"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    category: str | None = Field(default=None, sa_column=Column(String(50)))
    status: str = Field(sa_column=Column(String(10), nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
    started_at: str = Field(sa_column=Column(String(32), nullable=False))
    closed_at: str | None = Field(default=None, sa_column=Column(String(32)))
    approved_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )


class StockCountLine(SQLModel, table=True):
    """What was counted of one item, and the book quantity at that moment."""

    __tablename__ = "stock_count_line"
    __table_args__ = (Index("ux_stock_count_line", "count_id", "item_id", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    count_id: int = Field(sa_column=Column(Integer, ForeignKey("stock_count.id"), nullable=False))
    item_id: int = Field(sa_column=Column(Integer, ForeignKey("stock_item.id"), nullable=False))
    counted_milli: int = Field(sa_column=Column(BigInteger, nullable=False))
    book_milli: int = Field(sa_column=Column(BigInteger, nullable=False))
    counted_at: str = Field(sa_column=Column(String(32), nullable=False))
    operator: str = Field(sa_column=Column(String(200), nullable=False))
