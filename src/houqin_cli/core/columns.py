"""One column vocabulary: a report key has one meaning and one translated header everywhere.

A service builds its Report's columns with `columns("code", "name", ...)`: the key is
the JSON key (English snake_case), the header is translated when the report is built,
and the kind tells the renderer how the value looks (money in fen, quantities, dates).
A key that is not here is a KeyError, so a new column is added here once, with its
header, and every command that shows it shows it the same way.

Where two commands once used one key for two things, the key kept one meaning:
- `unit` is a unit of measure (盒, kg); the organisational unit is `org_unit`
  (people listings keep `unit`, by contract).
- `due` is a date; money owed is `amount_due`.
- `net_value` is an asset's net book value; stock drawn less returned is
  `net_drawn_value`.
The old meaning stays only where an issue's JSON contract names it (and one header
where a table would otherwise show the same header twice); those few columns are in
CONTRACT below, each with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from houqin_cli.core.i18n import N_, _
from houqin_cli.core.report import Column, Kind

VOCABULARY: dict[str, tuple[str, Kind]] = {
    "acceptor": (N_("Acceptor"), "text"),
    "accumulated": (N_("Accumulated"), "money"),
    "acquired": (N_("Acquired"), "date"),
    "action": (N_("Action"), "text"),
    "active": (N_("In use"), "bool"),
    "alert_growth": (N_("Alert growth"), "qty"),
    "allergens": (N_("Allergens"), "text"),
    "amount": (N_("Amount"), "money"),
    "amount_due": (N_("Amount due"), "money"),
    "answer": (N_("Answer"), "text"),
    "appraised_on": (N_("Appraised on"), "date"),
    "appraiser": (N_("Appraiser"), "text"),
    "approvers": (N_("Approvers"), "list"),
    "asset": (N_("Asset"), "text"),
    "asset_code": (N_("Asset code"), "text"),
    "assignee": (N_("Assigned to"), "text"),
    "backend": (N_("Backend"), "text"),
    "balance_quantity": (N_("Balance"), "qty"),
    "balance_value": (N_("Balance value"), "money"),
    "batch": (N_("Batch"), "text"),
    "book": (N_("Book"), "qty"),
    "borrower": (N_("Borrower"), "text"),
    "budget": (N_("Budget"), "money"),
    "building": (N_("Building"), "text"),
    "by": (N_("Caused by"), "text"),
    "cards": (N_("Cards"), "int"),
    "category": (N_("Category"), "text"),
    "category_name": (N_("Category"), "text"),
    "cause": (N_("Cause"), "text"),
    "check": (N_("Check"), "text"),
    "check_item": (N_("Checklist item"), "text"),
    "checklist": (N_("Checklist"), "list"),
    "closed_on": (N_("Closed on"), "date"),
    "closing": (N_("Closing balance"), "money"),
    "code": (N_("Code"), "text"),
    "command": (N_("Command"), "text"),
    "condition": (N_("Condition"), "text"),
    "cost_per_serving": (N_("Cost per serving"), "money"),
    "cost_total": (N_("Total cost"), "money"),
    "counted": (N_("Counted"), "qty"),
    "custodian": (N_("Custodian"), "text"),
    "date": (N_("Date"), "date"),
    "days_overdue": (N_("Days overdue"), "int"),
    "deadline": (N_("Deadline"), "date"),
    "default": (N_("Default"), "text"),
    "description": (N_("Description"), "text"),
    "difference": (N_("Difference"), "qty"),
    "difference_value": (N_("Difference value"), "money"),
    "discarded_at": (N_("Discarded at"), "text"),
    "dish": (N_("Dish"), "text"),
    "dishes": (N_("Dishes"), "text"),
    "done_at": (N_("Done at"), "datetime"),
    "done_count": (N_("Inspections done"), "int"),
    "done_on": (N_("Done on"), "date"),
    "drawn_by": (N_("Drawn by"), "text"),
    "due": (N_("Due"), "date"),
    "due_at": (N_("Due at"), "datetime"),
    "due_by": (N_("Due by"), "date"),
    "due_count": (N_("Inspections due"), "int"),
    "durable": (N_("Durable"), "bool"),
    "duration": (N_("Duration"), "text"),
    "earlier_schedules": (N_("Earlier schedules"), "list"),
    "end": (N_("End"), "date"),
    "entity": (N_("Entity"), "text"),
    "estimate": (N_("Estimated cost"), "money"),
    "every": (N_("Every"), "text"),
    "expense_total": (N_("Expenses"), "money"),
    "expires": (N_("Expires"), "date"),
    "failed": (N_("Failed"), "bool"),
    "fee_income": (N_("Fee income"), "money"),
    "figure": (N_("Figure"), "text"),
    "file_size": (N_("File size (bytes)"), "int"),
    "fine": (N_("Fine"), "money"),
    "first_reading": (N_("First reading"), "qty"),
    "fixed": (N_("Fixed asset"), "bool"),
    "fixed_by": (N_("Fixed by"), "text"),
    "fixed_on": (N_("Fixed on"), "date"),
    "fixed_value": (N_("Fixed assets"), "money"),
    "food_cost": (N_("Food cost"), "money"),
    "for_holiday": (N_("Holiday list"), "text"),
    "found_at": (N_("Found at"), "text"),
    "found_on": (N_("Found on"), "date"),
    "fri": (N_("Fri"), "text"),
    "fridge": (N_("Fridge"), "text"),
    "funding": (N_("Funding"), "text"),
    "grams": (N_("Grams"), "qty"),
    "group": (N_("Group"), "text"),
    "growth": (N_("Growth"), "qty"),
    "handler": (N_("Handler"), "text"),
    "hash": (N_("Hash"), "text"),
    "hazard": (N_("Hazard"), "text"),
    "hazards_closed": (N_("Hazards closed"), "int"),
    "hazards_opened": (N_("Hazards opened"), "int"),
    "head": (N_("Head"), "text"),
    "history": (N_("History"), "list"),
    "income_total": (N_("Income"), "money"),
    "inspection": (N_("Safety inspection"), "text"),
    "inspector": (N_("Inspector"), "text"),
    "inspectors": (N_("Inspectors"), "list"),
    "invoice": (N_("Invoice"), "text"),
    "invoice_date": (N_("Invoice date"), "date"),
    "issued": (N_("Issued on"), "date"),
    "issued_by": (N_("Issued by"), "text"),
    "issued_quantity": (N_("Issued"), "qty"),
    "issued_value": (N_("Issued value"), "money"),
    "item": (N_("Item"), "text"),
    "item_code": (N_("Item code"), "text"),
    "item_unit": (N_("Unit of measure"), "text"),
    "journal_head": (N_("Journal head"), "text"),
    "journal_length": (N_("Journal entries"), "int"),
    "key": (N_("Key"), "text"),
    "kind": (N_("Kind"), "text"),
    "last_reading": (N_("Last reading"), "qty"),
    "left_on": (N_("Left on"), "date"),
    "lent_on": (N_("Lent on"), "date"),
    "level": (N_("Level"), "text"),
    "licence": (N_("Supplier licence"), "text"),
    "life_years": (N_("Life (years)"), "int"),
    "links": (N_("Goods accepted"), "list"),
    "location": (N_("Location"), "text"),
    "margin": (N_("Margin"), "percent"),
    "meal": (N_("Meal"), "text"),
    "message": (N_("Problem"), "text"),
    "method": (N_("Method"), "text"),
    "mon": (N_("Mon"), "text"),
    "monthly": (N_("This month"), "money"),
    "name": (N_("Name"), "text"),
    "net_drawn_value": (N_("Net drawn value"), "money"),
    "net_value": (N_("Net value"), "money"),
    "new_name": (N_("New name"), "text"),
    "note": (N_("Note"), "text"),
    "number": (N_("Certificate no."), "text"),
    "occurrence": (N_("Occurrence"), "text"),
    "opening": (N_("Opening balance"), "money"),
    "operator": (N_("Operator"), "text"),
    "opinion": (N_("Appraisal opinion"), "text"),
    "org_unit": (N_("Unit"), "text"),
    "original_value": (N_("Original value"), "money"),
    "other_cost": (N_("Other canteen costs"), "money"),
    "overdue": (N_("Overdue"), "bool"),
    "owed": (N_("Owed"), "money"),
    "owner": (N_("Owner"), "text"),
    "orders": (N_("Orders"), "int"),
    "outside_cost": (N_("Outside work"), "money"),
    "paid": (N_("Paid"), "money"),
    "parent": (N_("Parent"), "text"),
    "parts_cost": (N_("Parts"), "money"),
    "parts_used": (N_("Parts used"), "list"),
    "period": (N_("Period"), "text"),
    "person": (N_("Person"), "text"),
    "phone": (N_("Phone"), "text"),
    "place": (N_("Place"), "text"),
    "ppm": (N_("Concentration (mg/L)"), "int"),
    "problem": (N_("Problem noted"), "text"),
    "problems": (N_("Problems"), "int"),
    "produced": (N_("Produced"), "date"),
    "program_revision": (N_("Program's revision"), "text"),
    "qty": (N_("Qty"), "int"),
    "quantity": (N_("Quantity"), "qty"),
    "rating": (N_("Rating"), "int"),
    "reason": (N_("Reason"), "text"),
    "receipt": (N_("Receipt"), "text"),
    "rechecks": (N_("Re-checks"), "list"),
    "rejected": (N_("Rejected"), "text"),
    "remaining": (N_("Remaining"), "money"),
    "reorder_level": (N_("Reorder level"), "qty"),
    "repair": (N_("Repair order"), "text"),
    "requested_on": (N_("Requested on"), "date"),
    "requested_at": (N_("Requested at"), "datetime"),
    "requester": (N_("Requested by"), "text"),
    "result": (N_("Result"), "text"),
    "results": (N_("Results"), "list"),
    "retired_on": (N_("Retired on"), "date"),
    "returned_on": (N_("Returned on"), "date"),
    "returned_quantity": (N_("Returned"), "qty"),
    "returned_value": (N_("Returned value"), "money"),
    "reverses": (N_("Reverses"), "text"),
    "reviewer": (N_("Reviewer"), "text"),
    "revision": (N_("Schema revision"), "text"),
    "role": (N_("Role"), "text"),
    "roles": (N_("Roles"), "list"),
    "rotation": (N_("Rotation"), "list"),
    "sampler": (N_("Sampled by"), "text"),
    "sat": (N_("Sat"), "text"),
    "school": (N_("School"), "text"),
    "section": (N_("Section"), "text"),
    "seq": (N_("Seq"), "int"),
    "served": (N_("Served"), "int"),
    "service": (N_("Service"), "bool"),
    "servings": (N_("Servings"), "int"),
    "set_at": (N_("Set at"), "datetime"),
    "set_by": (N_("Set by"), "text"),
    "share_used": (N_("Share used"), "percent"),
    "signature": (N_("Borrower's signature"), "text"),
    "source": (N_("Source"), "text"),
    "spec": (N_("Spec"), "text"),
    "special": (N_("Special equipment"), "bool"),
    "spent": (N_("Spent"), "money"),
    "start": (N_("Start"), "date"),
    "status": (N_("Status"), "text"),
    "stopped_on": (N_("Stopped on"), "date"),
    "sun": (N_("Sun"), "text"),
    "supplier": (N_("Supplier"), "text"),
    "taken_at": (N_("Taken at"), "text"),
    "task": (N_("Task"), "text"),
    "temp_c": (N_("Temperature (℃)"), "int"),
    "term": (N_("Term"), "text"),
    "thu": (N_("Thu"), "text"),
    "time": (N_("Time"), "datetime"),
    "total_cost": (N_("Total cost"), "money"),
    "total_value": (N_("Total value"), "money"),
    "tue": (N_("Tue"), "text"),
    "unit": (N_("Unit of measure"), "text"),
    "unit_cost": (N_("Average cost"), "money"),
    "unit_value": (N_("Unit value"), "money"),
    "until": (N_("Until"), "date"),
    "urgency": (N_("Urgency"), "text"),
    "value": (N_("Amount"), "money"),
    "value_in_words": (N_("In words"), "text"),
    "voided": (N_("Voided"), "bool"),
    "voided_by": (N_("Reversed by"), "text"),
    "wed": (N_("Wed"), "text"),
    "what": (N_("What"), "text"),
    "class_name": (N_("Class"), "text"),
    "gender": (N_("Gender"), "text"),
    "boarding": (N_("Boarding"), "bool"),
    "guardian": (N_("Guardian"), "text"),
    "id_no": (N_("ID number"), "text"),
    "shift_time": (N_("Shift"), "text"),
    "division": (N_("Division"), "text"),
    "pool": (N_("Pool"), "text"),
    "holiday_pool": (N_("Holiday pool"), "text"),
    "post": (N_("Post"), "text"),
    "holiday_duty": (N_("Holiday duty"), "bool"),
    "checked_in": (N_("Checked in"), "bool"),
    "rostered": (N_("Rostered"), "int"),
    "worked": (N_("Worked"), "int"),
    "missed": (N_("Missed"), "int"),
    "late": (N_("Late"), "int"),
    "absent": (N_("Absent at 查岗"), "int"),
    "visitor": (N_("Visitor"), "text"),
    "organisation": (N_("Organisation"), "text"),
    "visiting": (N_("Visiting"), "text"),
    "vehicle": (N_("Vehicle"), "text"),
    "time_in": (N_("In"), "datetime"),
    "time_out": (N_("Out"), "datetime"),
    "student": (N_("Student"), "text"),
    "approved_by": (N_("Approved by"), "text"),
    "back_by": (N_("Back by"), "datetime"),
    "with_guardian": (N_("With"), "text"),
    "entry": (N_("Entry"), "text"),
    "wage": (N_("Monthly wage"), "money"),
    "deduction": (N_("Deduction"), "money"),
    "leave_reason": (N_("Reason for leaving"), "text"),
}

# Keys whose meaning in one command differs from the vocabulary, kept because an
# issue's JSON contract names them: (command, key) -> (header, kind, the contract).
CONTRACT: dict[tuple[str, str], tuple[str, Kind, str]] = {
    ("people list", "unit"): (
        N_("Unit"),
        "text",
        "issue 2: JSON listings of people carry `unit` (the person's organisational unit)",
    ),
    ("stock movements", "unit"): (
        N_("Drawn / returned by"),
        "text",
        "issue 3: movements rows carry `unit` (who drew it or returned it)",
    ),
    ("audit budget", "category_name"): (
        N_("Name"),
        "text",
        "a budget table is one row per category, its code under Category: the name is Name",
    ),
    ("config list", "value"): (
        N_("Value"),
        "text",
        "issue 2: `config list|get|set` show a setting's value as typed",
    ),
}


# Where one command's column reads better under another header (same meaning, same kind).
HEADERS: dict[tuple[str, str], str] = {
    ("people list", "name"): N_("Full name"),
    ("people list", "active"): N_("At school"),
    ("duty wages", "signature"): N_("Signature"),
}

# Keys whose values are stored codes, and the label tables (core/labels.py) that show
# them; a report whose key holds codes of another table says so (`labels=`).
LABELLED: dict[str, tuple[str, ...]] = {
    "status": ("asset_status", "round_status", "scrap_status", "condition"),
    "kind": ("movement_kind", "unit_kind", "place_kind", "inspection_kind"),
    "cause": ("damage_cause",),
    "level": ("hazard_level",),
    "condition": ("condition",),
    "result": ("count_result",),
    "roles": ("role",),
    "entity": ("entity",),
    "urgency": ("urgency",),
    "for_holiday": ("holiday",),
    "meal": ("meal",),
    "method": ("disinfect_method",),
    "role": ("canteen_role",),
}


def columns(
    *keys: str, command: str | None = None, labels: Mapping[str, tuple[str, ...]] | None = None
) -> list[Column]:
    """The columns for these keys, headers translated now; for `command`, a key its
    JSON contract gave another meaning takes that meaning (see CONTRACT); `labels`
    names the label tables of a key whose codes are not the vocabulary's (LABELLED)."""
    return [column(k, command, (labels or {}).get(k)) for k in keys]


def column(key: str, command: str | None = None, labels: tuple[str, ...] | None = None) -> Column:
    header, kind = VOCABULARY[key]
    if command is not None and (command, key) in CONTRACT:
        header, kind, _why = CONTRACT[(command, key)]
    header = HEADERS.get((command or "", key), header)
    return Column(key, _(header), kind, LABELLED.get(key, ()) if labels is None else labels)


# Fields an edit names that are not report keys (model fields)
FIELDS: dict[str, str] = {
    "unit_id": N_("Unit"),
    "place_id": N_("Place"),
    "parent_id": N_("Parent"),
    "head_id": N_("Head"),
    "durable": N_("Durable"),
    "reorder_level": N_("Reorder level"),
    "start": N_("Start"),
    "end": N_("End"),
}


def field_names(keys: Iterable[str]) -> str:
    """The fields an edit changed as the reader knows them (`单位, 电话`), for its reply."""
    out = []
    for k in keys:
        if k in VOCABULARY:
            out.append(_(VOCABULARY[k][0]))
        elif k in FIELDS:
            out.append(_(FIELDS[k]))
        else:
            out.append(k)
    return ", ".join(out)
