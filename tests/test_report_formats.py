"""The report formats (html, markdown, csv, sarif, github, junit, json and the terminal view), on
the demo corpus and on crafted articles."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import claimcheck
from claimcheck import jsonio
from claimcheck.cli import main
from claimcheck.kinds import Kind
from claimcheck.model import Claim, Report
from claimcheck.report import FORMATS, pieces, to_dict
from claimcheck.report.github import command, escape_data, escape_property
from claimcheck.report.html import segments, web_link
from claimcheck.report.sarif import position

from .conftest import DEMO, article, page_counts

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
GITHUB_LINE = re.compile(
    r"::warning file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),title=claimcheck (?P<slot>[\w-]+)"
    r"::(?P<message>.+)"
)
BRIDGE = (
    "Bridge report\n\n"
    "The new Danube bridge in Novi Sad opened to traffic in March {year} "
    '<script>alert("pwned")</script> after four years of work.\n\n'
    "The city council said the bridge cost 40 million euros.\n"
)


@pytest.fixture(scope="module")
def report() -> Report:
    found = claimcheck.compare([DEMO])
    assert found.count(Kind.CONTRADICTION) > 0, "the demo corpus should hold contradictions"
    return found


@pytest.fixture
def hostile(tmp_path: Path) -> Report:
    """Two copies of an article with a <script> in it that disagree on the year."""
    (tmp_path / "a.txt").write_text(BRIDGE.format(year=2019), encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRIDGE.format(year=2021), encoding="utf-8")
    found = claimcheck.compare([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert found.count(Kind.CONTRADICTION) == 1
    return found


def contradictions(report: Report) -> list[claimcheck.Finding]:
    return [f for f in report.findings if f.kind is Kind.CONTRADICTION]


def sides(report: Report) -> list[Claim]:
    return [m.claim for f in contradictions(report) for m in f.members]


def local_file(uri: str) -> Path:
    """The file a SARIF or annotation path names, relative paths taken from the working dir."""
    if uri.startswith("file:"):
        return Path(unquote(urlparse(uri).path))
    return Path.cwd() / unquote(uri)


def text_at(path: Path, start: tuple[int, int], end: tuple[int, int]) -> str:
    """The file's text from (line, column) up to the (line, column) just after the region."""
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    if start[0] == end[0]:
        return lines[start[0] - 1][start[1] - 1 : end[1] - 1]
    middle = lines[start[0] : end[0] - 1]
    parts = [lines[start[0] - 1][start[1] - 1 :], *middle, lines[end[0] - 1][: end[1] - 1]]
    return "\n".join(parts)


@pytest.mark.parametrize("fmt", ["html", "sarif", "github", "junit"])
def test_format_is_offered_by_compare(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, ["compare", str(DEMO), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()


# HTML


def test_json_written_in_pieces_is_the_whole_contract_to_the_byte(report: Report) -> None:
    # The findings and fact rows take their JSON shape one at a time as they are written.
    with_facts = claimcheck.compare(page_counts())
    for found in (report, with_facts):
        written = "".join(pieces("json", found))
        assert written == jsonio.dumps(to_dict(found), indent=2) + "\n"
    assert report.findings and with_facts.facts


def test_html_shows_every_contradiction_right_after_the_summary(report: Report) -> None:
    page = FORMATS["html"](report)
    for finding in contradictions(report):
        assert f'id="{finding.id}"' in page
        assert f'href="#{finding.id}"' in page  # its row in the who-says-what matrix
    assert page.index('id="contradictions"') < page.index('id="agreements"')
    assert page.index('id="agreements"') < page.index('id="single-source"')
    total = len(report.findings)
    assert f'<span id="shown-count" aria-live="polite">{total} of {total} findings shown' in page


def test_html_matrix_and_cards_carry_filter_attributes(report: Report) -> None:
    page = FORMATS["html"](report)
    for finding in report.findings:
        sources = json.dumps(list(finding.sources))
        assert f"data-kind=\"{finding.kind.value}\" data-sources='{sources}'" in page
    for value in {v for f in contradictions(report) for v in f.conflict.values.values()}:  # type: ignore[union-attr]
        assert f">{value}</span>" in page.replace("&#39;", "'")


def test_html_is_self_contained(report: Report) -> None:
    page = FORMATS["html"](report)
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(?:src|href)=["']https?://""", page.split("<main")[0])
    assert "@media print" in page and "@media (max-width" in page


def test_html_escapes_article_text_and_marks_the_conflicting_date(hostile: Report) -> None:
    page = FORMATS["html"](hostile)
    assert page.count("<script") == 1  # the page's own filter script, nothing from the article
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    assert "<mark>March 2019</mark>" in page and "<mark>March 2021</mark>" in page


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Bush said no", [], [("Bush said no", False)]),
        ("It did NOT happen", ["not"], [("It did ", False), ("NOT", True), (" happen", False)]),
        ("cost $5 (est.)", ["$5"], [("cost ", False), ("$5", True), (" (est.)", False)]),
        ("1 and 1", ["1"], [("1", True), (" and ", False), ("1", True)]),
        ("March 2019", ["2019", "March 2019"], [("March 2019", True)]),
        ("<b>x</b>", ["x"], [("<b>", False), ("x", True), ("</b>", False)]),
    ],
)
def test_segments_cut_quotes_into_plain_runs(
    text: str, words: list[str], expected: list[tuple[str, bool]]
) -> None:
    assert segments(text, words) == expected


