"""A command line builds the parser of the command it runs only, and parses exactly as the whole parser does."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from popup_client.cli.commands import EXTENSIONS, build_parser
from popup_client.cli.narrow import command_of, wants_version_only

LINES = [
    ["lint", "a.json", "--json"],
    ["--config-dir", "/tmp/c", "prefs", "set", "caps.global_hourly", "5"],
    ["--data-dir=/tmp/d", "history", "--limit", "3"],
    ["-v", "ctl", "pause", "30m"],
    ["journal", "verify"],
    ["check", "x.json", "--scale", "2.0"],
    ["run", "--demo"],
    ["send", "p.json"],
]


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    return list(action.choices)


@pytest.mark.parametrize("argv", LINES, ids=lambda a: " ".join(a))
def test_the_narrow_parser_parses_as_the_whole_one(argv: list[str]) -> None:
    narrow = build_parser(argv)
    assert _commands(narrow) == [command_of(argv)]
    assert vars(narrow.parse_args(argv)).keys() == vars(build_parser().parse_args(argv)).keys()
    assert {k: v for k, v in vars(narrow.parse_args(argv)).items() if k != "handler"} == {
        k: v for k, v in vars(build_parser().parse_args(argv)).items() if k != "handler"
    }


def test_help_an_unknown_command_and_no_command_get_every_command() -> None:
    every = _commands(build_parser())
    assert len(every) > 10 and "lint" in every and "ctl" in every
    for argv in (["--help"], ["no-such-command"], [], ["--config-dir", "lint"]):
        assert _commands(build_parser(argv)) == every, argv


def test_version_alone_needs_no_command() -> None:
    assert wants_version_only(["--version"]) and not wants_version_only(["lint", "--version"])
    assert not wants_version_only(["--version", "--help"])
    assert _commands(build_parser(["--version"])) == []
    with pytest.raises(SystemExit) as exited:
        build_parser(["--version"]).parse_args(["--version"])
    assert exited.value.code == 0


class _Recorder:
    """Stands in for argparse's subparsers action: records the names of the commands added."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        self.names.append(name)
        return argparse.ArgumentParser(prog=name)


@pytest.mark.parametrize("module", list(EXTENSIONS))
def test_the_table_of_extension_commands_names_what_each_module_adds(module: str) -> None:
    """build_parser imports a module only for a command the table gives it: the table must say what the module adds."""
    recorder = _Recorder()
    importlib.import_module(f"popup_client.cli.{module}").add_commands(recorder)
    assert tuple(recorder.names) == EXTENSIONS[module]


@pytest.mark.parametrize("argv", [*LINES, ["render", "x.json", "--out", "x.png"], ["provider", "list"], ["report", "3"]])
def test_the_narrow_parser_imports_only_its_commands_module(argv: list[str]) -> None:
    code = "import json, sys; from popup_client.cli.commands import build_parser; build_parser(sys.argv[1:]); "
    code += "print(json.dumps(sorted(m for m in sys.modules if m.startswith('popup_client.cli.'))))"
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True, timeout=60)
    extensions = {f"popup_client.cli.{m}" for m in EXTENSIONS} | {"popup_client.cli.history"}
    wanted = {f"popup_client.cli.{m}" for m, commands in EXTENSIONS.items() if command_of(argv) in commands}
    if command_of(argv) == "history":
        wanted.add("popup_client.cli.history")
    assert set(json.loads(done.stdout)) & extensions == wanted
