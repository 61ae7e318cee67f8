"""Which reader a file needs: by content first, the file name's extension as tiebreak.

1. A zip (``PK\\x03\\x04``) holding ``word/document.xml`` is docx.
2. Text whose first tag is ``<!doctype html``, ``<html``, ``<head`` or ``<body``, or that has
   a ``<body`` / ``<html`` tag near the top, is html.
3. Markdown markers: front matter (``---`` on line 1), an ATX heading line (``# `` …
   ``###### ``), or an HTML comment ``<!-- `` -> markdown.
4. Otherwise text.

The extension breaks ties: content that only looks like Markdown because of ``<!--`` in a
``.html``/``.htm`` file (an HTML fragment without ``<html>``) is html, as is a fragment
that starts with a block tag (``<p``, ``<div``, ``<h1`` …) in such a file; text in a
``.md``/``.markdown`` file is markdown; text in a ``.html`` file is html; a ``.docx`` that
is not a Word zip goes to the docx reader, which reports it as unreadable.
"""

from __future__ import annotations

import io
import re
import zipfile

_HEAD = 65536
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_HTML_ANY = re.compile(rb"<(?:html|body)[\s>]", re.I)
_HTML_FRAGMENT = re.compile(rb"^\s*<(?:p|div|h[1-6]|table|section|article|span|font|center|meta|title)[\s>/]",
                            re.I)
_MD_HEADING = re.compile(rb"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MD_FRONT = re.compile(rb"^---[ \t]*\r?\n")
_MD_COMMENT = re.compile(rb"<!--")

MD_EXT = {".md", ".markdown", ".mdown", ".mkd"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
DOCX_EXT = {".docx"}
TEXT_EXT = {".txt", ".text"}


def _ext(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[-1] if "." in base else ""


def _is_docx(raw: bytes) -> bool:
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def sniff(raw: bytes) -> str:
    """The format the content alone suggests."""
    if _is_docx(raw):
        return "docx"
    head = raw[:_HEAD]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTML_START.match(head) or _HTML_ANY.search(head[:4096]):
        return "html"
    if _MD_FRONT.match(head) or _MD_HEADING.search(head) or _MD_COMMENT.search(head):
        return "markdown"
    return "text"


def detect_format(name: str, raw: bytes | str) -> str:
    """``"docx"``, ``"html"``, ``"markdown"`` or ``"text"`` for the file ``name`` holding ``raw``."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    found = sniff(raw)
    ext = _ext(name)
    if found in ("docx", "html"):
        return found
    if ext in HTML_EXT:
        head = raw[:_HEAD].lstrip(b"\xef\xbb\xbf")
        if found == "text" or _HTML_FRAGMENT.match(head) or not _MD_HEADING.search(head):
            return "html"
    if found == "text" and ext in DOCX_EXT:
        return "docx"  # not a zip: the docx reader says so clearly
    if found == "text" and ext in MD_EXT:
        return "markdown"
    return found
