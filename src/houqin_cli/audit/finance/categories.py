"""The receipt categories: which need goods accepted, which are services (no goods to
accept, so no --service) and which always need an approver."""

from __future__ import annotations

from dataclasses import dataclass

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _


@dataclass(frozen=True)
class Category:
    code: str
    label: str  # the Chinese name, accepted as input too
    goods: bool  # goods: the acceptor certifies stock receipts or asset cards
    needs_approver: bool = False  # always needs an approver, whatever the amount
    service: bool = False  # a service: nothing to accept, `--service` implied


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("office", "办公用品", goods=True),
        Category("teaching", "教学用品", goods=True),
        Category("cleaning", "清洁用品", goods=True),
        Category("food", "食材", goods=True),
        Category("equipment", "设备购置", goods=True),
        Category("repair", "维修", goods=False, service=True),
        Category("utilities", "水电", goods=False, service=True),
        Category("travel", "差旅", goods=False, needs_approver=True, service=True),
        Category("training", "培训", goods=False, service=True),
        # the canteen's expenses other than food from the storeroom (gas, utensils, …):
        # `meal cost` adds them to the food cost (#15)
        Category("canteen", "食堂", goods=False, service=True),
        Category("other", "其他", goods=False),
    )
}
CATEGORY_HELP = N_(
    "office, teaching, cleaning, food, equipment, repair, utilities, travel, training, canteen or other (or its Chinese name)"
)


def category(text: str) -> Category:
    from houqin_cli.core import labels

    t = text.strip()
    for c in CATEGORIES.values():
        if t.lower() == c.code or t == c.label:
            return c
    code = labels.lookup("budget_category", t)  # its name in the other language
    if code in CATEGORIES:
        return CATEGORIES[code]
    raise InputError(
        _("Unknown category {text!r}; categories: {known}.").format(
            text=text, known=labels.allowed("budget_category")
        )
    )


def label(code: str) -> str:
    """A stored category's Chinese name (the code itself if it is not one of ours)."""
    return CATEGORIES[code].label if code in CATEGORIES else code
