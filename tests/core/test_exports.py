"""Files written with -o (#11): never over an existing file without --force, never
through a symbolic link, whole or not at all, and readable by the owner only unless
`export.mode` widens it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from conftest import Cli, assert_refused


@pytest.fixture
def staff(cli: Cli) -> Cli:
    cli.ok("people", "add", "张三", "--phone", "13800000001")
    return cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("name", ["staff.csv", "staff.xlsx", "staff.json", "staff.md"])
def test_an_export_is_the_owners_only_and_not_replaced_without_force(
    staff: Cli, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    res = staff.ok("people", "list", "-o", str(target))
    assert target.stat().st_size > 0, res
    assert mode(target) == 0o600
    first = target.read_bytes()
    target.write_bytes(b"kept")
    assert_refused(
        staff, 3, "people", "list", "-o", str(target), contains=f"{target} exists; add --force"
    )
    assert target.read_bytes() == b"kept"
    staff.ok("people", "list", "-o", str(target), "--force")
    assert target.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_symbolic_link_is_not_followed(staff: Cli, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "staff.csv"
    link.symlink_to(victim)
    for extra in ([], ["--force"]):
        assert_refused(
            staff,
            3,
            "people",
            "list",
            "-o",
            str(link),
            *extra,
            contains="is a symbolic link; houqin does not write through one",
        )
    assert victim.read_text() == "precious"
    assert link.is_symlink()


def test_export_mode_widens_the_files_mode(staff: Cli, tmp_path: Path) -> None:
    staff.ok("config", "set", "export.mode", "640")
    target = tmp_path / "staff.csv"
    staff.ok("people", "list", "-o", str(target))
    assert mode(target) == 0o640
    # a plain-SQL report reads the setting too
    staff.ok("asset", "register", "-o", str(tmp_path / "register.csv"))
    assert mode(tmp_path / "register.csv") == 0o640


@pytest.mark.parametrize("value", ["0400", "888", "rw-r--r--", "0"])
def test_an_export_mode_without_the_owners_read_and_write_is_exit_2(cli: Cli, value: str) -> None:
    assert_refused(cli, 2, "config", "set", "export.mode", value, contains="Invalid file mode")


def test_a_directory_as_the_output_is_exit_2(staff: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "out.csv"
    folder.mkdir()
    assert_refused(
        staff, 2, "people", "list", "-o", str(folder), "--force", contains="is not a regular file"
    )
