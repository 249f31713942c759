"""Generate the command reference (docs/reference.md) from the commands' own help.

    python scripts/gen_reference.py          # rewrite the section in docs/reference.md
    python scripts/gen_reference.py --check  # exit 1 if docs/reference.md is out of date

The section lies between the markers <!-- reference:start --> and
<!-- reference:end -->. Run with HOUQIN_LANG=en (the script sets it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ["HOUQIN_LANG"] = "en"

import typer  # noqa: E402

from houqin_cli.app import app  # noqa: E402
from houqin_cli.core.i18n import set_language  # noqa: E402

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference.md"
START, END = "<!-- reference:start -->", "<!-- reference:end -->"
HIDDEN = {"--install-completion", "--show-completion", "--help"}


def walk(cmd: Any, path: list[str], parent: Any = None) -> list[tuple[list[str], Any, Any]]:
    ctx = typer.Context(cmd, info_name=path[-1], parent=parent)
    found = [(path, cmd, ctx)]
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                found.extend(walk(sub, [*path, name], ctx))
    return found


def all_commands() -> list[tuple[list[str], Any, Any]]:
    set_language("en")
    root = typer.main.get_command(app)
    root.localize()  # type: ignore[attr-defined]
    return walk(root, ["houqin"])


def option_line(param: Any, ctx: Any) -> str | None:
    if param.param_type_name == "argument":
        return None
    record = param.get_help_record(ctx)
    if record is None or any(o in record[0] for o in HIDDEN):
        return None
    names, text = record
    return f"- `{names}`: {' '.join(text.split())}"


def render() -> str:
    out: list[str] = []
    for path, cmd, ctx in all_commands():
        usage = " ".join([*path, *cmd.collect_usage_pieces(ctx)])
        title = " ".join(path) if len(path) > 1 else "houqin (global options)"
        out.append(f"### `{title}`")
        out.append("")
        out.append((cmd.help or "").strip())
        out.append("")
        out.append(f"    {usage}")
        lines = [ln for p in cmd.params if (ln := option_line(p, ctx))]
        if lines:
            out.append("")
            out.extend(lines)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def rewritten(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render()}{END}{tail}"


if __name__ == "__main__":
    current = REFERENCE.read_text(encoding="utf-8")
    new = rewritten(current)
    if "--check" in sys.argv:
        if new != current:
            print(
                "docs/reference.md is out of date: run scripts/gen_reference.py",
                file=sys.stderr,
            )
            sys.exit(1)
        sys.exit(0)
    REFERENCE.write_text(new, encoding="utf-8")
