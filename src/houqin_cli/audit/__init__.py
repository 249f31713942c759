"""Audit: the tamper-evident journal (and, later, receipts, budgets, disclosure)."""
