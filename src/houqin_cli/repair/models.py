from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel


def _ref(table: str) -> Any:
    return Field(default=None, sa_column=Column(Integer, ForeignKey(f"{table}.id")))


class RepairOrder(SQLModel, table=True):
    """A repair order (报修单) WX-2026-0001: requested, assigned, done, accepted by its
    requester (or cancelled). Times are ISO UTC; money in fen."""

    __tablename__ = "repair_order"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    what: str = Field(sa_column=Column(String(200), nullable=False))
    place_id: int | None = _ref("place")
    requester_id: int | None = _ref("person")
    unit_id: int | None = _ref("unit")  # the requester's unit when it was asked for
    asset_id: int | None = _ref("asset")
    damage_id: int | None = _ref("asset_damage")  # the natural damage that opened it
    urgency: str = Field(sa_column=Column(String(10), nullable=False))
    for_holiday: str | None = Field(default=None, sa_column=Column(String(8)))
    status: str = Field(sa_column=Column(String(10), nullable=False, index=True))
    assignee_id: int | None = _ref("person")
    requested_at: str = Field(sa_column=Column(String(32), nullable=False))
    due_at: str | None = Field(default=None, sa_column=Column(String(32)))
    done_at: str | None = Field(default=None, sa_column=Column(String(32)))
    closed_at: str | None = Field(default=None, sa_column=Column(String(32)))
    estimate_fen: int | None = Field(default=None, sa_column=Column(BigInteger))
    rating: int | None = Field(default=None, sa_column=Column(Integer))
    note: str | None = Field(default=None, sa_column=Column(Text))


class RepairEvent(SQLModel, table=True):
    """One step of an order's life, with who and when: requested, assigned, part (a
    stock issue), cost (outside work), done, accepted, rejected, cancelled."""

    __tablename__ = "repair_event"
    __table_args__ = (Index("ix_repair_event_order", "order_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    order_id: int = Field(sa_column=Column(Integer, ForeignKey("repair_order.id"), nullable=False))
    step: str = Field(sa_column=Column(String(10), nullable=False))
    at: str = Field(sa_column=Column(String(32), nullable=False))
    by_id: int | None = _ref("person")
    movement_id: int | None = _ref("stock_movement")
    amount_fen: int | None = Field(default=None, sa_column=Column(BigInteger))
    receipt_code: str | None = Field(default=None, sa_column=Column(String(32)))
    note: str | None = Field(default=None, sa_column=Column(Text))
    operator: str = Field(sa_column=Column(String(200), nullable=False))
