"""Core benchmarks of houqin, each figure beside its floor measured in the same run.

    python benchmarks/core.py [--runs 5] [--entries 1000000] [--keep DIR] [--quick] [--strict]

Every figure is the median wall time of --runs fresh processes (after one
untimed warm-up run), started with posix_spawn and reaped with wait4, whose
rusage gives the child's own peak memory (ru_maxrss). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
MB = 1024 * 1024

# targets
VERSION_FACTOR = 2.0  # --version and --help within 2x `python -c "import typer"`
ORM_SLACK = 0.15  # one read / one write within the sqlmodel floor + 0.15 s
VERIFY_RATE = 150_000  # entries per second, at least
VERIFY_MEMORY = 200 * MB  # peak, below


@dataclass
class Bench:
    label: str
    argv: Callable[[int], list[str]]
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    maxrss: list[int] = field(default_factory=list)  # bytes
    ok: tuple[int, ...] = (0,)  # the exit codes that mean it worked
    prepare: Callable[[int], None] | None = None  # untimed, before each run

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak(self) -> int:
        return max(self.maxrss)


# every target a script checked, for benchmarks/run.py's one table
RESULTS: list[dict[str, object]] = []


def record(
    label: str,
    b: Bench | None,
    target: str,
    ok: bool,
    floor: Bench | None = None,
    value: str | None = None,
) -> None:
    """One target met or not: the command's median (or `value`, a figure that is not a
    time), its floor's and its peak memory."""
    RESULTS.append(
        {
            "command": label,
            "time": None if b is None else b.median,
            "cpu": None if b is None else b.cpu_median,
            "value": value,
            "floor": None if floor is None else floor.median,
            "floor_name": None if floor is None else floor.label,
            "target": target,
            "ok": ok,
            "peak": None if b is None or not b.maxrss else b.peak,
        }
    )


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    # PYTHONDONTWRITEBYTECODE: without .pyc files every run recompiles what it imports,
    # which no installed houqin does (and which would inflate every figure but the floor's)
    for key in (
        "HOUQIN_DB", "HOUQIN_NOW", "HOUQIN_DEBUG", "PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE",
    ):  # fmt: skip
        env.pop(key, None)
    env.update(HOUQIN_LANG="en", HOUQIN_OPERATOR="bench", NO_COLOR="1")
    return env


def spawn(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, int, str]:
    """Run argv once, stdout to /dev/null: wall s, cpu s, exit code, peak RSS bytes, stderr."""
    with tempfile.TemporaryFile() as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _pid, status, usage = os.wait4(pid, 0)  # this child's own rusage
        wall = time.perf_counter() - t0
        err.seek(0)
        text = err.read().decode(errors="replace")
    # ru_maxrss is in KiB on Linux, bytes on macOS
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, os.waitstatus_to_exitcode(status), rss, text


def measure(benches: list[Bench], runs: int, env: dict[str, str]) -> None:
    """One warm-up round, then `runs` rounds; each round runs every benchmark once,
    so a figure and its floors see the same machine load. A benchmark may succeed
    with another exit code (`stock count report` exits 1 while items are uncounted,
    `asset inspect report` on findings) and may prepare each run untimed (a fresh copy)."""
    for rnd in range(runs + 1):
        for b in benches:
            if b.prepare is not None:
                b.prepare(rnd)
            argv = b.argv(rnd)
            wall, cpu, code, peak, err = spawn(argv, env)
            if code not in b.ok:
                sys.stderr.write(f"{b.label}: exit {code}\n{err}")
                raise SystemExit(f"benchmark command failed: {' '.join(argv)}")
            if rnd:  # round 0 warms the page cache and the .pyc files
                b.times.append(wall)
                b.cpu.append(cpu)
                b.maxrss.append(peak)
        sys.stderr.write(f"  round {rnd}/{runs} done{' (warm-up)' if not rnd else ''}\n")


def fixed(argv: list[str]) -> Callable[[int], list[str]]:
    return lambda _i: argv


def python_c(label: str, code: str, *args: str) -> Bench:
    """A floor: `python -c CODE ARGS` with this Python, the same every round."""
    return Bench(label, fixed([PY, "-c", code, *args]))


