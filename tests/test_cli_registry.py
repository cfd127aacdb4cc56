"""The command table of ``ocop.cli``: one line a command, its module imported only when it runs."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys

import pytest

from ocop.cli import _TABLE, COMMANDS, build_parser


def registered_help(module: str) -> dict[str, str | None]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    importlib.import_module(module).register(subparsers)
    return {a.dest: a.help for a in subparsers._choices_actions}


@pytest.mark.parametrize("name", list(_TABLE))
def test_each_line_of_the_table_is_what_its_module_registers(name: str) -> None:
    assert registered_help(_TABLE[name].module) == {name: _TABLE[name].help}


def test_the_commands_with_a_document_are_the_table_s() -> None:
    assert tuple(n for n, c in _TABLE.items() if c.document) == COMMANDS
    assert "serve" in _TABLE and "serve" not in COMMANDS
    full = build_parser()
    (subparsers,) = (a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subparsers.choices) == list(_TABLE)


def imported_after(argv: list[str]) -> list[str]:
    """The command modules imported by `ocop ARGV`, run in a fresh interpreter."""
    code = (
        "import contextlib, io, json, sys\n"
        "from ocop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({argv!r})\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('ocop.cli.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules: list[str] = json.loads(done.stdout.splitlines()[-1])
    return [m for m in modules if m in {c.module for c in _TABLE.values()}]


def test_help_imports_no_command_module() -> None:
    assert imported_after(["--help"]) == []


def test_a_command_imports_its_own_module_only() -> None:
    assert imported_after(["rules", "--on", "2026-06-01"]) == ["ocop.cli.rules"]


def test_an_unknown_command_is_a_usage_error_naming_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ocop.cli import main

    assert main(["nonsense"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'nonsense'" in err and "'check'" in err and "'serve'" in err


def test_check_of_a_plan_imports_the_reader_only_for_a_document() -> None:
    # The reader compiles its patterns at import: a check of JSON starts without it (issue 22).
    assert "ocop.cli.read" not in imported_after(["check"])
    assert "ocop.cli.read" in imported_after(["check", "plan.txt"])


@pytest.mark.parametrize(("given", "seen"), [(None, "__all__"), ("logfire", "logfire")])
def test_the_program_scans_for_no_pydantic_plugin_unless_told(given: str | None, seen: str) -> None:
    # Scanning every installed distribution for a plugin costs each start (issue 22);
    # a value the user set is kept.
    code = (
        "import contextlib, io, os, sys\n"
        "sys.argv = ['ocop', 'rules', '--on', '2026-06-01']\n"
        "from ocop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        "print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    assert done.stdout.split()[-1] == seen
