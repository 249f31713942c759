from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel


class Student(SQLModel, table=True):
    """A student: their 学号 (or XS-0001), class, boarding, guardian; kept when they leave."""

    __tablename__ = "student"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, index=True))
    gender: str | None = Field(default=None, sa_column=Column(String(8)))
    class_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id"), nullable=False))
    boarding: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    guardian: str | None = Field(default=None, sa_column=Column(String(100)))
    phone: str | None = Field(default=None, sa_column=Column(String(40)))
    id_no: str | None = Field(default=None, sa_column=Column(String(40)))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    left_on: date | None = Field(default=None, sa_column=Column(Date))
    leave_reason: str | None = Field(default=None, sa_column=Column(String(40)))
