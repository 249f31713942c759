"""What every import promises for a file with bad rows: each bad row named in one
message, in one pass, exit 2, and the ledger unchanged, with --dry-run as without."""

from __future__ import annotations

from conftest import Cli, snapshot


def assert_rows_refused(cli: Cli, args: list[str], message: list[str]) -> None:
    before = snapshot(cli.db)
    for dry_run in ([], ["--dry-run"]):
        res = cli(*args, *dry_run)
        assert (res.exit_code, res.stdout) == (2, ""), res
        assert res.stderr.splitlines() == message, res
        assert snapshot(cli.db) == before