# SARIF


def test_sarif_validates_against_the_official_schema(report: Report) -> None:
    log = json.loads(FORMATS["sarif"](report))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_has_one_result_per_contradiction_side(report: Report) -> None:
    run = json.loads(FORMATS["sarif"](report))["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for slot in ("date", "number", "role", "polarity", "antonym", "actor", "attribution", "place"):
        assert f"claimcheck/{slot}" in rules
    results = run["results"]
    assert len(results) == len(sides(report))
    findings = {f.id: f for f in contradictions(report)}
    for result in results:
        finding = findings[result["partialFingerprints"]["claimcheckFinding/v1"]]
        assert result["level"] == "warning"
        assert result["ruleId"] == f"claimcheck/{finding.conflict.slot}"  # type: ignore[union-attr]
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["message"]["text"].startswith(" ".join(finding.explanation.split()))


def test_sarif_regions_point_at_the_quote_in_the_file(report: Report) -> None:
    results = json.loads(FORMATS["sarif"](report))["runs"][0]["results"]
    claims = {c.id: c for c in sides(report)}
    for result in results:
        claim = claims[result["properties"]["claim"]]
        physical = result["locations"][0]["physicalLocation"]
        region = physical["region"]
        assert region["startLine"] == claim.span.line
        assert region["startColumn"] == claim.span.column
        path = local_file(physical["artifactLocation"]["uri"])
        assert path.resolve() == Path(claim.path).resolve()
        start = (region["startLine"], region["startColumn"])
        assert text_at(path, start, (region["endLine"], region["endColumn"])) == claim.quote


def test_position_counts_lines_and_columns_from_one() -> None:
    text = "ab\ncd\n"
    assert [position(text, i) for i in range(len(text) + 1)] == [
        (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1),
    ]  # fmt: skip


# GitHub annotations


def test_github_has_one_annotation_per_side_at_the_right_line(report: Report) -> None:
    lines = FORMATS["github"](report).splitlines()
    claims = sides(report)
    assert len(lines) == len(claims)
    for line, claim in zip(lines, claims, strict=True):
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        path = local_file(unquote(match["file"]))
        assert path.resolve() == Path(claim.path).resolve()
        assert int(match["line"]) == claim.span.line
        assert match["slot"] in {
            "date",
            "number",
            "role",
            "polarity",
            "antonym",
            "actor",
            "attribution",
            "place",
        }
        start = (int(match["line"]), int(match["col"]))
        end = (int(match["end_line"]), int(match["end_col"]))
        assert text_at(path, start, end) == claim.quote


def test_github_annotation_matches_the_demo_file() -> None:
    report = claimcheck.compare([DEMO])
    first = GITHUB_LINE.fullmatch(FORMATS["github"](report).splitlines()[0])
    assert first
    claim = contradictions(report)[0].members[0].claim
    source = (DEMO / Path(claim.path).name).read_text(encoding="utf-8")
    line = source.split("\n")[int(first["line"]) - 1]
    assert line[int(first["col"]) - 1 :].startswith(claim.quote.split("\n")[0])
    assert Path(first["file"]).name == Path(claim.path).name


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("warning", "one\ntwo: 3, 4", [("file", "x,y:z.txt"), ("line", 2)])
    assert line == "::warning file=x%2Cy%3Az.txt,line=2::one%0Atwo: 3, 4"
    assert command("error", "bad%", []) == "::error::bad%25"


# JUnit


def test_junit_has_a_failure_per_contradiction(report: Report) -> None:
    root = ET.fromstring(FORMATS["junit"](report).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len(report.findings)
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == report.count(Kind.CONTRADICTION)
    assert suite.get("failures") == str(report.count(Kind.CONTRADICTION))
    assert {c.get("classname") for c in failures} == {"contradiction"}
    for case, finding in zip(cases, report.findings, strict=True):
        assert (case.get("name") or "").startswith(finding.id + " ")
        assert case.get("classname") == finding.kind.value
    assert not [c for c in cases if c.find("skipped") is not None]


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold(tmp_path: Path) -> None:
    for name, year in (("a.txt", 2019), ("b.txt", 2021)):
        text = BRIDGE.format(year=year).replace("<script>", "\x0b<script>&")
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = claimcheck.compare([tmp_path])
    root = ET.fromstring(FORMATS["junit"](found).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.text
    assert '<script>&alert("pwned")</script>' in failure.text


# Hostile article text in every format (issue 19)

EVIL_TEXT = (
    '=HYPERLINK("http://evil") [/x] The new Danube bridge in Novi Sad | opened to traffic in '
    'March {year} <script>alert("pwned")</script> after four years of work & '
    "[click](javascript:alert(1)) \x1b[31mred\x1b[0m.\n\n"
    "The city council said the bridge cost 40 million euros.\n"
)
EVIL = [
    {
        "id": "[/x]a\x1b[2J",
        "title": "[bold]Title[/bold] \x1b]0;owned\x07",
        "url": "javascript:alert(1)",
    },
    {"id": "b", "title": "Fine", "url": "https://news.example/bridge?a=1&b=2"},
]


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    """Two JSON articles that disagree on the year, one full of markup and escape sequences."""
    for name, record, year in zip("ab", EVIL, (2019, 2021), strict=True):
        data = {**record, "text": EVIL_TEXT.format(year=year)}
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_evil_articles_still_contradict(evil: Path) -> None:
    assert claimcheck.compare([evil]).count(Kind.CONTRADICTION) == 1


def test_html_links_only_http_and_https_urls(evil: Path) -> None:
    # An article's `javascript:` url became a clickable link (issue 19).
    page = FORMATS["html"](claimcheck.compare([evil]))
    assert re.search(r"<td>\[bold\]Title\[/bold\][^<]*</td>", page)  # its title, as text
    assert not re.search(r"href=[\"']?\s*javascript", page, re.IGNORECASE)
    assert (
        '<a href="https://news.example/bridge?a=1&amp;b=2" rel="noopener noreferrer">Fine</a>'
        in (page)
    )


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//example.org/a", False),
        ("https://example.org/a b", False),
        ("https://example.org/\x00", False),
        ("", False),
        (None, False),
    ],
)
def test_web_link_allows_only_well_formed_http_urls(url: str | None, linked: bool) -> None:
    assert web_link(url) == (url if linked else None)


def test_markdown_escapes_html_and_table_pipes_in_article_text(evil: Path) -> None:
    # Raw <script> from article text passed through and ran when rendered (issue 19).
    text = FORMATS["markdown"](claimcheck.compare([evil]))
    assert "<script" not in text and "<b>" not in text
    assert '&lt;script&gt;alert("pwned")&lt;/script&gt;' in text
    assert "\\[click\\](javascript:alert(1))" in text  # not a link either
    assert "Novi Sad \\| opened" in text
    for table in re.findall(r"(?:^\| .*\n){2,}", text, re.MULTILINE):
        header, _, *rows = table.splitlines()
        for row in rows:  # as many cells as its header, whatever the text
            assert len(re.findall(r"(?<!\\)\|", row)) == header.count("|"), row


def test_markdown_path_code_span_cannot_be_closed_by_the_path(tmp_path: Path) -> None:
    from claimcheck.report.markdown import _code

    assert _code("a`b|c.txt") == "``a`b\\|c.txt``"
    assert _code("`x`") == "`` `x` ``"


def test_csv_report_defuses_formulas_and_reads_back(evil: Path) -> None:
    # Cells starting with = were not neutralised (issue 19).
    out = FORMATS["csv"](claimcheck.compare([evil]))
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    quotes = [r["quote"] for r in rows]
    assert any(q.startswith("'=HYPERLINK(") for q in quotes)
    assert not [v for r in rows for v in r.values() if v.startswith(("=", "+", "-", "@"))]


def test_every_json_report_is_strict_json(evil: Path) -> None:
    report = claimcheck.compare([evil])
    for fmt in ("json", "sarif"):
        json.loads(FORMATS[fmt](report), parse_constant=_refuse)


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


# Terminal: article text is text, never rich markup, and escapes are shown, not sent


def _cli(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.output  # no colour without a terminal, and none from the text
    return result.output


def test_terminal_extract_shows_markup_and_escapes_as_text(evil: Path) -> None:
    # `[/x]` in a claim crashed `extract` with a MarkupError (issue 19).
    out = _cli("extract", str(evil))
    assert "[/x]" in out and "\\x1b[31mred\\x1b[0m" in out
    assert "<script>" in out


def test_terminal_compare_shows_titles_and_ids_as_text(evil: Path) -> None:
    out = _cli("compare", str(evil), "--show", "single-source", "--limit", "0")
    assert "[bold]Title[/bold] \\x1b]0;owned\\x07" in out
    assert "[/x]a\\x1b[2J" in out


def test_terminal_config_show_prints_aliases_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "claimcheck.toml").write_text('[aliases]\n"[/x]" = "[bold]y\\u001b[2J"\n')
    monkeypatch.chdir(tmp_path)
    out = _cli("config", "--show")
    assert "[/x] = [bold]y\\x1b[2J" in out


def test_terminal_pairs_table_shows_ids_and_explanations_as_text() -> None:
    row = {"id": "[/x]\x1b[2J", "a": "Sales rose 5% [/y].", "b": "Sales fell 5% [/y]."}
    out = _cli("pairs", "--format", "table", input=json.dumps(row) + "\n")
    assert "[/x]\\x1b[2J" in out and "contradiction" in out


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@hypothesis_settings(max_examples=60, deadline=None)
def test_any_text_renders_in_the_terminal(text: str) -> None:
    from rich.console import Console

    from claimcheck.report.terminal import claims_table

    claims = claimcheck.extract(article(f"Title\n\nThe minister said {text} in 2001."))
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(claims_table(claims))
    assert "\x1b" not in console.file.getvalue()  # type: ignore[attr-defined]


def _terminal(report: Report, *, colour: bool = False, limit: int = 0) -> str:
    from rich.console import Console

    from claimcheck.report.terminal import show

    console = Console(
        file=io.StringIO(),
        width=100,
        color_system="standard" if colour else None,
        force_terminal=colour,
    )
    show(report, console, limit=limit)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _panels(text: str) -> list[str]:
    """The panels of a terminal view, each from its title line to its bottom border."""
    return re.findall(r"╭─.*?╰[^\n]*", text, re.DOTALL)


def test_terminal_leads_with_the_counts_and_contradictions(report: Report) -> None:
    text = _terminal(report)
    counts = f"{report.count(Kind.CONTRADICTION)} contradictions  {report.count(Kind.AGREEMENT)}"
    assert text.splitlines()[0].startswith(counts + " agreements")
    assert text.index("CONTRADICTION (") < text.index("AGREEMENT (") < text.index("Sources")
    sources = text[text.index("Sources") :].splitlines()[1:6]
    assert all(len(line) <= 100 for line in sources)
    assert sources[0].split()[:3] == ["declassified-call", "20", "claims"]


def test_terminal_says_which_sentence_gives_which_value(report: Report) -> None:
    (panel,) = [p for p in _panels(_terminal(report)) if "[antonym:" in p]
    assert "plea-revealed line 11  [antonym: applied]" in panel  # "a 1954 Soviet application"
    assert "plea-revealed line 54  [antonym: invited]" in panel
    assert "applied and invited]" not in panel


def test_terminal_highlights_the_conflicting_words_on_every_side(
    report: Report, hostile: Report
) -> None:
    marked = re.findall(r"\x1b\[1;7m(.*?)\x1b\[0m", _terminal(report, colour=True))
    assert {"applied", "application", "invited", "does not record", "responded"} <= set(marked)
    dates = re.findall(r"\x1b\[1;7m(.*?)\x1b\[0m", _terminal(hostile, colour=True))
    assert {"March 2019", "March 2021"} <= set(dates)


def test_terminal_keeps_context_dates_and_scores_out_of_the_way(report: Report) -> None:
    panels = _panels(_terminal(report))
    for panel in panels:
        if "[date:" not in panel:
            assert "date from context" not in panel
        if "✗ contradiction" in panel:
            assert "score" not in panel and "match 0." not in panel
        else:
            assert "match 0." in panel
    dated = next(p for p in panels if "[date:" in p)
    assert "date from context: 2001" in dated


def test_terminal_shows_a_fragment_quote_with_the_claim_it_stands_for(report: Report) -> None:
    text = _terminal(report)
    quote = "“He described Ukraine as an artificial state with deep internal divisions”"
    after = text[text.index(quote) + len(quote) :]
    assert after.split("\n")[1].strip("│ ").startswith("= Putin described Ukraine")


def test_html_line_links_point_into_the_embedded_source_texts(report: Report) -> None:
    page = FORMATS["html"](report)
    assert "file://" not in page.replace("some file:// contexts refuse", "")
    links = re.findall(r'<a class="line" href="#(source-\d+-L\d+)"', page)
    assert links and all(f'id="{anchor}"' in page for anchor in links)
    first = report.findings[0].members[0].claim
    n = [a.id for a in report.articles].index(first.article_id) + 1
    line = report.articles[n - 1].text.split("\n")[first.span.line - 1]
    assert f'<li id="source-{n}-L{first.span.line}">' in page
    assert first.quote.split()[0] in line


def test_html_matrix_is_not_boxed_or_cut(report: Report) -> None:
    page = FORMATS["html"](report)
    rules = re.findall(r"\.matrix[^{]*\{[^}]*\}", page)
    assert rules and not any("max-height" in r or "ellipsis" in r or "nowrap" in r for r in rules)
    for finding in report.findings:
        if finding.kind is not Kind.SINGLE_SOURCE:
            topic = " ".join(finding.topic.split())
            assert f'title="{_escaped(topic)}">{_escaped(topic)}</a>' in page


def _escaped(text: str) -> str:
    from markupsafe import escape  # as the template escapes

    return str(escape(text))


def test_html_gives_each_sentence_its_own_value(report: Report) -> None:
    page = FORMATS["html"](report)
    assert "antonym: applied and invited</span>" not in page
    assert re.search(r"plea-revealed</strong>.{0,200}line 54.{0,80}antonym: invited", page)
    assert re.search(r"plea-revealed</strong>.{0,200}line 11.{0,80}antonym: applied<", page)


def test_an_agreement_with_different_dates_says_so(report: Report) -> None:
    from dataclasses import replace

    from claimcheck.model import DateRef
    from claimcheck.report.contract import differences

    agreement = next(f for f in report.findings if f.kind is Kind.AGREEMENT)
    first, second = agreement.members[:2]
    dated = replace(
        agreement,
        members=(
            replace(first, claim=replace(first.claim, dates=(DateRef("2001", 2001),))),
            replace(
                second,
                claim=replace(
                    second.claim, dates=(DateRef("6 April 2008", 2008, 4, 6, inherited=True),)
                ),
            ),
        ),
    )
    said = differences(dated)
    assert said is not None
    assert "2001" in said and "2008-04-06 from context" in said
    assert "a date taken from an earlier sentence is not compared" in said
    page = FORMATS["html"](replace(report, findings=(dated,)))
    assert f'<p class="caveat">{_escaped(said)}</p>' in page


def test_markdown_gives_each_sentence_its_own_value(report: Report) -> None:
    text = FORMATS["markdown"](report)
    assert "**plea-revealed** (line 54) **\\[antonym: invited\\]**" in text
    assert "**plea-revealed** (line 11) **\\[antonym: applied\\]**" in text
