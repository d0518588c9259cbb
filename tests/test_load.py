from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import load
from claimcheck.cli import main
from claimcheck.decode import decode
from claimcheck.errors import LoadError
from claimcheck.load import Reading, from_text

from .conftest import DEMO, STORIES

NAME_ENCODING = "; name its encoding with --encoding, e.g. --encoding cp1252"


def test_demo_directory_loads_sorted_with_manifest_metadata() -> None:
    articles, errors = load([DEMO])
    assert errors == []
    assert [a.id for a in articles] == [
        "declassified-call",
        "tried-twice",
        "sought-accession",
        "plea-revealed",
        "overtures-artificial",
    ]
    dated = next(a for a in articles if a.id == "overtures-artificial")
    assert dated.date == "2025-12-25"
    assert dated.title and dated.title.startswith("US Transcripts Reveal")
    assert next(a for a in articles if a.id == "tried-twice").outlet == "Global24"


def test_boilerplate_lines_are_not_body() -> None:
    text = (
        "Big storm hits coast\n\nBy Jane Roe\n\nThe storm hit the coast on Monday.\n\n"
        "A flooded street. (Photo: Reuters)\n\nRead more\n\nYou may also like\n\nLeave a Comment\n"
        "Translation by John Doe\n\nShare this article\n"
    )
    article = from_text(text, path="s.txt")
    body = [article.text[s:e] for s, e in article.body]
    assert body == ["Big storm hits coast", "The storm hit the coast on Monday."]
    assert article.title == "Big storm hits coast"
    assert article.author == "Jane Roe"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Tweet with a location\n\nYou can add location information to your Tweets, such as "
            "your city. Learn more\n\nThe storm hit the coast on Monday.\n\nStory Continued "
            "Below\n\nPlease enable Javascript to watch this video\n\nThese crawls are part of "
            "an effort to archive pages as they are created.\n\nAdvertisement Continue reading "
            "the main story\n",
            id="tweet, archive and continue notices",
        ),
        # A saved video page or a page that was gone when it was saved: its notices are no
        # claims ("The interactive transcript could not be loaded" was a negated one).
        pytest.param(
            "The interactive transcript could not be loaded.\n\nRating is available when the "
            "video has been rented.\n\nThis feature is not available right now. Please try "
            "again later.\n\nJavaScript is disabled\n\nYou need to enable JavaScript to use "
            "this player\n\nSorry, the page you requested could not be found.\n\nThe storm hit "
            "the coast on Monday.\n",
            id="video player and missing page notices",
        ),
    ],
)
def test_web_notices_are_not_body(text: str) -> None:
    article = from_text(text, path="s.txt")
    assert [article.text[s:e] for s, e in article.body] == ["The storm hit the coast on Monday."]


def test_dateline_becomes_metadata() -> None:
    article = from_text(
        "December 25, 2025, Thursday\nHeadline here\n\nBody text goes here.", path="d.txt"
    )
    assert article.date == "2025-12-25"
    assert article.title == "Headline here"


