"""Articles in: files, directories and stdin in text, Markdown, HTML, JSON and JSONL form.

Every article keeps the text that spans index into (the decoded file for text and Markdown, the
extracted main text for HTML, the record's text field for JSON) and the character ranges of that
text which are body prose rather than boilerplate, front matter or suppressed passages. Bytes
become text in decode.py; each format's reader is in readers.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck import jsonio
from claimcheck.decode import decode, read_bytes
from claimcheck.errors import LoadError
from claimcheck.model import Article
from claimcheck.readers import from_html, from_json
from claimcheck.readers import from_text as from_text  # documented as claimcheck.load.from_text

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


LOOKS_LIKE_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
THIN_PAGE = 3  # sentences: an HTML page that yields fewer is most likely not an article page


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


def _unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    unique = []
    for article in articles:
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        unique.append(replace(article, id=f"{article.id}-{count + 1}") if count else article)
    return unique
