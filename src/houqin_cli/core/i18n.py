"""gettext set-up: zh_CN and en catalogs live in houqin_cli/locale.

`_` looks the message up in the catalog of the language chosen for this run,
so modules may call it at import time once the language is set (the root
command sets it before any group module is loaded).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "houqin"
LANGUAGES = ("zh", "en")

_current: gettext.NullTranslations | None = None
_lang = "zh"


def detect_language(explicit: str | None = None) -> str:
    """--lang, else HOUQIN_LANG, else LC_ALL/LANG starting with 'en', else Chinese."""
    for value in (explicit, os.environ.get("HOUQIN_LANG")):
        if value:
            return normalize(value)
    for var in ("LC_ALL", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def normalize(value: str) -> str:
    v = value.strip().lower().replace("-", "_")
    if v in ("zh", "zh_cn", "cn", "zh_hans"):
        return "zh"
    if v.startswith("en"):
        return "en"
    from houqin_cli.core.errors import InputError

    raise InputError(f"--lang must be zh or en, not {value!r} / --lang 只能是 zh 或 en")


def set_language(lang: str) -> None:
    global _current, _lang
    _lang = lang
    catalog = "zh_CN" if lang == "zh" else "en"
    _current = gettext.translation(DOMAIN, LOCALE_DIR, languages=[catalog], fallback=True)


def language() -> str:
    return _lang


def _(message: str) -> str:
    """Translate one message (an English msgid)."""
    if _current is None:
        try:
            set_language(detect_language())
        except Exception:
            set_language("zh")
    assert _current is not None
    return _current.gettext(message)


def variants(message: str) -> tuple[str, ...]:
    """A message in every language (import headers are matched in any of them)."""
    out = [message]
    for catalog in ("zh_CN", "en"):
        text = gettext.translation(DOMAIN, LOCALE_DIR, languages=[catalog], fallback=True).gettext(
            message
        )
        if text not in out:
            out.append(text)
    return tuple(out)


def N_(message: str) -> str:
    """Mark a message for the catalogs without translating it yet."""
    return message