def floors() -> tuple[Bench, Bench]:
    """Interpreter start-up, and the least a command that uses the ORM can cost."""
    return (
        python_c("python -c pass", "pass"),
        python_c('python -c "import sqlmodel, typer"', "import sqlmodel, typer"),
    )


def typer_floor() -> Bench:
    """The least a typer CLI can cost: the floor of a read on the plain reader (#17)."""
    return python_c('python -c "import typer"', "import typer")


PLAIN_SLACK = 0.15  # a read on the plain reader: within the typer floor + 0.15 s (#17)


def houqin_exe(given: str | None) -> str:
    """The houqin beside this Python (or on PATH)."""
    houqin = given or str(Path(PY).parent / "houqin")
    if not os.path.exists(houqin):
        houqin = shutil.which("houqin") or "houqin"
    return houqin


def options(
    doc: str,
    quick: str,
    argv: list[str] | None,
    more: Callable[[argparse.ArgumentParser], object] | None = None,
) -> tuple[argparse.Namespace, str, dict[str, str]]:
    """The options every benchmark script takes, and `more` of its own; `quick` says
    what --quick runs (2 runs; the script sets its own smaller sizes). With them, the
    houqin executable to time and the environment its runs get."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per figure (default 5)")
    ap.add_argument("--keep", type=Path, help="keep generated ledgers here and reuse them")
    ap.add_argument("--quick", action="store_true", help=quick)
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    ap.add_argument("--houqin", help="the houqin executable (default: beside this python)")
    ap.add_argument(
        "--scale", type=int, default=1, choices=(1, 2, 4), help="ledger size: 1x, 2x or 4x"
    )
    if more is not None:
        more(ap)
    args = ap.parse_args(argv)
    if args.quick:
        args.runs = 2
    return args, houqin_exe(args.houqin), child_env()


def current(houqin: str, path: Path, env: dict[str, str]) -> None:
    """A kept ledger made by an older houqin, brought to this one's schema (`db upgrade`:
    nothing to do when it is current)."""
    subprocess.run([houqin, "--db", str(path), "db", "upgrade"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def quick_env(houqin: str, path: Path, env: dict[str, str]) -> dict[str, str]:
    """The environment for `houqin check --quick`: a witness log of the benchmark's own,
    holding the checkpoint of one full verification of `path` (which must find nothing)."""
    witness = path.with_name(path.name + ".witness.log")
    witness.unlink(missing_ok=True)
    out = {**env, "HOUQIN_WITNESS": str(witness)}
    subprocess.run([houqin, "--db", str(path), "audit", "verify"], env=out, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return out


@contextmanager
def workspace(prefix: str, keep: Path | None) -> Iterator[tuple[Path, Path]]:
    """A scratch folder, removed afterwards, and where the generated ledgers are kept:
    `keep` (--keep), or else the scratch folder too."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    work = Path(tmp.name)
    kept = keep.resolve() if keep else work
    kept.mkdir(parents=True, exist_ok=True)
    try:
        yield work, kept
    finally:
        tmp.cleanup()


