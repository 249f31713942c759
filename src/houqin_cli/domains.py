"""THE manifest: one entry per group. Everything that needs the list of groups
reads it: `houqin --help` and the lazy loading of commands (app.py), Alembic's
metadata and `audit verify`'s table list (`load_models`), `houqin check
[--only]` (`checks`), and `houqin demo` (`demo_fillers`).

Adding a group is a folder under houqin_cli/ and one `group(...)` line here.
This module imports nothing but the standard library and i18n, so that
`houqin --version`, `--help` and TAB completion stay cheap."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from houqin_cli.core.i18n import N_

if TYPE_CHECKING:
    from houqin_cli.core.checks import Check


@dataclass(frozen=True)
class Command:
    """A top-level command: `houqin NAME`, the Typer app at module:attr."""

    name: str
    module: str
    attr: str
    help: str  # a msgid, shown in the language of the run
    order: int  # its place in `houqin --help`


@dataclass(frozen=True)
class Domain:
    name: str
    commands: tuple[Command, ...] = ()
    models: tuple[str, ...] = ()  # modules that define this group's tables
    checks: str | None = None  # module holding CHECKS: list[Check]
    demo: str | None = None  # module holding fill(session, rng) -> dict[str, int]
    check_order: int = 100  # where its checks run in `houqin check` (the journal first)


def group(name: str, help: str, order: int, check_order: int, **where: str) -> Domain:
    """A group in the usual layout: `houqin NAME` is houqin_cli/NAME/cli's NAME_app, its
    tables are in NAME/models.py, its CHECKS in NAME/checks.py, its demo in NAME/demo.py
    (`where` may name other modules: models=..., demo=...)."""
    base = f"houqin_cli.{name}"
    return Domain(
        name,
        commands=(Command(name, f"{base}.cli", f"{name}_app", help, order),),
        models=(where.get("models", f"{base}.models"),),
        checks=f"{base}.checks",
        demo=where.get("demo", f"{base}.demo"),
        check_order=check_order,
    )


# Domains are listed in the order `houqin demo` fills them (each part may use what
# the earlier ones made); `check_order` orders `houqin check`.

# tables that belong to no group: the journal, code counters, settings
CORE_MODELS = ("houqin_cli.core.journal", "houqin_cli.core.codes", "houqin_cli.core.setting_table")

DOMAINS: tuple[Domain, ...] = (
    Domain(
        "admin",
        commands=(
            Command(
                "init",
                "houqin_cli.admin.cli",
                "init_app",
                N_("Create the ledger (schema to head)"),
                1,
            ),
            Command(
                "demo",
                "houqin_cli.admin.demo",
                "demo_app",
                N_("Fill a new ledger with a demo school"),
                2,
            ),
            Command(
                "check",
                "houqin_cli.admin.cli",
                "check_app",
                N_("Run every group's checks (for cron)"),
                3,
            ),
            Command("config", "houqin_cli.admin.cli", "config_app", N_("School-wide settings"), 10),
            Command(
                "db",
                "houqin_cli.admin.cli",
                "db_app",
                N_("Ledger database: info, upgrade, backup, restore, check"),
                12,
            ),
        ),
        demo="houqin_cli.admin.demo",
    ),
    Domain(
        "calendar",
        commands=(
            Command("term", "houqin_cli.calendar.cli", "term_app", N_("School terms (学期)"), 9),
            Command(
                "calendar",
                "houqin_cli.calendar.cli",
                "calendar_app",
                N_("Recurring tasks, the month's list, holidays and 调休"),
                13,
            ),
        ),
        models=("houqin_cli.calendar.models",),
        checks="houqin_cli.calendar.checks",
        demo="houqin_cli.calendar.demo",
        check_order=4,
    ),
    Domain(
        "people",
        commands=(
            Command(
                "people",
                "houqin_cli.people.cli",
                "people_app",
                N_("Staff and everyone who signs or receives"),
                4,
            ),
            Command(
                "unit",
                "houqin_cli.people.cli",
                "unit_app",
                N_("Departments, grades and classes"),
                5,
            ),
            Command("place", "houqin_cli.people.cli", "place_app", N_("Rooms and areas"), 8),
        ),
        models=("houqin_cli.people.models",),
        demo="houqin_cli.people.demo",
    ),
    group("stock", N_("The storeroom (库房)"), 6, check_order=2),
    group(
        "audit",
        N_("Money and the journal: receipts, income, budgets, statements, the tamper-evident log"),
        11,
        check_order=1,
        models="houqin_cli.audit.finance.models",
        demo="houqin_cli.audit.finance.demo",
    ),
    group("asset", N_("School property (校产)"), 7, check_order=3),
    group("repair", N_("Repairs (报修)"), 14, check_order=5),
    group("safety", N_("Safety inspections, hazards and violations (安全)"), 15, check_order=6),
    group("meal", N_("The canteen (食堂)"), 16, check_order=7),
    group("student", N_("Students (学籍): class, boarding, guardian"), 17, check_order=8),
    group(
        "duty",
        N_("Duty (值班护校): posts, rosters, check-ins, 查岗, attendance"),
        18,
        check_order=9,
    ),
    group(
        "gate",
        N_("The gate (门卫): visitors, students leaving in class hours, the gate book"),
        19,
        check_order=10,
    ),
)


def commands() -> dict[str, Command]:
    """Every top-level command, in the order `houqin --help` lists them."""
    found = [c for d in DOMAINS for c in d.commands]
    return {c.name: c for c in sorted(found, key=lambda c: c.order)}


def load_models() -> None:
    """Import every table's module, so that SQLModel.metadata holds the whole schema."""
    for module in (*CORE_MODELS, *(m for d in DOMAINS for m in d.models)):
        importlib.import_module(module)


def check_groups() -> list[str]:
    """The groups `houqin check --only` accepts, in the order their checks run."""
    return [d.name for d in sorted(DOMAINS, key=lambda d: d.check_order) if d.checks]


def checks(group: str) -> list[Check]:
    domain = next(d for d in DOMAINS if d.name == group)
    if domain.checks is None:
        return []
    found: list[Check] = importlib.import_module(domain.checks).CHECKS
    return found


def demo_fillers() -> list[Any]:
    """Each group's part of `houqin demo`, in the manifest's order."""
    return [importlib.import_module(d.demo).fill for d in DOMAINS if d.demo]
