"""The audit group's part of `houqin check`: the journal first, then the money."""

from houqin_cli.audit.finance.checks import CHECKS as MONEY
from houqin_cli.audit.service import journal_check, quick_journal_check
from houqin_cli.core.checks import Check

CHECKS = [Check("audit.journal", journal_check, quick=quick_journal_check), *MONEY]
