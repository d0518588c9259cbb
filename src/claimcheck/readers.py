"""Each input format's reader, from decoded text to an Article: plain text and Markdown (front
matter, title, dateline, byline, body lines), saved web pages and JSON records."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from claimcheck import jsonio, lexicon
from claimcheck.errors import LoadError
from claimcheck.model import Article
from claimcheck.normalise import WORD, title_case

TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
DISABLE = re.compile(r"<!--\s*claimcheck-disable\s*-->")
ENABLE = re.compile(r"<!--\s*claimcheck-enable\s*-->")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
DATELINE = re.compile(
    r"^(?:\w+,\s*)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2})?,?\s+\d{4}(?:,?\s*\w+)?(?:,?\s*\d{1,2}:\d{2}\s*(?:am|pm)?)?$"
    r"|^\d{4}-\d{2}-\d{2}(?:[T ][\d:]+Z?)?$",
    re.IGNORECASE,
)


def from_text(
    text: str,
    *,
    path: str,
    markdown: bool = False,
    article_id: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """An article from plain text or Markdown: front matter, title, dateline, byline, body."""
    if jsonio.SURROGATE.search(text):  # text given in memory: no report could encode one
        text = jsonio.SURROGATE.sub("\ufffd", text)
    fields: dict[str, Any] = {}
    skip_until = 0
    front = FRONT_MATTER.match(text) if markdown or text.startswith("---") else None
    if front:
        fields.update(_front_matter(front.group(1)))
        skip_until = front.end()
    fields.update({k: v for k, v in (meta or {}).items() if v})
    body, found = _body_ranges(text, skip_until, markdown=markdown)
    for key, value in found.items():
        fields.setdefault(key, value)
    return Article(
        id=article_id or _stem(path),
        path=path,
        text=text,
        body=tuple(body),
        format="markdown" if markdown else "text",
        **{
            k: (str(v) if v is not None else None)
            for k, v in fields.items()
            if k in ("title", "date", "author", "outlet", "url")
        },
    )


def _body_ranges(
    text: str, start: int, *, markdown: bool
) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """Character ranges of prose lines, and the title, dateline and author found on the way."""
    found: dict[str, str] = {}
    ranges: list[tuple[int, int]] = []
    boiler = _boilerplate()
    disabled = False
    offset = 0
    lines = text.split("\n")  # a JSON record's text may still hold "\r\n"
    for index, full in enumerate(lines):
        line_start, offset = offset, offset + len(full) + 1
        line = full.removesuffix("\r")
        if line_start < start:
            continue
        stripped = line.strip()
        if DISABLE.search(line):
            disabled = True
        if ENABLE.search(line):
            disabled = False
            continue
        if disabled or not stripped or (markdown and stripped.startswith("<!--")):
            continue
        lowered = stripped.lower()
        if DATELINE.match(stripped):
            found.setdefault("date", _parse_date(stripped))
            continue
        if boiler.fullmatch(lowered):
            author = _author(stripped, lines, index)
            if author:
                found.setdefault("author", author)
            continue
        if "title" not in found:
            if markdown and stripped.startswith("#"):  # Markdown's own heading, wherever it is
                if heading := stripped.lstrip("#").strip():
                    found["title"] = heading
            elif not ranges:  # a title heads the text: a line after the body has begun is none
                after = lines[index + 1].strip() if index + 1 < len(lines) else ""
                alone = not after or bool(DATELINE.match(after) or boiler.fullmatch(after.lower()))
                if _headline_like(stripped, alone=alone):
                    found["title"] = stripped
        ranges.append((line_start, line_start + len(line)))
    return ranges, found


@cache
def _boilerplate() -> re.Pattern[str]:
    patterns = "|".join(f"(?:{p})" for p in sorted(lexicon.words("boilerplate")))
    return re.compile(patterns, re.IGNORECASE)


def _author(line: str, lines: list[str], index: int) -> str | None:
    match = re.match(r"(?:by|author:?|written by)\s+(.+)", line, re.IGNORECASE)
    if match:
        return match.group(1).strip()
    if line.lower() == "author":  # a name printed on the line before a bare "Author" label
        before = [x.strip() for x in lines[max(0, index - 4) : index] if x.strip()]
        return before[-1] if before else None
    return None


# A headline's last word may end in a full stop of its own ("From the I.R.S.", "G.O.P.").
INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")
QUESTION_WORDS = 12  # a question this short, on a line of its own, is a headline


def _headline_like(line: str, *, alone: bool) -> bool:
    """Whether the first line of a text reads as its headline: short, with a letter or digit, and
    no sentence (no final full stop, question mark, exclamation mark or colon), but for two
    headlines' endings: an initialism after words in title case ("Gay Marriages Get Recognition
    From the I.R.S."), and a short question that a blank line, a dateline or a byline follows
    ("Who is Dave Brat?"). `alone` says whether one does."""
    if len(line) >= 200 or not WORD.search(line):
        return False
    end = line.rstrip("\"'”’)")
    if not end.endswith((".", "?", "!", ":")):
        return True
    if end.endswith("?"):
        return alone and len(end.split()) <= QUESTION_WORDS
    initialism = INITIALISM.search(end)
    return initialism is not None and title_case(end[: initialism.start()])


def _parse_date(text: str) -> str:
    import dateparser  # imported here: it is slow to import and only datelines need it

    parsed = dateparser.parse(  # English only: guessing the language costs a second or more
        text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    )
    return parsed.date().isoformat() if parsed else text


def _front_matter(block: str) -> dict[str, str]:
    fields = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    if "source" in fields and "outlet" not in fields:
        fields["outlet"] = fields["source"]
    return fields


def from_html(html: str, *, path: str) -> Article:
    """Main text and metadata of a saved web page, extracted with trafilatura."""
    import trafilatura  # heavy import, only for HTML inputs

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    doc: dict[str, Any] | None = (
        document if isinstance(document, dict) or document is None else document.as_dict()
    )
    text = str((doc or {}).get("text") or "")
    if doc is None or not text.strip():
        raise LoadError("no article text found in HTML page", path=path)
    meta = {
        "title": doc.get("title"),
        "author": doc.get("author"),
        "date": doc.get("date"),
        "outlet": doc.get("sitename"),
        "url": doc.get("url"),
    }
    article = from_text(text, path=path, meta=meta)
    return replace(article, format="html")


def from_json(text: str, *, path: str, lines: bool) -> list[Article]:
    """Articles from a JSON record, a list of records, or JSON Lines."""
    records: list[tuple[int, Any]] = []
    if lines:
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                records.append((number, _parse_json(line, path, number)))
    else:
        data = _parse_json(text, path, None)
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        records = [(1, r) for r in data] if isinstance(data, list) else [(1, data)]
        if not records:
            raise LoadError("no articles: the JSON holds an empty list", path=path)
    stem = _stem(path)
    many = len(records) > 1
    return [
        _from_record(record, path=path, line=line, default_id=f"{stem}-{n}" if many else stem)
        for n, (line, record) in enumerate(records, 1)
    ]


def _parse_json(text: str, path: str, line: int | None) -> Any:
    try:
        return jsonio.loads(text)
    except jsonio.JSONProblem as error:
        raise LoadError(
            error.reason, path=path, line=line if line is not None else error.line
        ) from error


def _from_record(record: Any, *, path: str, line: int, default_id: str) -> Article:
    if not isinstance(record, dict):
        raise LoadError("expected a JSON object per article", path=path, line=line)
    key = next((k for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
    if key is None:
        present = next((k for k in TEXT_FIELDS if record.get(k) is not None), None)
        problem = f'field "{present}" is not text' if present else 'missing field "text"'
        raise LoadError(problem, path=path, line=line)
    meta = {
        "title": record.get("title") or record.get("headline"),
        "date": record.get("date") or record.get("published"),
        "author": record.get("author"),
        "outlet": record.get("outlet") or record.get("source"),
        "url": record.get("url"),
    }
    text = record[key]  # as it is: spans index the field itself
    if not text.strip():
        raise LoadError(f'empty field "{key}"', path=path, line=line)
    article_id = str(record.get("id") or default_id)
    return replace(from_text(text, path=path, article_id=article_id, meta=meta), format="json")


def _stem(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem
