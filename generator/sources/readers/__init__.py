"""Readers: a statute file as found in the wild -> one common shape for the parser.

A statute reaches us as plain text, Markdown (e.g. the LawRefBook corpus), HTML saved from
a legislature's site, or a .docx downloaded from the national law database
(flk.npc.gov.cn).  Each reader says what is a title, a heading, a paragraph or a table, and
where in the original file each block starts.  It removes markup only: every character of
law text in the input is in some block, in order (whitespace aside).  Finding 第X章/第X条
in the text is the parser's job, not the reader's.

Line numbers (``Block.line``, 1-based) by format:

* text, markdown: the line of the original file (after a UTF-8 BOM, which is not a line);
  ``\\r\\n``, ``\\r`` and ``\\n`` each end a line.
* html: the source line of the element (or text) the block starts at, as reported by
  the stdlib ``html.parser`` through BeautifulSoup's ``sourceline``.
* docx: there are no lines; ``line`` is the 1-based position of the body-level item
  (paragraph, or whole table) in document order.  With no tables this is the paragraph
  index.

Pure functions: nothing here reads or writes files; callers hand over bytes or text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Block", "ReadDocument", "FORMATS", "detect_format", "read_document", "decode_utf8",
           "split_lines", "is_blank"]

FORMATS = ("text", "markdown", "html", "docx")

# Zero-width / invisible characters: a line holding only these (and whitespace) is blank.
# They are NOT removed from lines that carry text (original characters are kept).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Block:
    """One unit of the document.

    ``kind`` is "title" (the document's title: first level-1 heading / first h1 / the docx
    Title paragraph), "heading", "paragraph" or "table".  Comments are dropped, never blocks.
    ``text`` is plain text with markup removed; for tables it is the cells joined by a tab,
    rows by a newline, and ``rows`` holds the cells.
    """

    kind: str
    text: str
    line: int
    level: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass
class ReadDocument:
    format: str
    blocks: list[Block]
    metadata: dict = field(default_factory=dict)
    diagnostics: list = field(default_factory=list)

    @property
    def title(self) -> str | None:
        for b in self.blocks:
            if b.kind == "title":
                return b.text
        t = self.metadata.get("title")
        return t if isinstance(t, str) and t.strip() else None


def is_blank(line: str) -> bool:
    """True for a line of only whitespace and invisible characters (e.g. a lone U+200B)."""
    return all(ch.isspace() or ch in INVISIBLE for ch in line)


def split_lines(text: str) -> list[str]:
    """The file's lines, without terminators; index 0 is line 1."""
    return _LINE_BREAK.split(text)


def decode_utf8(raw: bytes | str, name: str, fmt: str = "text") -> str:
    """UTF-8 with an optional BOM; anything else is a ValueError naming the byte offset.

    (The project's shared decoder, which knows GB18030 and friends, replaces this later.)
    """
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    data = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(raw) - len(data))
        hint = ""
        if fmt == "html":
            m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", raw[:4096], re.I)
            if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
                hint = f" (the page declares charset {m.group(1).decode('ascii', 'replace')})"
        raise ValueError(
            f"{name}: not valid UTF-8 at byte offset {offset} "
            f"(byte 0x{raw[offset]:02x}){hint}; convert the file to UTF-8") from exc


def detect_format(name: str, raw: bytes | str) -> str:
    from .detect import detect_format as _detect
    return _detect(name, raw)


def read_document(raw: bytes | str, name: str, fmt: str | None = None) -> ReadDocument:
    """Read ``raw`` (the file's bytes, or already-decoded text) as ``fmt``.

    ``fmt`` overrides detection (the manifest can force a format); without it the format
    is detected from the content, the file name's extension breaking ties.
    """
    if fmt is None:
        fmt = detect_format(name, raw)
    if fmt not in FORMATS:
        raise ValueError(f"{name}: unknown source format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt == "docx":
        if isinstance(raw, str):
            raise ValueError(f"{name}: a .docx must be given as bytes, not text")
        from .docx import read_docx
        return read_docx(raw, name)
    text = decode_utf8(raw, name, fmt)
    if fmt == "text":
        from .text import read_text
        return read_text(text, name)
    if fmt == "markdown":
        from .markdown import read_markdown
        return read_markdown(text, name)
    from .html import read_html
    return read_html(text, name)
