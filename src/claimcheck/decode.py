"""Bytes in, text out: a file or stdin read within a size limit, files that are no text (PDFs,
Office documents, images, archives) refused by name, and the bytes decoded."""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys

from claimcheck.errors import LoadError, undecodable

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
NEWLINES = re.compile(r"\r\n?")
NONBLOCK = getattr(os, "O_NONBLOCK", 0)


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
