"""The gate's part of `houqin check`: a visitor still inside from an earlier day, a
student not back by the time given. Functions of a plain Reader (SQL in gate/reads.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from houqin_cli.core import clock, settings
from houqin_cli.core.checks import Check
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding
from houqin_cli.gate import reads

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


def inside_check(reader: Reader) -> list[Finding]:
    tz = settings.zone(reader)
    today = clock.today(tz)
    return [
        Finding("gate.inside", "visitor.inside", _(
            "Visitor {name} ({code}) came in at {time} and has not been signed out."
        ).format(name=n, code=c, time=t.strftime("%Y-%m-%d %H:%M")), {"visitor": c})
        for c, n, t in reads.inside_overnight(reader, today, tz)
    ]  # fmt: skip


def back_check(reader: Reader) -> list[Finding]:
    tz = settings.zone(reader)
    return [
        Finding("gate.not_back", "student.not_back", _(
            "{name} ({code}) was to be back by {time} and is not."
        ).format(name=n, code=c, time=t.astimezone(tz).strftime("%Y-%m-%d %H:%M")),
            {"exit": c})
        for c, n, t in reads.not_back(reader, clock.now(tz))
    ]  # fmt: skip


CHECKS = [Check("gate.inside", inside_check), Check("gate.not_back", back_check)]
