#!/usr/bin/env python3
"""Golden outputs of every read command, to prove a refactor changes nothing a user sees.

    python scripts/golden.py capture DIR [--python PYTHON] [--src SRCDIR] [--jobs N]
    python scripts/golden.py compare DIR_A DIR_B [--lines N]

`capture` builds a fresh demo ledger (`houqin --db ledger.db demo`) with the clock pinned,
once in English and once in Chinese, then runs every read command of READS below as
`PYTHON -m houqin_cli --db ledger.db ...` with PYTHONPATH=SRCDIR, so that the checkout
under SRCDIR is what runs (default: the src/ beside this script). English is captured in
json, csv and plain, Chinese in plain only; a command without --format once per language.
Each file in DIR holds the command line, the exit code, stderr and stdout.

The command tree of the checkout is walked first: a leaf command that READS does not run
and WRITES/SKIPS do not name makes the capture fail (exit 1), so a new read command is not
silently missed. The tree itself (every leaf and its options) is captured too.

`compare` prints each file that differs or exists on one side only, with the start of a
unified diff, and exits 1 if any does.

Determinism and what is normalised:
- HOUQIN_NOW pins "now", so journal times and hence entry hashes and seals repeat.
- The demo itself depends on the language (from PK-2026-0001 on, the zh journal's hashes
  differ), so the Chinese outputs come from a demo ledger built with HOUQIN_LANG=zh.
- The journal records the command as typed, `--db` path included, and each entry's hash
  covers it: the ledger is therefore always named by the relative path `ledger.db` and
  every command runs with the ledger's temp dir as working directory. An absolute temp
  path would make every hash differ between two captures.
- The temp dir's absolute path, should any output show it, is replaced by `<DB>`.
- `db info`'s file size (bytes of the SQLite file) is replaced by `<SIZE>`: it follows
  from page allocation, not from anything the user asked for.
- TZ=UTC, NO_COLOR=1, COLUMNS=200, HOUQIN_OPERATOR=tester, every other HOUQIN_* unset.
- Bytecode goes to a cache under the system temp dir (PYTHONPYCACHEPREFIX), not into SRCDIR.
- The two `-o` exports (one .xlsx, one .csv) are captured as the SHA-256 and size of the
  file written (the .csv's text too); the xlsx is byte-reproducible with the clock pinned
  (fixed zip timestamps and document properties).
A read must not write: the ledger's bytes are hashed before and after the reads, and a
change fails the capture.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

NOW = "2026-03-02T09:00"
LEDGER = "ledger.db"
MARKER = "_golden.txt"
LANGS = {"en": ("json", "csv", "plain"), "zh": ("plain",)}
TIMEOUT = 180
# Bytecode of everything the runs import goes here (kept between captures), not into SRCDIR.
PYCACHE = os.path.join(tempfile.gettempdir(), "houqin-golden-pycache")

# ---------------------------------------------------------------------------------------
# The table. Each line is one command line (without --db and -f). `{seal}` is the head
# of the journal (SEQ:HASH) and `{seal100}` entry 100, read from `audit log -f json`.
# Codes are those the demo creates; capture checks that each appears in the journal.
# Lines under COUNT_READS run on a copy of the ledger with the counts of COUNT_SETUP open.
READS: list[str] = [
    # the whole ledger
    "check",
    "check --only stock",
    "check --only audit,asset",
    # people, units, places, terms, settings
    "people list",
    "people list --all",
    "people list --role approver",
    "people list --unit 总务处",
    "people show RY-0001",
    "people show RY-0062",  # has left
    "unit list",
    "unit list --kind class",
    "unit list --all",
    "place list",
    "place list --building 教学楼",
    "place list --kind classroom",
    "place list --all",
    "term list",
    "term current",
    # the calendar
    "calendar task list",
    "calendar task list --all",
    "calendar task show RW-0001",
    "calendar month",
    "calendar month 2026-09",
    "calendar week",
    "calendar today",
    "calendar overdue",
    "calendar holiday list",
    "calendar month-start",
    "calendar month-start -f html",
    "calendar plan show",
    # repairs
    "repair list",
    "repair list --open",
    "repair list --overdue",
    "repair list --for summer",
    "repair show WX-2026-0003",
    "repair show WX-2026-0004",
    "repair plan --for summer",
    "repair cost --month 2026-03",
    "repair cost --month 2026-03 --by kind",
    "repair check",
    # safety
    "safety plan list",
    "safety plan list --all",
    "safety plan show AJ-0008",
    "safety plan shipped",
    "safety due",
    "safety due --month",
    "safety check",
    "safety report",
    "safety report --month 2026-03",
    "safety hazard list",
    "safety hazard list --open",
    "safety hazard list --overdue",
    "safety hazard show YH-2026-0002",
    "safety watch list",
    "safety violation list",
    "safety violation list --unpaid",
    # the canteen
    "meal dish list",
    "meal menu show",
    "meal menu show 2026-W09",
    "meal menu check",
    "meal menu check 2026-W09",
    "meal sample list",
    "meal sample list --date 2026-02-27",
    "meal sample check",
    "meal sample check --week 2026-W09",
    "meal expiring",
    "meal expiring --days 200",
    "meal cost",
    "meal cost --by day",
    "meal cost --by unit",
    "meal report",
    "meal staff list",
    "meal records purge --dry-run",
    "people cert list",
    "people cert list --expiring 400",
    "config list",
    "config get school.name",
    "config get timezone",
    # the storeroom
    "stock balance",
    "stock balance --at 2026-02-15",
    "stock balance --at 2026-02-20",
    "stock balance --below-reorder",
    "stock balance --category 办公用品",
    "stock ledger WZ-0001",
    "stock ledger WZ-0004 --from 2026-02 --to 2026-02-28",
    "stock movements",
    "stock movements --kind issue --from 2026-02",
    "stock movements --kind void",
    "stock movements --unit 一年级(1)班",
    "stock summary --month 2026-02",
    "stock summary --month 2026-02 --by unit",
    "stock summary --month 2026-02 --by item",
    "stock summary --month 2026-02 --by category",
    "stock summary --month 2026-03 --by category",
    "stock check",
    "stock item list",
    "stock item list --all",
    "stock item list --durable",
    "stock item list --consumable",
    "stock item list --category 清洁用品",
    "stock item show WZ-0001",
    "stock item show WZ-0004",
    "stock count sheet PD-2026-0001",
    "stock count report PD-2026-0001",
    # school property
    "asset list",
    "asset list --fixed",
    "asset list --low-value",
    "asset list --status scrapped",
    "asset list --category 家具",
    "asset list --place 101",
    "asset list --custodian 一年级(1)班",
    "asset show ZC-2022-0001",
    "asset show ZC-2020-0001",  # a batch, part of it split off and scrapped
    "asset show ZC-2026-0002",  # the scrapped part
    "asset show ZC-2024-0008",  # damaged, compensation part paid
    "asset iou JC-2026-0001",
    "asset overdue",
    "asset damages",
    "asset damages --open",
    "asset depreciation",
    "asset depreciation --month 2026-02",
    "asset depreciation --month 2026-02 --category 办公设备",
    "asset register",
    "asset summary",
    "asset summary --by place",
    "asset summary --by unit",
    "asset summary --by custodian",
    "asset category list",
    "asset category list --search 设备",
    "asset inspect report XJ-2026-0001",
    "asset inspect due",
    "asset inspect due --term 2026-autumn",
    # money and the journal
    "audit verify",
    "audit verify --against {seal}",
    "audit verify --against {seal100}",
    "audit seal",
    "audit log",
    "audit log --limit 5",
    "audit log --action stock",
    "audit log --action asset.lend",
    "audit log --entity ZC-2024-0008",
    "audit log --since 2026-03 --until 2026-03",
    "audit log --operator tester --limit 3",
    "audit check",
    "audit check --month 2026-02",
    "audit receipt list",
    "audit receipt list --month 2026-02",
    "audit receipt list --month 2026-Q1 --category office",
    "audit receipt list --supplier 县教育用品公司",
    "audit receipt show BX-2026-0001",
    "audit receipt show BX-2026-0019",
    "audit income list",
    "audit income list --month 2026-03 --source 伙食费",
    "audit budget show 2026-02",
    "audit budget show 2026-03",
    "audit report month 2026-02",
    "audit report month 2026-03",
    "audit report quarter 2026-Q1",
    "audit report year 2026",
    # the student registry
    "student list",
    "student list --boarding",
    "student show XS-0001",
    # duty and the gate
    "duty post list",
    "duty roster show --month 2026-03",
    "duty attendance --month 2026-03",
    "duty check",
    "duty wages --month 2026-03",
    "gate visitor list",
    "gate exit list",
    "gate log",
    # the database
    "db info",
    "db check",
]

# Writes run on a copy of the demo ledger, so that open counts can be read.
COUNT_SETUP: list[str] = [
    "stock count start --category 办公用品",
    "stock count record PD-2026-0002 WZ-0001 60",
    "asset count start --all",
    "asset count record QC-2026-0001 ZC-2022-0001 --found",
    "asset count record QC-2026-0001 ZC-2021-0001 --missing",
    "asset count record QC-2026-0001 ZC-2019-0001 --at 101",
]
COUNT_READS: list[str] = [
    "stock count sheet PD-2026-0002",
    "stock count report PD-2026-0002",
    "asset count sheet QC-2026-0001",
    "asset count report QC-2026-0001",
    "check",
]

# `-o` exports: (command line, file written); English only.
EXPORTS: list[tuple[str, str]] = [
    ("audit report month 2026-02", "report-2026-02.xlsx"),
    ("stock balance", "balance.csv"),
]

# Leaves of the tree that are not captured, and why.
WRITES: dict[str, str] = {
    "student add": "write",
    "student import": "write",
    "student move": "write",
    "student leave": "write",
    "duty post add": "write",
    "duty roster make": "write",
    "duty swap": "write",
    "duty leave": "write",
    "duty checkin": "write",
    "duty checkout": "write",
    "duty patrol": "write",
    "duty inspect": "write",
    "gate visitor in": "write",
    "gate visitor out": "write",
    "gate exit out": "write (also `gate exit STUDENT`)",
    "gate exit back": "write",
    "duty incident": "write",
    "duty holiday-plan": "write",
    "calendar task add": "write",
    "calendar task edit": "write",
    "calendar task stop": "write",
    "calendar done": "write",
    "calendar skip": "write",
    "calendar holiday add": "write",
    "calendar plan load": "write",
    "safety plan add": "write",
    "safety plan edit": "write",
    "safety plan stop": "write",
    "safety plan load": "write",
    "safety record": "write",
    "safety hazard add": "write",
    "safety hazard fix": "write",
    "safety hazard recheck": "write",
    "safety watch add": "write",
    "safety watch record": "write",
    "safety violation add": "write",
    "safety violation pay": "write",
    "meal dish add": "write",
    "meal menu set": "write",
    "meal serve": "write",
    "meal sample add": "write",
    "meal sample discard": "write",
    "meal disinfect": "write",
    "meal duty": "write",
    "meal inspect": "write",
    "meal staff add": "write",
    "meal accompany answer": "write",
    "people cert add": "write",
    "init": "creates a ledger",
    "demo": "fills a ledger (run once per language to build the capture's ledger)",
    "people add": "write",
    "people edit": "write",
    "people leave": "write",
    "unit add": "write",
    "unit edit": "write",
    "unit retire": "write",
    "unit promote": "write (--dry-run only reads, but the demo's year is not settled)",
    "place add": "write",
    "place edit": "write",
    "place retire": "write",
    "term add": "write",
    "term edit": "write",
    "config set": "write",
    "stock receive": "write",
    "stock issue": "write",
    "stock return": "write",
    "stock void": "write",
    "stock item add": "write",
    "stock item edit": "write",
    "stock item retire": "write",
    "stock count start": "write (used in COUNT_SETUP)",
    "stock count record": "write (used in COUNT_SETUP)",
    "stock count import": "write, from an input file",
    "stock count close": "write",
    "asset add": "write",
    "asset edit": "write",
    "asset move": "write",
    "asset lend": "write",
    "asset return": "write",
    "asset damage": "write",
    "asset compensate": "write",
    "asset inspect start": "write",
    "asset inspect record": "write",
    "asset inspect close": "write",
    "asset scrap request": "write",
    "asset scrap appraise": "write",
    "asset scrap approve": "write",
    "asset count start": "write (used in COUNT_SETUP)",
    "asset count record": "write (used in COUNT_SETUP)",
    "asset count import": "write, from an input file",
    "asset count close": "write",
    "audit receipt add": "write",
    "audit receipt void": "write",
    "audit income add": "write",
    "audit budget set": "write",
    "db upgrade": "migrates the ledger",
    "repair request": "write",
    "repair assign": "write",
    "repair use": "write",
    "repair done": "write",
    "repair accept": "write",
    "repair reject": "write",
    "repair cancel": "write",
}
SKIPS: dict[str, str] = {
    "calendar holiday import": "writes; --dry-run only checks an input file, none is prepared",
    "people import": "writes; --dry-run only checks an input file, none is prepared",
    "stock item import": "writes; --dry-run only checks an input file, none is prepared",
    "asset import": "writes; --dry-run only checks an input file, none is prepared",
    "db backup": "writes a copy of the ledger to a file",
    "meal menu import": "writes; --dry-run only checks an input file, none is prepared",
}

CODE_RE = re.compile(r"^[A-Z]{2}-(?:\d{4}-)?\d{4}$")

# Walks the click tree inside the checkout under test; prints the leaves as JSON.
WALK = r"""
import json, typer
from typer._click.core import Context
from houqin_cli.app import app
root = typer.main.get_command(app)
leaves = []
def walk(cmd, path, ctx):
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None:
                walk(sub, path + [name], Context(sub, parent=ctx, info_name=name))
        return
    params = []
    for p in cmd.params:
        opts = list(getattr(p, "opts", []) or []) + list(getattr(p, "secondary_opts", []) or [])
        params.append({"name": p.name, "opts": opts, "required": bool(p.required)})
    leaves.append({"path": path, "params": params})
