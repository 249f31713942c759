"""The storeroom's words, light enough for the read path: the kinds of movement and
what an item is called."""

from __future__ import annotations

from houqin_cli.core.i18n import N_

WHAT = N_("item")
IN_KINDS = ("receive", "return", "gain")
KINDS = ("receive", "issue", "return", "void", "gain", "loss")
