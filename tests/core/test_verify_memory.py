"""`audit verify` in flat memory (#17): the expected digests stream through a bounded
buffer into a temporary SQLite database and each table is compared by an ordered merge.
Its findings on a tampered copy of the demo ledger are exactly those the dict of every
row's digest gave (captured from the verification before the change), in the same
order; the same with a buffer of two rows, so that every row goes through the
temporary database. `houqin check` reports the same journal findings."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa

from conftest import Cli, findings_json, raw
from houqin_cli.core import expected

TAMPER = [
    # a row changed, a row inserted, rows deleted (the later-journalled one first)
    "UPDATE person SET phone = '13900000000' WHERE id = (SELECT max(id) FROM person)",
    "INSERT INTO unit (id, code, name, kind, initials) "
    "VALUES (9001, 'DW-9001', '影子部门', 'department', 'yzbm')",
    "DELETE FROM stock_movement WHERE id = (SELECT max(id) FROM stock_movement)",
    "DELETE FROM stock_movement WHERE id = (SELECT min(id) FROM stock_movement)",
    # a text key: a setting changed
    "UPDATE setting SET value = '\"影子学校\"' WHERE key = 'school.name'",
    # an entry edited to name a row of a table the ledger does not have
    "UPDATE journal SET digests = digests || ' ghost:1=abc' WHERE seq = 3",
]

# what the verification before #17 (a dict of every row's last digest) reported
BEFORE = [
    ("entry.edited", "Journal entry 3 was edited behind the program's back."),
    ("row.changed", "person RY-0062 was changed behind the program's back."),
    ("row.changed", "setting school.name was changed behind the program's back."),
    ("row.deleted", "stock_movement RK-2026-0001 was deleted behind the program's back."),
    (
        "row.deleted",
        "stock_movement {last} was deleted behind the program's back.",
    ),  # the demo's last movement
    ("row.inserted", "unit DW-9001 was inserted behind the program's back."),
    ("table.missing", "Table ghost is missing from the ledger."),
]


def tampered(cli: Cli) -> None:
    with raw(cli.db) as con:
        for sql in TAMPER:
            con.execute(sa.text(sql))


def found(cli: Cli, *command: str) -> list[tuple[str, str]]:
    res, data = findings_json(cli, *command)
    assert res.exit_code == 1, res
    return [(f["code"], f["message"]) for f in data["findings"] if f["check"] != "audit.money"]


@pytest.mark.parametrize("buffer", [expected.BUFFER, 2])
def test_findings_on_a_tampered_copy_are_what_they_were(
    demo_ledger: Cli, buffer: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expected, "BUFFER", buffer)
    assert findings_json(demo_ledger, "audit", "verify")[0].exit_code == 0
    with raw(demo_ledger.db) as con:  # the demo's last movement, whichever group made it
        last = con.execute(
            sa.text("SELECT code FROM stock_movement ORDER BY id DESC LIMIT 1")
        ).scalar_one()
    before = [(c, m.replace("{last}", last)) for c, m in BEFORE]
    tampered(demo_ledger)
    got = found(demo_ledger, "audit", "verify")
    assert got == before
    journal = [
        f for f in found(demo_ledger, "check") if f[0].startswith(("row.", "entry.", "table."))
    ]
    assert journal == before


@pytest.mark.sqlite_only
def test_audit_verify_reads_the_journal_with_sqlite3_in_flat_memory(demo_ledger: Cli) -> None:
    """The verification keeps no digest per row in Python: what it holds is the buffer."""
    code = (
        "import sys, tracemalloc\n"
        "from houqin_cli.core import expected\n"
        "sizes = []\n"
        "flush = expected.Expected.flush\n"
        "def spy(self):\n"
        "    sizes.append(len(self.buffer))\n"
        "    flush(self)\n"
        "expected.Expected.flush = spy\n"
        "from houqin_cli.app import main\n"
        f"sys.argv = ['houqin', '--db', {demo_ledger.db!r}, 'audit', 'verify']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    assert e.code in (0, None), e.code\n"
        "assert max(sizes) <= expected.BUFFER, sizes\n"
        "print('ok')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("ok")
