"""houqin (后勤): a command-line ledger for a school's logistics office."""

__version__ = "0.1.0"
