"""Checks, as beancount's validations: small functions that return Findings
rather than print. Each group lists its own in `CHECKS` (its checks.py), the
manifest (domains.py) names that module, and `run` stamps each check's name on
the findings it returns, so a finding always says which check made it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader
    from houqin_cli.core.report import Finding

# a check reads with plain SQL (core.db.Reader): `houqin check` imports no ORM
CheckFn = Callable[["Reader"], list["Finding"]]


@dataclass(frozen=True)
class Check:
    name: str  # "stock.reorder": the group, a dot, the check
    fn: CheckFn
    quick: CheckFn | None = None  # what `houqin check --quick` runs instead, if anything


def run(checks: Iterable[Check], reader: Reader, quick: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks:
        fn = check.quick if quick and check.quick is not None else check.fn
        findings.extend(
            f if f.check == check.name else dataclasses.replace(f, check=check.name)
            for f in fn(reader)
        )
    return findings
