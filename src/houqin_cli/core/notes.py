"""Notes and history lines the program writes itself, stored as a message code and its
parameters and put in the reader's language when read.

`coded("split_from", code="ZC-2020-0001")` is stored as the JSON object
`{"m": "split_from", "code": "ZC-2020-0001"}`; `text(stored)` renders it. What a user
typed is stored and shown as typed. Lines written before (already translated, in the
writer's language, such as `从 ZC-2022-0001 拆分`) are recognised by the message they
came from and rendered again in the reader's language; anything else stays as stored."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from houqin_cli.core.i18n import N_, _, variants

MESSAGES: dict[str, str] = {
    "split_from": N_("split from {code}"),
    "found_in_count": N_("found there in the count"),
    "natural_repair": N_("natural: to repair"),
    "human_damage": N_("{cause} {by} {amount}"),
    "opening_balance": N_("Opening balance ({file})"),
    "edited": N_("changed: {fields}"),
    "watch_growth": N_(
        "{name}: grew {step} {unit} since the last reading, {total} {unit} since the first "
        "(alert {alert})"
    ),
}
# parameters that hold a stored code, and the label table that shows it
PARAM_LABELS = {"cause": "damage_cause"}
# what was stored translated before this module: recognised again when read
LEGACY = ("split_from", "found_in_count", "natural_repair", "opening_balance")
_START = '{"m": '


def coded(message: str, **params: Any) -> str:
    """What to store for `message` (a key of MESSAGES) with its parameters."""
    assert message in MESSAGES, message
    return json.dumps({"m": message, **params}, ensure_ascii=False)


def text(stored: str | None) -> str | None:
    """A stored note as the reader reads it."""
    if not stored:
        return stored
    if stored.startswith(_START):
        try:
            data = json.loads(stored)
        except ValueError:
            return stored
        if isinstance(data, dict) and data.get("m") in MESSAGES:
            return _render(str(data.pop("m")), data)
        return stored
    for key, pattern in _legacy():
        found = pattern.fullmatch(stored)
        if found:
            return _render(key, found.groupdict())
    return stored


def _render(message: str, params: dict[str, Any]) -> str:
    from houqin_cli.core import labels

    shown: dict[str, Any] = {}
    for k, v in params.items():
        if k in PARAM_LABELS and isinstance(v, str):
            v = labels.label(PARAM_LABELS[k], v)
        elif k == "fields" and isinstance(v, list):
            from houqin_cli.core.columns import field_names

            v = field_names(v)
        shown[k] = v
    try:
        return _(MESSAGES[message]).format(**shown)
    except (KeyError, IndexError, ValueError):
        return MESSAGES[message]


@functools.cache
def _legacy() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for key in LEGACY:
        for variant in variants(MESSAGES[key]):
            parts = re.split(r"\{(\w+)\}", variant)
            regex = "".join(
                re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)
            )
            out.append((key, re.compile(regex)))
    return tuple(out)
