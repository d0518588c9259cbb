"""Every command has help, appears in the README, and the README opens with the two commands."""

from __future__ import annotations

import re

import click
import pytest

from claimcheck.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_is_documented(name: str) -> None:
    command = main.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 40
    assert f"claimcheck {name}" in README
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {param.opts} has no help"


def test_readme_opens_with_the_two_setup_commands() -> None:
    block = re.search(r"```bash\n(.*?)```", README, re.DOTALL)
    assert block is not None
    commands = block.group(1).strip().splitlines()
    assert commands == [
        "python3 -m pip install . && claimcheck compare",
        'python3 -m pip install ".[test]" && python3 -m pytest',
    ]
    assert README.index("```bash") < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", README, re.DOTALL)
    assert block is not None
    test_command = block.group(1).strip().splitlines()[1]
    assert f"\n{test_command} || exit 1\n" in script
