"""The storeroom's part of `houqin check`."""

from houqin_cli.core.checks import Check
from houqin_cli.stock.reports import future_check, reorder_check

CHECKS = [Check("stock.reorder", reorder_check), Check("stock.future", future_check)]
