"""GitHub Actions workflow commands: one `::warning` annotation per side of each contradiction.

Printed in a workflow step, each line becomes an annotation on the article file at the claim's
line. Inputs that could not be read become `::error` lines.
"""

from __future__ import annotations

import re

from claimcheck.kinds import Kind
from claimcheck.model import Report
from claimcheck.report.sarif import place, side_message, slot_of


def render(report: Report) -> str:
    """One workflow-command line per contradiction side, then one per unreadable input; with
    several stories, each title names its story."""
    articles = {a.id: a for a in report.articles}
    story_of = report.story_of() if len(report.stories) > 1 else {}
    lines = []
    for finding in report.findings:
        if finding.kind is not Kind.CONTRADICTION:
            continue
        for member in finding.members:
            claim = member.claim
            where = place(articles.get(claim.article_id), claim)
            props: list[tuple[str, object]] = []
            if where.path is not None:
                props.append(("file", where.path))
            if where.start and where.end:
                props += [
                    ("line", where.start[0]),
                    ("col", where.start[1]),
                    ("endLine", where.end[0]),
                    ("endColumn", where.end[1]),
                ]
            story = story_of.get(claim.article_id)
            about = f" ({story.id}: {story.label})" if story else ""
            props.append(("title", f"claimcheck {slot_of(finding)}{about}"))
            lines.append(command("warning", side_message(finding, claim), props))
    lines += [command("error", str(e), error_props(str(e))) for e in report.errors]
    return "".join(line + "\n" for line in lines)


# An input error reads "path: reason" or "path:line: reason" (errors.ClaimcheckError).
ERROR_PLACE = re.compile(r"(?P<file>.+?)(?::(?P<line>\d+))?: ")


def error_props(error: str) -> list[tuple[str, object]]:
    """The file (and line) an input error names, for the annotation to point at."""
    props: list[tuple[str, object]] = []
    match = ERROR_PLACE.match(error)
    if match and match.group("file") != "stdin":
        props.append(("file", match.group("file")))
        if match.group("line"):
            props.append(("line", match.group("line")))
    return [*props, ("title", "claimcheck input")]


def command(name: str, message: str, props: list[tuple[str, object]]) -> str:
    """`::name key=value,...::message` with GitHub's escaping of properties and data."""
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    head = f"{name} {joined}" if joined else name
    return f"::{head}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: `%`, carriage return and newline."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
