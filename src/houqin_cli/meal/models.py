from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel


class Dish(SQLModel, table=True):
    """A dish the canteen cooks (CP-0001), its kind and the allergens it carries."""

    __tablename__ = "meal_dish"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, unique=True))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    allergens: str | None = Field(default=None, sa_column=Column(String(200)))
    note: str | None = Field(default=None, sa_column=Column(Text))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))


class MenuEntry(SQLModel, table=True):
    """One dish on the menu of one meal of one day."""

    __tablename__ = "meal_menu"
    __table_args__ = (UniqueConstraint("day", "meal", "dish_id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    day: date = Field(sa_column=Column(Date, nullable=False, index=True))
    meal: str = Field(sa_column=Column(String(10), nullable=False))
    dish_id: int = Field(sa_column=Column(Integer, ForeignKey("meal_dish.id"), nullable=False))
    position: int = Field(default=0, sa_column=Column(Integer, nullable=False))


class Served(SQLModel, table=True):
    """How many ate one meal (GC-2026-0001), by class where known; `dishes` holds the
    dish ids served when no menu was entered (comma-separated)."""

    __tablename__ = "meal_served"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    day: date = Field(sa_column=Column(Date, nullable=False, index=True))
    meal: str = Field(sa_column=Column(String(10), nullable=False))
    count: int = Field(sa_column=Column(Integer, nullable=False))
    staff: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    unit_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    cook_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    dishes: str | None = Field(default=None, sa_column=Column(Text))


class Sample(SQLModel, table=True):
    """A food sample (留样, LY-2026-0001) of one dish of one meal; grams in thousandths."""

    __tablename__ = "meal_sample"
    __table_args__ = (Index("ix_meal_sample_day", "day", "meal"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    day: date = Field(sa_column=Column(Date, nullable=False))
    meal: str = Field(sa_column=Column(String(10), nullable=False))
    dish_id: int = Field(sa_column=Column(Integer, ForeignKey("meal_dish.id"), nullable=False))
    grams_milli: int = Field(sa_column=Column(BigInteger, nullable=False))
    taken_at: str = Field(sa_column=Column(String(32), nullable=False))
    by_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    reviewer_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    fridge: str | None = Field(default=None, sa_column=Column(String(100)))
    discarded_at: str | None = Field(default=None, sa_column=Column(String(32)))
    discarded_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )


class Disinfection(SQLModel, table=True):
    """A run of tableware disinfection (XD-2026-0001) for one meal."""

    __tablename__ = "meal_disinfection"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    day: date = Field(sa_column=Column(Date, nullable=False, index=True))
    meal: str = Field(sa_column=Column(String(10), nullable=False))
    method: str = Field(sa_column=Column(String(16), nullable=False))
    temp_c: int | None = Field(default=None, sa_column=Column(Integer))
    seconds: int | None = Field(default=None, sa_column=Column(Integer))
    ppm: int | None = Field(default=None, sa_column=Column(Integer))
    by_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    failed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))


class Accompany(SQLModel, table=True):
    """A 陪餐 record (PC-2026-0001): a school leader (or a parent) ate the meal; a problem
    noted is answered later."""

    __tablename__ = "meal_accompany"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    day: date = Field(sa_column=Column(Date, nullable=False, index=True))
    meal: str = Field(sa_column=Column(String(10), nullable=False))
    person_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("person.id")))
    parent: str | None = Field(default=None, sa_column=Column(String(100)))
    rating: int | None = Field(default=None, sa_column=Column(Integer))
    note: str | None = Field(default=None, sa_column=Column(Text))
    problem: str | None = Field(default=None, sa_column=Column(Text))
    answer: str | None = Field(default=None, sa_column=Column(Text))
    answered_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id"))
    )
    answered_on: date | None = Field(default=None, sa_column=Column(Date))


class Inspection(SQLModel, table=True):
    """The purchase inspection (进货查验, CY-2026-0001) of one storeroom receipt of food,
    by two people; `rejects` holds ITEM=reason lines."""

    __tablename__ = "meal_inspection"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    movement_id: int = Field(
        sa_column=Column(Integer, ForeignKey("stock_movement.id"), nullable=False, unique=True)
    )
    day: date = Field(sa_column=Column(Date, nullable=False))
    first_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    second_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    batch: str | None = Field(default=None, sa_column=Column(String(100)))
    produced: date | None = Field(default=None, sa_column=Column(Date))
    expires: date | None = Field(default=None, sa_column=Column(Date))
    licence: str | None = Field(default=None, sa_column=Column(String(100)))
    rejects: str | None = Field(default=None, sa_column=Column(Text))


class Staff(SQLModel, table=True):
    """A person working in the canteen, and their role there."""

    __tablename__ = "meal_staff"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    person_id: int = Field(
        sa_column=Column(Integer, ForeignKey("person.id"), nullable=False, unique=True)
    )
    role: str = Field(sa_column=Column(String(16), nullable=False))


class Duty(SQLModel, table=True):
    """The duty teacher at one meal (学生用餐时间安排值班教师)."""

    __tablename__ = "meal_duty"
    __table_args__ = (UniqueConstraint("day", "meal"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    day: date = Field(sa_column=Column(Date, nullable=False))
    meal: str = Field(sa_column=Column(String(10), nullable=False))
    teacher_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
