"""The read commands of student, duty and gate on the plain reader (#16, #17): on SQLite
no ORM (nor rich, tabulate, openpyxl) is imported on their path."""

from __future__ import annotations

import pytest
from test_duty import school  # noqa: F401  (the fixture)

from conftest import EnvCli
from plain_path import heavy_imports


@pytest.mark.sqlite_only
def test_the_reads_import_no_orm(school):  # noqa: F811
    school.ok("unit", "add", "初一(1)班", "--kind", "class")
    school.ok("student", "add", "张伟", "--class", "初一(1)班", "--phone", "13800000000")
    school.ok("duty", "roster", "make", "--from", "2026-03-01", "--to", "2026-03-03")
    now = EnvCli(school.db, {"HOUQIN_NOW": "2026-03-02T09:00"})
    now.ok("gate", "visitor", "in", "李四", "--visiting", "后勤甲", "--reason", "送货")
    for args, codes in (
        (["student", "list"], (0,)),
        (["student", "show", "zw"], (0,)),
        (["duty", "post", "list"], (0,)),
        (["duty", "roster", "show", "--month", "2026-03"], (0,)),
        (["duty", "attendance", "--month", "2026-03"], (0,)),
        (["duty", "wages", "--month", "2026-03"], (0,)),
        (["duty", "check"], (0, 1)),
        (["gate", "visitor", "list", "--date", "2026-03-02"], (0,)),
        (["gate", "log", "--date", "2026-03-02"], (0,)),
        (["gate", "exit", "list"], (0,)),
    ):
        heavy, out = heavy_imports(school.db, args, codes)
        assert heavy == [], (args, heavy)
    assert "138****0000" in heavy_imports(school.db, ["student", "list"])[1]
