from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlmodel import Field, SQLModel


class SafetyPlan(SQLModel, table=True):
    """A recurring safety inspection (安全检查计划) such as AJ-0001: its schedule (a
    core/recurrence.py spec), where (places, or place kinds), its checklist (JSON list)
    and who does it (an owner, or a rotation of person ids)."""

    __tablename__ = "safety_plan"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(200), nullable=False))
    spec: str = Field(sa_column=Column(String(200), nullable=False))
    places: str | None = Field(default=None, sa_column=Column(String(400)))  # place ids
    kind: str | None = Field(default=None, sa_column=Column(String(100)))  # place kinds
    checklist: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of items
    owner_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    rotate: str | None = Field(default=None, sa_column=Column(String(400)))  # person ids
    start: dt.date = Field(sa_column=Column(Date, nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
    stopped_on: dt.date | None = Field(default=None, sa_column=Column(Date))


class SafetyRecord(SQLModel, table=True):
    """An inspection done (AQ-2026-0001), against one occurrence of its plan (`key`,
    `due`), item by item: `results` is a JSON list of {item, result ok|problem, text,
    hazard}."""

    __tablename__ = "safety_record"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("safety_plan.id"), nullable=False, index=True)
    )
    key: str = Field(sa_column=Column(String(40), nullable=False))
    due: dt.date = Field(sa_column=Column(Date, nullable=False))
    date: dt.date = Field(sa_column=Column(Date, nullable=False, index=True))
    by_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    place_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("place.id")))
    results: str = Field(sa_column=Column(Text, nullable=False))
    problems: int = Field(default=0, sa_column=Column(Integer, nullable=False))


class Hazard(SQLModel, table=True):
    """A hazard (隐患) YH-2026-0001: open until fixed, fixed until someone other than the
    fixer re-checks it; only a passing re-check closes it."""

    __tablename__ = "hazard"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    place_id: int = Field(sa_column=Column(Integer, ForeignKey("place.id"), nullable=False))
    what: str = Field(sa_column=Column(Text, nullable=False))
    level: str = Field(sa_column=Column(String(10), nullable=False))
    owner_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    deadline: dt.date = Field(sa_column=Column(Date, nullable=False))
    found_on: dt.date = Field(sa_column=Column(Date, nullable=False, index=True))
    status: str = Field(sa_column=Column(String(10), nullable=False, index=True))
    record_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("safety_record.id"))
    )
    fixed_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )
    fixed_on: dt.date | None = Field(default=None, sa_column=Column(Date))
    fix_note: str | None = Field(default=None, sa_column=Column(Text))
    closed_on: dt.date | None = Field(default=None, sa_column=Column(Date))
    # a linked repair order (WX-…), once the repair group is wired in
    repair_code: str | None = Field(default=None, sa_column=Column(String(32)))


class HazardRecheck(SQLModel, table=True):
    """A re-check of a fixed hazard: pass closes it, fail sends it back with a new
    deadline."""

    __tablename__ = "hazard_recheck"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    hazard_id: int = Field(
        sa_column=Column(Integer, ForeignKey("hazard.id"), nullable=False, index=True)
    )
    day: dt.date = Field(sa_column=Column(Date, nullable=False))
    by_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    passed: bool = Field(sa_column=Column(Boolean, nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
    new_deadline: dt.date | None = Field(default=None, sa_column=Column(Date))


class Watch(SQLModel, table=True):
    """A measurement that must not grow, such as a crack gauge (裂缝观测): growth beyond
    `alert_milli` (thousandths of the unit) is a finding."""

    __tablename__ = "watch"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, unique=True))
    place_id: int = Field(sa_column=Column(Integer, ForeignKey("place.id"), nullable=False))
    unit: str = Field(sa_column=Column(String(20), nullable=False))
    alert_milli: int = Field(sa_column=Column(BigInteger, nullable=False))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))


class WatchReading(SQLModel, table=True):
    """One reading of a watch (its value in thousandths of the unit)."""

    __tablename__ = "watch_reading"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    watch_id: int = Field(
        sa_column=Column(Integer, ForeignKey("watch.id"), nullable=False, index=True)
    )
    day: dt.date = Field(sa_column=Column(Date, nullable=False))
    value_milli: int = Field(sa_column=Column(BigInteger, nullable=False))
    by_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    hazard_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("hazard.id")))


class Violation(SQLModel, table=True):
    """An electricity violation (违规用电) WG-2026-0001, with the fine the unit or person
    owes (fen) and what has been paid of it (each payment an income SR-… of the audit
    group, their codes in `incomes`)."""

    __tablename__ = "violation"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    day: dt.date = Field(sa_column=Column(Date, nullable=False, index=True))
    place_id: int = Field(sa_column=Column(Integer, ForeignKey("place.id"), nullable=False))
    what: str = Field(sa_column=Column(Text, nullable=False))
    inspector_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    unit_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    person_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    fine_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    paid_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    incomes: str | None = Field(default=None, sa_column=Column(Text))
