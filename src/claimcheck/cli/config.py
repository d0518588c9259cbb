"""`claimcheck config`: the configuration file in use and the settings in effect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from claimcheck import jsonio
from claimcheck.cli.options import effective, settings_options
from claimcheck.cli.shared import stdout, translate_errors


@click.command("config")
@settings_options
@click.option("--show", is_flag=True, help="Print every setting's value and where it came from.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format of --show.",
)
@translate_errors
def config_command(config_file: Path | None, show: bool, fmt: str, **options: Any) -> None:
    """Show which configuration file is in use and, with --show, the effective settings.

    The file is --config FILE, or else the first claimcheck.toml, or pyproject.toml with a
    [tool.claimcheck] table, found from the working directory upward. Options given here
    override the file, as they would for compare.

    \b
    Examples:
      claimcheck config
      claimcheck config --show
      claimcheck config --show --threshold 0.7 --format json
    """
    config = effective(config_file, (), **options)
    if not show:
        click.echo(config.file or "no configuration file found; defaults apply")
    elif fmt == "json":
        click.echo(jsonio.dumps(config.to_dict(), indent=2))
    else:
        from claimcheck.report.terminal import config_table

        stdout().print(config_table(config))
