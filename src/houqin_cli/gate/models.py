from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Text
from sqlmodel import Field, SQLModel


class Visitor(SQLModel, table=True):
    """会客登记: someone from outside, in and out (FK-2026-0001)."""

    __tablename__ = "gate_visitor"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False))
    id_no: str | None = Field(default=None, sa_column=Column(String(40)))
    phone: str | None = Field(default=None, sa_column=Column(String(40)))
    org: str | None = Field(default=None, sa_column=Column(String(200)))
    visiting: str = Field(sa_column=Column(String(200), nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    vehicle: str | None = Field(default=None, sa_column=Column(String(20)))
    in_at: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    out_at: str | None = Field(default=None, sa_column=Column(String(32)))


class StudentExit(SQLModel, table=True):
    """A student leaving during class hours (CX-2026-0001), approved, and back."""

    __tablename__ = "gate_exit"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    student_id: int = Field(sa_column=Column(Integer, ForeignKey("student.id"), nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    approved_by_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    with_guardian: str | None = Field(default=None, sa_column=Column(String(100)))
    out_at: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    back_by: str | None = Field(default=None, sa_column=Column(String(32)))
    back_at: str | None = Field(default=None, sa_column=Column(String(32)))
