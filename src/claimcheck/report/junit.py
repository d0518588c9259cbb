"""JUnit XML for CI test reporters: one test case per finding.

Contradictions fail, with the explanation and each side's quote; agreements pass; single-source
claims pass too, because nothing contradicts them (a "skipped" case would claim a check was not
run). Inputs that could not be read are test cases with an `<error>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from claimcheck.kinds import Kind
from claimcheck.model import Finding, Report
from claimcheck.report.contract import attribution_text, generated
from claimcheck.report.sarif import display_path, slot_of

# Characters XML 1.0 cannot hold, even escaped; ElementTree would write them through.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TOPIC_WIDTH = 100


def render(report: Report) -> str:
    """The report as a JUnit XML document: one test suite, or one per story when there are
    several; inputs that could not be read close the last suite."""
    counts = _counts(report.findings, report.errors)
    root = ET.Element("testsuites", {"name": "claimcheck", **counts})
    parts = report.per_story() if len(report.stories) > 1 else [(None, report)]
    stamp = generated().isoformat("T", "seconds")  # one moment for every suite
    for number, (story, part) in enumerate(parts, 1):
        errors = [str(e) for e in report.errors] if number == len(parts) else []
        name = f"claimcheck {story.id}: {story.label}" if story else "claimcheck"
        _suite(root, _clean(name), part, errors, stamp)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _counts(findings: Sequence[Finding], errors: Sequence[object]) -> dict[str, str]:
    return {
        "tests": str(len(findings) + len(errors)),
        "failures": str(sum(1 for f in findings if f.kind is Kind.CONTRADICTION)),
        "errors": str(len(errors)),
        "skipped": "0",
        "time": "0",
    }


def _suite(root: ET.Element, name: str, report: Report, errors: Sequence[str], stamp: str) -> None:
    counts = _counts(report.findings, errors)
    suite = ET.SubElement(root, "testsuite", {"name": name, **counts, "timestamp": stamp})
    properties = ET.SubElement(suite, "properties")
    for key, value in report.settings.to_dict().items():
        for name, one in value.items() if isinstance(value, dict) else [("", value)]:
            full = f"{key}.{name}" if name else key  # a nested record's fields: "fitted.related"
            ET.SubElement(properties, "property", {"name": full, "value": _clean(str(one))})
    for finding in report.findings:
        _case(suite, finding)
    for error in errors:
        case = ET.SubElement(suite, "testcase", {"classname": "input", "name": _clean(error)})
        ET.SubElement(case, "error", {"message": _clean(error), "type": "claimcheck/input"})


def _case(suite: ET.Element, finding: Finding) -> None:
    name = f"{finding.id} {_short(finding.topic)}"
    case = ET.SubElement(
        suite, "testcase", {"classname": finding.kind.value, "name": _clean(name), "time": "0"}
    )
    if finding.kind is Kind.CONTRADICTION:
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _clean(finding.explanation), "type": f"claimcheck/{slot_of(finding)}"},
        )
        failure.text = _clean(_details(finding))
    else:
        out = ET.SubElement(case, "system-out")
        out.text = _clean(_details(finding))


def _details(finding: Finding) -> str:
    values = finding.conflict.values if finding.conflict else {}
    lines = [finding.explanation, ""] if finding.kind is not Kind.SINGLE_SOURCE else []
    for member in finding.members:
        claim = member.claim
        value = values.get(claim.article_id)
        label = f" [{slot_of(finding)}: {value}]" if value else ""
        quote = " ".join(claim.quote.split())
        where = f"{display_path(claim.path)}:{claim.span.line}"
        lines.append(f"{claim.article_id} ({where}){label}: “{quote}”")
        if claim.hedges:
            lines.append("  hedged: " + ", ".join(claim.hedges))
        if claim.attribution:
            lines.append("  " + attribution_text(claim))
    return "\n".join(lines)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TOPIC_WIDTH else text[: TOPIC_WIDTH - 1].rstrip() + "…"


def _clean(text: str) -> str:
    return INVALID_XML.sub("\ufffd", text)
