"""Pinyin initials (`houqin_cli.core.names.initials`), the table they come from,
and the promise that no read needs pypinyin."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from conftest import BASE_ENV, ROOT
from houqin_cli.core.names import MAX_VARIANTS, initials


@pytest.mark.parametrize(
    "name, expected",
    [
        ("张世杰", "zsj"),
        ("初一(1)班", "cy1b"),
        ("总务处", "zwc"),
        ("化学实验室", "hxsys"),
        ("abc", "abc"),
        ("ABC 老师", "abcls"),
        ("Zhang三", "zhangs"),
        ("3栋-101", "3d101"),
        ("", ""),
        ("，。！", ""),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_a_polyphonic_surname_gives_both_readings():
    assert set(initials("曾").split()) == {"c", "z"}
    assert set(initials("曾小明").split()) == {"cxm", "zxm"}


def test_variants_are_lowercase_words_of_one_letter_per_character():
    for name in ("曾小明", "重庆", "单世杰", "行长"):
        variants = initials(name).split()
        assert variants, name
        assert len(set(variants)) == len(variants), name
        for v in variants:
            assert v.isascii() and v.isalnum() and v == v.lower(), (name, v)
            assert len(v) == len(name), (name, v)


def test_polyphonic_variants_are_capped():
    variants = initials("行行行行行行").split()  # 2**6 combinations
    assert len(variants) == MAX_VARIANTS
    assert len(set(variants)) == MAX_VARIANTS
    assert all(len(v) == 6 for v in variants)
    long = initials("曾重行长乐单解朴" * 4)
    assert len(long.split()) <= MAX_VARIANTS


def test_the_cap_keeps_every_reading_of_the_first_character():
    """单 as a surname is read shàn; when the given name is polyphonic too, the
    cap must not drop the surname's readings (scl for 单长乐)."""
    for name, letter in (("单长乐", "s"), ("曾行长乐", "z"), ("单乐乐", "s")):
        variants = initials(name).split()
        assert any(v.startswith(letter) for v in variants), (name, variants)


def test_the_initials_table_matches_pypinyin():
    res = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_initials.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, **BASE_ENV},
        timeout=120,
    )


def test_computing_initials_does_not_import_pypinyin():
    res = _run_python(
        """
        import sys
        from houqin_cli.core.names import initials
        assert initials("张世杰") == "zsj"
        print("pypinyin" in sys.modules)
        """
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_writing_and_reading_people_does_not_import_pypinyin(db_url):
    res = _run_python(
        f"""
        import sys
        from typer.testing import CliRunner
        from houqin_cli.app import app
        db = {db_url!r}
        r = CliRunner()
        for args in (["init"], ["people", "add", "张世杰"], ["people", "show", "zsj"],
                     ["unit", "add", "总务处", "--kind", "department", "--head", "zsj"]):
            res = r.invoke(app, ["--db", db, *args])
            assert res.exit_code == 0, (args, res.output)
        print("pypinyin" in sys.modules)
        """
    )
    assert res.returncode == 0, res.stderr + res.stdout
    assert res.stdout.strip().splitlines()[-1] == "False"
