"""kill -9 in the middle of a write (#11): an import of 3,000 items killed at random
moments leaves all of it or none, and a ledger that still verifies."""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import BASE_ENV, Cli, findings_json, js


def test_an_import_killed_at_any_moment_is_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "items.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["名称", "单位", "类别"])
        out.writerows([f"物品{i:05d}", "个", "办公用品"] for i in range(3000))
    rng = random.Random(9)
    env = {**os.environ, **BASE_ENV}
    killed = 0
    for _ in range(8):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "houqin_cli",
                "--db",
                cli.db,
                "stock",
                "item",
                "import",
                str(sheet),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        count = len(js(cli.ok("stock", "item", "list", "-f", "json")))
        assert count in (0, 3000), count
        res, data = findings_json(cli, "audit", "verify")
        assert res.exit_code == 0, data
        if count == 3000:
            break
    assert killed, "every import finished before its kill: the test killed nothing"
    if count == 0:  # and after all that, the import still goes through whole
        cli.ok("stock", "item", "import", str(sheet))
        assert len(js(cli.ok("stock", "item", "list", "-f", "json"))) == 3000
