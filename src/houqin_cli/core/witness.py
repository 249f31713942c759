"""Witnessed heads (ARCHITECTURE.md, "Tamper evidence"): after every write, the new
head `SEQ:HASH` goes to a log on this computer, outside the ledger (0600, beside
the user's settings; HOUQIN_WITNESS names another file, or is empty for none).
`audit verify` then checks the journal still holds every head this computer
witnessed for the ledger, so a rewrite of the whole chain or a truncation after
any witnessed write is caught without a hand-kept seal. On a shared PostgreSQL
ledger each PC witnesses what it wrote."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding

MAX_BYTES = 64 * 1024 * 1024  # a log larger than this is read from its last 64 MiB


def log_path() -> Path | None:
    """The witness log, or None when HOUQIN_WITNESS is set empty (witnessing off)."""
    named = os.environ.get("HOUQIN_WITNESS")
    if named is not None:
        return Path(named).expanduser() if named.strip() else None
    from platformdirs import user_config_dir

    return Path(user_config_dir("houqin", appauthor=False)) / "witness.log"


def where(url: Any) -> str:
    """Which ledger a SQLAlchemy URL names: its file's absolute path, or its server and
    database (never a password). `core.db.Reader.where` holds the same."""
    if url.get_backend_name() == "sqlite":
        return str(Path(url.database or "").resolve())
    return f"{url.host}:{url.port or 5432}/{url.database}"


def ledger_key(url: Any) -> str:
    """Which ledger (by its SQLAlchemy URL, or by `where` text) a head belongs to."""
    text = url if isinstance(url, str) else where(url)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def append(url: Any, seq: int, head: str) -> None:
    """Witness a new head; a log that cannot be written is left alone (the write is
    done; `audit verify` still has the seal and the chain)."""
    _write(f"{ledger_key(url)} {seq}:{head}\n".encode())


def _write(line: bytes) -> None:
    path = log_path()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError:
        return


def forget(url: Any) -> None:
    """The ledger was put back from a backup (`db restore`): the heads witnessed so far
    are set aside on purpose, so `audit verify` checks only those written after."""
    _write(f"{ledger_key(url)} {RESTORED}\n".encode())


RESTORED = "restored"
VERIFIED = "verified"  # a third word: a head that a full verification found sound


def heads(url: Any) -> dict[int, str]:
    """seq -> hash of every head this computer witnessed for the ledger (since its last
    restore)."""
    return read(url)[0]


def checkpoint(url: Any) -> tuple[int, str] | None:
    """The head of the last full verification on this computer that found nothing
    (since the ledger's last restore): where `houqin check --quick` starts."""
    return read(url)[1]


def read(url: Any) -> tuple[dict[int, str], tuple[int, str] | None]:
    """The witnessed heads and the last verified head of the ledger, from the log."""
    path = log_path()
    if path is None or not path.is_file():
        return {}, None
    key = ledger_key(url)
    out: dict[int, str] = {}
    verified: tuple[int, str] | None = None
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - MAX_BYTES))
        for raw in fh:
            parts = raw.decode("ascii", "replace").split()
            if len(parts) not in (2, 3) or parts[0] != key:
                continue
            if parts[1] == RESTORED:
                out.clear()
                verified = None
                continue
            seq, _colon, digest = parts[1].partition(":")
            if not (seq.isdigit() and len(digest) == 64):
                continue
            if len(parts) == 2:
                out[int(seq)] = digest
            elif parts[2] == VERIFIED:
                verified = (int(seq), digest)
    return out, verified


def verified(url: Any, seq: int, head: str) -> None:
    """A full verification found nothing up to entry `seq`: the next quick check may
    start there. A log that cannot be written is left alone, as for a head."""
    _write(f"{ledger_key(url)} {seq}:{head} {VERIFIED}\n".encode())


def findings(witnessed: dict[int, str], held: dict[int, str]) -> list[Finding]:
    """The witnessed heads the journal no longer holds as witnessed (`held`: the
    journal's hash at each witnessed seq it still has)."""
    out = []
    for seq in sorted(witnessed):
        if held.get(seq) != witnessed[seq]:
            out.append(
                Finding(
                    "audit.journal",
                    "witness.broken",
                    _(
                        "The journal no longer holds entry {seq} as this computer saw it written "
                        "({hash}): the chain was rewritten or cut short."
                    ).format(seq=seq, hash=witnessed[seq][:12]),
                    {"seq": seq},
                )
            )
            break  # the first is where it went wrong; every later head follows from it
    return out
