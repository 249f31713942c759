"""`people import FILE` (issue #10): a staff list from Excel or a CSV (姓名, 部门, 角色,
电话; or name, unit, roles, phone), all rows or none, every bad row in one pass."""

from __future__ import annotations

import json

import pytest

from conftest import assert_refused, js, raw, snapshot


@pytest.fixture
def school(cli):
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    return cli


def people(cli):
    return {p["name"]: p for p in js(cli.ok("people", "list", "-f", "json"))}


def csv_file(tmp_path, text, name="staff.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


STAFF = "教职工名单\n姓名,部门,角色,电话\n张世杰,总务处,保管员、经办人,13800000001\n王芳,初一(1)班,教师，班主任,\n李红,,,\n"


def test_import_a_staff_list_with_chinese_headers(school, tmp_path):
    res = school.ok("people", "import", csv_file(tmp_path, STAFF))
    assert "Imported 3 people from" in res.stderr
    found = people(school)
    assert found["张世杰"] == {
        **found["张世杰"], "code": "RY-0001", "unit": "总务处",
        "roles": ["handler", "storekeeper"], "phone": "13800000001", "active": True,
    }  # fmt: skip
    assert found["王芳"]["roles"] == ["head_teacher", "teacher"]
    assert found["李红"]["unit"] is None
    # the pinyin initials find them like anyone added by hand
    assert js(school.ok("people", "show", "zsj", "-f", "json"))["name"] == "张世杰"
    with raw(school.db) as con:
        entries = con.exec_driver_sql(
            "SELECT entity, payload FROM journal WHERE action = 'people.import'"
        ).all()
    assert len(entries) == 1
    assert entries[0][0] == "person"
    assert json.loads(entries[0][1]) == {
        "file": "staff.csv", "count": 3, "codes": ["RY-0001", "RY-0002", "RY-0003"]
    }  # fmt: skip
    assert school.ok("audit", "verify").exit_code == 0


def test_import_an_xlsx_with_english_headers(school, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name", "unit", "roles", "phone", "code"])
    ws.append(["张世杰", "zwc", "storekeeper", 13800000001, "T01"])
    ws.append(["王芳", None, "approver, teacher", None, None])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    school.ok("people", "import", str(path))
    found = people(school)
    assert (found["张世杰"]["code"], found["张世杰"]["phone"]) == ("T01", "13800000001")
    assert found["王芳"]["roles"] == ["approver", "teacher"]


def test_dry_run_checks_the_file_and_writes_nothing(school, tmp_path):
    before = snapshot(school.db)
    res = school.ok("people", "import", csv_file(tmp_path, STAFF), "--dry-run")
    assert "3 people would be imported; nothing written" in res.stderr
    assert snapshot(school.db) == before


def test_a_name_given_twice_in_the_file_names_both_rows(school, tmp_path):
    text = "姓名,部门\n张世杰,总务处\n王芳,\n张世杰,\n"
    assert_refused(
        school, 2, "people", "import", csv_file(tmp_path, text),
        contains="Row 4, column 1 (姓名): 张世杰 is on rows 2 and 4",
    )  # fmt: skip
    assert people(school) == {}


def test_every_bad_row_is_reported_in_one_pass_and_nothing_is_imported(school, tmp_path):
    text = "姓名,部门,角色,电话\n张世杰,总务处,,\n王芳,教务处,,\n李红,,老板,\n赵六,,,call me\n"
    before = snapshot(school.db)
    res = school("people", "import", csv_file(tmp_path, text))
    assert res.exit_code == 2, res
    assert "3 rows refused; nothing was imported" in res.stderr
    assert "Row 3, column 2 (部门): No unit matches '教务处'" in res.stderr
    assert "Row 4, column 3 (角色): Unknown role '老板'" in res.stderr
    assert "Row 5, column 4 (电话): Invalid phone number 'call me'" in res.stderr
    assert snapshot(school.db) == before


def test_a_retired_unit_cannot_take_new_staff(school, tmp_path):
    """An import names the row and column of every refusal (exit 2, as core.imports does)."""
    school.ok("unit", "retire", "初一(1)班")
    assert_refused(
        school, 2, "people", "import", csv_file(tmp_path, "姓名,部门\n王芳,DW-0002\n"),
        contains="Row 2, column 2 (部门): 初一(1)班 (DW-0002) was retired on",
    )  # fmt: skip


def test_a_name_already_registered_is_imported_with_a_warning(school, tmp_path):
    school.ok("people", "add", "张世杰")
    res = school.ok("people", "import", csv_file(tmp_path, STAFF))
    warnings = [line for line in res.stderr.splitlines() if line.startswith("Warning")]
    assert len(warnings) == 1
    assert "张世杰 (RY-0001)" in warnings[0]
    assert [p["code"] for p in js(school.ok("people", "list", "-f", "json"))] == [
        "RY-0001", "RY-0002", "RY-0003", "RY-0004"
    ]  # fmt: skip


def test_a_gbk_csv_imports(school, tmp_path):
    school.ok(
        "people", "import", csv_file(tmp_path, "姓名,电话\n王芳,13800000002\n", encoding="gbk")
    )
    assert people(school)["王芳"]["phone"] == "13800000002"


def test_a_file_without_rows_or_a_name_column_is_refused(school, tmp_path):
    assert_refused(
        school,
        2,
        "people",
        "import",
        csv_file(tmp_path, "姓名,部门\n"),
        contains="no rows to import",
    )
    assert_refused(
        school, 2, "people", "import", csv_file(tmp_path, "部门,电话\n总务处,1\n", name="b.csv"),
        contains="name (姓名)",
    )  # fmt: skip
