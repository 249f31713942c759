"""The ledger itself: init, demo, db maintenance, settings, terms and `houqin check`."""
