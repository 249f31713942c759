from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlmodel import Field, SQLModel


class Unit(SQLModel, table=True):
    """A department (总务处), a grade (初一) or a class (初一(1)班)."""

    __tablename__ = "unit"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    # unique among the units in use (people.units); a retired class keeps its name
    name: str = Field(sa_column=Column(String(100), nullable=False))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    head_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("person.id", use_alter=True, name="fk_unit_head")),
    )
    parent_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))
    retired_on: date | None = Field(default=None, sa_column=Column(Date))


class Person(SQLModel, table=True):
    """Staff, custodians, signers, duty staff, requesters: one registry for all groups."""

    __tablename__ = "person"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False, index=True))
    unit_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    roles: str = Field(default="", sa_column=Column(Text, nullable=False))
    phone: str | None = Field(default=None, sa_column=Column(String(40)))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    left_on: date | None = Field(default=None, sa_column=Column(Date))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))
    # a hired guard's monthly wage in fen (`people add --wage 400`); None for staff
    wage: int | None = Field(default=None, sa_column=Column(BigInteger))

    @property
    def role_list(self) -> list[str]:
        return self.roles.split()


class Place(SQLModel, table=True):
    """A room or area where assets stand and repairs happen."""

    __tablename__ = "place"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    name: str = Field(sa_column=Column(String(100), nullable=False))
    building: str | None = Field(default=None, sa_column=Column(String(100)))
    unit_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("unit.id")))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    initials: str = Field(default="", sa_column=Column(String(200), nullable=False))
    retired_on: date | None = Field(default=None, sa_column=Column(Date))


class Certificate(SQLModel, table=True):
    """A certificate a person holds (ZS-0001): a health certificate (健康证, checked every
    year, 食品安全法 §45), a cook's, a guard's, an electrician's, …"""

    __tablename__ = "person_cert"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    code: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id"), nullable=False))
    kind: str = Field(sa_column=Column(String(30), nullable=False))
    number: str = Field(sa_column=Column(String(100), nullable=False))
    issued: date = Field(sa_column=Column(Date, nullable=False))
    expires: date | None = Field(default=None, sa_column=Column(Date))
