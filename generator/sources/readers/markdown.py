"""Markdown as statutes are published on the web (the LawRefBook layout and its cousins).

What is read:

* YAML front matter (``---`` on line 1 … ``---`` or ``...``) -> ``metadata``.  A block that
  does not parse, or is not a mapping, is a warning and its lines are skipped; a ``---``
  that is never closed is a thematic break, not front matter.
* ``#`` … ``######`` headings (ATX; ``#标题`` without the space too, with an info
  diagnostic) and setext headings (a line underlined with ``===`` / ``---``).  The first
  level-1 heading is the ``title`` block.
* HTML comments (``<!-- INFO END -->``, ``<!-- FORCE BREAK -->``, and multi-line ones)
  are removed wherever they are.
* raw ``<script>``/``<style>``/``<iframe>``/``<object>``/``<embed>``/``<template>``
  elements are removed with their content (warning, code ``html-stripped``).
* GFM tables (a row of ``|`` cells followed by a ``---|---`` separator) -> one ``table``.
* Everything else: one non-blank line = one paragraph (statute files put one paragraph
  per line; Markdown's soft-wrap joining is deliberately not applied).

Markup removed from text: ``**bold**``, ``*em*``, ``__strong__``, ``_em_`` (not inside
words, so ``____`` form blanks survive), ``~~strike~~`` markers, ```code``` backticks,
``[text](url)`` -> text, ``![alt](src)`` -> alt, ``<url>`` -> url, inline HTML tags,
character entities, backslash escapes, a trailing hard-break ``\\``, blockquote ``>``
and bullet ``-``/``*``/``+`` markers.  Ordered-list numbers (``1.``) are law text in
statutes (the 目 under a 项) and are kept.  A line that is only HTML tags or a thematic
break (``---``, ``***``) carries no text and gives no block.
"""

from __future__ import annotations

import html as _html
import re

import yaml

from generator.diagnostics import Diagnostic
from generator.sources.readers.blocks import Block, ReadDocument, is_blank, split_lines
from generator.sources.yamlfile import alias_diagnostic

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ATX_NOSPACE = re.compile(r"^ {0,3}(#{1,6})([^#\s].*?)[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_SEP = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)")

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
# Only known HTML element names: "x<y and z>w" in law text is not a tag.
_TAG_NAMES = ("a|abbr|address|article|aside|b|big|blockquote|body|br|caption|center|cite|code|col|colgroup|"
              "dd|del|details|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|img|ins|"
              "kbd|li|main|mark|nav|ol|p|pre|q|rp|rt|ruby|s|section|small|span|strike|strong|sub|summary|sup|"
              "table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var|wbr")
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.I)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_USTRONG = re.compile(r"(?<!\w)__(?=[^\s_])(.+?)(?<=[^\s_])__(?!\w)")
_UEM = re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")

# Private-use placeholders protect escaped characters and code spans from the other rules;
# a plane the line does not already use is chosen, so a real PUA character is never touched.
_PUA_PLANES = (0xF0000, 0x100000)


