"""The command line's shape: every command and action explains itself."""

from __future__ import annotations

import argparse

import pytest

from skillgraph.cli import build_parser, main


def subcommands(parser: argparse.ArgumentParser) -> dict[str, tuple[str, argparse.ArgumentParser]]:
    found: dict[str, tuple[str, argparse.ArgumentParser]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, child in action.choices.items():
                found[name] = (helps.get(name, ""), child)
    return found


def walk(parser: argparse.ArgumentParser, path: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, (text, child) in subcommands(parser).items():
        out.append((f"{path} {name}".strip(), text))
        out.extend(walk(child, f"{path} {name}"))
    return out


def test_every_command_and_action_has_a_help_line() -> None:
    commands = walk(build_parser())
    names = {name for name, _ in commands}
    assert {"db start", "db stop", "db status", "db migrate", "db wipe", "seed demo",
            "seed synthetic", "stats refresh", "keys create", "import esco"} <= names  # fmt: skip
    assert [name for name, text in commands if not text] == []


def test_actions_show_in_their_commands_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["db", "--help"])
    text = capsys.readouterr().out
    for action in ("start", "stop", "status", "migrate", "wipe"):
        assert f"    {action} " in text


def test_scale_belongs_to_synthetic_only(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["seed", "demo", "--scale", "2"])
    assert "unrecognized arguments: --scale" in capsys.readouterr().err
    args = build_parser().parse_args(["seed", "synthetic", "--scale", "0.5", "--if-empty"])
    assert (args.dataset, args.scale, args.if_empty) == ("synthetic", 0.5, True)


def test_wipe_without_a_terminal_asks_for_yes(capsys: pytest.CaptureFixture[str]) -> None:
    # pytest's stdin is not a terminal, as in a script: nothing is deleted without --yes.
    assert main(["db", "wipe"]) == 2
    assert "confirm with --yes" in capsys.readouterr().err
