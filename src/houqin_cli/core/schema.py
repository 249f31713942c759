"""The ledger's schema as part of what is verified (ARCHITECTURE.md, "Tamper
evidence"): the tables, columns, indexes, triggers, views and rules the ledger
holds, compared with what the program's migrations create — the models, which
tests/test_schema.py keeps equal to the migrations. A trigger or a rule could
rewrite a row after the program wrote it and before its digest is read back,
so anything of the kind is a finding, and a write refuses to run beside one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core.errors import LedgerError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

Columns = list[tuple[str, str, bool, bool]]  # (column, affinity, not null, primary key)

# what Alembic keeps beside the models
_ALEMBIC: dict[str, Columns] = {"alembic_version": [("version_num", "TEXT", True, True)]}


def _finding(code: str, message: str, **data: str) -> Finding:
    return Finding("db.schema", code, message.format(**data), data)


_SQLITE_EXTRAS = (
    "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"
)
_PG_EXTRAS = (
    "SELECT 'trigger', t.tgname || ' ON ' || c.relname FROM pg_trigger t "
    "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
    "UNION ALL SELECT 'rule', rulename || ' ON ' || tablename FROM pg_rules "
    "WHERE schemaname = current_schema() "
    "UNION ALL SELECT 'view', table_name FROM information_schema.views "
    "WHERE table_schema = current_schema() ORDER BY 2"
)


def extras(reader: Reader) -> list[tuple[str, str]]:
    """(kind, name) of every trigger, view and rule: the program creates none."""
    rows = reader.rows(_SQLITE_EXTRAS if reader.is_sqlite else _PG_EXTRAS)
    return [(str(kind), str(name)) for kind, name in rows]


def guard(reader: Reader) -> None:
    """Before a write: refuse it (exit 4) on a ledger where a trigger, a view or a rule
    was planted, since the journal would certify whatever it does."""
    found = extras(reader)
    if found:
        kind, name = found[0]
        raise LedgerError(
            _(
                "The ledger's schema was altered behind the program's back ({kind} {name}); "
                "nothing was written. Run `houqin db check`."
            ).format(kind=kind, name=name)
        )


def _affinity(declared: str) -> str:
    """SQLite's type affinity of a declared type (its rules, in their order): what
    decides how a value is stored, so INTEGER and BIGINT are the same column."""
    t = declared.upper()
    if "INT" in t:
        return "INTEGER"
    if any(k in t for k in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not t or "BLOB" in t:
        return "BLOB"
    if any(k in t for k in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def describe() -> tuple[dict[str, list[tuple[str, str, str, bool, bool, str]]], dict[str, Any]]:
    """The schema the models make, as scripts/gen_layout.py writes it into core/layout.py:
    table -> [(column, key, SQLite affinity, not null, primary key, kind)], and the named
    indexes -> (unique, columns), from the metadata of the models the caller loaded
    (`domains.load_models()`: core imports no group)."""
    from sqlalchemy import Boolean, Integer
    from sqlalchemy.dialects import sqlite
    from sqlmodel import SQLModel

    dialect = sqlite.dialect()
    tables: dict[str, list[tuple[str, str, str, bool, bool, str]]] = {}
    indexes: dict[str, Any] = {}
    for name, table in SQLModel.metadata.tables.items():
        tables[name] = [
            (
                c.name,
                c.key,
                _affinity(c.type.compile(dialect=dialect)),
                not c.nullable,
                c.primary_key,
                "bool"
                if isinstance(c.type, Boolean)
                else "int"
                if isinstance(c.type, Integer)
                else "",
            )
            for c in table.columns
        ]
        for ix in table.indexes:
            indexes[str(ix.name)] = (bool(ix.unique), tuple(c.name for c in ix.columns))
    return tables, indexes


def _expected() -> dict[str, Columns]:
    """table -> [(column, affinity, not null, primary key)] as the migrations create them."""
    from houqin_cli.core.layout import TABLES

    tables = dict(_ALEMBIC)
    for name, cols in TABLES.items():
        tables[name] = [(c, affinity, nn, pk) for c, _key, affinity, nn, pk, _kind in cols]
    return tables


def _live_sqlite(reader: Reader) -> dict[str, Columns]:
    names = [
        str(r[0])
        for r in reader.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: [
            (str(c[1]), _affinity(str(c[2])), bool(c[3]), bool(c[5]))
            for c in reader.rows(f'PRAGMA table_info("{name}")')
        ]
        for name in names
    }


def _live_pg(reader: Reader) -> dict[str, Columns]:
    tables: dict[str, Columns] = {}
    rows = reader.rows(
        "SELECT c.table_name, c.column_name, c.is_nullable FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
        "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
        "WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position"
    )
    for table, column, nullable in rows:
        tables.setdefault(str(table), []).append((str(column), "", nullable == "NO", False))
    return tables


def _sqlite_indexes(reader: Reader, tables: list[str]) -> list[Finding]:
    """Indexes the models do not name, or named ones that were dropped or changed."""
    from houqin_cli.core.layout import INDEXES

    want = {name: (unique, list(cols)) for name, (unique, cols) in INDEXES.items()}
    have: dict[str, tuple[bool, list[str]]] = {}
    for table in tables:
        for _seq, name, unique, origin, *_rest in reader.rows(f'PRAGMA index_list("{table}")'):
            if origin == "c":
                info = reader.rows(f'PRAGMA index_info("{name}")')
                have[str(name)] = (bool(unique), [str(r[2]) for r in info])
    return [
        _finding(
            "index.changed",
            _("Index {name} is not as the program made it: the schema was altered."),
            name=str(name),
        )
        for name in sorted(set(want) | set(have))
        if want.get(name) != have.get(name)
    ]


def findings(reader: Reader) -> list[Finding]:
    """Every difference between the ledger's schema and the program's (core/layout.py,
    which tests/test_schema.py keeps equal to the models and they to the migrations)."""
    sqlite = reader.is_sqlite
    out = [
        _finding(
            "schema.extra",
            _("The ledger holds a {kind} the program never made ({name}): the schema was altered."),
            kind=kind,
            name=name,
        )
        for kind, name in extras(reader)
    ]
    want = _expected()
    have = _live_sqlite(reader) if sqlite else _live_pg(reader)
    for name in sorted(set(want) | set(have)):
        if name not in have:
            out.append(
                _finding(
                    "table.missing",
                    _("Table {table} is missing from the ledger."),
                    table=name,
                )
            )
        elif name not in want:
            out.append(
                _finding(
                    "table.extra",
                    _("The ledger holds a table the program never made ({table})."),
                    table=name,
                )
            )
        else:
            expected = (
                want[name] if sqlite else [(c, "", nn, False) for c, _t, nn, _p in want[name]]
            )
            if sorted(expected) != sorted(have[name]):
                out.append(
                    _finding(
                        "table.changed",
                        _("The columns of table {table} are not as the program made them."),
                        table=name,
                    )
                )
    if sqlite:
        out.extend(_sqlite_indexes(reader, sorted(have)))
    return out
