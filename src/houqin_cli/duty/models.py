from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class DutyPost(SQLModel, table=True):
    """A duty post (门卫白班, 夜间巡逻, 教师值周): its shift and whom it draws from on school
    days (`pool`) and on holidays and outside terms (`holiday_pool`)."""

    __tablename__ = "duty_post"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, unique=True))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))
    kind: str = Field(sa_column=Column(String(10), nullable=False))
    start_min: int = Field(sa_column=Column(Integer, nullable=False))  # minutes after 00:00
    end_min: int = Field(sa_column=Column(Integer, nullable=False))  # <= start: next day
    division_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    pool: str = Field(
        sa_column=Column(String(400), nullable=False)
    )  # logistics | role:R | people:1,2
    holiday_pool: str = Field(sa_column=Column(String(400), nullable=False))


class Shift(SQLModel, table=True):
    """One rostered shift of a post on a day, and its check-in and check-out."""

    __tablename__ = "duty_shift"
    __table_args__ = (UniqueConstraint("post_id", "day"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    post_id: int = Field(sa_column=Column(Integer, ForeignKey("duty_post.id"), nullable=False))
    day: date = Field(sa_column=Column(Date, nullable=False, index=True))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    holiday: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    checkin_at: str | None = Field(default=None, sa_column=Column(String(32)))
    checkin_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )
    cover_reason: str | None = Field(default=None, sa_column=Column(Text))
    late: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    checkout_at: str | None = Field(default=None, sa_column=Column(String(32)))


class DutyLeave(SQLModel, table=True):
    """Leave from duty: the person's shifts in it go to others."""

    __tablename__ = "duty_leave"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    start: date = Field(sa_column=Column(Date, nullable=False))
    end: date = Field(sa_column=Column(Date, nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    approved_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )


class Patrol(SQLModel, table=True):
    """A night round (巡逻) with what was seen."""

    __tablename__ = "duty_patrol"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    shift_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("duty_shift.id"))
    )
    at: str = Field(sa_column=Column(String(32), nullable=False))
    note: str = Field(sa_column=Column(Text, nullable=False))
    place_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("place.id")))


class Inspection(SQLModel, table=True):
    """查岗: an inspector found the person on duty at the post, or not."""

    __tablename__ = "duty_inspection"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    shift_id: int = Field(sa_column=Column(Integer, ForeignKey("duty_shift.id"), nullable=False))
    inspector_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    at: str = Field(sa_column=Column(String(32), nullable=False))
    present: bool = Field(sa_column=Column(Boolean, nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))


class DutyIncident(SQLModel, table=True):
    """Property lost or damaged during a shift, naming who was on duty; with an asset,
    the asset group's human-cause damage (照价赔偿) it opened."""

    __tablename__ = "duty_incident"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    day: date = Field(sa_column=Column(Date, nullable=False))
    shift_id: int = Field(sa_column=Column(Integer, ForeignKey("duty_shift.id"), nullable=False))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    what: str = Field(sa_column=Column(Text, nullable=False))
    damage: str | None = Field(default=None, sa_column=Column(String(32)))
