"""What an edit changed: each field's old and new value, for the reply and the journal."""

from __future__ import annotations

from typing import Any


class Changes(dict[str, Any]):
    """{key: {"old": …, "new": …}} for the fields of `record` an edit changed."""

    def __init__(self, record: Any) -> None:
        super().__init__()
        self.record = record

    def change(
        self,
        field: str,
        value: Any,
        *,
        key: str | None = None,
        shown: tuple[Any, Any] | None = None,
    ) -> bool:
        """Set `field` to `value` if it differs, noting it under `key` (the field's
        name by default) as `shown` (old and new as the user knows them) or as is."""
        old = getattr(self.record, field)
        if old == value:
            return False
        was, now = shown or (old, value)
        self[key or field] = {"old": was, "new": now}
        setattr(self.record, field, value)
        return True
