from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, Integer, String
from sqlmodel import Field, SQLModel


class Term(SQLModel, table=True):
    """A school term (学期) such as 2026-spring, with its first and last day."""

    __tablename__ = "term"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    name: str = Field(sa_column=Column(String(40), nullable=False, unique=True))
    start: date = Field(sa_column=Column(Date, nullable=False))
    end: date = Field(sa_column=Column(Date, nullable=False))