def test_markdown_front_matter_and_suppression(tmp_path: Path) -> None:
    articles, errors = load([STORIES / "earnings-daily.md"])
    assert errors == []
    article = articles[0]
    assert (article.title, article.outlet, article.date, article.author) == (
        "Acme posts quarterly results",
        "The Daily Ledger",
        "2024-10-15",
        "Sam Field",
    )
    body = " ".join(article.text[s:e] for s, e in article.body)
    assert "$9.9 billion" not in body
    assert "title:" not in body


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps([{"id": "x", "text": "One. Two.", "title": "T", "url": "u"}, {"body": "Three."}])
    )
    (tmp_path / "b.jsonl").write_text(
        '{"text": "Four."}\n\n{"content": "Five.", "date": "2020-01-01"}\n'
    )
    articles, errors = load([tmp_path])
    assert errors == []
    assert [(a.id, a.title, a.url, a.date) for a in articles] == [
        ("x", "T", "u", None),
        ("a-2", None, None, None),
        ("b-1", None, None, None),
        ("b-2", None, None, "2020-01-01"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02", "binary file, not text"),
        (b"caf\xe9", "not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"\xef\xbb\xbfcaf\xe9", "not UTF-8 text (byte 0xe9 at offset 6)"),  # after a BOM
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The river flooded on Monday.")
    articles, errors = load([bad, good])
    assert [a.id for a in articles] == ["good"]
    assert [str(e) for e in errors] == [
        f"{bad}: {message}{NAME_ENCODING if 'UTF-8' in message else ''}"
    ]


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": \n')
    articles, errors = load([bad])
    assert articles == []
    assert str(errors[0]).startswith(f"{bad}:2: malformed JSON")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "no text"}', 'missing field "text"'),
        ('{"text": null}', 'missing field "text"'),
        ('{"text": 5}', 'field "text" is not text'),
        # the decoder's own messages, some of which end in "at" already
        ('{"text": "a\tb"}', "malformed JSON: Invalid control character at column 12"),
        ('{"text": "open', "malformed JSON: Unterminated string starting at column 10"),
    ],
)
def test_bad_json_article(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    _, errors = load([bad])
    assert [str(e) for e in errors] == [f"{bad}:1: {message}"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "malformed JSON: nested more than 200 levels"),
        ("big.json", '{"text": "Sales rose.", "n": ' + "1" * 5000 + "}", "more than 4,300 digits"),
        (
            "nan.json",
            '{"text": "Sales rose.", "n": NaN}',
            "malformed JSON: NaN is not a JSON value",
        ),
        ("deep.jsonl", '{"text": "fine"}\n' + "[" * 300 + "]" * 300, "nested more than 200"),
    ],
)
def test_json_no_parser_holds_is_one_error_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    # RecursionError and ValueError were tracebacks (issue 19).
    bad = tmp_path / name
    bad.write_text(content)
    _, errors = load([bad])
    assert len(errors) == 1 and str(errors[0]).startswith(f"{bad}:")
    assert message in str(errors[0])
    result = CliRunner().invoke(main, ["extract", str(bad)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"error: {errors[0]}"]


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path) -> None:
    # "\ud800" in a record crashed every writer (issue 19); offsets still index the text.
    source = tmp_path / "s.json"
    source.write_text('{"title": "T\\ud800", "text": "Sales rose 5% in \\udcff March."}')
    (article,) = load([source])[0]
    assert article.title == "T\ufffd"
    assert article.text == "Sales rose 5% in \ufffd March."
    for fmt in ("table", "json", "jsonl", "csv"):
        result = CliRunner().invoke(main, ["extract", str(source), "--format", fmt])
        assert result.exit_code == 0 and "\ufffd" in result.output, result.output


@pytest.mark.parametrize("articles", ["[]", '["a.txt"]', '"a.txt"', "5"])
def test_manifest_articles_not_an_object_names_the_key(tmp_path: Path, articles: str) -> None:
    # "articles": [] raised AttributeError (issue 19).
    (tmp_path / "a.txt").write_text("The river flooded on Monday.")
    (tmp_path / "manifest.json").write_text(f'{{"articles": {articles}}}')
    _, errors = load([tmp_path])
    assert [str(e) for e in errors] == [
        f'{tmp_path / "manifest.json"}: malformed manifest: "articles" must be an object '
        "mapping file names to fields"
    ]
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_manifest_json_no_parser_holds_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The river flooded on Monday.")
    (tmp_path / "manifest.json").write_text("[" * 5000 + "]" * 5000)
    _, errors = load([tmp_path])
    assert [e.reason for e in errors] == ["malformed manifest: nested more than 200 levels deep"]


def test_missing_path() -> None:
    _, errors = load(["no/such/file.txt"])
    assert str(errors[0]) == "no/such/file.txt: no such file or directory"


def test_bom_and_utf16_are_decoded() -> None:
    assert decode("\ufeffHello".encode(), "x") == "Hello"
    assert decode("Hello".encode("utf-16"), "x") == "Hello"
    with pytest.raises(LoadError):
        decode(b"  \n", "x")


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Dam opens | River News</title><meta name='author' content='Lee Park'>"
        "<meta property='og:site_name' content='River News'>"
        "<meta property='article:published_time' content='2024-03-02'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Dam opens</h1>"
        "<p>The new dam on the Kallo river opened on Friday after six years of work.</p>"
        "<p>Engineers said the dam would supply power to 200,000 homes in the region.</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    articles, errors = load([page])
    assert errors == []
    article = articles[0]
    assert article.format == "html"
    assert "200,000 homes" in article.text
    assert "Subscribe" not in article.text
    assert article.author == "Lee Park"
    assert article.date == "2024-03-02"


