"""Every benchmark of houqin, one table: each group's script (core, stock, asset, audit,
calendar, completion) run in this process with the same options, its own report sent
to stderr, and every target it checked printed once more here, beside its floor.

    python benchmarks/run.py [--scale 1|2|4 ...] [--quick] [--keep DIR] [--runs N]

With two scales (`--scale 1 --scale 4`) each script runs at both, and a growth table
gives each command's time at both and a verdict: flat (grew less than 0.05 s, or less
than a quarter of the size's growth) or linear. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# last on the path, as calendar.py does: benchmarks/calendar.py must not shadow the
# standard library's calendar
sys.path.append(str(HERE))

import core  # noqa: E402

GROUPS = ("core", "stock", "asset", "audit", "calendar", "repair", "completion")
FLAT = 0.05  # s: a command that grows less than this between two scales is flat


def run_group(name: str, argv: list[str]) -> list[dict[str, object]]:
    """One script's main(argv), its report to stderr; the targets it recorded."""
    if not (HERE / f"{name}.py").exists():
        return []
    # by path, under a name of its own (`calendar` is also the standard library's)
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    start = len(core.RESULTS)
    sys.stderr.write(f"== {name}.py {' '.join(argv)}\n")
    try:
        with contextlib.redirect_stdout(sys.stderr):
            module.main(argv)
    except (Exception, SystemExit) as exc:  # one group's failure is a line of the table
        sys.stderr.write(f"{name}.py failed: {exc!r}\n")
        del core.RESULTS[start:]
        core.RESULTS.append(
            {
                "command": f"{name}.py did not run to the end",
                "time": None,
                "value": type(exc).__name__,
                "floor": None,
                "target": "(see stderr)",
                "ok": False,
                "peak": None,
            }
        )
    return core.RESULTS[start:]


def fmt_s(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ""


def table(rows: list[tuple[str, int, dict[str, object]]]) -> list[str]:
    head = (
        "group",
        "command",
        "size",
        "time s",
        "cpu s",
        "floor s",
        "t-floor",
        "target",
        "peak MB",
        "",
    )
    out = [head]
    for group, scale, r in rows:
        t, f = r["time"], r["floor"]
        diff = t - f if isinstance(t, float) and isinstance(f, float) else None
        peak = r["peak"]
        label = str(r["command"])
        show_peak = isinstance(peak, int) and ("verify" in label or "check" in label)
        out.append(
            (
                group,
                label,
                f"{scale}x",
                fmt_s(t) if t is not None else str(r["value"] or ""),
                fmt_s(r.get("cpu")),
                fmt_s(f),
                "" if diff is None else f"{diff:+.3f}",
                str(r["target"]),
                f"{peak / core.MB:.0f}" if show_peak and isinstance(peak, int) else "",
                "PASS" if r["ok"] else "FAIL",
            )
        )
    return align(out)


def align(rows: list[tuple[str, ...]]) -> list[str]:
    import unicodedata

    from audit import pad  # CJK-aware

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def growth(rows: list[tuple[str, int, dict[str, object]]], scales: list[int]) -> list[str]:
    """Each timed command at the smallest and the largest scale, and a verdict."""
    lo, hi = min(scales), max(scales)
    by: dict[tuple[str, str], dict[int, float]] = {}
    for group, scale, r in rows:
        if isinstance(r["time"], float):
            key = (group, str(r["command"]).split(" (")[0])
            by.setdefault(key, {})[scale] = r["time"]
    out: list[tuple[str, ...]] = [("group", "command", f"{lo}x s", f"{hi}x s", "grew", "verdict")]
    for (group, label), times in by.items():
        if lo not in times or hi not in times:
            continue
        grew = times[hi] - times[lo]
        size_growth = (hi / lo - 1) * times[lo]
        flat = grew < FLAT or grew < 0.25 * size_growth
        out.append(
            (
                group,
                label,
                f"{times[lo]:.3f}",
                f"{times[hi]:.3f}",
                f"{grew:+.3f}",
                "flat" if flat else "linear",
            )
        )
    return align(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, action="append", choices=(1, 2, 4))
    ap.add_argument("--quick", action="store_true", help="every script's --quick sizes, 2 runs")
    ap.add_argument("--keep", type=Path, help="keep the generated ledgers here and reuse them")
    ap.add_argument("--runs", type=int, help="timed runs per figure (each script's default)")
    ap.add_argument("--only", help="these groups, comma-separated (default: all)")
    args = ap.parse_args(argv)
    scales = sorted(set(args.scale or [1]))
    groups = [g.strip() for g in args.only.split(",")] if args.only else list(GROUPS)
    rows: list[tuple[str, int, dict[str, object]]] = []
    for scale in scales:
        for group in groups:
            sub = ["--scale", str(scale)]
            if args.quick:
                sub.append("--quick")
            if args.keep:
                sub += ["--keep", str(args.keep)]
            if args.runs:
                sub += ["--runs", str(args.runs)]
            if group == "completion":
                sub.remove("--scale")
                sub.remove(str(scale))
                if scale != scales[0]:
                    continue  # it reads the ledgers asset.py and stock.py kept, at 1x
            rows += [(group, scale, r) for r in run_group(group, sub)]
    print("\n".join(table(rows)))
    failed = sum(1 for _g, _s, r in rows if not r["ok"])
    print(f"\n{len(rows) - failed}/{len(rows)} targets met")
    if len(scales) > 1:
        print("\n" + "\n".join(growth(rows, scales)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
