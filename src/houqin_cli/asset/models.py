from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel


def _id() -> Any:
    return Field(default=None, sa_column=Column(Integer, primary_key=True))


def _ref(table: str, nullable: bool = True) -> Any:
    return Field(
        default=None, sa_column=Column(Integer, ForeignKey(f"{table}.id"), nullable=nullable)
    )


def _text(n: int | None = None, nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(String(n) if n else Text, nullable=nullable))


class Asset(SQLModel, table=True):
    """An asset card (资产卡片); a batch card holds several identical pieces.

    `value_fen` is the card's whole original value; a piece is worth value / qty."""

    __tablename__ = "asset"

    id: int | None = _id()
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, index=True))
    category: str = Field(sa_column=Column(String(8), nullable=False, index=True))
    qty: int = Field(sa_column=Column(Integer, nullable=False))
    unit: str = Field(sa_column=Column(String(16), nullable=False))
    value_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    acquired: dt.date = Field(sa_column=Column(Date, nullable=False))
    place_id: int | None = _ref("place")
    custodian_person_id: int | None = _ref("person")
    custodian_unit_id: int | None = _ref("unit")
    funding: str | None = _text(50)
    invoice: str | None = _text(64)
    spec: str | None = _text(200)
    life_years: int | None = Field(default=None, sa_column=Column(Integer))
    status: str = Field(sa_column=Column(String(12), nullable=False, index=True))
    origin_id: int | None = _ref("asset")
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))


class AssetEvent(SQLModel, table=True):
    """One line of a card's life: added, moved, lent, returned, inspected, damaged,
    compensated, appraised, scrapped, counted — with its date and people."""

    __tablename__ = "asset_event"
    __table_args__ = (Index("ix_asset_event_asset", "asset_id", "id"),)

    id: int | None = _id()
    asset_id: int = Field(sa_column=Column(Integer, ForeignKey("asset.id"), nullable=False))
    date: dt.date = Field(sa_column=Column(Date, nullable=False))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    ref_code: str | None = _text(32)
    detail: str | None = _text()
    operator: str = Field(sa_column=Column(String(200), nullable=False))


class Loan(SQLModel, table=True):
    """A loan against an IOU (借条)."""

    __tablename__ = "asset_loan"

    id: int | None = _id()
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    asset_id: int = Field(
        sa_column=Column(Integer, ForeignKey("asset.id"), nullable=False, index=True)
    )
    qty: int = Field(sa_column=Column(Integer, nullable=False))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    lent_on: dt.date = Field(sa_column=Column(Date, nullable=False))
    due: dt.date = Field(sa_column=Column(Date, nullable=False))
    returned_on: dt.date | None = Field(default=None, sa_column=Column(Date))
    condition: str | None = _text(10)
    note: str | None = _text()


class Inspection(SQLModel, table=True):
    """A class's mid- or end-of-term inspection, or an office's once a term (XJ-)."""

    __tablename__ = "asset_inspection"

    id: int | None = _id()
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    kind: str = Field(sa_column=Column(String(6), nullable=False))
    term_id: int = Field(sa_column=Column(Integer, ForeignKey("term.id"), nullable=False))
    unit_id: int | None = _ref("unit")
    place_id: int | None = _ref("place")
    status: str = Field(sa_column=Column(String(8), nullable=False))
    started_on: dt.date = Field(sa_column=Column(Date, nullable=False))
    closed_on: dt.date | None = Field(default=None, sa_column=Column(Date))


class InspectionLine(SQLModel, table=True):
    __tablename__ = "asset_inspection_line"
    __table_args__ = (Index("ux_asset_inspection_line", "inspection_id", "asset_id", unique=True),)

    id: int | None = _id()
    inspection_id: int = Field(
        sa_column=Column(Integer, ForeignKey("asset_inspection.id"), nullable=False)
    )
    asset_id: int = Field(sa_column=Column(Integer, ForeignKey("asset.id"), nullable=False))
    status: str = Field(sa_column=Column(String(8), nullable=False))
    cause: str | None = _text(8)
    qty: int = Field(sa_column=Column(Integer, nullable=False))
    damage_id: int | None = _ref("asset_damage")
    note: str | None = _text()


class Damage(SQLModel, table=True):
    """Damage (SH-): human cause sets a compensation due; natural cause goes to repair."""

    __tablename__ = "asset_damage"

    id: int | None = _id()
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    asset_id: int = Field(
        sa_column=Column(Integer, ForeignKey("asset.id"), nullable=False, index=True)
    )
    date: dt.date = Field(sa_column=Column(Date, nullable=False))
    cause: str = Field(sa_column=Column(String(8), nullable=False))
    qty: int = Field(sa_column=Column(Integer, nullable=False))
    by_person_id: int | None = _ref("person")
    by_unit_id: int | None = _ref("unit")
    due_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    paid_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    source: str | None = _text(32)
    note: str | None = _text()


class Scrap(SQLModel, table=True):
    """A scrapping (BF-): requested, appraised by 总务处, approved."""

    __tablename__ = "asset_scrap"

    id: int | None = _id()
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    asset_id: int = Field(
        sa_column=Column(Integer, ForeignKey("asset.id"), nullable=False, index=True)
    )
    qty: int = Field(sa_column=Column(Integer, nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    requested_by_id: int | None = _ref("person")
    requested_on: dt.date = Field(sa_column=Column(Date, nullable=False))
    appraiser_id: int | None = _ref("person")
    opinion: str | None = _text()
    appraised_on: dt.date | None = Field(default=None, sa_column=Column(Date))
    approver_ids: str = Field(default="", sa_column=Column(String(64), nullable=False))
    status: str = Field(sa_column=Column(String(10), nullable=False))


class AssetCount(SQLModel, table=True):
    """The count (资产清查) of a place, a unit or everything (QC-)."""

    __tablename__ = "asset_count"

    id: int | None = _id()
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    unit_id: int | None = _ref("unit")
    place_id: int | None = _ref("place")
    status: str = Field(sa_column=Column(String(8), nullable=False))
    started_on: dt.date = Field(sa_column=Column(Date, nullable=False))
    closed_on: dt.date | None = Field(default=None, sa_column=Column(Date))
    approved_by_id: int | None = _ref("person")


class AssetCountLine(SQLModel, table=True):
    __tablename__ = "asset_count_line"
    __table_args__ = (Index("ux_asset_count_line", "count_id", "asset_id", unique=True),)

    id: int | None = _id()
    count_id: int = Field(sa_column=Column(Integer, ForeignKey("asset_count.id"), nullable=False))
    asset_id: int = Field(sa_column=Column(Integer, ForeignKey("asset.id"), nullable=False))
    result: str = Field(sa_column=Column(String(12), nullable=False))
    place_id: int | None = _ref("place")
