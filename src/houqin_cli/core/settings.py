"""School-wide settings stored in the ledger, typed and validated.

Every user and cron job of one ledger sees the same values. A key's default
that comes from a regulation names its source (README, "Settings")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.core.db import Reader
    from houqin_cli.core.journal import Actor


@dataclass(frozen=True)
class Spec:
    key: str
    kind: str  # text | zone | money | int | month | mode
    default: str
    help: str  # msgid
    parse: Callable[[str], str]
    load: Callable[[str], Any] = str


def _text(value: str) -> str:
    v = value.strip()
    if not v:
        raise InputError(_("The value cannot be empty."))
    return v


def _zone(value: str) -> str:
    clock.zone(value.strip())
    return value.strip()


def _money(value: str) -> str:
    return money.money_str(money.parse_money(value))


def _int(value: str) -> str:
    v = value.strip()
    if not v.isdigit() or len(v) > 9:
        raise InputError(
            _("Invalid whole number {value!r}: give digits only, like 48.").format(value=value)
        )
    return str(int(v))


def _month(value: str) -> str:
    """A month such as 2026-05; empty (or 'none') for no month."""
    v = value.strip()
    if v.lower() in ("", "none", "-"):
        return ""
    return clock.parse_month(v).label


def _mode(value: str) -> str:
    """A file mode in octal that keeps the owner's read and write, like 0600 or 0640."""
    v = value.strip()
    if not (len(v) in (3, 4) and all(c in "01234567" for c in v)) or int(v, 8) & 0o600 != 0o600:
        raise InputError(
            _(
                "Invalid file mode {value!r}: give octal digits that keep the owner's read and write, like 0600 or 0640."
            ).format(value=value)
        )
    return f"{int(v, 8) & 0o666:04o}"


def _spec(key: str, kind: str, default: str, help: str) -> Spec:
    parse = {
        "text": _text,
        "zone": _zone,
        "money": _money,
        "int": _int,
        "month": _month,
        "mode": _mode,
    }[kind]
    load: Callable[[str], Any] = str
    if kind == "money":
        load = money.parse_money
    elif kind == "int":
        load = int
    return Spec(key, kind, default, help, parse, load)


SPECS: dict[str, Spec] = {
    s.key: s
    for s in (
        _spec("school.name", "text", "未命名学校", N_("The school's name, printed on reports")),
        _spec("timezone", "zone", clock.DEFAULT_ZONE, N_("The school's time zone (IANA name)")),
        _spec(
            "export.mode",
            "mode",
            "0600",
            N_("The permissions of files written with -o (octal; 0600: the owner only)"),
        ),
        _spec(
            "import.max_rows",
            "int",
            "200000",
            N_(
                "The most rows an import reads; a larger file is refused before anything is written"
            ),
        ),
        _spec(
            "import.max_bytes",
            "int",
            str(200 * 1024 * 1024),
            N_("The most bytes an imported file may hold, a workbook unpacked (200 MiB)"),
        ),
        _spec(
            "db.busy_timeout_ms",
            "int",
            "5000",
            N_("How long a writer waits for a locked SQLite ledger (ms)"),
        ),
        _spec(
            "audit.approval_threshold",
            "money",
            "5000.00",
            N_("A purchase above this needs an approver"),
        ),
        _spec(
            "audit.committee_threshold",
            "money",
            "50000.00",
            N_("A purchase above this needs two approvers"),
        ),
        _spec(
            "approval.role",
            "text",
            "approver",
            N_("The role whoever approves must hold (receipts, exemptions, counts, scrapping)"),
        ),
        _spec(
            "audit.invoice_max_age_days",
            "int",
            "180",
            N_("An invoice older than this many days is expired"),
        ),
        _spec(
            "asset.fixed_threshold_general",
            "money",
            "1000.00",
            N_("General equipment at or above this unit value is a fixed asset"),
        ),
        _spec(
            "asset.fixed_threshold_special",
            "money",
            "1500.00",
            N_("Special equipment at or above this unit value is a fixed asset"),
        ),
        _spec("meal.sample_hours", "int", "48", N_("Hours a food sample is kept")),
        _spec("meal.sample_grams", "int", "125", N_("Grams kept of each dish as a food sample")),
        _spec(
            "meal.sample_max_days",
            "int",
            "7",
            N_("Days after which a food sample still in the fridge is a finding"),
        ),
        _spec(
            "meal.max_repeats_per_week",
            "int",
            "2",
            N_("The most times one dish may be on a week's menu"),
        ),
        _spec(
            "meal.accompany_roles",
            "text",
            "principal,director",
            N_("The roles of the school leaders who eat with the students (陪餐)"),
        ),
        _spec(
            "meal.food_categories",
            "text",
            "食材,食品,粮油,副食,调料",
            N_("Stock item categories that are food (purchase inspection)"),
        ),
        _spec(
            "meal.canteen_unit",
            "text",
            "",
            N_("The unit the storeroom issues the canteen's food to (empty: not set)"),
        ),
        _spec(
            "meal.max_margin",
            "int",
            "0",
            N_("The most fee income may exceed food cost, in per cent (食堂不得以赢利为目的)"),
        ),
        _spec(
            "meal.record_years",
            "int",
            "2",
            N_("Years a purchase inspection record is kept at least"),
        ),
        _spec(
            "repair.due_hours.emergency",
            "int",
            "4",
            N_("Hours within which an emergency repair is due once asked for"),
        ),
        _spec(
            "repair.due_hours.urgent",
            "int",
            "24",
            N_("Hours within which an urgent repair is due once asked for"),
        ),
        _spec(
            "repair.due_hours.normal",
            "int",
            "72",
            N_("Hours within which a normal repair is due once asked for"),
        ),
        _spec(
            "repair.accept_days",
            "int",
            "3",
            N_("Days within which the requester should accept a repair once it is done"),
        ),
        _spec(
            "asset.scrap_committee_threshold",
            "money",
            "10000.00",
            N_("Scrapping assets worth more than this needs two approvers"),
        ),
        _spec(
            "asset.compensation_days",
            "int",
            "30",
            N_("Days within which a damage compensation should be paid"),
        ),
        _spec(
            "school.logistics_unit",
            "text",
            "",
            N_("The unit whose people are the logistics staff (duty pools), such as 总务处"),
        ),
        _spec(
            "duty.max_nights_per_month",
            "int",
            "8",
            N_("The most night shifts a person is rostered on in a month"),
        ),
        _spec(
            "duty.checkin_grace_minutes",
            "int",
            "30",
            N_("Minutes after a shift starts within which its check-in is on time"),
        ),
        _spec(
            "duty.missed_shift_deduction",
            "money",
            "0.00",
            N_("Deducted from a hired guard's monthly wage per missed shift (0: none)"),
        ),
        _spec(
            "school.class_hours",
            "text",
            "07:50-11:40,14:00-17:20",
            N_("Class hours: a student leaving within them needs an approved exit"),
        ),
        _spec(
            "gate.exit_roles",
            "text",
            "principal,director",
            N_("Roles that may approve any student's exit (besides the class's head teacher)"),
        ),
        _spec(
            "stock.closed_through",
            "month",
            "",
            N_("Stock movements dated in or before this month are refused (empty: none)"),
        ),
    )
}
ALIASES = {"school": "school.name", "school_name": "school.name", "school.timezone": "timezone"}


