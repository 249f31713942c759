"""The money half of audit: purchase receipts, income, budgets, the statement and their
checks. Its commands stay under `houqin audit` (receipt, income, budget, report, check)."""
