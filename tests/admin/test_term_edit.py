"""`houqin term edit` (issue #10): a term's name or days corrected, by the rules
`term add` keeps, journalled with old and new."""

from __future__ import annotations

import json

from conftest import assert_each_refused, js, raw


def terms(cli):
    return {t["name"]: t for t in js(cli.ok("term", "list", "-f", "json"))}


def school(cli):
    cli.ok("term", "add", "2026-spring", "--start", "2026-02-23", "--end", "2026-07-10")
    cli.ok("term", "add", "2026-autumn", "--start", "2026-09-01", "--end", "2027-01-22")
    return cli


def test_edit_moves_a_terms_days_and_is_journalled(cli):
    school(cli)
    res = cli.ok("term", "edit", "2026-spring", "--end", "2026-07-03")
    assert "2026-spring" in res.stderr and "End" in res.stderr  # the field by its header (#12)
    assert terms(cli)["2026-spring"] == {
        "name": "2026-spring",
        "start": "2026-02-23",
        "end": "2026-07-03",
    }
    with raw(cli.db) as con:
        entry = con.exec_driver_sql(
            "SELECT code, payload FROM journal WHERE action = 'term.edit'"
        ).one()
    assert entry[0] == "2026-spring"
    assert json.loads(entry[1]) == {"end": {"old": "2026-07-10", "new": "2026-07-03"}}
    assert cli.ok("audit", "verify").exit_code == 0


def test_edit_renames_a_term(cli):
    school(cli)
    cli.ok("term", "edit", "2026-autumn", "--name", "2026-fall", "--start", "2026-08-31")
    assert terms(cli)["2026-fall"]["start"] == "2026-08-31"
    assert "2026-autumn" not in terms(cli)


def test_bad_edits_are_refused_and_change_nothing(cli):
    school(cli)
    assert_each_refused(
        cli,
        (3, ["term", "edit", "2026-spring", "--end", "2026-09-01"],
         "2026-spring would overlap term 2026-autumn (2026-09-01 to 2027-01-22); terms cannot overlap"),
        (3, ["term", "edit", "2026-autumn", "--start", "2026-07-10"], "would overlap term 2026-spring"),
        (3, ["term", "edit", "2026-spring", "--name", "2026-autumn"], "Term 2026-autumn already exists"),
        (2, ["term", "edit", "2026-spring", "--end", "2026-02-01"], "cannot end before it starts"),
        (2, ["term", "edit", "2026-spring", "--end", "2026-07-10"], "Nothing to change"),
        (2, ["term", "edit", "2026-spring"], "Nothing to change"),
        (2, ["term", "edit", "2025-autumn", "--end", "2026-01-20"], "No term '2025-autumn'"),
        (2, ["term", "edit", "2026-spring", "--end", "2026-07-32"], "2026-07-32"),
    )  # fmt: skip
