"""HTML as saved from a legislature's site: text only, in blocks, with source lines.

Parsed with BeautifulSoup on the stdlib ``html.parser`` (which reports ``sourceline``).

* Dropped with their content: script, style, noscript, iframe, frame, object, embed,
  applet, template, svg, math, canvas, audio, video, the form *controls* (input, select,
  textarea, button, option) and the whole ``<head>`` (whose <title>/<meta> go to metadata),
  and elements hidden with ``hidden`` or ``display:none`` / ``visibility:hidden``.
  A ``<form>`` element itself is kept: ASP.NET sites wrap the entire page, law included,
  in one ``<form>``; dropping it would drop the statute.
* Active content is reported as a warning, code ``html-stripped``, with its line: every
  script/iframe/object/embed/applet/frame, every ``on…=`` handler attribute and every
  ``javascript:`` URL.  Other dropped elements that held text, and hidden elements, are
  reported as info, code ``html-dropped``.  No attribute is ever carried into a block.
* ``h1``–``h6`` -> heading blocks (the first ``h1`` is the ``title``); ``br`` splits
  paragraphs; each block-level element (p, div, li, dd, blockquote, …) ends a paragraph,
  and text sitting directly in a container is a paragraph of its own; ``pre`` keeps its
  lines.  A data ``table`` -> one ``table`` block; a layout table (one cell per row, a
  nested table, a heading in a cell, or articles 第X条 in cells) is read as containers.
* Whitespace is collapsed as a browser does, except that a line break between two
  Chinese characters disappears instead of becoming a space (CSS segment-break rule).
  Full-width spaces (U+3000) and no-break spaces inside a paragraph are kept.

``metadata``: ``title`` (the first h1, else <title>), ``html_title`` (<title>),
``lang``, and each ``<meta name|property|http-equiv=… content=…>``.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction

from generator.diagnostics import Diagnostic
from generator.sources.readers.blocks import Block, ReadDocument, is_blank

ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet"}
DROP = ACTIVE | {"style", "noscript", "template", "svg", "math", "canvas", "audio", "video",
                 "input", "select", "textarea", "button", "option", "datalist", "head",
                 "link", "meta", "base", "map", "param", "source", "track", "title"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCKS = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
          "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
          "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
          "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百千零〇两0-9０-９]+条")
_NON_STRINGS = (Comment, Declaration, Doctype, CData, ProcessingInstruction)

_CJK = (r"\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff")
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\f\r]*\n[ \t\f\r\n]*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\n\r\f]+")


def collapse(text: str) -> str:
    """Browser-like whitespace collapsing (ASCII whitespace only), trimmed."""
    text = _CJK_BREAK.sub("", text)
    return _WS.sub(" ", text).strip()


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


class _Reader:
    def __init__(self, name: str):
        self.name = name or None
        self.blocks: list[Block] = []
        self.diags: list[Diagnostic] = []
        self.parts: list[str] = []
        self.start: int | None = None
        self.line = 1
        self.have_title = False

    # -- diagnostics -------------------------------------------------------------------
    def diag(self, severity: str, message: str, line: int | None, code: str, hint: str | None = None):
        self.diags.append(Diagnostic(severity, message, path=self.name, line=line, code=code, hint=hint))

    def report_dropped(self, tag: Tag) -> None:
        for inner in tag.find_all(list(ACTIVE)):  # e.g. the <script>s inside a dropped <head>
            self.diag("warning", f"removed <{inner.name}> element (active content; its content is never read)",
                      inner.sourceline, "html-stripped")
        line = tag.sourceline
        if tag.name in ACTIVE:
            self.diag("warning", f"removed <{tag.name}> element (active content; its content is never read)",
                      line, "html-stripped")
        elif tag.name not in ("head", "style", "link", "meta", "base", "title") and not is_blank(tag.get_text()):
            self.diag("info", f"dropped <{tag.name}> element with {len(collapse(tag.get_text()))} characters "
                      "of text", line, "html-dropped")

    # -- paragraphs --------------------------------------------------------------------
    def add_text(self, text: str, line: int) -> None:
        if self.start is None and not is_blank(text):
            # the block starts on the line of its first visible character
            lead = len(text) - len(text.lstrip())
            self.start = line + text[:lead].count("\n")
        if self.start is not None:
            self.parts.append(text)

    def flush(self) -> None:
        if self.start is not None:
            text = collapse("".join(self.parts))
            if text and not is_blank(text):
                self.blocks.append(Block("paragraph", text, self.start))
        self.parts = []
        self.start = None

    # -- walking -----------------------------------------------------------------------
    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self.visit(child)
                # resynchronise after the element: its source spans as many lines as its markup
                if child.sourceline:
                    self.line = max(self.line, child.sourceline + str(child).count("\n"))
            elif isinstance(child, _NON_STRINGS):
                self.line += str(child).count("\n")
            elif isinstance(child, NavigableString):
                self.add_text(str(child), self.line)
                self.line += str(child).count("\n")

    def visit(self, tag: Tag) -> None:
        if tag.sourceline:
            self.line = tag.sourceline
        name = tag.name
        if name in DROP:
            self.report_dropped(tag)
            return
        if _hidden(tag):
            if not is_blank(tag.get_text()):
                self.diag("info", f"dropped hidden <{name}> with {len(collapse(tag.get_text()))} characters of text",
                          tag.sourceline, "html-dropped", hint="hidden text is not shown to readers")
            return
        if name == "br":
            self.flush()
            return
        if name in HEADINGS:
            self.flush()
            text = collapse(" ".join(inline_text(tag)))
            if text:
                level = HEADINGS[name]
                kind = "title" if level == 1 and not self.have_title else "heading"
                self.have_title = self.have_title or kind == "title"
                self.blocks.append(Block(kind, text, tag.sourceline or self.line, level))
            return
        if name == "pre":
            self.flush()
            text = "".join(inline_text(tag, keep_breaks=True))
            first = tag.sourceline or self.line
            for k, piece in enumerate(text.split("\n")):
                if not is_blank(piece):
                    self.blocks.append(Block("paragraph", piece.strip(), first + k))
            return
        if name == "table" and not _layout_table(tag):
            self.flush()
            self.table(tag)
            return
        if name in BLOCKS:
            self.flush()
            self.walk(tag)
            self.flush()
            return
        self.walk(tag)

    def table(self, table: Tag) -> None:
        for cap in table.find_all("caption"):
            if cap.find_parent("table") is table:
                text = collapse(" ".join(inline_text(cap)))
                if text:
                    self.blocks.append(Block("paragraph", text, cap.sourceline or table.sourceline))
        rows = []
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table or _hidden(tr):
                continue
            cells = tuple(collapse(" ".join(inline_text(c))) for c in tr.find_all(["td", "th"], recursive=False)
                          if not _hidden(c))
            if any(cells):
                rows.append(cells)
        if rows:
            rows_t = tuple(rows)
            self.blocks.append(Block("table", "\n".join("\t".join(r) for r in rows_t),
                                     table.sourceline or self.line, None, rows_t))


def inline_text(tag: Tag, keep_breaks: bool = False) -> list[str]:
    """Visible text under ``tag``; <br> and block boundaries become separators."""
    out: list[str] = []
    for child in tag.children:
        if isinstance(child, Tag):
            if child.name in DROP or _hidden(child):
                continue
            if child.name == "br":
                out.append("\n" if keep_breaks else " ")
                continue
            sep = "\n" if keep_breaks else " "
            block = child.name in BLOCKS or child.name in HEADINGS
            if block:
                out.append(sep)
            out.extend(inline_text(child, keep_breaks))
            if block:
                out.append(sep)
        elif isinstance(child, NavigableString) and not isinstance(child, _NON_STRINGS):
            out.append(str(child))
    return out


def _layout_table(table: Tag) -> bool:
    """A table used to lay out the page rather than to hold data."""
    if table.find("table") is not None:
        return True
    if table.find(list(HEADINGS)) is not None:
        return True
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    widths = [len(tr.find_all(["td", "th"], recursive=False)) for tr in rows]
    if not widths or max(widths) <= 1:
        return True
    for cell in table.find_all(["td", "th"]):
        for piece in "".join(inline_text(cell, keep_breaks=True)).split("\n"):
            if _ARTICLE.match(piece):
                return True
    return False


def _active_attributes(soup: BeautifulSoup, reader: _Reader) -> None:
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            if attr.lower().startswith("on"):
                reader.diag("warning", f"removed {attr.lower()} handler on <{tag.name}>", tag.sourceline,
                            "html-stripped")
            elif isinstance(value, str) and re.match(r"\s*(?:javascript|vbscript):", value, re.I):
                reader.diag("warning", f"removed {value.strip().split(':')[0].lower()}: URL in {attr} of "
                            f"<{tag.name}>", tag.sourceline, "html-stripped")


def _metadata(soup: BeautifulSoup) -> dict:
    meta: dict = {}
    title_tag = soup.find("title")
    if title_tag is not None and collapse(title_tag.get_text()):
        meta["html_title"] = collapse(title_tag.get_text())
    html_tag = soup.find("html")
    if html_tag is not None and html_tag.get("lang"):
        meta["lang"] = html_tag.get("lang")
    for m in soup.find_all("meta"):
        key = m.get("name") or m.get("property") or m.get("http-equiv")
        if key and m.get("content") is not None:
            meta.setdefault(str(key).lower(), m.get("content"))
        elif m.get("charset"):
            meta.setdefault("charset", m.get("charset"))
    return meta


def read_html(text: str, name: str = "") -> ReadDocument:
    soup = BeautifulSoup(text, "html.parser")
    reader = _Reader(name)
    _active_attributes(soup, reader)
    reader.walk(soup)
    reader.flush()
    metadata = _metadata(soup)
    title = next((b.text for b in reader.blocks if b.kind == "title"), None) or metadata.get("html_title")
    if title:
        metadata["title"] = title
    reader.diags.sort(key=lambda d: (d.line or 0))
    return ReadDocument("html", reader.blocks, metadata, reader.diags)
