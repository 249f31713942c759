"""The registries' words, light enough for the read path: unit and place kinds, roles
and their labels, what each record is called, and the SQL of "still in use"."""

from __future__ import annotations

from houqin_cli.core import labels
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _

UNIT_KINDS = ("department", "grade", "class")
PLACE_KINDS = ("classroom", "office", "dorm", "canteen", "store", "outdoor", "other")
# role -> its Chinese label (accepted as input too)
ROLES: dict[str, str] = {
    "principal": "校长",
    "director": "主任",
    "teacher": "教师",
    "head_teacher": "班主任",
    "clerk": "干事",
    "storekeeper": "保管员",
    "custodian": "保管人",
    "handler": "经办人",
    "acceptor": "验收人",
    "reviewer": "审核人",
    "approver": "审批人",
    "accountant": "会计",
    "cashier": "出纳",
    "repairer": "维修工",
    "guard": "门卫",
    "duty": "值班",
    "canteen": "食堂",
    "nurse": "校医",
    "driver": "司机",
    "cleaner": "保洁",
}
WHAT = {"person": N_("person"), "unit": N_("unit"), "place": N_("place")}


def clean_name(name: str, what: str) -> str:
    value = (name or "").strip()
    if not value:
        raise InputError(_("The {what} name cannot be empty.").format(what=_(what)))
    if len(value) > 100:
        raise InputError(_("The name is too long (at most 100 characters)."))
    return value


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    v = labels.among(value, allowed)  # a code, or its label (`--kind 班级`)
    if v not in allowed:
        raise InputError(
            _("Invalid {option} {value!r}; choose one of: {allowed}.").format(
                option=option, value=value, allowed=", ".join(allowed)
            )
        )
    return v


def parse_roles(values: list[str]) -> list[str]:
    by_label = {label: role for role, label in ROLES.items()}
    roles: list[str] = []
    for raw in values:
        for part in raw.replace("，", ",").split(","):
            p = part.strip()
            if not p:
                continue
            role = by_label.get(p) or labels.lookup("role", p) or p.lower()
            if role not in ROLES:
                raise InputError(
                    _("Unknown role {role!r}; roles: {roles}.").format(
                        role=p, roles=", ".join(f"{r} ({lbl})" for r, lbl in ROLES.items())
                    )
                )
            if role not in roles:
                roles.append(role)
    return sorted(roles)


# SQL: the records still in use, for names.lookup (`:yes` is bound to true)
LIVE = {"person": "active = :yes", "unit": "retired_on IS NULL", "place": "retired_on IS NULL"}
