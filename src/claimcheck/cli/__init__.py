"""The command line: parse options, call the library, write the result, exit. Nothing else.

One module per command or command group; `shared` and `options` hold what they have in common.

Exit codes: 0 nothing reaches --fail-on; 1 findings reach it; 2 usage, configuration or input error;
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from claimcheck import interrupts
from claimcheck.cli import check, compare, config, extract, ledger, pairs
from claimcheck.output import utf8_stdout


def show_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """-V/--version, as click.version_option prints it; the version is looked up only here."""
    if not value or ctx.resilient_parsing:
        return
    from claimcheck import __version__, build

    click.echo(f"claimcheck, version {__version__} ({build()})")
    ctx.exit()


class Cli(click.Group):
    """A group whose usage errors, like every other error, are one line on stderr with exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if standalone_mode:
            utf8_stdout()
        # Ctrl-C or SIGTERM: one line and exit 130 or 143 (interrupts), in the command itself.
        with interrupts.handled(standalone_mode and interrupts.is_command()):
            return self._main(args, prog_name, complete_var, standalone_mode, **extra)

    def _main(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        standalone_mode: bool,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.ctx.get_help() if error.ctx else "")
            sys.exit(0)
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"error: {error.format_message()}{hint}", err=True)
            sys.exit(2)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:  # Ctrl-C where interrupts.handled() does not see it
            click.echo("interrupted", err=True)
            sys.exit(130)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


@click.group(
    name="claimcheck",
    cls=Cli,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help="Show the version and exit.",
)
def main() -> None:
    """Cross-reference what several articles say about the same event.

    \b
    Examples:
      claimcheck compare                      # the built-in demo corpus
      claimcheck compare articles/ --fail-on contradiction
      claimcheck extract story.txt --format jsonl
      claimcheck pairs pairs.jsonl --format csv
    """


main.add_command(compare.compare)
main.add_command(extract.extract)
main.add_command(pairs.pairs)
main.add_command(config.config_command)
main.add_command(ledger.index_command)
main.add_command(check.check_command)
main.add_command(ledger.ledger_group)
