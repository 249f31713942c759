"""The storeroom (库房): items, receipts, issues against returns, the stock ledger, the stocktake."""
