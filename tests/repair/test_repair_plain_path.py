"""The repairs' read commands run on the plain reader: on SQLite no ORM (nor rich,
tabulate, openpyxl) is imported on their path (#14, #17)."""

from __future__ import annotations

import pytest
from repair_school import make_school, request

from plain_path import heavy_imports

school = pytest.fixture(make_school)


@pytest.mark.sqlite_only
def test_the_orm_stays_off_their_path(school):
    code = request(school, "灯管不亮", "--place", "302", "--by", "王芳")
    school.ok("repair", "assign", code, "--to", "张伟")
    school.ok("repair", "use", code, "灯管", "1")
    request(school, "粉刷", "--place", "302", "--by", "王芳", "--for", "summer", "--estimate", "9")
    for args in (
        ["repair", "list", "--open"],
        ["repair", "list", "--assignee", "张伟", "--place", "302"],
        ["repair", "show", code],
        ["repair", "plan", "--for", "summer"],
        ["repair", "cost", "--month", "2026-03"],
    ):
        heavy, out = heavy_imports(school.db, args)
        assert out.count("\n") >= 2, args  # a header and at least one row
        assert heavy == [], args
