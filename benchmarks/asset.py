"""School-property benchmarks of houqin (`asset list|show|register|depreciation|inspect
report|import`), each beside its floor.

    python benchmarks/asset.py [--runs 5] [--keep DIR] [--quick] [--strict]

The ledger (20,000 cards, 50,000 after splits, ten years of moves, loans,
damages, scrappings and inspections) comes from benchmarks/generate_asset.py.
Every figure is the median wall time of --runs fresh processes after one
untimed warm-up round, timed by core.py's helpers, with the floors measured in
the same rounds. See benchmarks/README.md.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import core  # noqa: E402
from audit import Table, cached, one  # noqa: E402
from core import Bench, copy_ledger, fixed  # noqa: E402

SLACK = 0.3  # each read within the sqlmodel floor + 0.3 s
IMPORT_LIMIT = 15.0  # seconds for 20,000 rows (scaled for --quick)
FULL = {"cards": 20_000, "splits": 30_000, "import": 20_000}
QUICK = {"cards": 2_000, "splits": 3_000, "import": 2_000}
QUICK_HELP = "2,000 cards (5,000 after splits), 2,000 imported, 2 runs"  # what --quick runs


def asset_ledger(keep: Path, size: dict[str, int]) -> Path:
    from generate_asset import VERSION
    from generate_money import ten_years

    first, last = ten_years()
    cards, splits = size["cards"], size["splits"]
    return cached(
        keep / f"assets-c{cards}-s{splits}-{first.year}-{last.year}.db",
        f"generate_asset.py {VERSION} cards {cards} splits {splits}",
        [str(HERE / "generate_asset.py"), "--cards", str(cards), "--splits", str(splits)],
    )


def fixed_cards(path: Path) -> int:
    """Cards on the books at or above the fixed-asset thresholds (the settings' defaults)."""
    import sqlite3

    from houqin_cli.asset import categories
    from houqin_cli.core import money, settings

    general, special = (
        settings.SPECS[k].load(settings.SPECS[k].default)
        for k in ("asset.fixed_threshold_general", "asset.fixed_threshold_special")
    )
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT category, value_fen, qty FROM asset WHERE status != 'scrapped'"
        ).fetchall()
    finally:
        con.close()
    n = 0
    for cat, value, qty in rows:
        c = categories.BY_CODE.get(cat)
        n += money.divide(value, qty) >= (special if c and c.special else general)
    return n


def register_file(keep: Path, big: Path, n: int) -> Path:
    """`n` rows of a register as an .xlsx (title rows, mixed dates and amounts, 合计),
    naming places and custodians of the generated ledger; kept beside it."""
    from generate_asset import directory, register_rows, write_xlsx
    from generate_money import ten_years

    path = keep / f"{big.stem}-register-{n}.xlsx"
    if path.exists():
        return path
    sys.stderr.write(f"writing {path}\n")
    rng = random.Random(11)
    first, last = ten_years()
    rows = register_rows(rng, directory(big), n, first, last)
    (school,) = one(big, "SELECT value FROM setting WHERE key = 'school.name'")
    tmp = path.with_suffix(".tmp.xlsx")
    write_xlsx(tmp, rows, rng, str(school))
    tmp.rename(path)
    return path


def main(argv: list[str] | None = None) -> int:
    args, houqin, env = core.options(__doc__, QUICK_HELP, argv)
    size = dict(QUICK if args.quick else FULL)
    size["cards"] *= args.scale
    size["splits"] *= args.scale
    limit = IMPORT_LIMIT * size["import"] / FULL["import"]

    with core.workspace("houqin-asset-bench-", args.keep) as (work, keep):
        big = asset_ledger(keep, size)
        sheet = register_file(keep, big, size["import"])
        (n_cards,) = one(big, "SELECT count(*) FROM asset")
        (n_live,) = one(big, "SELECT count(*) FROM asset WHERE status != 'scrapped'")
        (n_entries,) = one(big, "SELECT max(seq) FROM journal")
        place, place_name, at_place = one(
            big,
            "SELECT p.code, p.name, count(*) c FROM asset a JOIN place p ON p.id = a.place_id "
            "GROUP BY p.id ORDER BY c DESC LIMIT 1",
        )
        card, events = one(
            big,
            "SELECT a.code, count(*) c FROM asset_event e JOIN asset a ON a.id = e.asset_id "
            "GROUP BY e.asset_id ORDER BY c DESC LIMIT 1",
        )
        (month,) = one(big, "SELECT substr(max(acquired), 1, 7) FROM asset")
        n_fixed = fixed_cards(big)
        insp, unit_name, lines = one(
            big,
            "SELECT i.code, u.name, count(*) c FROM asset_inspection i "
            "JOIN unit u ON u.id = i.unit_id JOIN asset_inspection_line l ON l.inspection_id = i.id "
            "WHERE u.kind = 'class' GROUP BY i.id ORDER BY i.term_id DESC, c DESC LIMIT 1",
        )
        imports = work / "imports.db"

        def fresh_copy(_rnd: int) -> None:
            copy_ledger(big, imports)  # each import into the big ledger as generated

        def cmd(db: Path, *a: str) -> list[str]:
            return [houqin, "--db", str(db), *a]

        b_pass, b_orm = core.floors()
        b_list = Bench(
            f"asset list --place {place_name} ({at_place:,} cards)",
            fixed(cmd(big, "asset", "list", "--place", str(place))),
        )
        b_show = Bench(
            f"asset show {card} ({events:,} events)", fixed(cmd(big, "asset", "show", str(card)))
        )
        b_register = Bench(
            f"asset register ({n_fixed:,} fixed-asset cards)", fixed(cmd(big, "asset", "register"))
        )
        b_dep = Bench(
            f"asset depreciation --month {month} ({n_live:,} cards)",
            fixed(cmd(big, "asset", "depreciation", "--month", str(month))),
        )
        b_insp = Bench(
            f"asset inspect report {insp} ({unit_name}, {lines:,} lines)",
            fixed(cmd(big, "asset", "inspect", "report", str(insp))),
            ok=(0, 1),
        )
        b_import = Bench(
            f"asset import {size['import']:,} rows (.xlsx)",
            fixed(cmd(imports, "asset", "import", str(sheet))),
            prepare=fresh_copy,
        )
        benches = [
            b_pass,
            b_orm,
            b_list,
            b_show,
            b_register,
            b_dep,
            b_insp,
            b_import,
        ]
        sys.stderr.write(f"timing: {args.runs} rounds after one warm-up round\n")
        core.measure(benches, args.runs, env)

    t = Table(
        f"houqin asset benchmarks: median of {args.runs} runs (after 1 warm-up round), "
        f"{n_cards:,} cards ({n_live:,} not scrapped), "
        f"{n_entries:,} journal entries"
    )
    t.row(b_pass, "floor")
    t.row(b_orm, "floor")
    for b in (b_list, b_show, b_register, b_dep, b_insp):
        t.within(b, b_orm, SLACK)
    t.row(
        b_import,
        f"{size['import'] / b_import.median:,.0f} rows/s",
        f"<= {limit:.1f} s",
        b_import.median <= limit,
    )
    return t.finish(args.strict)


if __name__ == "__main__":
    sys.exit(main())
