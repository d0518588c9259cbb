"""The README and docs/ say what the code does: every command has help and appears in the README,
the README opens with the two commands, the CLI reference is generated from --help, and the
docs' examples, fields, keys, formats and rules are the real ones."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import pytest

import claimcheck
from claimcheck import config
from claimcheck.cli import main
from claimcheck.output import write_rows
from claimcheck.pairs import judge_lines
from claimcheck.report import FORMATS
from claimcheck.report.sarif import RULES

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


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


def test_readme_stays_short() -> None:
    lines = README.count("\n")
    assert lines <= 180, f"README.md has {lines} lines: it is for a new user, move detail to docs/"


def test_readme_links_exist() -> None:
    links = re.findall(r"\]\(([^)#:]+)[^)]*\)", README)
    assert any(link.startswith("docs/") for link in links), "the README links into docs/"
    for link in links:
        assert (ROOT / link).exists(), f"README links to {link}, which does not exist"


def test_every_docs_page_is_in_the_site_navigation() -> None:
    nav = re.findall(r"^\s*- [^:]+: (\S+\.md)\s*$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert sorted(nav) == sorted(str(p.relative_to(DOCS)) for p in PAGES)


@pytest.mark.parametrize("slot", sorted(RULES))
def test_every_contradiction_rule_has_a_page_in_rule_shape(slot: str) -> None:
    rules = [p for p in (DOCS / "rules").glob("*.md") if p.name != "index.md"]
    pages = [p for p in rules if f"`claimcheck/{slot}`" in p.read_text(encoding="utf-8")]
    assert pages, f"no rule page under docs/rules/ names the SARIF rule claimcheck/{slot}"
    text = pages[0].read_text(encoding="utf-8")
    for heading in ("## What it does", "## Why", "## Example", "## Known limits"):
        assert f"\n{heading}\n" in text, f"{pages[0].name} has no {heading!r} section"


PAIRS_EXAMPLE = re.compile(r"^\$ echo '(\{.*\})' \| claimcheck pairs\n(\{.*\})$", re.M)


def pairs_examples() -> Iterator[Any]:
    for path in PAGES:
        for row, output in PAIRS_EXAMPLE.findall(path.read_text(encoding="utf-8")):
            yield pytest.param(row, output, id=f"{path.relative_to(DOCS)}:{json.loads(row)['id']}")


@pytest.mark.parametrize(("row", "output"), list(pairs_examples()))
def test_pairs_examples_in_the_docs_are_what_claimcheck_prints(row: str, output: str) -> None:
    stream = io.StringIO()
    write_rows(judge_lines([row]), stream, "jsonl")
    assert stream.getvalue() == output + "\n"


def python_examples() -> Iterator[Any]:
    for path in (ROOT / "README.md", DOCS / "python.md"):
        blocks = re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        for number, block in enumerate(blocks, 1):
            yield pytest.param(block, id=f"{path.name}:{number}")


@pytest.mark.parametrize("code", list(python_examples()))
def test_python_examples_run(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read data/putin-nato-2001 as a checkout has it
    exec(compile(code, "example", "exec"), {})


def test_python_api_page_names_every_public_name() -> None:
    text = page("python.md")
    missing = [name for name in claimcheck.__all__ if not re.search(rf"\b{name}\b", text)]
    assert not missing, f"docs/python.md does not mention {missing}"


def schema_fields(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        yield from node.get("properties", {})
        for value in node.values():
            yield from schema_fields(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_fields(value)


def test_json_contract_page_documents_every_schema_field() -> None:
    schema = Path(claimcheck.__file__).parent / "schema" / "report.schema.json"
    fields = set(schema_fields(json.loads(schema.read_text(encoding="utf-8"))))
    text = page("json.md")
    missing = sorted(f for f in fields if f"`{f}`" not in text)
    assert not missing, f"docs/json.md does not document {missing}"


def test_configuration_page_documents_every_key() -> None:
    text = page("configuration.md")
    missing = [key for key in config.KEYS if f"| `{key}` |" not in text]
    assert not missing, f"docs/configuration.md has no row for {missing}"
    script = gen_cli()
    assert text == script.configuration(), f"its keys table is stale: run `{script.COMMAND}`"


def test_formats_page_documents_every_report_format() -> None:
    text = page("ci.md")
    missing = [name for name in FORMATS if f"| `{name}` |" not in text]
    assert not missing, f"docs/ci.md has no row for {missing}"
