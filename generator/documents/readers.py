"""Readers: raw commentary text -> blocks of text with their line numbers.

Three inputs occur: plain text (paragraphs separated by blank lines, or one per line),
HTML (a scraped news page), and either of them behind a YAML front matter block.

The HTML reader extracts *text only*.  Scripts, styles, frames, images, objects, forms and
hidden elements are dropped with their content; no attribute of any element is carried
(so no event handler, no ``javascript:`` URL, no remote resource survives); links keep
their words, never their targets.  What comes out is plain text that the renderer escapes,
so nothing from a news page is ever injected into the site as HTML.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import yaml

from generator.diagnostics import Diagnostic
from generator.textnorm import WS_CHARS, is_cjk
from generator.sources.yamlfile import _Loader, alias_diagnostic

# Zero-width and formatting characters that scraped pages scatter through text.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_WS_RUN = re.compile(f"[{re.escape(WS_CHARS)}\u2028\u2029\u00a0]+")
# Punctuation that sits flush against Chinese text (full-width forms, and the ASCII
# forms OCR and Word extraction substitute for them).
_TIGHT_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·,.;:?!()[]\"'%")


@dataclass
class Block:
    text: str
    line: int | None
    heading: bool = False


def _tight(ch: str) -> bool:
    return is_cjk(ch) or ch in _TIGHT_PUNCT or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF


def tidy_text(text: str) -> str:
    """Presentation clean-up of a commentary paragraph: whitespace only.

    Invisible characters are removed, whitespace runs become one space, and a space
    between two Chinese characters (or Chinese text and punctuation) is removed, since in
    Chinese it is an artefact of line wrapping or OCR, not part of the text.  Spaces
    between Latin words are kept.  No visible character is changed, added or dropped.
    """
    text = _INVISIBLE_RE.sub("", text)
    text = _WS_RUN.sub(" ", text).strip()
    if " " not in text:
        return text
    out = []
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1:
            before, after = text[i - 1], text[i + 1]
            if (not before.isascii() or not after.isascii()) and _tight(before) and _tight(after):
                continue
        out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------- plain text

def text_blocks(text: str, first_line: int = 1, *, mode: str = "blank-lines") -> list[Block]:
    """Cut plain text into blocks.

    ``blank-lines``: a block is a run of non-blank lines (the CLI's input contract);
    ``lines``: every non-blank line is a block (text extracted one paragraph per line).
    """
    blocks: list[Block] = []
    current: list[str] = []
    start = None
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        if not line.strip(WS_CHARS + INVISIBLE):
            if current:
                blocks.append(Block("\n".join(current), start))
                current, start = [], None
            continue
        if mode == "lines":
            blocks.append(Block(line, number))
            continue
        if start is None:
            start = number
        current.append(line)
    if current:
        blocks.append(Block("\n".join(current), start))
    return blocks


# --------------------------------------------------------------------------- front matter

_FRONT = re.compile(r"\A(?:[ \t\ufeff]*\n)*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, path: str) -> tuple[dict, str, int, list[Diagnostic]]:
    """(metadata, body, line number of the body's first line, diagnostics)."""
    match = _FRONT.match(text)
    if not match:
        return {}, text, 1, []
    head = match.group(1)
    body_line = text[:match.end()].count("\n") + 1
    first_line = text[:match.start(1)].count("\n") + 1
    refused = alias_diagnostic(head, path, first_line, severity="warning", suffix="; the front matter was ignored")
    if refused is not None:
        return {}, text[match.end():], body_line, [refused]
    try:
        data = yaml.load(head, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        return {}, text[match.end():], body_line, [Diagnostic(
            "warning", f"front matter is not valid YAML ({getattr(exc, 'problem', exc)}); ignored",
            path=path, line=line, code="front-matter")]
    if not isinstance(data, dict):
        data = {}
    return data, text[match.end():], body_line, []


def parse_date(value) -> str | None:
    """A date as written in front matter or text -> ``YYYY-MM-DD`` (None if unreadable)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if parsed is None:
            return None
        y, mo, d = parsed.year, parsed.month, parsed.day
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- HTML

# Elements dropped with everything inside them.
DROP_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "img", "picture", "object", "embed", "applet",
    "noscript", "template", "svg", "math", "video", "audio", "source", "track", "canvas", "map",
    "form", "input", "button", "select", "option", "textarea", "link", "meta", "head", "title", "base",
}
BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "thead", "tbody", "tr", "td",
    "th", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "body", "html", "center",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD_TAGS = {"strong", "b"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])",
                           re.I)

_HTML_HINT = re.compile(r"<\s*(?:p|div|br|span|html|body|article|section|h[1-6]|a|strong|em|li|table)\b[^>]*>",
                        re.I)


def looks_like_html(text: str, filename: str = "") -> bool:
    if filename.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return len(_HTML_HINT.findall(text[:20000])) >= 2


def _is_hidden(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(str(attrs.get("style", ""))))


ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet"}
REMOTE_ATTRS = ("src", "srcset", "data", "poster", "background", "href")


def html_safety_report(html: str, path: str, first_line: int = 1) -> list[Diagnostic]:
    """What reading a page as text neutralised, each with its line: scripts and frames,
    event handlers, ``javascript:`` links, remote resources (images, styles, media).

    Nothing of it reaches the site either way (only text is kept); the report tells the
    editor what the page carried, so a hostile or broken source does not go unnoticed.
    """
    from bs4 import BeautifulSoup

    out: list[Diagnostic] = []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        line = first_line + (tag.sourceline or 1) - 1
        name = tag.name.lower()
        if name in ACTIVE_TAGS:
            out.append(Diagnostic("warning", f"removed <{name}> element: executable content is never published",
                                  path=path, line=line, code="html-active-content"))
        for attr, value in (tag.attrs or {}).items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                out.append(Diagnostic("warning", f"removed event handler {attr}= on <{name}>",
                                      path=path, line=line, code="html-event-handler"))
            elif value.strip().lower().startswith(("javascript:", "vbscript:")):
                out.append(Diagnostic("warning", f"removed {value.split(':')[0].strip().lower()}: URL in <{name} {attr}>; "
                                      "only the link text is kept", path=path, line=line, code="html-script-url"))
            elif (attr.lower() in REMOTE_ATTRS and name != "a"
                  and re.match(r"\s*(?:https?:)?//", value, re.I)):
                out.append(Diagnostic("warning", f"removed remote resource <{name} {attr}=\"{value[:60]}\">: "
                                      "the site never loads anything from another host",
                                      path=path, line=line, code="html-remote-resource"))
    return out


def html_blocks(html: str, first_line: int = 1) -> list[Block]:
    """The text of an HTML page as blocks (one per paragraph-like element), text only."""
    from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Declaration, CData

    soup = BeautifulSoup(html, "html.parser")
    blocks: list[Block] = []
    buf: list[tuple[str, bool]] = []     # (text, inside bold/heading)
    state = {"line": None}

    def flush() -> None:
        text = "".join(t for t, _ in buf)
        visible = [(t, bold) for t, bold in buf if t.strip(WS_CHARS + INVISIBLE)]
        all_bold = bool(visible) and all(bold for _, bold in visible)
        for piece in re.split(r"\n[ \t\u3000\u00a0]*\n", text):
            if piece.strip(WS_CHARS + INVISIBLE):
                blocks.append(Block(piece, state["line"], heading=all_bold))
        buf.clear()
        state["line"] = None

    def walk(node, bold: bool) -> None:
        for child in list(node.children):
            if isinstance(child, (Comment, Doctype, ProcessingInstruction, Declaration, CData)):
                continue
            if isinstance(child, NavigableString):
                if state["line"] is None and str(child).strip():
                    parent_line = getattr(node, "sourceline", None)
                    state["line"] = (first_line + parent_line - 1) if parent_line else None
                buf.append((str(child), bold))
                continue
            name = (child.name or "").lower()
            if name in DROP_TAGS or _is_hidden(child):
                continue
            if name == "br":
                buf.append(("\n", bold))
                continue
            is_block = name in BLOCK_TAGS
            if is_block:
                flush()
            walk(child, bold or name in BOLD_TAGS or name in HEADING_TAGS)
            if is_block:
                if name in HEADING_TAGS and buf:
                    buf[:] = [(t, True) for t, _ in buf]
                flush()

    walk(soup, False)
    flush()
    return blocks
