from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Term(SQLModel, table=True):
    """A school term (学期) such as 2026-spring, with its first and last day."""

    __tablename__ = "term"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    name: str = Field(sa_column=Column(String(40), nullable=False, unique=True))
    start: date = Field(sa_column=Column(Date, nullable=False))
    end: date = Field(sa_column=Column(Date, nullable=False))


class Holiday(SQLModel, table=True):
    """A day entered by hand: a holiday (kind "off") or a make-up workday (调休, kind
    "workday"). For a year the chinese-calendar package covers, it overrides that day."""

    __tablename__ = "holiday"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    day: date = Field(sa_column=Column(Date, nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False))
    kind: str = Field(sa_column=Column(String(10), nullable=False))


class Task(SQLModel, table=True):
    """A recurring task (例行工作) such as RW-0001; its occurrences are computed from
    `spec`, never stored ahead."""

    __tablename__ = "task"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    title: str = Field(sa_column=Column(String(200), nullable=False))
    spec: str = Field(sa_column=Column(String(200), nullable=False))
    owner_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    rotate: str | None = Field(default=None, sa_column=Column(String(400)))  # person ids
    place_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("place.id")))
    unit_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    due_days: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    start: date = Field(sa_column=Column(Date, nullable=False))
    until: date | None = Field(default=None, sa_column=Column(Date))
    note: str | None = Field(default=None, sa_column=Column(Text))
    stopped_on: date | None = Field(default=None, sa_column=Column(Date))
    # the schedules it had before its --every was edited, oldest first, as JSON:
    # [{"spec": "monthly:1", "to": "2026-03-15"}, ...] (each applied up to its "to")
    earlier: str | None = Field(default=None, sa_column=Column(Text))


class TaskEvent(SQLModel, table=True):
    """A completion ("done") or a skip of one occurrence of a task, against its key."""

    __tablename__ = "task_event"
    __table_args__ = (UniqueConstraint("task_id", "key"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    task_id: int = Field(sa_column=Column(Integer, ForeignKey("task.id"), nullable=False))
    key: str = Field(sa_column=Column(String(40), nullable=False))
    kind: str = Field(sa_column=Column(String(10), nullable=False))
    due: date = Field(sa_column=Column(Date, nullable=False))
    day: date = Field(sa_column=Column(Date, nullable=False))
    by_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    late: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
