"""The asset classification, after GB/T 14885 (固定资产等资产基础分类与代码), with
the depreciation lives of the 政府固定资产折旧年限表 in 《政府会计准则第3号——
固定资产》应用指南 (财会〔2017〕4号). `life_years` None: not depreciated (land,
books and archives, cultural relics, animals and plants)."""

from __future__ import annotations

from dataclasses import dataclass

from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report


@dataclass(frozen=True)
class AssetCategory:
    code: str
    name: str
    life_years: int | None
    special: bool = False  # special equipment: its own fixed-asset threshold


CATEGORIES: tuple[AssetCategory, ...] = (
    AssetCategory("1", "土地、房屋及构筑物", None),
    AssetCategory("101", "土地", None),
    AssetCategory("102", "房屋（钢筋混凝土结构）", 50),
    AssetCategory("103", "房屋（砖混结构）", 30),
    AssetCategory("104", "简易房", 8),
    AssetCategory("105", "房屋附属设施", 8),
    AssetCategory("106", "构筑物", 8),
    AssetCategory("2", "通用设备", 6),
    AssetCategory("201", "计算机设备", 6),
    AssetCategory("202", "办公设备", 6),
    AssetCategory("203", "车辆", 8),
    AssetCategory("204", "图书档案设备", 5),
    AssetCategory("205", "机械设备", 10),
    AssetCategory("206", "电气设备", 5),
    AssetCategory("207", "通信设备", 5),
    AssetCategory("208", "广播、电视、电影设备", 5),
    AssetCategory("209", "仪器仪表", 5),
    AssetCategory("210", "计量标准器具及量具、衡器", 5),
    AssetCategory("3", "专用设备", 5, special=True),
    AssetCategory("301", "教学专用仪器", 5, special=True),
    AssetCategory("302", "体育设备", 5, special=True),
    AssetCategory("303", "文艺设备", 5, special=True),
    AssetCategory("304", "医疗设备", 5, special=True),
    AssetCategory("305", "炊事设备", 5, special=True),
    AssetCategory("4", "文物和陈列品", None),
    AssetCategory("5", "图书、档案", None),
    AssetCategory("6", "家具、用具、装具及动植物", 15),
    AssetCategory("601", "家具", 15),
    AssetCategory("602", "用具、装具", 5),
    AssetCategory("603", "动植物", None),
)
BY_CODE = {c.code: c for c in CATEGORIES}


def find(text: str) -> AssetCategory:
    """A category by its code or its name (or an unambiguous part of the name)."""
    t = (text or "").strip()
    if t in BY_CODE:
        return BY_CODE[t]
    exact = [c for c in CATEGORIES if c.name == t]
    if exact:
        return exact[0]
    partial = [c for c in CATEGORIES if t and t in c.name]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise InputError(
            _("{text!r} matches several categories: {candidates}; give the code.").format(
                text=t, candidates=", ".join(f"{c.name} ({c.code})" for c in partial)
            )
        )
    raise InputError(
        _("Unknown asset category {text!r}; see `houqin asset category list`.").format(text=t)
    )


def search(text: str | None) -> list[AssetCategory]:
    if not text:
        return list(CATEGORIES)
    t = text.strip()
    return [c for c in CATEGORIES if t in c.name or c.code.startswith(t)]


def listing(text: str | None) -> Report:
    """`asset category list`: code, name, depreciation life, special equipment."""
    rows = [
        {"code": c.code, "name": c.name, "life_years": c.life_years, "special": c.special}
        for c in search(text)
    ]
    return Report(_("Asset categories"), columns("code", "name", "life_years", "special"), rows)
