"""Every table of the ledger, imported together for Alembic and `audit verify`."""

from houqin_cli.asset.models import (
    Asset,
    AssetCount,
    AssetCountLine,
    AssetEvent,
    Damage,
    Inspection,
    InspectionLine,
    Loan,
    Scrap,
)
from houqin_cli.audit.models import Budget, Income, Receipt, ReceiptApproval, ReceiptLink
from houqin_cli.core.codes import CodeCounter
from houqin_cli.core.journal import Journal
from houqin_cli.core.setting_table import Setting
from houqin_cli.ledger.models import Term
from houqin_cli.people.models import Person, Place, Unit
from houqin_cli.stock.models import StockCount, StockCountLine, StockItem, StockMovement

__all__ = [
    "Asset",
    "AssetCount",
    "AssetCountLine",
    "AssetEvent",
    "Damage",
    "Inspection",
    "InspectionLine",
    "Loan",
    "Scrap",
    "Budget",
    "CodeCounter",
    "Income",
    "Receipt",
    "ReceiptApproval",
    "ReceiptLink",
    "Journal",
    "Person",
    "Place",
    "Setting",
    "StockCount",
    "StockCountLine",
    "StockItem",
    "StockMovement",
    "Term",
    "Unit",
]
