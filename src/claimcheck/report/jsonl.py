"""JSON Lines: one line per story, each the JSON report (claimcheck.report/2) of that story alone.

`claimcheck compare --format jsonl` writes the lines as the stories finish (compare.Plan), so
that a day of coverage never holds more than a few stories' claims; the lines are put in story
order before the file is written, and are those render() gives for the whole report. The first
line's `errors` are every error of the run, as `--format json` lists them; it is made last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from claimcheck import jsonio
from claimcheck.errors import LoadError
from claimcheck.model import Report
from claimcheck.report.contract import to_dict


def render(report: Report) -> str:
    stories = [story for _, story in report.per_story()]
    return "".join(line(s, report.errors if n == 0 else ()) for n, s in enumerate(stories))


def line(story: Report, errors: Sequence[LoadError] = ()) -> str:
    """The line of a report of one story (Report.per_story, compare.Plan.report), with these
    `errors`: the first line's are the whole run's (inputs that could not be read, then stories
    whose comparison failed), the others' none."""
    return jsonio.dumps(to_dict(replace(story, errors=tuple(errors)))) + "\n"
