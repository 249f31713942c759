"""A driver's error as what the user is told: exit 4 with one clear line (a busy,
missing, foreign or damaged ledger, a value that cannot be read), or a bug."""

from __future__ import annotations

import os

from houqin_cli.core.errors import HouqinError, InternalError, LedgerError
from houqin_cli.core.i18n import _

DEFAULT_BUSY_MS = 5000


# where SQLAlchemy turns stored values into Python ones as it hands out rows
_ROW_CODE = ("result", "_result", "row", "_row", "_py_row", "processors", "_processors", "_py_proc")


def damaged_value(exc: BaseException) -> LedgerError:
    """A stored value that cannot be read (a DATE holding 'garbage'): exit 4, pointing
    at `houqin db check`."""
    return LedgerError(
        _(
            "The ledger holds a value that cannot be read ({error}): a row was damaged "
            "or tampered with. Run `houqin db check`, which names it."
        ).format(error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    )


def _raised_reading_a_row(exc: BaseException) -> bool:
    """The error came out of SQLAlchemy turning a stored value into a Python one (a
    DATE column holding 'garbage'): the innermost Python frame is its result code."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    if last is None:
        return False
    folder, _sep, name = last.replace(os.sep, "/").rpartition("/")
    return folder.endswith("sqlalchemy/engine") and name.startswith(_ROW_CODE)


def translate_db_error(
    exc: BaseException, location: str = "", busy_ms: int = DEFAULT_BUSY_MS
) -> HouqinError:
    """Map a driver error to exit 4 with one clear line; anything else is a bug."""
    module = type(exc).__module__
    if isinstance(exc, ValueError | TypeError) and _raised_reading_a_row(exc):
        return damaged_value(exc)
    if not module.startswith(("sqlalchemy", "sqlite3", "psycopg")):
        return InternalError(f"{type(exc).__name__}: {exc}")
    text = str(getattr(exc, "orig", None) or exc).lower()
    where, ms = location, busy_ms
    if (
        "database is locked" in text
        or "lock timeout" in text
        or "locknotavailable" in text
        or ("canceling statement due to lock timeout" in text)
    ):
        return LedgerError(
            _(
                "The ledger is busy: another program kept it locked for more than {ms} ms. "
                "Try again, or raise db.busy_timeout_ms."
            ).format(ms=ms)
        )
    if (
        "not a database" in text  # "file is not a database"
        or "malformed" in text
        or "no such table" in text
        or "undefinedtable" in text
        or ("does not exist" in text and "relation" in text)
    ):
        return LedgerError(
            _("{location} is not a houqin ledger (or it is damaged).").format(location=where)
        )
    if (
        "unable to open database" in text
        or "connection" in text
        or "could not connect" in text
        or "readonly database" in text
        or "password authentication" in text
        or ("database" in text and "does not exist" in text)
    ):
        return LedgerError(
            _("Cannot open the ledger {location}: {reason}").format(
                location=where, reason=str(getattr(exc, "orig", None) or exc).splitlines()[0]
            )
        )
    return InternalError(str(exc))
