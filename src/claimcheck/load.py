"""Articles in: files, directories and stdin in text, Markdown, HTML, JSON and JSONL form.

Every article keeps the text that spans index into (the decoded file for text and Markdown, the
extracted main text for HTML, the record's text field for JSON) and the character ranges of that
text which are body prose rather than boilerplate, front matter or suppressed passages.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from claimcheck import jsonio, lexicon
from claimcheck.errors import LoadError, undecodable
from claimcheck.model import Article

TEXT_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
MANIFEST = "manifest.json"
STDIN_FORMATS = ("text", "markdown", "html", "json", "jsonl")
MAX_FILE_SIZE = 20 * 1024 * 1024
# Files of other kinds, told by their first bytes: (what it is, prefixes, offset of the prefix).
MAGIC: tuple[tuple[str, tuple[bytes, ...], int], ...] = (
    ("a PDF document", (b"%PDF-",), 0),
    ("an old Microsoft Office document", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), 0),
    ("a PNG image", (b"\x89PNG\r\n\x1a\n",), 0),
    ("a JPEG image", (b"\xff\xd8\xff",), 0),
    ("a GIF image", (b"GIF87a", b"GIF89a"), 0),
    ("a gzip archive", (b"\x1f\x8b",), 0),
    ("a bzip2 archive", tuple(b"BZh%d1AY&SY" % level for level in range(1, 10)), 0),
    ("an xz archive", (b"\xfd7zXZ\x00",), 0),
    ("a 7z archive", (b"7z\xbc\xaf\x27\x1c",), 0),
    ("a tar archive", (b"ustar",), 257),
)
# What a ZIP file holds, told by the names of its first members.
ZIP_KINDS = (
    (b"word/", "a Word document (docx)"),
    (b"xl/", "an Excel workbook (xlsx)"),
    (b"ppt/", "a PowerPoint presentation (pptx)"),
    (b"opendocument", "an OpenDocument file"),
    (b"epub", "an EPUB book"),
)
READS = "claimcheck reads text, Markdown, HTML and JSON"
LOOKS_LIKE_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
NEWLINES = re.compile(r"\r\n?")
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
THIN_PAGE = 3  # sentences: an HTML page that yields fewer is most likely not an article page
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


@dataclass(frozen=True, slots=True)
class Reading:
    """How input files are read: the format of stdin, the encoding and the size limit."""

    stdin_format: str | None = None  # None: text, or HTML when it starts like a web page
    encoding: str | None = None  # None: UTF-8 with or without BOM, or UTF-16 with BOM
    max_file_size: int = MAX_FILE_SIZE  # bytes; a larger input is refused


def load(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    stdin_format: str | None = None,
    reading: Reading | None = None,
) -> tuple[list[Article], list[LoadError]]:
    """Load every article under `paths` (one path, or many); bad inputs become errors and never
    stop the others. `reading` says how files are read (encoding, size limit, stdin's format)."""
    reading = reading or Reading()
    if stdin_format is not None:
        reading = replace(reading, stdin_format=stdin_format)
    articles: list[Article] = []
    errors: list[LoadError] = []
    # One path is a path, not the characters of its name.
    named = [paths] if isinstance(paths, str | os.PathLike) else paths
    for path in expand(named, errors):
        try:
            articles.extend(load_file(path, reading=reading))
        except LoadError as error:
            errors.append(error)
    return _unique_ids(articles), errors


def expand(paths: Iterable[str | os.PathLike[str]], errors: list[LoadError]) -> Iterator[str]:
    """Files named directly, then the article files inside directories, recursively and sorted."""
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in TEXT_SUFFIXES
                and f.name != MANIFEST
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                errors.append(LoadError("directory holds no article files", path=path))
            yield from (str(f) for f in found)
        elif p.exists():
            yield path
        else:
            errors.append(LoadError("no such file or directory", path=path))


def load_file(path: str, *, reading: Reading | None = None) -> list[Article]:
    """Load one file (or `-` for stdin) as one or more articles."""
    reading = reading or Reading()
    data = read_bytes(path, reading.max_file_size)
    if path == "-":
        fmt = reading.stdin_format or ("html" if LOOKS_LIKE_HTML.match(data) else "text")
    else:
        fmt = TEXT_SUFFIXES.get(Path(path).suffix.lower(), "text")
    text = decode(data, path, reading.encoding)
    del data  # a large file's bytes need not be held beside its text
    meta = _manifest_entry(path)
    if fmt == "html":
        return [_with_meta(from_html(text, path=path), meta)]
    if fmt in ("json", "jsonl"):
        return [_with_meta(a, meta) for a in from_json(text, path=path, lines=fmt == "jsonl")]
    return [_with_meta(from_text(text, path=path, markdown=fmt == "markdown"), meta)]


def read_bytes(path: str, limit: int) -> bytes:
    """The bytes of a regular file or of stdin, refusing devices, FIFOs and more than `limit`."""
    too_big = f"larger than the {size_words(limit)} limit (raise it with --max-file-size)"
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            # Opened without waiting, so that a FIFO is refused instead of read from forever.
            with os.fdopen(os.open(path, os.O_RDONLY | NONBLOCK), "rb") as stream:
                info = os.fstat(stream.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise LoadError("not a regular file (a device, FIFO or socket)", path=path)
                if info.st_size > limit:
                    raise LoadError(too_big, path=path)
                data = stream.read(limit + 1)
        except OSError as error:
            raise LoadError(error.strerror or "cannot read file", path=path) from error
    if len(data) > limit:
        raise LoadError(too_big, path=path)
    return data


def size_words(size: int) -> str:
    """A byte count as people write it: 20 MB, 512 KB, 100 bytes (binary multiples)."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def kind_of(data: bytes) -> str | None:
    """What a file is when its first bytes show it is no text: "a PDF document", ..."""
    head = data[:1024].lstrip()  # a PDF may have blank lines before its header
    for kind, prefixes, offset in MAGIC:
        if (head if offset == 0 else data[offset : offset + 8]).startswith(prefixes):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = data[:4096].lower()
        return next((kind for mark, kind in ZIP_KINDS if mark in names), "a ZIP archive")
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM, or the `encoding` given; line
    endings become "\\n"; a clear error otherwise."""
    if not data.strip():
        raise LoadError("empty file", path=path)
    kind = kind_of(data)
    if kind is not None:
        raise LoadError(f"is {kind}; {READS}", path=path)
    text = _decoded(data, path, encoding)
    return NEWLINES.sub("\n", text) if "\r" in text else text  # no copy of a long text


def _decoded(data: bytes, path: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            bad = error.object[error.start]
            reason = f"not {encoding} text (byte 0x{bad:02x} at offset {error.start})"
            raise LoadError(reason, path=path) from error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise LoadError(f"not valid UTF-16 text ({error.reason})", path=path) from error
    if b"\x00" in data[:8192]:
        raise LoadError("binary file, not text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        hint = "; name its encoding with --encoding, e.g. --encoding cp1252"
        raise LoadError(undecodable(error, bom) + hint, path=path) from error


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
        if "title" not in found and _headline_like(stripped):
            found["title"] = stripped.lstrip("#").strip() if markdown else stripped
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


def _headline_like(line: str) -> bool:
    return len(line) < 200 and not line.rstrip("\"'”’)").endswith((".", "?", "!", ":"))


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


def thin_pages(articles: Iterable[Article]) -> list[str]:
    """A warning for each web page that yields fewer than a few sentences: most likely a page
    around an article (an index, a paywall, a consent form) rather than the article."""
    from claimcheck.extract.segment import sentences

    notes = []
    for article in articles:
        if article.format != "html":
            continue
        count = len(sentences(article.text, article.body))
        if count < THIN_PAGE:
            found = "one sentence" if count == 1 else f"{count} sentences"
            notes.append(f"{article.path}: only {found} of article text found in the page")
    return notes


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


def _manifest_entry(path: str) -> dict[str, Any]:
    if path == "-":
        return {}
    manifest = Path(path).parent / MANIFEST
    if not manifest.is_file():
        return {}
    try:
        data = jsonio.loads(manifest.read_text(encoding="utf-8"), "manifest")
    except jsonio.JSONProblem as error:
        raise LoadError(error.reason, path=str(manifest), line=error.line) from error
    except (OSError, ValueError) as error:  # unreadable, or not UTF-8
        raise LoadError(f"malformed manifest: {error}", path=str(manifest)) from error
    entries = data.get("articles", {}) if isinstance(data, dict) else {}
    if not isinstance(entries, dict):
        reason = 'malformed manifest: "articles" must be an object mapping file names to fields'
        raise LoadError(reason, path=str(manifest))
    entry = entries.get(Path(path).name, {})
    return entry if isinstance(entry, dict) else {}


def _with_meta(article: Article, meta: dict[str, Any]) -> Article:
    known = {
        k: str(v)
        for k, v in meta.items()
        if k in ("id", "title", "date", "author", "outlet", "url") and v
    }
    return replace(article, **known) if known else article  # type: ignore[arg-type]


def _stem(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def _unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    unique = []
    for article in articles:
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        unique.append(replace(article, id=f"{article.id}-{count + 1}") if count else article)
    return unique
