"""A long import shows its progress from reading the file to the last row written (#12):
on a terminal, stderr carries the reading, the rows and the writing; off a terminal,
nothing but the result line."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import BASE_ENV, Cli

ROOT = Path(__file__).resolve().parents[2]


def _items(tmp_path: Path, n: int) -> Path:
    f = tmp_path / "items.csv"
    lines = ["name,unit,category"] + [f"物品{i},个,办公用品" for i in range(n)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def _on_a_terminal(args: list[str], lang: str) -> tuple[int, str]:
    """Run houqin with stderr on a pseudo-terminal; its exit code and what the
    terminal received."""
    master, slave = pty.openpty()
    got: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                return
            if not chunk:
                return
            got.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, **BASE_ENV, "HOUQIN_LANG": lang, "PYTHONPATH": str(ROOT / "src")}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "houqin_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
        timeout=120,
    )
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return proc.returncode, b"".join(got).decode("utf-8", "replace")


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("lang", "phases"),
    [
        ("en", ["Reading items.csv", "Importing items", "Writing to the ledger"]),
        ("zh", ["正在读取 items.csv", "正在写入台账"]),
    ],
)
def test_a_terminal_sees_reading_rows_and_writing(
    cli: Cli, tmp_path: Path, lang: str, phases: list[str]
) -> None:
    code, screen = _on_a_terminal(
        ["--db", cli.db, "stock", "item", "import", str(_items(tmp_path, 3000))], lang
    )
    assert code == 0, screen
    for phase in phases:
        assert phase in screen, (phase, screen[-500:])
    assert screen.index(phases[0]) < screen.index(phases[-1])


def test_off_a_terminal_only_the_result_is_said(cli: Cli, tmp_path: Path) -> None:
    res = cli.ok("stock", "item", "import", str(_items(tmp_path, 50)))
    assert "Reading" not in res.stderr and "Writing to the ledger" not in res.stderr
    assert res.stderr.strip().count("\n") == 0  # one line: what was imported
