"""The demo works whatever day HOUQIN_NOW pins, and leaves `houqin check` clean."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("now", ["2016-03-01T09:00", "2026-11-25T09:00", "2027-02-01T09:00"])
def test_demo_at_any_date_then_check_is_clean(bare, now):
    env = {"HOUQIN_NOW": now}
    res = bare("demo", env=env)
    assert res.exit_code == 0, res
    check = bare("check", "-f", "json", env=env)
    assert check.exit_code == 0, check
    assert '"ok": true' in check.stdout
    assert bare("audit", "verify", env=env).exit_code == 0
