"""The rules of the house (ARCHITECTURE.md), checked on the source itself:
arrows point down, groups meet only through each other's services, the
manifest names every group's parts, and no two modules import each other."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from houqin_cli import domains

PKG = Path(domains.__file__).resolve().parent
GROUPS = {
    "admin",
    "calendar",
    "people",
    "stock",
    "asset",
    "audit",
    "repair",
    "safety",
    "meal",
    "student",
    "duty",
    "gate",
}  # the folders that are groups


def _modules() -> dict[str, Path]:
    found = {}
    for path in PKG.rglob("*.py"):
        parts = path.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """Every houqin_cli module `name` imports, at any level (TYPE_CHECKING included)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in MODULES:
                    out.add(full)
                elif base in MODULES:
                    out.add(base)
    return out


GRAPH = {name: _imports(name) for name in MODULES}


def _group(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in GROUPS else None


def test_core_imports_no_group() -> None:
    bad = {
        (m, i)
        for m, targets in GRAPH.items()
        if m.startswith("houqin_cli.core")
        for i in targets
        if not i.startswith(("houqin_cli.core", "houqin_cli.migrations.revisions"))
    }
    assert not bad, sorted(bad)


# Crossings that predate this test, to be moved behind the owning group's service
# (names_by_id, find_* and the term lookups); the list may only shrink.
KNOWN_CROSSINGS: set[tuple[str, str]] = set()


def test_a_group_uses_another_only_through_its_services() -> None:
    """Never another group's tables (models) or its command line (cli)."""
    bad = []
    for m, targets in GRAPH.items():
        own = _group(m)
        for i in targets:
            other = _group(i)
            if other is None or other == own:
                continue
            tail = i.split(".")[2] if len(i.split(".")) > 2 else ""
            if tail == "models" or tail.startswith("cli"):
                bad.append((m, i))
    assert set(bad) <= KNOWN_CROSSINGS, sorted(set(bad) - KNOWN_CROSSINGS)
    assert set(bad) >= KNOWN_CROSSINGS, sorted(KNOWN_CROSSINGS - set(bad))  # remove fixed ones


def test_no_import_circles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert not circles, circles


def test_no_private_name_is_imported_across_modules() -> None:
    bad = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("houqin_cli"):
                bad += [
                    (name, a.name)
                    for a in node.names
                    if a.name.startswith("_")
                    and a.name != "_"
                    and not a.name.startswith("__")
                    and f"{node.module}.{a.name}" not in MODULES  # a module, such as _initials
                ]
    assert not bad, bad


def test_every_manifest_entry_exists() -> None:
    for domain in domains.DOMAINS:
        for command in domain.commands:
            app = getattr(importlib.import_module(command.module), command.attr)
            assert app is not None, command
        for module in (*domain.models, *(m for m in (domain.checks, domain.demo) if m)):
            importlib.import_module(module)
        if domain.demo:
            assert callable(importlib.import_module(domain.demo).fill), domain.demo


def test_every_check_function_is_listed() -> None:
    """A check that no manifest entry lists would never run under cron."""
    listed = {
        (fn.__module__, fn.__name__)
        for d in domains.DOMAINS
        if d.checks
        for c in importlib.import_module(d.checks).CHECKS
        for fn in (c.fn, c.quick)
        if fn is not None
    }
    found = set()
    for name in MODULES:
        if _group(name) is None or ".cli" in name:  # commands named *_check are commands
            continue
        module = importlib.import_module(name)
        for attr, fn in vars(module).items():
            if attr.endswith("_check") and inspect.isfunction(fn) and fn.__module__ == name:
                found.add((name, attr))
    assert found - listed == set(), sorted(found - listed)
    assert listed <= found


def test_check_names_are_the_groups() -> None:
    for d in domains.DOMAINS:
        for c in domains.checks(d.name):
            assert c.name.startswith(d.name + "."), c.name


def test_every_table_belongs_to_a_manifest_entry() -> None:
    domains.load_models()
    owners = set(domains.CORE_MODELS) | {m for d in domains.DOMAINS for m in d.models}
    for name in MODULES:
        if _group(name) is None and not name.startswith("houqin_cli.core"):
            continue
        for obj in vars(importlib.import_module(name)).values():
            table = getattr(obj, "__table__", None)
            if inspect.isclass(obj) and table is not None and obj.__module__ == name:
                assert name in owners, (
                    f"{obj.__name__} ({table.name}) is in {name}, not a manifest models module"
                )
    tables = set(SQLModel.metadata.tables)
    assert {"journal", "setting", "stock_item", "asset", "receipt", "person"} <= tables


@pytest.mark.parametrize("command", sorted(domains.commands()))
def test_help_lists_every_command_of_the_manifest(command: str) -> None:
    from tests.conftest import invoke

    res = invoke(["--help"])
    assert res.exit_code == 0
    assert f" {command} " in res.stdout or f" {command}\n" in res.stdout


# -- one column vocabulary -------------------------------------------------------


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    """Every call of a function called `name` in the package, outside core/."""
    out = []
    for module, path in MODULES.items():
        if module.startswith("houqin_cli.core"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                out.append((module, node))
    return out


def _report_column_users() -> set[str]:
    """The modules that import the Report Column (not SQLAlchemy's)."""
    return {
        m
        for m, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and node.module == "houqin_cli.core.report"
        and any(a.name == "Column" for a in node.names)
    }


def test_a_report_column_with_a_fixed_key_comes_from_the_vocabulary() -> None:
    """`Column("key", ...)` by hand only for keys made at run time (f-strings)."""
    users = _report_column_users()
    bad = [
        f"{m}:{call.lineno} {ast.unparse(call)}"
        for m, call in _calls("Column")
        if m in users and call.args and isinstance(call.args[0], ast.Constant)
    ]
    assert not bad, bad


def test_every_vocabulary_key_asked_for_exists() -> None:
    from houqin_cli.core.columns import CONTRACT, VOCABULARY

    asked = {
        (m, a.value)
        for fn in ("columns", "column")
        for m, call in _calls(fn)
        for a in call.args
        if isinstance(a, ast.Constant) and isinstance(a.value, str)
    }
    assert asked, "no columns(...) call found: the test would prove nothing"
    assert not {(m, k) for m, k in asked if k not in VOCABULARY}
    assert {k for _command, k in CONTRACT} <= set(VOCABULARY)  # a contract differs from a key
