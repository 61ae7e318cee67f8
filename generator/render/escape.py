"""One escaping rule per output context.  Every string from an input (source text, the
manifest, annotations, the glossary, commentary, file names) reaches a page through one of
these, chosen by where it lands:

* :func:`text`: HTML text inside a Markdown page (a raw HTML block, a list item, a link
  label, a table cell).  HTML-escaped, and every character Markdown could read as syntax
  (links, images, attribute lists ``{: …}``, emphasis, code, headings, tables, escapes) is
  written as a numeric character reference, which Markdown leaves alone and the browser
  shows as the character.  Line breaks become ``&#10;``, so input can never end a raw HTML
  block (a blank line) and start Markdown of its own.
* :func:`attr`: an attribute value inside a tag the generator writes (quoted with ``"``).
* :func:`url`: an ``href``: only http(s), mailto, in-page and relative URLs; anything else
  (``javascript:``, ``data:``, ``vbscript:``, …, however encoded) becomes ``#``.
* :func:`nav_title`: a navigation title.  MkDocs and Material insert nav titles into the
  page without escaping (``{{ nav_item.title }}``), so they are HTML-escaped here.
* :func:`head`: a front-matter value that Material puts into ``<title>`` and
  ``<meta name="description">`` unescaped: HTML-escaped, one line, then quoted for YAML.

Note bodies are the one input that is Markdown; they are rendered and then sanitised with
nh3 (:mod:`generator.render.safe_markdown`).
"""

from __future__ import annotations

import html
import re

# Characters Markdown (with attr_list, tables, toc) can read as syntax anywhere in a line;
# ``(``/``)`` only follow a ``]``, ``:`` only an attribute list's ``{``, so they stay.
_MD_SYNTAX = "\\`*_{}[]#|~^!<>&\"'"
_TEXT = {ch: f"&#{ord(ch)};" for ch in _MD_SYNTAX}
# At the start of a line: lists (- + * 1.), setext headings (=), indented code.
_LINE_START = re.compile(r"^(?:[-+=]|[ \t]|\d+(?=[.)]))")
_TEXT.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
# One regular-expression pass (most text has none of these: Chinese text, an English
# sentence with an apostrophe) costs a fraction of str.translate's lookup of every character.
_TEXT_SPECIAL = re.compile("[" + re.escape(_MD_SYNTAX) + "]")
# Controls (other than tab and newline) have no business in a page; C1 and NUL neither.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def _clean(value: str | None) -> str:
    return _CONTROL.sub("\ufffd", value or "")


def _text_entity(match: re.Match) -> str:
    return _TEXT[match.group()]


def text(value: str | None) -> str:
    """Text in a Markdown page: can only ever be text (see the module docstring)."""
    out = _TEXT_SPECIAL.sub(_text_entity, _clean(value))
    out = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), out)
    return _LINE_BREAK.sub("&#10;", out)


def attr(value: str | None) -> str:
    """A double-quoted attribute value of a tag the generator writes."""
    return _LINE_BREAK.sub("&#10;", html.escape(_clean(value), quote=True))


def url_is_safe(value: str | None) -> bool:
    """http(s), mailto, ``md:`` page links, or relative/in-page (no scheme at all).

    The scheme is read as a browser reads it: entities decoded, controls and spaces dropped.
    """
    seen = _IGNORED_IN_URL.sub("", html.unescape(value or ""))
    m = _SCHEME.match(seen)
    if m is None:
        return not seen.startswith(("//", "\\\\", "/\\", "\\/"))
    return m.group(1).lower() in (*SAFE_SCHEMES, "md")


def url(value: str | None) -> str:
    """An ``href`` value: the URL attribute-escaped if its scheme is allowed, else ``#``."""
    return attr(value) if url_is_safe(value) else "#"


def nav_title(value: str | None) -> str:
    """A navigation title (inserted into the page unescaped by MkDocs/Material)."""
    return " ".join(html.escape(_clean(value), quote=True).split())


def head(value: str | None) -> str:
    """A front-matter value for ``<title>``/``<meta name=description>``, quoted for YAML."""
    one_line = " ".join(html.escape(_clean(value), quote=True).split())
    return '"' + one_line.replace("\\", "\\\\").replace('"', '\\"') + '"'
