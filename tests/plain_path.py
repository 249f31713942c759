"""What the plain-reader tests of each group share (#17): run one command in a fresh
interpreter and say which heavy modules (tests/test_plain_reads.HEAVY) it imported."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import BASE_ENV
from test_plain_reads import HEAVY, ROOT


def heavy_imports(db: str, args: list[str], codes: tuple[int, ...] = (0,)) -> tuple[list[str], str]:
    """(the heavy modules imported, stdout) of `houqin --db DB ARGS -f csv`, run in a
    subprocess; its exit code must be one of `codes`."""
    code = (
        "import sys\n"
        "from houqin_cli.app import main\n"
        f"sys.argv = ['houqin', '--db', {db!r}, *{args!r}, '-f', 'csv']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        f"    assert (exc.code or 0) in {codes!r}, exc.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY}), file=sys.stderr)\n"
    )
    env = {**os.environ, **BASE_ENV, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return eval(proc.stderr.strip().splitlines()[-1]), proc.stdout
