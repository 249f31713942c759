"""Errors that reach the user: each class carries its exit code (see CONVENTIONS)."""

from __future__ import annotations


class HouqinError(Exception):
    """An error with a one-line, already translated message and an exit code."""

    exit_code = 70

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(HouqinError):
    """Invalid usage or input: bad date, amount, unknown or ambiguous name."""

    exit_code = 2


class RuleError(HouqinError):
    """Refused by a rule; the message names the rule and the way forward."""

    exit_code = 3


class LedgerError(HouqinError):
    """Database problem: missing, locked, corrupt, foreign or wrong schema."""

    exit_code = 4


class InternalError(HouqinError):
    """A bug: exits 70, never 1."""

    exit_code = 70
