"""Every message is in both catalogs; every command has help in both languages;
docs/reference.md is what the commands say."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

HELP_DUMP = """
import json, sys
from houqin_cli.core.i18n import set_language
set_language(sys.argv[1])
sys.path.insert(0, "scripts")
from gen_reference import walk
import typer
from houqin_cli.app import app
out = {}
for path, cmd, ctx in walk(typer.main.get_command(app), ["houqin"]):
    if len(path) == 1:
        cmd.localize()
    opts = {}
    for p in cmd.params:
        rec = p.get_help_record(ctx) if p.param_type_name == "option" else None
        if rec:
            opts[rec[0]] = rec[1]
    out[" ".join(path)] = {"help": cmd.help or "", "options": opts}
print(json.dumps(out, ensure_ascii=False))
"""


def _dump(lang: str) -> dict[str, dict]:
    res = subprocess.run(
        [sys.executable, "-c", HELP_DUMP, lang],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOUQIN_LANG": lang},
        check=True,
    )
    return json.loads(res.stdout)


def test_catalogs_complete_and_compiled():
    res = subprocess.run(
        [sys.executable, "scripts/i18n.py", "check"], capture_output=True, text=True, cwd=ROOT
    )
    assert res.returncode == 0, res.stderr


def test_every_command_and_option_has_help_in_both_languages():
    en, zh = _dump("en"), _dump("zh")
    assert en.keys() == zh.keys()
    assert len(en) > 25
    for name, info in en.items():
        assert info["help"].strip(), f"{name} has no help"
        assert zh[name]["help"].strip(), f"{name} has no Chinese help"
        if name != "houqin --install-completion":
            assert zh[name]["help"] != info["help"], f"{name}: help not translated"
        for opt, text in info["options"].items():
            if opt.startswith(("--install-completion", "--show-completion", "-h, --help")):
                continue
            assert text.strip(), f"{name} {opt} has no help"
            assert zh[name]["options"][opt] != text, f"{name} {opt}: help not translated"


def test_readme_reference_is_current():
    res = subprocess.run(
        [sys.executable, "scripts/gen_reference.py", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 0, res.stderr


def test_every_command_is_in_the_reference():
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for name in _dump("en"):
        if name != "houqin":
            assert f"### `{name}`" in reference, name
