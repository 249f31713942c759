"""Peak memory of a big import (#11, item 8), beside the 150 MB target.

    python benchmarks/imports.py [--rows 100000] [--kind stock,asset] [--format csv,xlsx]
                                 [--trace] [--keep DIR]

For each kind and format: a fresh ledger (`houqin init`), a generated file of --rows
stock items (名称, 单位, 类别, 规格; with --openings 期初数量 and 期初金额 too, each a
receipt) or asset cards (名称, 类别, 单价, 取得日期, 存放地点), then `houqin ... import FILE` in a fresh process whose peak
resident set (getrusage ru_maxrss) and wall time are printed. --trace runs the
import again under tracemalloc and prints the Python allocations alive just
before it commits, by the file that made them (slower; says what dominates: try
it with --rows 5000).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 150.0
ENV = {"HOUQIN_LANG": "en", "HOUQIN_WITNESS": "", "HOUQIN_NOW": "2026-03-02T09:00", "NO_COLOR": "1"}


def child(argv: list[str], trace: bool, fd: int) -> None:
    """Run houqin in this process; report its peak memory as JSON on `fd`."""
    import resource
    import tracemalloc

    peak: list[object] = []
    if trace:  # what is alive just before the import commits: its peak
        from houqin_cli.core import journal

        tracemalloc.start(1)
        before_commit = journal.before_commit

        def snapshot_then_commit(session: object) -> None:
            peak.append(tracemalloc.take_snapshot())
            before_commit(session)  # type: ignore[arg-type]

        journal.before_commit = snapshot_then_commit  # type: ignore[assignment]
    import typer

    from houqin_cli.app import app

    started = time.perf_counter()
    code = typer.main.get_command(app).main(argv, prog_name="houqin", standalone_mode=False)
    out: dict[str, object] = {
        "exit": code,
        "seconds": round(time.perf_counter() - started, 2),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if trace:
        _current, most = tracemalloc.get_traced_memory()
        snap = peak[0] if peak else tracemalloc.take_snapshot()
        out["traced_peak_mb"] = round(most / 2**20, 1)
        stats = snap.statistics("filename")
        out["alive_mb"] = round(sum(s.size for s in stats) / 2**20, 1)
        out["top_now"] = [
            f"{s.size / 2**20:7.1f} MB  {s.traceback[0].filename.split('site-packages/')[-1]}"
            for s in stats[:10]
        ]
    with os.fdopen(fd, "w") as fh:
        json.dump(out, fh)


def measure(db: Path, args: list[str], trace: bool) -> dict[str, object]:
    read, write = os.pipe()
    cmd = [sys.executable, __file__, "--child", str(write), *(["--trace"] if trace else []), "--"]
    proc = subprocess.Popen(
        [*cmd, "--db", str(db), *args],
        pass_fds=(write,),
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        data = fh.read()
    _out, err = proc.communicate()
    if not data:
        raise SystemExit(f"the import failed: {err}")
    result: dict[str, object] = json.loads(data)
    if result["exit"] != 0:
        raise SystemExit(f"the import exited {result['exit']}: {err.strip()[-500:]}")
    return result


def rows_for(kind: str, n: int, openings: bool) -> tuple[list[str], list[list[object]]]:
    if kind == "stock":
        head = ["名称", "单位", "类别", "规格"] + (["期初数量", "期初金额"] if openings else [])
        more: list[object] = [3, "12.50"] if openings else []
        return head, [[f"物品{i:06d}", "个", "办公用品", f"规格{i % 50}", *more] for i in range(n)]
    head = ["名称", "类别", "单价", "取得日期", "存放地点"]
    return head, [[f"课桌{i:06d}", "家具", "850.00", "2024-09-01", ""] for i in range(n)]


def write_file(path: Path, kind: str, n: int, openings: bool) -> None:
    head, rows = rows_for(kind, n, openings)
    if path.suffix == ".csv":
        import csv

        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.writer(fh)
            w.writerow(head)
            w.writerows(rows)
        return
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(head)
    for r in rows:
        ws.append(r)
    wb.save(path)


def main() -> None:
    if "--child" in sys.argv:
        i = sys.argv.index("--")
        fd = int(sys.argv[sys.argv.index("--child") + 1])
        child(sys.argv[i + 1 :], "--trace" in sys.argv[:i], fd)
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--kind", default="stock,asset")
    ap.add_argument("--format", default="csv,xlsx")
    ap.add_argument("--trace", action="store_true")
    ap.add_argument(
        "--openings", action="store_true", help="stock items with opening balances (slow)"
    )
    ap.add_argument("--keep", type=Path)
    opts = ap.parse_args()
    where = Path(tempfile.mkdtemp(prefix="houqin-imports-"))
    try:
        template = where / "template.db"
        init = [sys.executable, "-m", "houqin_cli", "--db", str(template), "init"]
        subprocess.run(init, check=True, env={**os.environ, **ENV}, capture_output=True)
        print(f"peak memory of one import of {opts.rows:,} rows (target {TARGET_MB:.0f} MB)")
        for kind in opts.kind.split(","):
            for fmt in opts.format.split(","):
                tag = "-open" if opts.openings and kind == "stock" else ""
                src = (opts.keep or where) / f"{kind}{tag}-{opts.rows}.{fmt}"
                if not src.exists():
                    src.parent.mkdir(parents=True, exist_ok=True)
                    write_file(src, kind, opts.rows, opts.openings)
                args = ["stock", "item", "import", str(src)]
                if opts.openings:
                    args += ["--as-of", "2026-02-28"]
                if kind == "asset":
                    args = ["asset", "import", str(src)]
                for trace in (False, True) if opts.trace else (False,):
                    db = where / f"{kind}-{fmt}.db"
                    shutil.copy(template, db)
                    r = measure(db, args, trace)
                    mark = "ok" if float(str(r["rss_mb"])) <= TARGET_MB else "OVER"
                    line = f"  {kind:5} {fmt:4}  peak RSS {r['rss_mb']:>7} MB  {r['seconds']:>6} s  {mark}"
                    if trace:
                        line += (
                            f"  (tracemalloc: peak {r['traced_peak_mb']} MB, "
                            f"{r['alive_mb']} MB alive before the commit, made in:)"
                        )
                    print(line, flush=True)
                    for top in r.get("top_now", []):  # type: ignore[union-attr]
                        print("      " + str(top))
                    db.unlink()
    finally:
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
