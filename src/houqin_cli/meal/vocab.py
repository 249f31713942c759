"""The canteen's words, light enough for the read path: meals, dish kinds, the
disinfection methods and their minimums (with their source), and their parsing."""

from __future__ import annotations

from dataclasses import dataclass

from houqin_cli.core import labels
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

MEALS = ("breakfast", "lunch", "dinner")
DISH_KINDS = ("meat", "vegetable", "mixed", "staple", "soup", "fruit", "dairy")
STAFF_ROLES = ("cook", "helper", "buyer")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = {
    "mon": ("mon", "monday", "周一", "星期一", "一"),
    "tue": ("tue", "tuesday", "周二", "星期二", "二"),
    "wed": ("wed", "wednesday", "周三", "星期三", "三"),
    "thu": ("thu", "thursday", "周四", "星期四", "四"),
    "fri": ("fri", "friday", "周五", "星期五", "五"),
    "sat": ("sat", "saturday", "周六", "星期六", "六"),
    "sun": ("sun", "sunday", "周日", "星期日", "周天", "星期天", "日"),
}
# the source every regulation-derived default names (docs/meal.md)
GB31654 = "GB 31654-2021"


@dataclass(frozen=True)
class Minimum:
    """What a disinfection run of a method must reach (None: not measured)."""

    temp_c: int | None
    seconds: int | None
    ppm: int | None
    text: str  # as the rule states it


METHODS: dict[str, Minimum] = {
    "steam": Minimum(100, 600, None, "100 ℃ ≥ 10 min"),
    "boil": Minimum(100, 600, None, "100 ℃ ≥ 10 min"),
    "infrared": Minimum(120, 600, None, "≥ 120 ℃ ≥ 10 min"),
    "dishwasher": Minimum(85, 40, None, "85 ℃ rinse ≥ 40 s"),
    "chlorine": Minimum(None, 300, 250, "≥ 250 mg/L ≥ 5 min"),
}


MEAL_NAMES = {
    "breakfast": ("早餐", "早饭", "早"),
    "lunch": ("午餐", "午饭", "中餐", "中饭", "午"),
    "dinner": ("晚餐", "晚饭", "晚"),
}


def meal(text: str) -> str:
    """breakfast | lunch | dinner (or 早餐, 午餐, 晚餐); else exit 2."""
    t = (text or "").strip()
    for code, names in MEAL_NAMES.items():
        if t in names:
            return code
    return labels.parse("meal", t, "--meal")


def day_of_week(text: str) -> int:
    """0 (Monday) to 6 for mon … sun or 周一 … 周日; else exit 2."""
    t = text.strip().lower()
    for i, key in enumerate(DAYS):
        if t in DAY_NAMES[key]:
            return i
    raise InputError(
        _("Invalid day {text!r}; give mon, tue, wed, thu, fri, sat or sun (周一 … 周日).").format(
            text=text
        )
    )
