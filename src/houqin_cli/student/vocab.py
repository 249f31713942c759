"""The registry's words, light enough for the read path."""

from __future__ import annotations

from houqin_cli.core.i18n import N_

WHAT = N_("student")
LIVE = "active = :yes"
GENDERS = {"m": ("m", "male", "男"), "f": ("f", "female", "女")}
GENDER_LABEL = {"m": "男", "f": "女"}
# a reason typed in English is stored as its Chinese word, the office's own
REASONS = {"graduated": "毕业", "transferred": "转学", "dropped": "退学"}
PRIVATE = ("phone", "id_no")