walk(root, [], Context(root, info_name="houqin"))
print(json.dumps(leaves, ensure_ascii=False))
"""


# ---------------------------------------------------------------------------------------
@dataclass
class Ledger:
    lang: str
    dir: Path
    placeholders: dict[str, str] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)


@dataclass
class Job:
    out: Path  # relative to the capture dir
    ledger: Ledger
    args: list[str]
    fmt: str | None  # json/csv/plain, or None for a command without --format
    export: str | None = None


class Runner:
    def __init__(self, python: str, src: Path, tmp: Path) -> None:
        self.python = python
        self.src = src
        self.tmp = tmp

    def env(self, lang: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HOUQIN_")}
        env.update(
            HOUQIN_NOW=NOW,
            HOUQIN_LANG=lang,
            HOUQIN_OPERATOR="tester",
            NO_COLOR="1",
            COLUMNS="200",
            TZ="UTC",
            PYTHONPATH=str(self.src),
            PYTHONPYCACHEPREFIX=PYCACHE,
            PYTHONIOENCODING="utf-8",
        )
        # with the prefix, bytecode must be writable or every run recompiles all it imports
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("FORCE_COLOR", None)
        return env

    def run(self, ledger: Ledger, args: list[str]) -> subprocess.CompletedProcess[bytes]:
        cmd = [self.python, "-m", "houqin_cli", "--db", LEDGER, *args]
        try:
            return subprocess.run(
                cmd, cwd=ledger.dir, env=self.env(ledger.lang), capture_output=True, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired as exc:
            err = (exc.stderr or b"") + f"\n[golden: timed out after {TIMEOUT}s]\n".encode()
            return subprocess.CompletedProcess(cmd, -9, exc.stdout or b"", err)

    def python_code(self, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.python, "-c", code],
            cwd=self.tmp,
            env=self.env("en"),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )


def slug(line: str) -> str:
    s = re.sub(r"[^\w.\-]+", "_", line.replace("{", "").replace("}", ""))
    return s.strip("_") or "root"


def normalise(data: bytes, ledger: Ledger, args: list[str]) -> bytes:
    for path in {str(ledger.dir), os.path.realpath(ledger.dir)}:
        data = data.replace(path.encode(), b"<DB>")
    if args[:2] == ["db", "info"]:
        size = str(os.path.getsize(ledger.dir / LEDGER)).encode()
        data = re.sub(rb"(?<![0-9A-Za-z])" + size + rb"(?![0-9A-Za-z])", b"<SIZE>", data)
    return data


def record(proc: subprocess.CompletedProcess[bytes], ledger: Ledger, args: list[str]) -> bytes:
    shown = shlex.join(["houqin", "--db", LEDGER, *args])
    head = f"$ HOUQIN_LANG={ledger.lang} {shown}\nexit: {proc.returncode}\n--- stderr\n"
    return (
        head.encode()
        + normalise(proc.stderr, ledger, args)
        + b"--- stdout\n"
        + normalise(proc.stdout, ledger, args)
    )


def hash_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leaf_of(tokens: list[str], leaves: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    for n in range(len(tokens), 0, -1):
        if tuple(tokens[:n]) in leaves:
            return tuple(tokens[:n])
    return None


def read_journal(runner: Runner, ledger: Ledger, problems: list[str]) -> None:
    """Codes and seals from the journal, to fill in {seal} and check the table's codes."""
    proc = runner.run(ledger, ["audit", "log", "-f", "json"])
    try:
        entries = json.loads(proc.stdout)
        ledger.codes = {e["code"] for e in entries if e.get("code")}
        ledger.placeholders = {
            "seal": f"{entries[-1]['seq']}:{entries[-1]['hash']}",
            "seal100": f"100:{next(e['hash'] for e in entries if e['seq'] == 100)}",
        }
    except (ValueError, KeyError, IndexError, StopIteration, TypeError) as exc:
        problems.append(f"{ledger.dir.name}: cannot read the journal ({exc!r}): {proc.stderr!r}")
    # cards split off a batch are journalled under the operation's code, not their own
    proc = runner.run(ledger, ["asset", "list", "-f", "json"])
    try:
        ledger.codes |= {card["code"] for card in json.loads(proc.stdout)}
    except (ValueError, KeyError, TypeError) as exc:
        problems.append(f"{ledger.dir.name}: cannot read the asset list ({exc!r})")


