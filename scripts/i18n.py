"""Keep the zh_CN and en message catalogs in step with the code.

    python scripts/i18n.py update   # add new messages to both .po files, drop unused ones
    python scripts/i18n.py compile  # write the .mo files the program reads
    python scripts/i18n.py check    # exit 1 if a message lacks a translation or a .mo is stale

Messages are the string literals passed to `_()` or `N_()` in src/houqin_cli.
The English catalog carries every message too (msgstr = msgid), so a message
missing from either catalog is caught. Needs Babel (a test dependency)."""

from __future__ import annotations

import ast
import io
import re
import sys
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "houqin_cli"
LOCALE = SRC / "locale"
LANGS = {"zh_CN": "zh_Hans_CN", "en": "en"}
STAMP = datetime(2026, 1, 1)  # fixed, so that an update changes only what changed
FIELD = re.compile(r"\{(\w*)(?:![rsa])?(?::[^}]*)?\}")


def extract() -> dict[str, list[str]]:
    """msgid -> the places it is used, from every _("...") and N_("...") call."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "houqin.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=LANGS[lang], domain="houqin", project="houqin")
    with path.open("rb") as fh:
        return read_po(fh, locale=LANGS[lang], domain="houqin")


def save(lang: str, catalog: Catalog) -> None:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, sort_output=True, include_lineno=False)
    path.write_bytes(buf.getvalue())


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def update() -> None:
    messages = extract()
    for lang in LANGS:
        old = load(lang)
        new = Catalog(
            locale=LANGS[lang],
            domain="houqin",
            project="houqin",
            version="1",
            charset="utf-8",
            fuzzy=False,
            creation_date=STAMP,
            revision_date=STAMP,
        )
        for msgid, places in messages.items():
            prev = old.get(msgid)
            text = prev.string if prev is not None and prev.string else ""
            if lang == "en":
                text = text or msgid
            new.add(msgid, text, locations=[(p.split(":")[0], None) for p in places[:1]])
        save(lang, new)
    print(f"{len(messages)} messages")


def compile_all() -> None:
    for lang in LANGS:
        (po_path(lang).with_suffix(".mo")).write_bytes(mo_bytes(load(lang)))


def check() -> list[str]:
    problems: list[str] = []
    messages = extract()
    for lang in LANGS:
        catalog = load(lang)
        for msgid, places in messages.items():
            entry = catalog.get(msgid)
            if entry is None or not entry.string:
                problems.append(f"{lang}: no translation for {msgid!r} ({places[0]})")
                continue
            if sorted(FIELD.findall(msgid)) != sorted(FIELD.findall(entry.string)):
                problems.append(f"{lang}: placeholders differ in {msgid!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            problems.append(f"{lang}: {mo.name} is stale; run scripts/i18n.py compile")
    return problems


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "check"
    if cmd == "update":
        update()
    elif cmd == "compile":
        compile_all()
    elif cmd == "check":
        issues = check()
        for line in issues:
            print(line, file=sys.stderr)
        sys.exit(1 if issues else 0)
    else:
        sys.exit(__doc__)
