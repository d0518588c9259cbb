"""The ledger's listings on the terminal: `claimcheck ledger stats | sources | history`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from claimcheck.report.terminal import plain


def rows_table(title: str, rows: Sequence[dict[str, Any]]) -> Table:
    """One row per record, one column per field; an absent value is blank."""
    table = Table(title=plain(title), title_justify="left")
    names = list(rows[0]) if rows else ["(none)"]
    for number, name in enumerate(names):  # the last column, the longest, wraps
        table.add_column(name, overflow="fold", no_wrap=number < len(names) - 1)
    for row in rows:
        table.add_row(*(plain("" if v is None else str(v)) for v in row.values()))
    return table


def stats_table(stats: dict[str, Any]) -> Table:
    """What the ledger holds, one figure a row; then articles per date."""
    table = Table(title=plain(f"Ledger {stats['ledger']}"), title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("", overflow="fold")
    for name, value in stats.items():
        if name == "dates":
            shown = ", ".join(f"{d['date']}: {d['articles']}" for d in value)
            table.add_row("articles per date", plain(shown or "(none)"))
        elif name != "ledger":
            table.add_row(name, plain(f"{value:,}" if isinstance(value, int) else str(value)))
    return table