def check_codes(lines: list[str], ledger: Ledger, problems: list[str]) -> None:
    for line in lines:
        for tok in shlex.split(line):
            if CODE_RE.match(tok) and tok not in ledger.codes:
                problems.append(f"{ledger.dir.name}: {line!r}: {tok} is not in the demo ledger")


def capture(args: argparse.Namespace) -> int:
    started = time.monotonic()
    out = Path(args.dir)
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            print(
                f"{out} is not empty and holds no {MARKER}: refusing to overwrite", file=sys.stderr
            )
            return 2
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    src = Path(args.src).resolve()
    problems: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="golden-"))
    try:
        runner = Runner(args.python, src, tmp)

        # 0. the checkout really is the one imported
        where = runner.python_code("import houqin_cli; print(houqin_cli.__file__)")
        if not where.stdout.strip().startswith(str(src)):
            print(f"houqin_cli comes from {where.stdout.strip()!r}, not {src}", file=sys.stderr)
            print(where.stderr, file=sys.stderr)
            return 2

        # 1. the command tree, and every leaf classified
        walked = runner.python_code(WALK)
        if walked.returncode != 0:
            print("walking the command tree failed:\n" + walked.stderr, file=sys.stderr)
            return 2
        tree = json.loads(walked.stdout)
        leaves = {tuple(leaf["path"]): leaf for leaf in tree}
        with (out / "_tree.txt").open("w", encoding="utf-8") as fh:
            for leaf in tree:
                opts = [
                    "/".join(p["opts"]) + ("*" if p["required"] else "")
                    if p["opts"]
                    else p["name"] + ("*" if p["required"] else "")
                    for p in leaf["params"]
                ]
                fh.write(" ".join(leaf["path"]) + ": " + " ".join(opts) + "\n")

        classified: set[tuple[str, ...]] = set()
        for line in READS + COUNT_READS + [line for line, _ in EXPORTS]:
            leaf = leaf_of(shlex.split(line), set(leaves))
            if leaf is None:
                problems.append(f"table line {line!r} names no command in the tree")
                continue
            if " ".join(leaf) in WRITES or " ".join(leaf) in SKIPS:
                problems.append(f"table line {line!r}: {' '.join(leaf)} is also marked write/skip")
            classified.add(leaf)
        for name in list(WRITES) + list(SKIPS):
            if tuple(name.split()) not in leaves:
                print(f"note: {name!r} (write/skip) is not in the tree any more", file=sys.stderr)
            classified.add(tuple(name.split()))
        for path, leaf in leaves.items():
            if path not in classified:
                has_format = any("--format" in p["opts"] for p in leaf["params"])
                kind = "takes --format, so probably a read" if has_format else "no --format"
                problems.append(
                    f"command {' '.join(path)!r} is neither in READS nor in WRITES/SKIPS ({kind})"
                )

        def has_format(tokens: list[str]) -> bool:
            leaf = leaf_of(tokens, set(leaves))
            return leaf is not None and any("--format" in p["opts"] for p in leaves[leaf]["params"])

        # 2. the ledgers: the demo per language, and a copy with open counts
        jobs: list[Job] = []
        hashes: dict[Path, str] = {}
        for lang, formats in LANGS.items():
            main = Ledger(lang, tmp / lang)
            main.dir.mkdir()
            proc = runner.run(main, ["demo"])
            (out / lang).mkdir()
            (out / lang / "_setup.demo.txt").write_bytes(record(proc, main, ["demo"]))
            if proc.returncode != 0:
                problems.append(f"{lang}: demo failed (exit {proc.returncode})")
                continue
            counted = Ledger(lang, tmp / f"{lang}-count")
            counted.dir.mkdir()
            shutil.copy2(main.dir / LEDGER, counted.dir / LEDGER)
            for i, line in enumerate(COUNT_SETUP, 1):
                proc = runner.run(counted, shlex.split(line))
                name = f"_setup.count.{i:02d}.{slug(line)}.txt"
                (out / lang / name).write_bytes(record(proc, counted, shlex.split(line)))
                if proc.returncode != 0:
                    problems.append(f"{lang}: setup {line!r} failed (exit {proc.returncode})")
            for ledger, lines, prefix in ((main, READS, ""), (counted, COUNT_READS, "count.")):
                read_journal(runner, ledger, problems)
                check_codes(lines, ledger, problems)
                hashes[ledger.dir] = hash_file(ledger.dir / LEDGER)
                for line in lines:
                    tokens = shlex.split(line)
                    for fmt in formats if has_format(tokens) else ("plain",):
                        ext = fmt if has_format(tokens) else "out"
                        rel = Path(lang) / f"{prefix}{slug(line)}.{ext}.txt"
                        if any(job.out == rel for job in jobs):
                            problems.append(f"two table lines map to {rel}")
                        jobs.append(Job(rel, ledger, tokens, fmt if ext != "out" else None))
            if lang == "en":
                for line, filename in EXPORTS:
                    rel = Path(lang) / f"export.{slug(line)}.{filename}.txt"
                    jobs.append(Job(rel, main, shlex.split(line), None, filename))

        # 3. the reads, in parallel
        warnings: list[str] = []

        def run(job: Job) -> None:
            args_ = [a.format(**job.ledger.placeholders) for a in job.args]
            if job.fmt:
                args_ += ["-f", job.fmt]
            if job.export:
                args_ += ["-o", job.export]
            proc = runner.run(job.ledger, args_)
            data = record(proc, job.ledger, args_)
            if job.export:
                written = job.ledger.dir / job.export
                if written.exists():
                    body = written.read_bytes()
                    data += f"--- {job.export}: sha256 {hash_file(written)}, {len(body)} bytes\n".encode()
                    if job.export.endswith(".csv"):
                        data += normalise(body, job.ledger, args_)
                    written.unlink()
                else:
                    data += f"--- {job.export}: not written\n".encode()
            (out / job.out).write_bytes(data)
            if proc.returncode not in (0, 1):
                warnings.append(f"{job.out}: exit {proc.returncode}")

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for _ in pool.map(run, jobs):
                pass

        for path, digest in hashes.items():
            if hash_file(path / LEDGER) != digest:
                problems.append(f"{path.name}: the ledger changed while only reads ran")

        (out / MARKER).write_text(
            f"golden capture: HOUQIN_NOW={NOW}, languages {', '.join(LANGS)}\n", encoding="utf-8"
        )
        for warning in sorted(warnings):
            print(
                "note: " + warning + " (usage error, refusal or internal error?)", file=sys.stderr
            )
        n_lines = len(READS) + len(COUNT_READS)
        print(
            f"captured {len(jobs)} outputs ({n_lines} command lines, {len(EXPORTS)} exports) "
            f"from {src} into {out} in {time.monotonic() - started:.1f}s"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if problems else 0


def compare(args: argparse.Namespace) -> int:
    a, b = Path(args.dir_a), Path(args.dir_b)
    for d in (a, b):
        if not d.is_dir():
            print(f"{d} is not a directory", file=sys.stderr)
            return 2
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = 0
    for rel in sorted(files_a | files_b):
        if rel not in files_b:
            print(f"only in {a}: {rel}")
            differ += 1
            continue
        if rel not in files_a:
            print(f"only in {b}: {rel}")
            differ += 1
            continue
        data_a, data_b = (a / rel).read_bytes(), (b / rel).read_bytes()
        if data_a == data_b:
            continue
        differ += 1
        print(f"differs: {rel}")
        lines_a = data_a.decode("utf-8", "backslashreplace").splitlines(keepends=True)
        lines_b = data_b.decode("utf-8", "backslashreplace").splitlines(keepends=True)
        diff = list(difflib.unified_diff(lines_a, lines_b, str(a / rel), str(b / rel), n=1))
        if not diff:  # same text, different bytes (line endings, encoding)
            diff = ["(the lines are the same; the bytes differ, e.g. line endings)\n"]
        for line in diff[: args.lines]:
            sys.stdout.write("    " + line.rstrip("\r\n") + "\n")
        if len(diff) > args.lines:
            print(f"    ... {len(diff) - args.lines} more diff lines")
    total = len(files_a | files_b)
    print(f"{differ} of {total} files differ" if differ else f"all {total} files identical")
    return 1 if differ else 0


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture", help="capture every read command's output into DIR")
    cap.add_argument("dir")
    cap.add_argument("--python", default=sys.executable, help="interpreter to run houqin with")
    cap.add_argument("--src", default=str(here.parent / "src"), help="the checkout's src dir")
    cap.add_argument("--jobs", type=int, default=min(4, (os.cpu_count() or 1) + 1))
    cmp_ = sub.add_parser("compare", help="compare two captures; exit 1 if they differ")
    cmp_.add_argument("dir_a")
    cmp_.add_argument("dir_b")
    cmp_.add_argument("--lines", type=int, default=20, help="diff lines shown per file")
    args = parser.parse_args()
    return capture(args) if args.command == "capture" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
