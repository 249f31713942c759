"""The registry behind `houqin check`: each group registers small functions
that return Findings (as beancount's validations return errors); the command
collects them and exits 1 if there are any."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.report import Finding

CheckFn = Callable[["Session"], list["Finding"]]
_REGISTRY: dict[str, list[tuple[str, CheckFn]]] = {}


def register(group: str, name: str) -> Callable[[CheckFn], CheckFn]:
    """Decorator: add a check to `group` under `name` (e.g. 'stock', 'reorder')."""

    def deco(fn: CheckFn) -> CheckFn:
        checks = _REGISTRY.setdefault(group, [])
        if all(n != name for n, _ in checks):
            checks.append((name, fn))
        return fn

    return deco


def registered(group: str) -> list[tuple[str, CheckFn]]:
    return list(_REGISTRY.get(group, []))
