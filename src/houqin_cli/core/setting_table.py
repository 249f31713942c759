"""The `setting` table. Kept apart from settings.py so that the catalog of
settings (and the bulk reports that read a few of them) import no ORM."""

from __future__ import annotations

from sqlalchemy import Column, String, Text
from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(sa_column=Column(String(64), primary_key=True))
    value: str = Field(sa_column=Column(Text, nullable=False))
    set_by: str = Field(sa_column=Column(String(200), nullable=False))
    set_at: str = Field(sa_column=Column(String(32), nullable=False))
