"""The root command: --version, --help, `python -m houqin_cli`, unknown options,
the global options and their environment variables, HOUQIN_NOW and HOUQIN_DEBUG."""

from __future__ import annotations

import getpass
import json

import pytest

from conftest import ON_PG, Cli, EnvCli, assert_refused, invoke, run_houqin, snapshot
from houqin_cli import __version__

GROUPS = ["init", "demo", "check", "people", "unit", "place", "term", "config", "audit", "db"]


def journal(cli: Cli) -> list[dict]:
    res = cli.ok("audit", "log", "-f", "json")
    return json.loads(res.stdout)


def one_line(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# -- --version, --help, python -m --------------------------------------------------


def test_version_prints_name_and_version_on_stdout():
    res = invoke(["--version"])
    assert res.exit_code == 0, res
    assert res.stdout == f"houqin {__version__}\n"
    assert res.stderr == ""


def test_version_needs_no_ledger(tmp_path):
    missing = tmp_path / "nowhere" / "x.db"
    res = invoke(["--db", str(missing), "--version"])
    assert res.exit_code == 0, res
    assert res.stdout.startswith("houqin ")
    assert not missing.parent.exists()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_group_and_global_option(flag):
    res = invoke([flag])
    assert res.exit_code == 0, res
    assert "Usage" in res.stdout
    for group in GROUPS:
        assert f" {group} " in res.stdout, group
    for option in ("--db", "--operator", "--lang", "--version"):
        assert option in res.stdout, option
    assert res.stderr == ""


def test_group_help_lists_its_commands():
    res = invoke(["db", "--help"])
    assert res.exit_code == 0, res
    for cmd in ("info", "upgrade", "backup", "check"):
        assert cmd in res.stdout, cmd


def test_python_dash_m_version():
    proc = run_houqin("--version")
    assert proc.returncode == 0, proc
    assert proc.stdout == f"houqin {__version__}\n"
    assert "Traceback" not in proc.stderr


def test_python_dash_m_help_matches_the_console_script():
    proc = run_houqin("--help")
    assert proc.returncode == 0, proc
    for group in GROUPS:
        assert f" {group} " in proc.stdout, group


def test_python_dash_m_runs_a_command(db_url):
    proc = run_houqin("--db", db_url, "init", "--school", "子进程学校")
    assert proc.returncode == 0, proc
    proc = run_houqin("--db", db_url, "config", "get", "school.name")
    assert proc.returncode == 0, proc
    assert proc.stdout == "子进程学校\n"


def test_no_arguments_shows_help_without_an_empty_error():
    """Like click: the help, on stdout (exit 0) or as a usage error on stderr (exit 2);
    never an "Error:" line that is empty or wraps the whole help text."""
    proc = run_houqin()
    assert proc.returncode in (0, 2), proc
    assert "Usage" in proc.stdout + proc.stderr
    for group in GROUPS:
        assert f" {group} " in proc.stdout + proc.stderr, group
    assert "Traceback" not in proc.stderr
    assert "Error:" not in proc.stderr, proc.stderr


# -- unknown options and commands ----------------------------------------------------


@pytest.mark.parametrize("word", ["--nope", "frobnicate"], ids=["root option", "command"])
def test_an_unknown_root_option_or_command_is_exit_2_with_one_line(word):
    res = invoke([word])
    assert res.exit_code == 2, res
    assert res.stdout == ""
    lines = one_line(res.stderr)
    assert len(lines) == 1, res
    assert word in lines[0]
    assert "Traceback" not in res.stderr


def test_unknown_option_of_a_command_is_exit_2_and_changes_nothing(cli):
    assert_refused(
        cli, 2, "people", "add", "张三", "--colour", "red", usage=True, contains="--colour"
    )
    assert_refused(cli, 2, "people", "list", "--nope", usage=True, contains="--nope")


def test_unknown_option_in_a_subprocess_has_no_traceback():
    proc = run_houqin("--frob")
    assert proc.returncode == 2, proc
    assert len(one_line(proc.stderr)) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


# -- --db and HOUQIN_DB ----------------------------------------------------------


def test_houqin_db_env_names_the_ledger(db_url):
    res = invoke(["init", "--school", "环境学校"], env={"HOUQIN_DB": db_url})
    assert res.exit_code == 0, res
    res = invoke(["config", "get", "school.name"], env={"HOUQIN_DB": db_url})
    assert res.exit_code == 0, res
    assert res.stdout == "环境学校\n"
    # and --db reaches the same ledger
    assert Cli(db_url).ok("config", "get", "school.name").stdout == "环境学校\n"


def test_db_option_overrides_houqin_db(cli, tmp_path):
    elsewhere = tmp_path / "elsewhere.db"
    res = invoke(
        ["--db", cli.db, "config", "get", "school.name"], env={"HOUQIN_DB": str(elsewhere)}
    )
    assert res.exit_code == 0, res
    assert res.stdout == "测试学校\n"
    assert not elsewhere.exists()


def test_db_info_shows_the_ledger_from_houqin_db(cli):
    res = invoke(["db", "info", "-f", "json"], env={"HOUQIN_DB": cli.db})
    assert res.exit_code == 0, res
    info = json.loads(res.stdout)
    assert info["backend"] == ("postgresql" if ON_PG else "sqlite")
    if not ON_PG:
        assert info["location"] == cli.db


# -- --operator and HOUQIN_OPERATOR -------------------------------------------------


def test_houqin_operator_is_recorded_in_the_journal(cli):
    cli.ok("people", "add", "张世杰", env={"HOUQIN_OPERATOR": "王会计"})
    entries = journal(cli)
    assert entries[-1]["action"] == "people.add"
    assert entries[-1]["operator"] == "王会计"


def test_operator_option_overrides_the_env(cli):
    cli.ok("--operator", "李主任", "people", "add", "赵六", env={"HOUQIN_OPERATOR": "王会计"})
    assert journal(cli)[-1]["operator"] == "李主任"


def test_operator_defaults_to_the_login_name(cli):
    cli.ok("people", "add", "孙七", env={"HOUQIN_OPERATOR": ""})
    assert journal(cli)[-1]["operator"] == getpass.getuser()


def test_audit_log_filters_by_operator(cli):
    cli.ok("people", "add", "甲", env={"HOUQIN_OPERATOR": "alice"})
    cli.ok("people", "add", "乙", env={"HOUQIN_OPERATOR": "bob"})
    res = cli.ok("audit", "log", "--operator", "alice", "-f", "json")
    rows = json.loads(res.stdout)
    assert [r["operator"] for r in rows] == ["alice"]


# -- --lang and HOUQIN_LANG ------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en", "zh_CN", "en_US"])
def test_lang_option_accepts_zh_and_en(cli, lang):
    res = cli("--lang", lang, "config", "get", "timezone")
    assert res.exit_code == 0, res
    assert res.stdout == "Asia/Shanghai\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_houqin_lang_env_accepted(cli, lang):
    res = cli("config", "get", "timezone", env={"HOUQIN_LANG": lang})
    assert res.exit_code == 0, res


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize(
    ("args", "env", "chinese"),
    [
        (["--lang", "zh"], {}, True),
        (["--lang", "en"], {}, False),
        ([], {"HOUQIN_LANG": "zh"}, True),
        ([], {"HOUQIN_LANG": "en"}, False),
        (["--lang", "zh"], {"HOUQIN_LANG": "en"}, True),
        ([], {"HOUQIN_LANG": "", "LC_ALL": "", "LANG": "en_US.UTF-8"}, False),
        ([], {"HOUQIN_LANG": "", "LC_ALL": "", "LANG": "zh_CN.UTF-8"}, True),
        ([], {"HOUQIN_LANG": "", "LC_ALL": "", "LANG": ""}, True),
    ],
)
def test_language_of_messages(tmp_path, args, env, chinese):
    missing = str(tmp_path / "none.db")  # no CJK in the path
    res = invoke([*args, "--db", missing, "people", "list"], env=env)
    assert res.exit_code == 4, res
    assert len(one_line(res.stderr)) == 1, res
    assert has_cjk(res.stderr) is chinese, res
    assert ("No ledger" in res.stderr) is not chinese, res


def test_lang_xx_is_exit_2(cli):
    assert_refused(cli, 2, "--lang", "xx", "people", "add", "张三", contains="xx")


def test_lang_xx_in_a_fresh_process_is_exit_2_without_traceback(db_url):
    proc = run_houqin("--lang", "xx", "--db", db_url, "people", "list", env={"HOUQIN_LANG": ""})
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    assert len(one_line(proc.stderr)) == 1, proc.stderr


def test_houqin_lang_xx_in_a_fresh_process_is_exit_2_without_traceback(db_url):
    """The env var is read in a fresh process, before any language is set."""
    proc = run_houqin("--db", db_url, "people", "list", env={"HOUQIN_LANG": "xx"})
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    lines = one_line(proc.stderr)
    assert len(lines) == 1, proc.stderr
    assert "xx" in lines[0]


def test_lang_option_wins_over_a_bad_env(cli):
    res = cli("--lang", "en", "config", "get", "timezone", env={"HOUQIN_LANG": "xx"})
    assert res.exit_code == 0, res


# -- HOUQIN_NOW ----------------------------------------------------------------


def test_houqin_now_pins_the_journal_time(cli):
    cli.ok("people", "add", "张三", env={"HOUQIN_NOW": "2026-05-04T10:30"})
    assert journal(cli)[-1]["time"] == "2026-05-04T10:30:00+08:00"


def test_houqin_now_with_an_offset_is_shown_in_the_school_zone(cli):
    cli.ok("people", "add", "李四", env={"HOUQIN_NOW": "2026-05-04T02:30:00Z"})
    assert journal(cli)[-1]["time"] == "2026-05-04T10:30:00+08:00"


def test_houqin_now_follows_the_school_timezone(cli):
    cli.ok("config", "set", "timezone", "Asia/Urumqi")
    cli.ok("people", "add", "王五", env={"HOUQIN_NOW": "2026-05-04T10:30"})
    assert journal(cli)[-1]["time"] == "2026-05-04T10:30:00+06:00"


def test_houqin_now_pins_the_init_entry(bare):
    bare.ok("init", env={"HOUQIN_NOW": "2025-09-01T08:00"})
    assert journal(bare)[0]["time"] == "2025-09-01T08:00:00+08:00"


def test_bad_houqin_now_is_exit_2_and_writes_nothing(cli):
    assert_refused(
        EnvCli(cli.db, {"HOUQIN_NOW": "yesterday-ish"}), 2, "people", "add", "张三",
        contains="HOUQIN_NOW='yesterday-ish' is not an ISO date-time",
    )  # fmt: skip


def test_bad_houqin_now_date_is_exit_2(cli):
    assert_refused(
        EnvCli(cli.db, {"HOUQIN_NOW": "2026-02-30"}), 2, "people", "add", "张三",
        contains="HOUQIN_NOW='2026-02-30' is not an ISO date-time",
    )  # fmt: skip


# -- HOUQIN_DEBUG and the error boundary --------------------------------------------


def test_internal_error_is_exit_70_with_one_line(cli, monkeypatch):
    from houqin_cli.admin import service

    def boom(*_a, **_k):
        raise RuntimeError("boom in info")

    monkeypatch.setattr(service, "info", boom)
    res = cli("db", "info")
    assert res.exit_code == 70, res
    lines = one_line(res.stderr)
    assert len(lines) == 1, res
    assert "RuntimeError" in lines[0] and "boom in info" in lines[0]
    assert "HOUQIN_DEBUG" in lines[0]
    assert "Traceback" not in res.stderr


def test_houqin_debug_shows_the_traceback(cli, monkeypatch):
    from houqin_cli.admin import service

    def boom(*_a, **_k):
        raise RuntimeError("boom in info")

    monkeypatch.setattr(service, "info", boom)
    res = cli("db", "info", env={"HOUQIN_DEBUG": "1"})
    assert res.exit_code == 70, res
    assert "Traceback" in res.stderr
    assert "RuntimeError: boom in info" in res.stderr


def test_houqin_debug_keeps_an_ordinary_refusal(cli):
    """HOUQIN_DEBUG may add a traceback, but the exit code, the final one-line
    message, stdout and the ledger stay as without it."""
    before = snapshot(cli.db)
    res = cli("people", "leave", "nobody", env={"HOUQIN_DEBUG": "1"})
    assert res.exit_code == 2, res
    assert res.stdout == ""
    last = one_line(res.stderr)[-1]
    assert last.startswith("Error:") and "nobody" in last, res
    assert snapshot(cli.db) == before
    plain = cli("people", "leave", "nobody")
    assert one_line(plain.stderr) == [last]


# -- NO_COLOR and streams -------------------------------------------------------------


def test_no_color_means_no_escape_codes(cli):
    cli.ok("people", "add", "张三")
    res = cli.ok("people", "list", "-f", "table", env={"NO_COLOR": "1"})
    assert "\x1b[" not in res.stdout
    assert "张三" in res.stdout


def test_messages_on_stderr_data_on_stdout(cli):
    res = cli.ok("people", "add", "张三")
    assert res.stdout.strip().startswith("RY-")
    assert "张三" in res.stderr
    before = snapshot(cli.db)
    res = cli.ok("people", "list", "-f", "json")
    assert json.loads(res.stdout)[0]["name"] == "张三"
    assert snapshot(cli.db) == before


def test_help_speaks_the_language_asked_for_wherever_lang_stands():
    """--help is eager: before, `houqin --help --lang en` spoke whatever language the
    process had last (HOUQIN_LANG, or the previous command in the same process)."""
    for args, env in (
        (["--help", "--lang", "en"], {"HOUQIN_LANG": "zh"}),
        (["--help", "--lang=en"], {"HOUQIN_LANG": "zh"}),
        (["--lang", "zh", "--help"], {"HOUQIN_LANG": "en"}),
    ):
        res = invoke(args, env=env)
        assert res.exit_code == 0, res
        english = "Usage" in res.stdout and "Options" in res.stdout
        assert english == ("en" in args or "--lang=en" in args), (args, res.stdout[:80])
    assert "Usage" in invoke(["--help"], env={"HOUQIN_LANG": "en"}).stdout
