"""The gate's part of `houqin check` (filled below)."""

from houqin_cli.core.checks import Check

CHECKS: list[Check] = []
