"""Several processes writing at once (the clerk and a cron job): none fails, no
code is given twice, and the journal stays one unbroken chain; and a writer kept
waiting past the busy timeout gives up with exit 4, changing nothing.

The first test is about correctness, not speed: its busy timeout is set far
above what the writers need, so that a slow or loaded machine (where a writer
may queue behind the seven others for seconds) does not fail it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import BASE_ENV, ON_PG, Cli, run_houqin, snapshot
from houqin_cli.core.db import PG_LOCK_KEY

PROCS = 8
WRITES = 25
PATIENT_MS = 600_000  # db.busy_timeout_ms for the writers: waiting is fine, failing is not

# Each worker imports houqin once, waits for the starting gun, then runs
# `houqin --db DB people add NAME-i-j` 25 times in-process and records the exit codes.
WORKER = r"""
import json, os, sys, time
from pathlib import Path

import typer
from houqin_cli.app import app

db, i, n, gate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
cmd = typer.main.get_command(app)
(gate / f"ready-{i}").touch()
deadline = time.monotonic() + 60
while not (gate / "go").exists():
    if time.monotonic() > deadline:
        sys.exit("no starting signal")
    time.sleep(0.005)
codes = []
for j in range(n):
    codes.append(cmd.main(["--db", db, "people", "add", f"NAME-{i}-{j}"], standalone_mode=False))
(gate / f"result-{i}.json").write_text(json.dumps(codes))
"""


def test_eight_processes_writing_at_once(cli: Cli, tmp_path: Path) -> None:
    cli.ok("config", "set", "db.busy_timeout_ms", str(PATIENT_MS))
    init_entries = json.loads(cli.ok("audit", "log", "-f", "json").stdout)
    gate = tmp_path / "gate"
    gate.mkdir()

    procs = []
    for i in range(PROCS):
        env = {
            **os.environ,
            **BASE_ENV,
            "HOUQIN_LANG": "en",
            "HOUQIN_OPERATOR": f"proc{i}",
        }
        env.pop("HOUQIN_NOW")  # real time, as the clerk and cron would have
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", WORKER, cli.db, str(i), str(WRITES), str(gate)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    try:
        deadline = time.monotonic() + 60
        while len(list(gate.glob("ready-*"))) < PROCS:
            assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.01)
        started = time.monotonic()
        (gate / "go").touch()
        outputs = [p.communicate(timeout=PATIENT_MS / 1000) for p in procs]
        elapsed = time.monotonic() - started
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()

    for i, (p, (out, err)) in enumerate(zip(procs, outputs, strict=True)):
        assert p.returncode == 0, (i, err)
        assert "Traceback" not in err, (i, err)
        results = json.loads((gate / f"result-{i}.json").read_text())
        assert results == [0] * WRITES, (i, results, err)
        # each add printed the code it created
        assert len([line for line in out.splitlines() if line.startswith("RY-")]) == WRITES
    print(f"{PROCS}x{WRITES} writes in {elapsed:.1f}s")

    people = json.loads(cli.ok("people", "list", "--all", "-f", "json").stdout)
    assert len(people) == PROCS * WRITES
    assert sorted(p["name"] for p in people) == sorted(
        f"NAME-{i}-{j}" for i in range(PROCS) for j in range(WRITES)
    )
    person_codes = [p["code"] for p in people]
    assert len(set(person_codes)) == PROCS * WRITES
    assert sorted(person_codes) == [f"RY-{n:04d}" for n in range(1, PROCS * WRITES + 1)]

    entries = json.loads(cli.ok("audit", "log", "-f", "json").stdout)
    assert len(entries) == len(init_entries) + PROCS * WRITES
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    added = entries[len(init_entries) :]
    assert all(e["action"] == "people.add" for e in added)
    assert Counter(e["operator"] for e in added) == {f"proc{i}": WRITES for i in range(PROCS)}
    assert sorted(e["code"] for e in added) == sorted(person_codes)
    # within one process the writes land in the order it made them
    for i in range(PROCS):
        names = [e["command"].split()[-1] for e in added if e["operator"] == f"proc{i}"]
        assert names == [f"NAME-{i}-{j}" for j in range(WRITES)]

    res = cli("audit", "verify", "-f", "json")
    assert res.exit_code == 0, res
    data = json.loads(res.stdout)
    assert data["ok"] is True and data["findings"] == []
    assert data["entries"] == len(entries)


HOLDER = r"""
import sqlite3, sys

con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()  # until the test closes our stdin
con.execute("ROLLBACK")
con.close()
"""


@contextmanager
def write_lock_held(db: str) -> Iterator[None]:
    """Another program holding the ledger's write lock: on SQLite a process in
    BEGIN IMMEDIATE (another process, since POSIX locks are per process: reading
    the file here, as snapshot() does, would drop a lock this process held), on
    PostgreSQL a transaction holding the advisory lock every houqin write takes
    (core/db.py PG_LOCK_KEY)."""
    if not ON_PG:
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, db],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
            yield
        finally:
            holder.communicate(timeout=60)
        assert holder.returncode == 0
        return
    import sqlalchemy as sa

    eng = sa.create_engine(db)
    try:
        with eng.connect() as con:
            tx = con.begin()
            con.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            yield
            tx.rollback()
    finally:
        eng.dispose()


def test_a_writer_blocked_past_the_busy_timeout_is_exit_4(cli: Cli) -> None:
    cli.ok("config", "set", "db.busy_timeout_ms", "300")
    head = cli.ok("audit", "seal").stdout
    with write_lock_held(cli.db):
        before = snapshot(cli.db)  # with the holder's (empty) -wal file on SQLite
        started = time.monotonic()
        proc = run_houqin("--db", cli.db, "people", "add", "张三")
        waited = time.monotonic() - started
        assert proc.returncode == 4, proc
        assert proc.stdout == "", proc
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, proc
        assert "Traceback" not in proc.stderr, proc
        assert "The ledger is busy" in lines[0], proc
        assert "kept it locked for more than 300 ms" in lines[0], proc
        assert waited >= 0.3, f"gave up after {waited:.2f}s, before the timeout"
        assert snapshot(cli.db) == before, "the ledger changed"
    # nothing was written, not even a journal entry; once the lock is gone the
    # same write goes through
    assert cli.ok("audit", "seal").stdout == head
    assert cli.ok("people", "add", "张三").stdout == "RY-0001\n"
    res = cli("audit", "verify", "-f", "json")
    assert res.exit_code == 0, res
