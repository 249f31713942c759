"""TAB completion benchmarks: one TAB, on the ten-year ledgers, beside its floor.

    python benchmarks/completion.py [--runs 10] [--keep DIR] [--quick] [--strict]

A TAB is one fresh `houqin` process run as bash runs it (`_HOUQIN_COMPLETE=complete_bash`,
COMP_WORDS, COMP_CWORD). The names come from asset.py's ledger (3,000 people, 88 units,
222 places, 50,000 cards over ten years) and the storeroom's from stock.py's (2,000
items, 500,000 movements), both generated once and reused with --keep. The floor is
`python -c` opening the ledger read-only with sqlite3 and reading one row: what a
completer cannot do without. Target: every TAB within 0.15 s. See benchmarks/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import asset  # noqa: E402
import core  # noqa: E402
import stock  # noqa: E402
from audit import Table, one  # noqa: E402
from core import Bench, fixed  # noqa: E402

TARGET = 0.15  # seconds, a TAB
QUICK_HELP = "the --quick ledgers of asset.py and stock.py, 2 runs"
FLOOR = "import sqlite3, sys; sqlite3.connect(sys.argv[1], uri=True).execute('SELECT 1 FROM person').fetchone()"


def tab(houqin: str, db: Path, words: str) -> list[str]:
    """A TAB as bash asks for it: the words so far, the last one being completed."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = f"HOUQIN_DB={db} _HOUQIN_COMPLETE=complete_bash COMP_CWORD={cword}"
    return ["/usr/bin/env", *env.split(), f"COMP_WORDS={words}", houqin]


def main(argv: list[str] | None = None) -> int:
    args, houqin, env = core.options(__doc__, QUICK_HELP, argv)
    # the warm-up round writes every module's .pyc, as an installed houqin has them
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not args.quick and "--runs" not in (argv or sys.argv):
        args.runs = 10
    with core.workspace("houqin-completion-bench-", args.keep) as (work, keep):
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        cards = asset.asset_ledger(keep, dict(asset.QUICK if args.quick else asset.FULL))
        store = stock.stock_ledger(keep, dict(stock.QUICK if args.quick else stock.FULL))
        (n_people,) = one(cards, "SELECT count(*) FROM person")
        (n_cards,) = one(cards, "SELECT count(*) FROM asset")
        (n_moves,) = one(store, "SELECT count(*) FROM stock_movement")
        (surname,) = one(
            cards, "SELECT substr(name, 1, 1) FROM person GROUP BY 1 ORDER BY count(*) DESC"
        )
        (card,) = one(cards, "SELECT name FROM asset GROUP BY name ORDER BY count(*) DESC")
        (year,) = one(
            store, "SELECT substr(max(code), 1, 7) FROM stock_movement WHERE code LIKE 'CK-%'"
        )
        cases = [
            (store, "houqin stock issue fb", "initials"),
            (store, f"houqin stock void {year}", "a code among the movements"),
            (cards, f"houqin people show {surname}", "a surname"),
            (cards, f"houqin asset show {str(card)[:2]}", "the most common card name"),
            (cards, "houqin asset move ZC-2020-00", "a card code"),
            (cards, "houqin asset show qqq", "no card has these initials"),
            (cards, "houqin asset list --place ", "every place"),
            (cards, "houqin asset list --status ", "a choice"),
        ]
        floor = core.python_c(
            "floor: python -c + sqlite3 open, one row", FLOOR, f"file:{cards}?mode=ro"
        )
        b_pass = core.python_c("python -c pass", "pass")
        b_typer = core.python_c('python -c "import typer"', "import typer")
        b_version = Bench("houqin --version", fixed([houqin, "--version"]))
        benches = [
            Bench(
                f"TAB {words.removeprefix('houqin ')}<TAB> ({why})", fixed(tab(houqin, db, words))
            )
            for db, words, why in cases
        ]
        sys.stderr.write(f"timing: {args.runs} rounds after one warm-up round\n")
        core.measure([b_pass, floor, b_typer, b_version, *benches], args.runs, env)
    t = Table(
        f"houqin TAB completion: median of {args.runs} runs (after 1 warm-up round), "
        f"{n_people:,} people, {n_cards:,} cards, {n_moves:,} movements"
    )
    t.row(b_pass, "floor")
    t.row(floor, "floor")
    t.row(b_typer, "floor")
    t.row(b_version, "for comparison")
    for b in benches:
        t.row(b, f"floor {floor.median:.3f} s", f"<= {TARGET} s", b.median <= TARGET, floor)
    return t.finish(args.strict)


if __name__ == "__main__":
    sys.exit(main())