def strip_inline(text: str) -> str:
    """Inline Markdown markup removed, every character of content kept."""
    saved: list[str] = []
    base = next((b for b in _PUA_PLANES if not any(b <= ord(c) < b + 0xFFFE for c in text)), None)
    if base is None or len(text) >= 0xFFFE:  # pragma: no cover - a line full of PUA characters
        base = None

    def keep(s: str) -> str:
        if base is None:
            return s
        saved.append(s)
        return chr(base + len(saved) - 1)

    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _CODE.sub(lambda m: keep(m.group(2).strip() if m.group(2).strip() else m.group(2)), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _TAG.sub("", text)
    for rx in (_STRONG, _USTRONG, _STRIKE, _EM, _UEM):
        prev = None
        while prev != text:  # nested emphasis: ***x*** and **a *b* c**
            prev, text = text, rx.sub(lambda m: m.group(1), text)
    text = _ENTITY.sub(lambda m: _html.unescape(m.group(0)), text)
    if text.endswith("\\"):
        text = text[:-1]  # hard line break marker
    if saved:
        text = re.sub(f"[{chr(base)}-{chr(base + len(saved) - 1)}]",
                      lambda m: saved[ord(m.group(0)) - base], text)
    return text.strip()


def _remove_comments(lines: list[str], name: str, diags: list[Diagnostic],
                     first: int) -> list[str]:
    """Each line with HTML comments cut out; lines wholly inside a comment become ''."""
    out = list(lines)
    in_comment = False
    opened_at = 0
    for i in range(first, len(lines)):
        line = lines[i]
        kept: list[str] = []
        pos = 0
        while pos <= len(line):
            if in_comment:
                end = line.find("-->", pos)
                if end < 0:
                    pos = len(line) + 1
                    break
                in_comment = False
                pos = end + 3
            else:
                start = line.find("<!--", pos)
                if start < 0:
                    kept.append(line[pos:])
                    break
                kept.append(line[pos:start])
                in_comment = True
                opened_at = i + 1
                pos = start + 4
        out[i] = "".join(kept)
    if in_comment:
        diags.append(Diagnostic(
            "warning", "an HTML comment (<!--) is never closed; the rest of the file was read as comment",
            path=name or None, line=opened_at, code="md-unclosed-comment",
            hint="close it with -->"))
    return out


_ACTIVE_HTML = re.compile(r"<(script|style|iframe|object|embed|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)


def _remove_active_html(lines: list[str], name: str, diags: list[Diagnostic], first: int) -> list[str]:
    """Raw <script>/<style>/… blocks (one line or many) removed with their content.

    Newlines inside are kept, so every later line keeps its number.
    """
    body = "\n".join(lines[first:])
    if "<" not in body:
        return lines

    def drop(m: re.Match) -> str:
        line = first + body.count("\n", 0, m.start()) + 1
        diags.append(Diagnostic(
            "warning", f"removed raw <{m.group(1).lower()}> element (its content is never read)",
            path=name or None, line=line, code="html-stripped"))
        return "\n" * m.group(0).count("\n")

    body = _ACTIVE_HTML.sub(drop, body)
    return lines[:first] + body.split("\n")


def _front_matter(lines: list[str], name: str, diags: list[Diagnostic]) -> tuple[dict, int]:
    """(metadata, index of the first body line)."""
    if not lines or lines[0].rstrip() != "---":
        return {}, 0
    for j in range(1, len(lines)):
        if lines[j].rstrip() in ("---", "..."):
            break
    else:
        diags.append(Diagnostic(
            "warning", "line 1 opens YAML front matter (---) that is never closed; read as Markdown",
            path=name or None, line=1, code="md-front-matter",
            hint="close the front matter with a line holding only ---"))
        return {}, 1  # the lone --- is a thematic break
    body = "\n".join(lines[1:j])
    refused = alias_diagnostic(body, name or "", 2, severity="warning",
                               suffix=f"; front matter (lines 1-{j + 1}) skipped")
    if refused is not None:
        diags.append(refused)
        return {}, j + 1
    try:
        data = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        diags.append(Diagnostic(
            "warning", f"front matter (lines 1-{j + 1}) is not valid YAML ({problem}); its lines were skipped",
            path=name or None, line=line, code="md-front-matter",
            hint="fix the YAML, or remove the --- lines if this is not front matter"))
        return {}, j + 1
    if data is None:
        data = {}
    if not isinstance(data, dict):
        diags.append(Diagnostic(
            "warning", f"front matter (lines 1-{j + 1}) is a {type(data).__name__}, not a mapping of keys; "
            "its lines were skipped", path=name or None, line=1, code="md-front-matter",
            hint="write it as key: value lines"))
        return {}, j + 1
    return {str(k): v for k, v in data.items()}, j + 1


def _cells(line: str) -> tuple[str, ...]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = re.split(r"(?<!\\)\|", s)
    return tuple(strip_inline(p.replace("\\|", "|")) for p in parts)


def _heading_block(text: str, level: int, line: int, have_title: bool) -> Block:
    kind = "title" if level == 1 and not have_title else "heading"
    return Block(kind, text, line, level)


def _atx_heading(line: str, lineno: int, name: str, diags: list[Diagnostic]) -> tuple[str, int] | None:
    """(text, level) of a ``#`` heading line (also ``#标题`` without the space, noted)."""
    m = _ATX.match(line)
    if m:
        return strip_inline(m.group(2) or ""), len(m.group(1))
    m = _ATX_NOSPACE.match(line)
    if m:
        level = len(m.group(1))
        diags.append(Diagnostic(
            "info", f"line {lineno} starts with {m.group(1)} but no space; read as a level-{level} heading",
            path=name or None, line=lineno, code="md-heading-no-space",
            hint=f"write '{m.group(1)} {m.group(2)[:10]}…'"))
        return strip_inline(m.group(2)), level
    return None


def _table(lines: list[str], i: int) -> tuple[Block, int] | None:
    """A GFM table starting at line ``i``: (its block, the index after it)."""
    line, n = lines[i], len(lines)
    if not ("|" in line and i + 1 < n and _TABLE_SEP.match(lines[i + 1]) and "-" in lines[i + 1]
            and ("|" in lines[i + 1] or line.strip().startswith("|"))):
        return None
    rows = [_cells(line)]
    j = i + 2
    while j < n and not is_blank(lines[j]) and "|" in lines[j]:
        rows.append(_cells(lines[j]))
        j += 1
    rows_t = tuple(rows)
    return Block("table", "\n".join("\t".join(r) for r in rows_t), i + 1, None, rows_t), j


class _Blocks:
    """The blocks read so far, and whether the title has been seen."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.have_title = False

    def heading(self, text: str, level: int, line: int) -> None:
        if text:
            self.blocks.append(_heading_block(text, level, line, self.have_title))
            self.have_title = self.have_title or self.blocks[-1].kind == "title"


def read_markdown(text: str, name: str = "") -> ReadDocument:
    diags: list[Diagnostic] = []
    raw_lines = split_lines(text)
    metadata, first = _front_matter(raw_lines, name, diags)
    lines = _remove_comments(raw_lines, name, diags, first)
    lines = _remove_active_html(lines, name, diags, first)

    out = _Blocks()
    blocks = out.blocks
    fence: str | None = None
    prev_para = -1  # index (into lines) of the line that produced the last paragraph block
    i, n = first, len(lines)
    while i < n:
        line, lineno = lines[i], i + 1
        i += 1
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            elif not is_blank(line):
                blocks.append(Block("paragraph", line.strip(), lineno))
            continue
        if is_blank(line):
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            continue
        heading = _atx_heading(line, lineno, name, diags)
        if heading:
            out.heading(heading[0], heading[1], lineno)
            continue
        m = _SETEXT.match(line)
        if m and prev_para == lineno - 2 and blocks and blocks[-1].kind == "paragraph":
            last = blocks.pop()
            out.heading(last.text, 1 if m.group(1)[0] == "=" else 2, last.line)
            prev_para = -1
            continue
        if _RULE.match(line):
            continue
        table = _table(lines, lineno - 1)
        if table:
            blocks.append(table[0])
            i = table[1]
            continue
        content = strip_inline(_BULLET.sub("", _QUOTE.sub("", line)))
        if content and not is_blank(content):
            blocks.append(Block("paragraph", content, lineno))
            prev_para = lineno - 1
    return ReadDocument("markdown", blocks, metadata, diags)