def spec(key: str) -> Spec:
    k = ALIASES.get(key.strip(), key.strip())
    if k not in SPECS:
        raise InputError(
            _("Unknown setting {key!r}; known settings: {keys}.").format(
                key=key, keys=", ".join(SPECS)
            )
        )
    return SPECS[k]


def raw(session: Session, key: str) -> str:
    from sqlalchemy import text

    sp = spec(key)
    value = session.execute(
        text("SELECT value FROM setting WHERE key = :k"), {"k": sp.key}
    ).scalar()
    return sp.default if value is None else str(value)


def read(reader: Reader, *keys: str) -> dict[str, Any]:
    """Several settings, typed, with plain SQL: the bulk reports' path (no ORM)."""
    specs = [spec(k) for k in keys]
    params = {f"k{i}": sp.key for i, sp in enumerate(specs)}
    marks = ", ".join(f":{name}" for name in params)
    stored = dict(reader.rows(f"SELECT key, value FROM setting WHERE key IN ({marks})", params))
    return {
        k: sp.load(str(stored.get(sp.key, sp.default))) for k, sp in zip(keys, specs, strict=True)
    }


def get(session: Session, key: str) -> Any:
    return spec(key).load(raw(session, key))


def timezone(session: Session) -> tzinfo:
    return clock.zone(raw(session, "timezone"))


def zone(reader: Reader) -> tzinfo:
    """The school's time zone, read with plain SQL."""
    return clock.zone(read(reader, "timezone")["timezone"])


def put(session: Session, actor: Actor, key: str, value: str) -> tuple[Spec, str, str]:
    """Validate and store one setting; journalled. Returns (spec, old, new)."""
    from houqin_cli.core import journal
    from houqin_cli.core.setting_table import Setting

    sp = spec(key)
    new = sp.parse(value)
    row = session.get(Setting, sp.key)
    old = row.value if row is not None else sp.default
    if row is None:
        row = Setting(key=sp.key, value=new, set_by=actor.operator, set_at=clock.iso_utc(actor.now))
        session.add(row)
    else:
        row.value = new
        row.set_by = actor.operator
        row.set_at = clock.iso_utc(actor.now)
    journal.append(
        session,
        "config.set",
        "setting",
        entity_id=sp.key,
        code=sp.key,
        payload={"key": sp.key, "old": old, "new": new},
    )
    return sp, old, new


def listing(reader: Reader) -> list[dict[str, Any]]:
    """Every setting, stored or default, with plain SQL (`config list`)."""
    stored = {str(k): (v, by, at) for k, v, by, at in reader.rows(
        "SELECT key, value, set_by, set_at FROM setting")}  # fmt: skip
    rows = []
    for sp in SPECS.values():
        value, set_by, set_at = stored.get(sp.key, (sp.default, None, None))
        rows.append(
            {
                "key": sp.key,
                "value": value,
                "default": sp.default,
                "type": sp.kind,
                "set_by": set_by,
                "set_at": set_at,
                "description": _(sp.help),
            }
        )
    return rows
