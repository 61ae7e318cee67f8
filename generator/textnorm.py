"""Text normalisation shared by every stage.

Two different jobs live here and must not be confused:

* *presentation* clean-up (:func:`tidy`): collapse runs of whitespace, trim.  It never
  changes a character of law text; it only touches whitespace.
* *comparison* keys (:func:`fold`, :func:`source_hash`): width folding
  and whitespace removal, used to compare copies and to hash segments.  Never displayed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Whitespace as it occurs in extracted Chinese documents: ASCII, ideographic space,
# no-break space, zero-width characters and the BOM left in the middle of files.
WS_CHARS = " \t\r\n\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_WS_RUN = re.compile(f"[{re.escape(WS_CHARS)}]+")

# Punctuation that can end a sentence, a paragraph or an item in a statute.
SENTENCE_END = "。！？!?"
CLAUSE_END = SENTENCE_END + "；;：:"
CLOSERS = "”’」』)）】"


def is_ws(ch: str) -> bool:
    return ch in WS_CHARS


def tidy(text: str) -> str:
    """Collapse whitespace runs to one ASCII space and trim.  Nothing else changes."""
    return _WS_RUN.sub(" ", text).strip()


def strip_all_ws(text: str) -> str:
    return _WS_RUN.sub("", text)


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF) or (0xF900 <= code <= 0xFAFF) or (0x20000 <= code <= 0x3134F)


def fold_char(ch: str) -> str:
    """Width-fold one character (full-width ASCII forms -> ASCII), one char in, one out."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def fold(text: str) -> str:
    """Width-fold every character; keeps length and positions (so offsets still map)."""
    return "".join(fold_char(c) for c in text)


def normalise_for_hash(text: str) -> str:
    """The normalised Chinese text whose SHA-256 identifies a segment's source.

    NFKC then whitespace removal: a change of punctuation width or spacing does not
    make a reviewed translation stale; a change of any character does.
    """
    return strip_all_ws(unicodedata.normalize("NFKC", text))


def source_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def ends_clause(text: str) -> bool:
    """True if ``text`` ends the way a complete paragraph or item ends."""
    stripped = text.rstrip(WS_CHARS + CLOSERS)
    return bool(stripped) and stripped[-1] in CLAUSE_END


def shorten(text: str, width: int = 24, *, tail: bool = False) -> str:
    """A short quotation for messages: the start (or the end) of ``text``."""
    text = tidy(text)
    if len(text) <= width:
        return text
    return ("…" + text[-width:]) if tail else (text[:width] + "…")
