"""Revision 0010 (issue #10): units and places gain `retired_on`, and a unit's name is
unique only among those in use. A ledger at 0005 with people in its units upgrades
(SQLite rebuilds the unit table that people, places and cards refer to), keeps every
row and its digest, and can then retire a class and register its name again."""

from __future__ import annotations

from pathlib import Path

from conftest import Cli, assert_refused, js


def _downgrade(db: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    import houqin_cli.migrations as migrations
    from houqin_cli.core.db import Ledger

    ledger = Ledger.from_option(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with ledger.engine.connect() as conn:
        if ledger.is_sqlite:  # as `db upgrade` does: the rebuilt unit table is referred to
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    ledger.dispose()


def test_a_0005_ledger_with_people_in_units_upgrades_and_keeps_its_rows(cli: Cli) -> None:
    cli.ok("unit", "add", "初一", "--kind", "grade")
    cli.ok("people", "add", "张老师")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class", "--parent", "初一", "--head", "张老师")
    cli.ok("people", "edit", "张老师", "--unit", "初一(1)班")
    cli.ok("place", "add", "101", "--unit", "初一(1)班", "--kind", "classroom")
    args = ("--category", "家具", "--value", "100", "--acquired", "2024-01-01", "--place", "101")
    cli.ok("asset", "add", "讲台", *args, "--custodian", "初一(1)班")
    units = js(cli.ok("unit", "list", "-f", "json"))
    people = js(cli.ok("people", "list", "-f", "json"))
    _downgrade(cli.db, "0005")
    assert_refused(cli, 4, "unit", "list", contains="db upgrade")
    res = cli("db", "upgrade")
    assert res.exit_code == 0, res
    assert js(cli.ok("unit", "list", "-f", "json")) == units
    assert js(cli.ok("people", "list", "-f", "json")) == people
    assert cli("audit", "verify").exit_code == 0
    # the new column and the relaxed name rule work on the upgraded ledger
    cli.ok("unit", "add", "初二", "--kind", "grade")
    cli.ok("unit", "retire", "初二")
    cli.ok("unit", "add", "初二", "--kind", "grade")
    assert [u["name"] for u in js(cli.ok("unit", "list", "--all", "-f", "json"))].count("初二") == 2
    assert cli("audit", "verify").exit_code == 0