def verdict(lines: list[str], results: list[tuple[str, bool]], strict: bool) -> int:
    """Print the report and its last line, how many targets were met; the exit code."""
    failed = [label for label, ok in results if not ok]
    lines.append(
        f"{len(results) - len(failed)}/{len(results)} targets met"
        + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    print("\n".join(lines))
    return 1 if failed and strict else 0


def journal_length(path: Path) -> int | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT max(seq) FROM journal").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and row[0] is not None else None


def ledger(work: Path, people: int, entries: int) -> Path:
    """The generated ledger for these sizes, reused when --keep already holds it."""
    path = work / f"ledger-p{people}-e{entries}.db"
    done = path.with_name(path.name + ".done")
    if path.exists() and done.exists() and journal_length(path) == entries:
        sys.stderr.write(f"reusing {path}\n")
        return path
    script = [str(HERE / "generate.py"), "--db", str(path), "--people", str(people)]
    script += ["--entries", str(entries), "--force"]
    note = f" ({people:,} people, {entries:,} entries)"
    return generate_ledger(path, script, "generated by benchmarks/generate.py", note)


def generate_ledger(path: Path, script: list[str], marker: str, note: str = "") -> Path:
    """Make the ledger `path` with a generator (`script`: its file and options, run by
    this Python), then mark it complete: `path`.done holds `marker`, which a later run
    with --keep checks before it reuses the ledger."""
    done = path.with_name(path.name + ".done")
    done.unlink(missing_ok=True)
    sys.stderr.write(f"generating {path}{note}\n")
    subprocess.run(
        [PY, *script],
        check=True,
        env={k: v for k, v in os.environ.items() if k not in ("HOUQIN_NOW", "HOUQIN_DB")},
    )
    done.write_text(marker + "\n")
    return path


def copy_ledger(src: Path, dst: Path) -> Path:
    """A scratch copy for the writing benchmarks (the SQLite online backup)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    s, d = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        s.backup(d)
    finally:
        d.close()
        s.close()
    os.chmod(dst, 0o600)
    return dst


def imports_of(houqin: str, args: list[str], env: dict[str, str]) -> tuple[set[str], list[str]]:
    """Top-level packages that `houqin ARGS` imports (-X importtime), and the slowest."""
    res = subprocess.run(
        [houqin, *args],
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    names: set[str] = set()
    cumulative: list[tuple[int, str]] = []
    for line in res.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _self, cum, raw = line[len("import time:") :].split("|")
        name = raw.strip()
        if not cum.strip().isdigit():
            continue
        names.add(name.split(".")[0])
        depth = (len(raw) - len(raw.lstrip()) - 1) // 2
        if depth <= 1 and not name.startswith(("houqin_cli", "_", "encodings", "site")):
            cumulative.append((int(cum), name))
    top = [f"{n} {us / 1000:.0f} ms" for us, n in sorted(cumulative, reverse=True)[:5]]
    return names, top


def tamper_layers(big: Path, work: Path) -> tuple[float, float]:
    """In this process, median of 5: the schema comparison `audit verify` makes on the
    big ledger (s), and one witness append of the 200 a write makes (ms) on a log that
    already holds 10,000 heads."""
    import sqlalchemy as sa

    from houqin_cli import domains
    from houqin_cli.core import schema, witness

    domains.load_models()
    engine = sa.create_engine(f"sqlite:///{big}")
    with engine.connect() as conn:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            schema.findings(conn)
            times.append(time.perf_counter() - t0)
    log = work / "witness.log"
    os.environ["HOUQIN_WITNESS"] = str(log)
    for i in range(10_000):
        witness.append(engine.url, i, "0" * 64)
    appends = []
    for _ in range(5):
        t0 = time.perf_counter()
        for i in range(200):
            witness.append(engine.url, i, "f" * 64)
        appends.append((time.perf_counter() - t0) / 200)
    del os.environ["HOUQIN_WITNESS"]
    engine.dispose()
    return statistics.median(times), statistics.median(appends) * 1000


def main(argv: list[str] | None = None) -> int:
    from generate import size_options

    args, houqin, env = options(__doc__, "10,000 entries, 2 runs", argv, size_options)
    if args.quick:
        args.entries = 10_000
    args.entries *= args.scale

    with workspace("houqin-bench-", args.keep) as (work, keep):
        big = ledger(keep, args.people, args.entries)
        scratch = copy_ledger(big, work / "scratch.db")
        floor_db = work / "floor.db"
        con = sqlite3.connect(floor_db)
        con.execute("PRAGMA journal_mode=WAL")  # as the ledger
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        con.commit()
        con.close()

        runs = args.runs
        stamp = time.strftime("%H%M%S")
        b_pass, b_orm = floors()
        b_typer = python_c('python -c "import typer"', "import typer")
        b_sqlite = python_c(
            "sqlite3 insert + commit",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute(\"INSERT INTO t (v) VALUES ('x')\"); c.commit()",
            str(floor_db),
        )
        b_version = Bench("houqin --version", fixed([houqin, "--version"]))
        b_help = Bench("houqin --help", fixed([houqin, "--help"]))
        b_list = Bench(
            "houqin people list",
            fixed([houqin, "--db", str(scratch), "people", "list", "-f", "plain"]),
        )
        b_add = Bench(
            "houqin people add",
            lambda i: [
                houqin,
                "--db",
                str(scratch),
                "people",
                "add",
                f"基准测试{stamp}{i:03d}",
                "--phone",
                f"1380000{i:04d}",
            ],
        )
        b_verify = Bench(
            "houqin audit verify", fixed([houqin, "--db", str(big), "audit", "verify"])
        )
        benches = [b_pass, b_typer, b_orm, b_sqlite, b_version, b_help, b_list, b_add, b_verify]
        sys.stderr.write(f"timing: {runs} rounds after one warm-up round\n")
        measure(benches, runs, env)
        n_entries = journal_length(big) or 0
        schema_s, witness_ms = tamper_layers(big, work)
        orm_v, top_v = imports_of(houqin, ["--version"], env)
        orm_h, _top_h = imports_of(houqin, ["--help"], env)
        orm_mods = {"sqlalchemy", "sqlmodel", "alembic"}

    results: list[tuple[str, bool]] = []
    lines: list[str] = []

    def row(
        b: Bench | None,
        label: str,
        value: str,
        floor: str,
        target: str,
        ok: bool | None,
        fb: Bench | None = None,
    ) -> None:
        mark = "" if ok is None else ("PASS" if ok else "FAIL")
        if ok is not None:
            results.append((label, ok))
            record(label, b, target, ok, fb, None if b is not None else value)
        cpu = f"{b.cpu_median:.3f}" if b is not None else ""
        lines.append(f"{label:<42} {value:>9} {cpu:>7}  {floor:<40} {target:<31} {mark}".rstrip())

    def s(t: float) -> str:
        return f"{t:.3f} s"

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(
        f"houqin benchmarks: median of {runs} runs (after 1 warm-up round), {args.people:,} "
        f"people, {n_entries:,} journal entries; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load {load:.1f}"
    )
    lines.append("")
    lines.append(f"{'':<42} {'wall':>9} {'cpu s':>7}  {'floor':<40} {'target':<31} result")
    for b in (b_pass, b_typer, b_orm, b_sqlite):
        row(b, "floor: " + b.label, s(b.median), "", "", None)
    cap = VERSION_FACTOR * b_typer.median
    for b in (b_version, b_help):
        row(
            b,
            b.label,
            s(b.median),
            f"import typer {s(b_typer.median)}",
            f"<= 2x = {s(cap)} ({b.median / b_typer.median:.2f}x)",
            b.median <= cap,
            b_typer,
        )
    cap = b_orm.median + ORM_SLACK
    for b, what in ((b_list, "read"), (b_add, "write")):
        row(
            b,
            f"{b.label} ({what})",
            s(b.median),
            f"sqlmodel, typer {s(b_orm.median)}"
            + (f"; sqlite {s(b_sqlite.median)}" if b is b_add else ""),
            f"<= floor + 0.15 = {s(cap)}",
            b.median <= cap,
            b_orm,
        )
    rate = n_entries / b_verify.median
    net = n_entries / max(b_verify.median - b_orm.median, 1e-3)
    row(
        b_verify,
        b_verify.label,
        s(b_verify.median),
        f"{n_entries:,} entries",
        f"{rate:,.0f}/s >= {VERIFY_RATE:,}/s",
        rate >= VERIFY_RATE,
        b_orm,
    )
    row(None, "  net of the sqlmodel floor", "", "", f"{net:,.0f}/s", None)
    row(
        None,
        "houqin audit verify peak memory",
        f"{b_verify.peak / MB:.0f} MB",
        f"python -c pass {b_pass.peak / MB:.0f} MB",
        f"< {VERIFY_MEMORY // MB} MB",
        b_verify.peak < VERIFY_MEMORY,
    )
    for label, mods in (("houqin --version", orm_v), ("houqin --help", orm_h)):
        found = sorted(mods & orm_mods)
        row(
            None,
            f"{label} imports no ORM",
            "no" if not found else "YES",
            "(python -X importtime)",
            ", ".join(found) if found else "no sqlalchemy/sqlmodel",
            not found,
        )
    row(None, "schema check inside audit verify", s(schema_s), "", "<= 0.020 s", schema_s <= 0.02)
    row(None, "witness append per write", f"{witness_ms:.3f} ms", "", "<= 5 ms", witness_ms <= 5)
    lines.append("")
    lines.append("slowest imports of houqin --version (cumulative): " + ", ".join(top_v))
    return verdict(lines, results, args.strict)


if __name__ == "__main__":
    sys.exit(main())
