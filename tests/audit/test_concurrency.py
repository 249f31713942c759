"""Several processes writing at once (the clerk and a cron job): none fails, no
code is given twice, and the journal stays one unbroken chain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from conftest import BASE_ENV, Cli

PROCS = 8
WRITES = 25

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
        outputs = [p.communicate(timeout=120) for p in procs]
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