MAGIC_FILES = [
    ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    ("ascii.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "a PDF document"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Microsoft Office"),
    ("a.docx", b"PK\x03\x04\x14\x00" + bytes(24) + b"word/document.xml", "a Word document"),
    ("a.xlsx", b"PK\x03\x04\x14\x00" + bytes(24) + b"xl/workbook.xml", "an Excel workbook"),
    ("a.pptx", b"PK\x03\x04\x14\x00" + bytes(24) + b"ppt/slides/slide1.xml", "a PowerPoint"),
    ("a.zip", b"PK\x03\x04\x14\x00" + bytes(24) + b"notes.txt", "a ZIP archive"),
    ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ("a.gif", b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    ("a.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
    ("a.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip archive"),
    ("a.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "a 7z archive"),
    ("a.bz2", b"BZh91AY&SY\x00\x01", "a bzip2 archive"),
    ("a.xz", b"\xfd7zXZ\x00\x00\x04", "an xz archive"),
    ("blank-then.pdf", b"\n\n%PDF-1.5\n", "a PDF document"),
    ("a.tar", b"story.txt".ljust(257, b"\x00") + b"ustar\x0000", "a tar archive"),
]


@pytest.mark.parametrize(("name", "data", "kind"), MAGIC_FILES)
def test_other_kinds_of_file_are_named_by_their_first_bytes(
    tmp_path: Path, name: str, data: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _, errors = load([path])
    assert str(errors[0]).startswith(f"{path}: is {kind}")
    assert str(errors[0]).endswith("; claimcheck reads text, Markdown, HTML and JSON")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, errors = load([fifo])  # would block forever if the FIFO were opened for reading
    assert str(errors[0]) == f"{fifo}: not a regular file (a device, FIFO or socket)"


def test_a_device_is_refused() -> None:
    _, errors = load(["/dev/zero"])
    assert [e.reason for e in errors] == ["not a regular file (a device, FIFO or socket)"]


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The river rose. " * 100)
    reading = Reading(max_file_size=1024)
    _, errors = load([big], reading=reading)
    assert str(errors[0]) == f"{big}: larger than the 1 KB limit (raise it with --max-file-size)"
    articles, errors = load([big], reading=Reading(max_file_size=1600))
    assert errors == [] and len(articles) == 1


def test_utf16_line_endings_are_normalised_like_utf8() -> None:
    text = "First line.\r\nSecond line.\rThird line.\n"
    assert decode(text.encode("utf-16"), "x") == "First line.\nSecond line.\nThird line.\n"
    assert decode(text.encode("utf-8"), "x") == decode(text.encode("utf-16"), "x")


def test_utf16_file_with_cr_endings_keeps_each_claim_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "old-mac.txt"
    body = "Dam opens\r\rThe new dam opened on Friday.\r\rEngineers said it cost $2 billion.\r"
    path.write_bytes(body.encode("utf-16"))
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    lines = [json.loads(row)["line"] for row in result.output.splitlines()]
    assert lines == [3, 5]


def test_json_record_with_crlf_spans_index_the_field_itself(tmp_path: Path) -> None:
    field = "Dam opens\r\n\r\nThe new dam opened on Friday.\r\nEngineers said it cost $2 billion."
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": field}))
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    rows = [json.loads(row) for row in result.output.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert field[row["start"] : row["end"]] == row["quote"]
    assert [row["line"] for row in rows] == [3, 4]


@pytest.mark.parametrize("document", ["[]", '{"articles": []}'])
def test_json_file_with_no_records_names_the_file(tmp_path: Path, document: str) -> None:
    path = tmp_path / "none.json"
    path.write_text(document)
    _, errors = load([path])
    assert str(errors[0]) == f"{path}: no articles: the JSON holds an empty list"


def test_encoding_reads_latin1_and_the_utf8_error_mentions_it(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("The café in Zürich opened on Monday.".encode("latin-1"))
    _, errors = load([path])
    assert str(errors[0]) == (
        f"{path}: not UTF-8 text (byte 0xe9 at offset 7); name its encoding with --encoding, "
        "e.g. --encoding cp1252"
    )
    (article,), errors = load([path], reading=Reading(encoding="latin-1"))
    assert errors == [] and "café in Zürich" in article.text
    _, errors = load([path], reading=Reading(encoding="ascii"))
    assert str(errors[0]) == f"{path}: not ascii text (byte 0xe9 at offset 7)"


def test_stdin_that_starts_like_a_web_page_is_read_as_html() -> None:
    page = (
        "<!DOCTYPE html><html><body><article><h1>Dam opens</h1>"
        "<p>The new dam on the Kallo river opened on Friday after six years of work.</p>"
        "<p>Engineers said the dam would supply power to 200,000 homes in the region.</p>"
        "<p>The project cost the regional government about $2 billion, officials said.</p>"
        "</article></body></html>"
    )
    result = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl"], input=page)
    quotes = [json.loads(row)["quote"] for row in result.output.splitlines()]
    assert result.exit_code == 0 and "<p>" not in "".join(quotes) and len(quotes) == 3
    as_text = CliRunner().invoke(
        main, ["extract", "-", "--stdin-format", "text", "--format", "jsonl"], input=page
    )
    assert as_text.exit_code == 0 and as_text.output != result.output  # read as it is


def test_a_thin_web_page_is_warned_about_and_still_read(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        "<html><body><article><p>The new dam on the Kallo river opened on Friday after six "
        "years of work.</p></article></body></html>"
    )
    result = CliRunner().invoke(main, ["extract", str(page), "--format", "jsonl"])
    assert f"warning: {page}: only one sentence of article text found in the page" in (
        result.stderr
    )
    assert result.exit_code == 0 and result.stdout.strip()


def test_a_lone_surrogate_in_text_given_in_memory_becomes_a_replacement_character() -> None:
    # Found by tests/test_fuzz.py: JUnit XML (and any UTF-8 file) cannot hold one.
    article = from_text("Putin said it. \ud800 He left.", path="x.txt")
    assert article.text == "Putin said it. \ufffd He left."


def test_text_that_merely_starts_like_a_magic_number_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("BZh is no word, GIF is one, and PK stands for Pakistan in the report.")
    articles, errors = load([path])
    assert errors == [] and len(articles) == 1


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(
            "Gay Marriages Get Recognition From the I.R.S.\n\nAll couples will be.\n",
            "Gay Marriages Get Recognition From the I.R.S.",
            id="initialism after title case",
        ),
        pytest.param(
            "Who is Dave Brat?\n\nHe won on Tuesday.\n", "Who is Dave Brat?", id="short question"
        ),
        pytest.param(
            "Who is Dave Brat?\r\nBy Jane Roe\r\n\r\nHe won on Tuesday.\r\n",
            "Who is Dave Brat?",
            id="question over a byline, CRLF",
        ),
        pytest.param(
            "By Jane Roe\n2014-06-10\nCantor Loses Primary\n\nHe lost on Tuesday.\n",
            "Cantor Loses Primary",
            id="byline and dateline above",
        ),
        # Sentences, not headlines.
        pytest.param(
            "The deal was signed in Washington, D.C.\n\nIt ends the talks.\n",
            None,
            id="initialism in sentence case",
        ),
        pytest.param("He met the U.S.\n\nIt ends the talks.\n", None, id="initialism, few words"),
        pytest.param(
            "Did the council know about the leak when it voted to approve the budget?\n\nIt did.\n",
            None,
            id="long question",
        ),
        pytest.param("Who knew?\nThe council did, officials said.\n", None, id="question run on"),
        pytest.param("We will win!\n\nShe said so on Monday.\n", None, id="exclamation"),
        pytest.param("***\n\nThe storm hit on Monday.\n", None, id="punctuation only"),
        # A title heads the text: a caption or related link after the first sentence is none.
        pytest.param(
            "The storm hit on Monday.\n\nA flooded street in the town\n\nIt rained.\n",
            None,
            id="line after the body began",
        ),
    ],
)
def test_headlines(text: str, title: str | None) -> None:
    assert from_text(text, path="h.txt").title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param("Intro sentence.\n\n# Storm Hits\n\nIt rained.\n", "Storm Hits", id="later"),
        pytest.param(
            "# Signed in Washington, D.C.\nIt rained.\n", "Signed in Washington, D.C.", id="stop"
        ),
        pytest.param("#\n\nIt rained.\n", None, id="empty heading"),
    ],
)
def test_markdown_heading_is_the_title(text: str, title: str | None) -> None:
    assert from_text(text, path="h.md", markdown=True).title == title
