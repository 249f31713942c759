"""The registry has nothing to check yet; the gate checks the students not back."""

from houqin_cli.core.checks import Check

CHECKS: list[Check] = []
