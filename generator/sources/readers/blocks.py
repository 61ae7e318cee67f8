"""The common shape every reader produces: :class:`Block` s in a :class:`ReadDocument`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
