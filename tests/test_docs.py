"""Every command has help, appears in the README, and the README opens with the two commands."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

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


def gen_cli() -> ModuleType:
    """docs/gen_cli.py, the script that writes the CLI reference (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_generated_from_the_current_help() -> None:
    script = gen_cli()
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == script.render(), f"docs/cli.md is out of date: run `{script.COMMAND}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_reference_has_every_option(name: str) -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"\n## claimcheck {name}\n" in reference
    section = reference.split(f"\n## claimcheck {name}\n")[1].split("\n## ")[0]
    for param in main.commands[name].params:  # type: ignore[attr-defined]
        if isinstance(param, click.Option) and not param.hidden:
            assert param.opts[-1] in section, f"{param.opts[-1]} missing from claimcheck {name}"
