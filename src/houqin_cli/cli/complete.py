"""TAB completion: names and codes from the ledger, choice values from the label tables.

A TAB runs the program once, so this path stays cheap: the ledger is read with the
`sqlite3` module alone (opened read-only, `file:…?mode=ro`), or on PostgreSQL with
psycopg directly; no ORM, no Alembic, and typer's coercion of option values (which
imports pydantic) is skipped while completing (`prepare`). Any problem (no ledger, an
old schema, a server that does not answer) offers nothing.

A completer is a click `shell_complete` callable, given to an option or argument as
`shell_complete=complete.PERSON`. Candidates are not filtered by prefix: `fb` offers
粉笔 (pinyin initials); a code typed offers the code, a name the name (or the codes
when two records share it)."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from houqin_cli.core import names

LIMIT = 50
FORMATS = ("table", "plain", "csv", "json", "markdown")

# typer warns once per parameter that `shell_complete` is deprecated in favour of
# `autocompletion`, which keeps only values beginning with what was typed (so `fb`
# could never offer 粉笔)
warnings.filterwarnings("ignore", message="In Typer, only the parameter 'autocompletion'")

Completer = Callable[[Any, Any, str], list[Any]]
Pairs = list[tuple[str, str]]


def prepare(var: str) -> None:
    """Before click resolves a TAB: take values as typed instead of building typer's
    pydantic adapters for every option (half the cost of a TAB). Only the completion
    process calls this; nothing runs a command in it. Click's own order of the
    instruction (`bash_complete`, as click documents it) is taken as well as typer's
    (`complete_bash`, which the scripts typer writes use)."""
    import typer.core

    shell, _sep, action = os.environ[var].partition("_")
    if shell in SHELLS and action in ("complete", "source"):
        os.environ[var] = f"{action}_{shell}"

    class AsTyped:
        def coerce(self, value: Any, param: Any = None, ctx: Any = None) -> Any:
            return value

    as_typed = AsTyped()
    typer.core._TyperParameter.get_runtime_param = lambda self: as_typed  # type: ignore[assignment,method-assign,return-value]


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def shell_option(argv: Sequence[str]) -> int | None:
    """`--show-completion SHELL` / `--install-completion SHELL`: the script for the shell
    named (typer's own options take no value and guess the shell); None when neither is
    given with a shell, so that typer's handle the rest."""
    for opt in ("--show-completion", "--install-completion"):
        if opt in argv:
            i = list(argv).index(opt)
            shell = argv[i + 1] if i + 1 < len(argv) else ""
            if shell not in SHELLS:
                if not shell or shell.startswith("-"):
                    return None
                from houqin_cli.core.i18n import _

                problem = _("Unknown shell {shell!r}; choose one of: {shells}.").format(
                    shell=shell, shells=", ".join(SHELLS)
                )
                message = _("{problem} (see --help)").format(problem=problem)
                sys.stderr.write(_("Error: {message}").format(message=message) + "\n")
                return 2
            from typer._completion_shared import get_completion_script, install

            if opt == "--show-completion":
                script = get_completion_script(
                    prog_name="houqin", complete_var="_HOUQIN_COMPLETE", shell=shell
                )
                sys.stdout.write(script + "\n")
            else:
                done, path = install(shell=shell, prog_name="houqin")
                sys.stderr.write(f"{done} completion installed in {path}\n")
            return 0
    return None


# -- reading the ledger ----------------------------------------------------------------


class _Reader:
    """One read-only connection: sqlite3, or psycopg on PostgreSQL (`?` placeholders)."""

    def __init__(self, con: Any, pg: bool) -> None:
        self.con, self.pg = con, pg

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.pg:
            sql = sql.replace("?", "%s")
        return list(self.con.execute(sql, tuple(params)).fetchall())


def _open(ctx: Any) -> _Reader | None:
    target = ctx.find_root().params.get("db") or os.environ.get("HOUQIN_DB")
    if target and target.startswith("postgres"):
        # psycopg takes the URL as libpq does (Ledger's check of it would load SQLAlchemy)
        import psycopg

        url = "postgresql://" + target.split("://", 1)[-1]
        return _Reader(psycopg.connect(url, connect_timeout=2, autocommit=True), pg=True)
    from houqin_cli.core.db import Ledger

    ledger = Ledger.from_option(target)
    assert ledger.path is not None
    if not ledger.path.is_file():
        return None
    import sqlite3
    from urllib.parse import quote

    uri = f"file:{quote(str(ledger.path.resolve()))}?mode=ro"
    return _Reader(sqlite3.connect(uri, uri=True, timeout=0.1), pg=False)


def _read(ctx: Any, fetch: Callable[[_Reader], Pairs]) -> list[Any]:
    from typer._click.shell_completion import CompletionItem

    try:
        reader = _open(ctx)
        if reader is None:
            return []
        try:
            found = fetch(reader)
        finally:
            reader.con.close()
    except Exception:
        return []
    return [CompletionItem(value, help=help or None) for value, help in found]


# -- named records: code, name, prefix, pinyin initials --------------------------------

# kind -> (table, the condition of a record still in use)
NAMED = {
    "person": ("person", "active"),
    "unit": ("unit", "retired_on IS NULL"),
    "place": ("place", "retired_on IS NULL"),
    "item": ("stock_item", "active"),
    "asset": ("asset", "status <> 'scrapped'"),
}


END = "\U0010ffff"  # sorts after every character: `x <= s < x + END` is "s begins with x"


def _begins(r: _Reader, column: str, typed: str) -> tuple[str, list[Any]]:
    """`column` begins with `typed`: a range, which walks the column's index, on SQLite;
    LIKE on PostgreSQL (whose collations do not sort by code point)."""
    if r.pg:
        return f"{column} LIKE ? ESCAPE '\\'", [names.escape_like(typed) + "%"]
    return f"{column} >= ? AND {column} < ?", [typed, typed + END]


def _named(r: _Reader, kind: str, typed: str) -> Pairs:
    """Live records whose name begins with `typed` or whose pinyin initials do (any
    reading); else those whose code does. Each query walks an index or stops at LIMIT."""
    table, live = NAMED[kind]
    typed = typed.strip()
    head = f"SELECT code, name FROM {table} WHERE {live} AND "
    where, params = _begins(r, "name", typed)
    rows = r.rows(f"{head}{where} ORDER BY name, id LIMIT ?", [*params, LIMIT])
    low = names.as_initials(typed)
    if low:
        # initials hold only [a-z0-9] and spaces, and so does `low`: GLOB needs no escape
        match = "(' ' || initials) LIKE ?" if r.pg else "(' ' || initials) GLOB ?"
        pattern = f"% {low}%" if r.pg else f"* {low}*"
        # a plain scan that stops at LIMIT (walking the name's index would be slower)
        found = r.rows(f"{head}{match} LIMIT ?", [pattern, LIMIT])
        rows += sorted(found, key=lambda row: (str(row[1]), str(row[0])))
    rows = list(dict.fromkeys(rows))[:LIMIT]
    if not rows and typed:
        where, params = _begins(r, "upper(code)" if r.pg else "code", typed.upper())
        codes = r.rows(f"{head}{where} ORDER BY code LIMIT ?", [*params, LIMIT])
        return [(str(c), str(n)) for c, n in codes]
    counts: dict[str, int] = {}
    for _c, n in rows:
        counts[n] = counts.get(n, 0) + 1
    # a name two records share is offered as their codes, which tell them apart
    return [(str(n), str(c)) if counts[n] == 1 else (str(c), str(n)) for c, n in rows]


def named(*kinds: str) -> Completer:
    """Records of these kinds (person, unit, place, item, asset), live ones only."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        return _read(ctx, lambda r: [p for k in kinds for p in _named(r, k, incomplete)])

    return complete


# -- open records, by code -----------------------------------------------------------

# kind -> (table, which records are offered, what is shown beside the code)
RECORDS = {
    "stock_count": ("stock_count", "status = 'open'", "coalesce(category, '')"),
    "asset_count": ("asset_count", "status = 'open'", "started_on"),
    "inspection": ("asset_inspection", "status = 'open'", "kind"),
    "loan": ("asset_loan", "returned_on IS NULL", "due"),
    "scrap": ("asset_scrap", "status IS NOT NULL", "reason"),
    "scrap_requested": ("asset_scrap", "status = 'requested'", "reason"),
    "scrap_appraised": ("asset_scrap", "status = 'appraised'", "reason"),
    "damage": ("asset_damage", "paid_fen < due_fen", "date"),
    "movement": ("stock_movement", "reverses_id IS NULL", "kind"),
    "issue": ("stock_movement", "kind = 'issue'", "date"),
    "card": ("asset", "status <> 'scrapped'", "name"),
    "receipt": ("receipt", "reverses_id IS NULL", "supplier"),
    "income": ("income", "reverses_id IS NULL", "source"),
    "task": ("task", "stopped_on IS NULL", "title"),
    "repair": ("repair_order", "status IN ('requested', 'assigned', 'done')", "what"),
}


def _records(r: _Reader, kind: str, typed: str) -> Pairs:
    table, which, shown = RECORDS[kind]
    # codes are stored upper-case; a range walks their index over half a million movements
    match, params = _begins(r, "upper(code)" if r.pg else "code", typed.strip().upper())
    sql = f"SELECT code, {shown} FROM {table} WHERE {which} AND {match} ORDER BY code DESC LIMIT ?"
    rows = r.rows(sql, [*params, LIMIT])
    return [(str(c), str(h or "")) for c, h in rows]


def records(kind: str) -> Completer:
    """The codes of open records of `kind` (see RECORDS), newest first."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        return _read(ctx, lambda r: _records(r, kind, incomplete))

    return complete


def _column(r: _Reader, sql: str, typed: str) -> Pairs:
    return [(str(v), "") for (v,) in r.rows(sql, [names.escape_like(typed) + "%", LIMIT])]


def _terms(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    sql = "SELECT name FROM term WHERE name LIKE ? ESCAPE '\\' ORDER BY start DESC LIMIT ?"
    return _read(ctx, lambda r: _column(r, sql, incomplete))


def _stock_categories(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    sql = (
        "SELECT DISTINCT category FROM stock_item WHERE category LIKE ? ESCAPE '\\' "
        "ORDER BY category LIMIT ?"
    )
    return _read(ctx, lambda r: _column(r, sql, incomplete))


# -- choices ---------------------------------------------------------------------------


def _offer(pairs: Iterable[tuple[str, str]], typed: str) -> list[Any]:
    """(code, label) pairs whose code or label begins with what was typed (the label
    is offered when it is what matched: input takes either)."""
    from typer._click.shell_completion import CompletionItem

    low = typed.strip().lower()
    out = []
    for code, label in pairs:
        if code.lower().startswith(low):
            out.append(CompletionItem(code, help=label or None))
        elif label and label.lower().startswith(low):
            out.append(CompletionItem(label, help=code))
    return out


def values(pairs: Callable[[], Iterable[tuple[str, str]]]) -> Completer:
    """Choices computed when TAB is pressed: (code, label) pairs."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        return _offer(pairs(), incomplete)

    return complete


def labels(*tables: str) -> Completer:
    """The codes of these label tables (core/labels.py) with their labels, in the
    language of the run."""

    def pairs() -> list[tuple[str, str]]:
        from houqin_cli.core.labels import choices

        return [pair for t in tables for pair in choices(t)]

    return values(pairs)


# -- the shared options, whose values depend on the command ---------------------------

# the words of a command's path (after `houqin`) -> the records its CODE argument takes
CODE_RECORDS = (
    (("stock", "count"), "stock_count"),
    (("stock", "void"), "movement"),
    (("asset", "inspect"), "inspection"),
    (("asset", "count"), "asset_count"),
    (("asset", "scrap", "appraise"), "scrap_requested"),
    (("asset", "scrap", "approve"), "scrap_appraised"),
    (("asset", "scrap"), "scrap"),
    (("asset", "iou"), "loan"),
    (("asset", "compensate"), "damage"),
    (("audit", "receipt"), "receipt"),
    (("audit", "income"), "income"),
    (("calendar", "task"), "task"),
    (("repair",), "repair"),
)


def _path(ctx: Any) -> tuple[str, ...]:
    return tuple(ctx.command_path.split()[1:])


def _record_code(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    path = _path(ctx)
    for prefix, kind in CODE_RECORDS:
        if path[: len(prefix)] == prefix:
            return records(kind)(ctx, param, incomplete)
    return []


def _category(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """--category: the storeroom's categories in use, the asset classification's codes
    in use, or the receipt and income categories (labels)."""
    group = _path(ctx)[:1]
    if group == ("stock",):
        return _stock_categories(ctx, param, incomplete)
    if group == ("asset",):
        sql = (
            "SELECT DISTINCT category FROM asset WHERE category LIKE ? ESCAPE '\\' "
            "ORDER BY category LIMIT ?"
        )
        return _read(ctx, lambda r: _column(r, sql, incomplete))
    return labels("budget_category", "income_category")(ctx, param, incomplete)


def _check_groups(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """`--only stock,as<TAB>`: the group being typed after those already given."""
    from houqin_cli import domains

    done, _comma, _last = incomplete.rpartition(",")
    given = done + "," if done else ""
    return _offer([(given + g, "") for g in domains.check_groups()], incomplete)


def _lent(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """`asset return`: the loan's code or the card."""
    return [*records("loan")(ctx, param, incomplete), *ASSET(ctx, param, incomplete)]


PERSON = named("person")
UNIT = named("unit")
PLACE = named("place")
ITEM = named("item")
ASSET = named("asset")
HOLDER = named("person", "unit")  # a person or a unit (a custodian, a borrower of stock)
LENT: Completer = _lent  # a card or its loan (asset return)
TERM: Completer = _terms
STOCK_CATEGORY: Completer = _stock_categories
FORMAT = values(lambda: [(f, "") for f in FORMATS])
ROLE = labels("role")
CHECK_GROUPS: Completer = _check_groups
RECORD: Completer = _record_code  # the shared CODE argument
CATEGORY: Completer = _category  # the shared --category
