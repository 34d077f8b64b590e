"""A command line builds the parser of the command it runs only, and parses exactly as the whole parser does."""

from __future__ import annotations

import argparse

import pytest

from popup_client.cli.main import build_parser
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
