"""The storeroom's part of `houqin check`."""

from houqin_cli.core.checks import Check
from houqin_cli.stock.reports import reorder_check

CHECKS = [Check("stock.reorder", reorder_check)]
