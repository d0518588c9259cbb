"""The JSON report: the machine contract (schema claimcheck.report/2)."""

from __future__ import annotations

from claimcheck import jsonio
from claimcheck.model import Report
from claimcheck.report.contract import to_dict


def render(report: Report) -> str:
    return jsonio.dumps(to_dict(report), indent=2) + "\n"
