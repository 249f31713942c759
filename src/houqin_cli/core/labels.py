"""THE label tables: every code the ledger stores (statuses, kinds, causes, results,
roles, unit and place kinds, categories, events) and its label, an English msgid the
catalogs translate. Tables show a code through `show`; input takes a code or its label
in either language through `parse`; JSON keeps the code.

A column says which tables apply (`Column.labels`, from `core/columns.py`); a value
inside a nested cell (a card's history) carries its table as a `Coded` string.
This module imports only i18n, so that it costs nothing on the fast paths."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from houqin_cli.core.i18n import N_, _, language, variants

TABLES: dict[str, dict[str, str]] = {
    "asset_status": {
        "in_use": N_("In use"),
        "on_loan": N_("On loan"),
        "scrapped": N_("Scrapped"),
    },
    "round_status": {"open": N_("Open"), "closed": N_("Closed")},
    # safety (#14): an inspection due, a hazard's loop, its level, an item's result
    "due_status": {"open": N_("Open"), "overdue": N_("Overdue"), "done": N_("Done")},
    "hazard_status": {"open": N_("Open"), "fixed": N_("Fixed"), "closed": N_("Closed")},
    "hazard_level": {"minor": N_("Minor"), "major": N_("Major")},
    "check_result": {"ok": N_("OK"), "problem": N_("Problem")},
    "scrap_status": {
        "requested": N_("Requested"),
        "appraised": N_("Appraised"),
        "approved": N_("Approved"),
    },
    # an inspection line's finding, and the condition a loan comes back in
    "condition": {"ok": N_("OK"), "damaged": N_("Damaged"), "missing": N_("Missing")},
    "count_result": {
        "found": N_("Found"),
        "elsewhere": N_("Found elsewhere"),
        "missing": N_("Not found"),
    },
    "damage_cause": {"human": N_("Human"), "natural": N_("Natural")},
    "movement_kind": {
        "receive": N_("Received into stock"),
        "issue": N_("Issue"),
        "return": N_("Return"),
        "void": N_("Reversal"),
        "gain": N_("Count gain"),
        "loss": N_("Count loss"),
        "opening": N_("Opening"),
    },
    "unit_kind": {"department": N_("Department"), "grade": N_("Grade"), "class": N_("Class")},
    "place_kind": {
        "classroom": N_("Classroom"),
        "office": N_("Office"),
        "dorm": N_("Dormitory"),
        "canteen": N_("Canteen"),
        "store": N_("Storeroom"),
        "outdoor": N_("Outdoor"),
        "other": N_("Other place"),
    },
    "inspection_kind": {"mid": N_("Mid-term"), "end": N_("End of term"), "term": N_("Once a term")},
    "role": {
        "principal": N_("Principal"),
        "director": N_("Director"),
        "teacher": N_("Teacher"),
        "head_teacher": N_("Head teacher"),
        "clerk": N_("Clerk"),
        "storekeeper": N_("Storekeeper"),
        "custodian": N_("Custodian"),
        "handler": N_("Handling officer"),
        "acceptor": N_("Acceptor"),
        "reviewer": N_("Reviewer"),
        "approver": N_("Approver"),
        "accountant": N_("Accountant"),
        "cashier": N_("Cashier"),
        "repairer": N_("Repairer"),
        "guard": N_("Guard"),
        "duty": N_("Duty staff"),
        "canteen": N_("Canteen staff"),
        "nurse": N_("School nurse"),
        "driver": N_("Driver"),
        "cleaner": N_("Cleaner"),
    },
    "budget_category": {
        "office": N_("Office supplies"),
        "teaching": N_("Teaching supplies"),
        "cleaning": N_("Cleaning supplies"),
        "food": N_("Food"),
        "equipment": N_("Equipment"),
        "repair": N_("Repairs"),
        "utilities": N_("Water and power"),
        "travel": N_("Travel"),
        "training": N_("Training"),
        "canteen": N_("Canteen"),
        "other": N_("Other"),
    },
    "income_category": {"compensation": N_("Compensation"), "canteen-fee": N_("Canteen fees")},
    "repair_status": {
        "requested": N_("Requested"),
        "assigned": N_("Assigned"),
        "done": N_("Repaired, to accept"),
        "accepted": N_("Accepted"),
        "cancelled": N_("Cancelled"),
    },
    "urgency": {"normal": N_("Normal"), "urgent": N_("Urgent"), "emergency": N_("Emergency")},
    "holiday": {"summer": N_("Summer holiday"), "winter": N_("Winter holiday")},
    # the steps of a repair order's life (repair_event.step)
    "repair_step": {
        "requested": N_("Requested"),
        "assigned": N_("Assigned"),
        "part": N_("Part used"),
        "cost": N_("Outside work"),
        "done": N_("Repaired"),
        "accepted": N_("Accepted"),
        "rejected": N_("Rejected"),
        "cancelled": N_("Cancelled"),
    },
    "event": {
        "added": N_("Added"),
        "edited": N_("Edited"),
        "split": N_("Split"),
        "moved": N_("Moved"),
        "lent": N_("Lent"),
        "returned": N_("Given back"),
        "inspected": N_("Inspected"),
        "counted": N_("Counted in an asset count"),
        "damaged": N_("Damaged"),
        "compensated": N_("Compensated"),
        "scrap_requested": N_("Scrapping requested"),
        "appraised": N_("Appraised"),
        "approved": N_("Approved"),
        "scrapped": N_("Scrapped"),
        "repaired": N_("Repaired"),
    },
    "meal": {"breakfast": N_("Breakfast"), "lunch": N_("Lunch"), "dinner": N_("Dinner")},
    "dish_kind": {
        "meat": N_("Meat dish"),
        "vegetable": N_("Vegetable dish"),
        "mixed": N_("Meat and vegetables"),
        "staple": N_("Staple"),
        "soup": N_("Soup"),
        "fruit": N_("Fruit"),
        "dairy": N_("Dairy"),
    },
    "disinfect_method": {
        "steam": N_("Steam"),
        "boil": N_("Boiling"),
        "infrared": N_("Infrared cabinet"),
        "dishwasher": N_("Dishwasher"),
        "chlorine": N_("Chlorine"),
    },
    "canteen_role": {"cook": N_("Cook"), "helper": N_("Kitchen helper"), "buyer": N_("Buyer")},
    # the journal's entities (its tables)
    "entity": {
        "asset": N_("Asset card"),
        "asset_loan": N_("Loan"),
        "asset_inspection": N_("Inspection"),
        "asset_damage": N_("Damage"),
        "asset_scrap": N_("Scrapping"),
        "asset_count": N_("Asset count"),
        "receipt": N_("Receipt"),
        "income": N_("Income"),
        "budget": N_("Budget"),
        "setting": N_("Setting"),
        "stock_item": N_("Stock item"),
        "stock_movement": N_("Stock movement"),
        "stock_count": N_("Stocktake"),
        "term": N_("Term"),
        "unit": N_("Unit"),
        "person": N_("Person"),
        "place": N_("Place"),
        "ledger": N_("Ledger"),
        "repair_order": N_("Repair order"),
        "repair_event": N_("Repair step"),
        "meal_dish": N_("Dish"),
        "meal_menu": N_("Menu"),
        "meal_served": N_("Meal served"),
        "meal_sample": N_("Food sample"),
        "meal_disinfection": N_("Disinfection"),
        "meal_accompany": N_("Accompanied meal"),
        "meal_inspection": N_("Purchase inspection"),
        "meal_staff": N_("Canteen staff"),
        "meal_duty": N_("Meal duty"),
        "person_cert": N_("Certificate"),
    },
}


class Coded(str):
    """A code inside a nested value (a history line): JSON shows the code, every other
    format its label from `table`."""

    table: str

    def __new__(cls, table: str, code: str) -> Coded:
        obj = super().__new__(cls, code)
        obj.table = table
        return obj

    def label(self) -> str:
        return label(self.table, str(self))


_shown: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}


def shown(tables: Iterable[str]) -> dict[str, str]:
    """code -> label in the reader's language, over `tables` (the first that has the code)."""
    key = (language(), tuple(tables))
    found = _shown.get(key)
    if found is None:
        found = {}
        for t in key[1]:
            for code, msgid in TABLES[t].items():
                found.setdefault(code, _(msgid))
        _shown[key] = found
    return found


def show(tables: Iterable[str], value: Any) -> Any:
    """A code as the reader reads it; a list of codes each; anything else as it is."""
    labels = shown(tables)
    if isinstance(value, str):
        return labels.get(value, value)
    if isinstance(value, list | tuple):
        return [labels.get(v, v) if isinstance(v, str) else v for v in value]
    return value


def label(table: str, code: str) -> str:
    """One code's label (the code itself when the table does not know it)."""
    return str(show((table,), code))


def allowed(table: str) -> str:
    """`in_use (在用), on_loan (借出), …`: what an error message lists."""
    return ", ".join(f"{c} ({_(m)})" for c, m in TABLES[table].items())


def lookup(table: str, text: str) -> str | None:
    """The code `text` names in `table`: the code (any case) or its label in either
    language; None if it names none."""
    t = text.strip()
    entries = TABLES[table]
    if t.lower() in entries:
        return t.lower()
    for code, msgid in entries.items():
        if t in variants(msgid) or t.lower() == msgid.lower():
            return code
    return None


def among(text: str, allowed: Iterable[str]) -> str:
    """`text` as one of the `allowed` codes when it is one or names one by its label (in
    any table that has it); else `text` lower-cased, for the caller's own refusal."""
    t = text.strip()
    for code in allowed:
        if t.lower() == code:
            return code
        for entries in TABLES.values():
            if code in entries and (
                t in variants(entries[code]) or t.lower() == entries[code].lower()
            ):
                return code
    return t.lower()


def parse(table: str, text: str, option: str) -> str:
    """THE input parser of a coded option (`--status 在用` = `--status in_use`)."""
    from houqin_cli.core.errors import InputError

    code = lookup(table, text)
    if code is None:
        raise InputError(
            _("Invalid {option} {value!r}; choose one of: {allowed}.").format(
                option=option, value=text, allowed=allowed(table)
            )
        )
    return code


def choices(table: str) -> list[tuple[str, str]]:
    """(code, label) pairs, for TAB completion."""
    return [(c, _(m)) for c, m in TABLES[table].items()]
