"""The theme's own captions in the reader's language.

Navigation entries, the header's title, the footer's previous/next links and the site name
are written by Material from plain "中文 · English" titles, and many headings and links in
the content are written so too.  After MkDocs renders a page,
each such caption outside the page's content is split into a bilingual caption
(``<span class="bi">``, as :func:`generator.render.html.bi` writes in the content), so the
Chinese and English views show one language (statute.css) and the side-by-side view both.

Only text between tags is touched, and it is already escaped by the template: the halves
are wrapped as they are, never unescaped.  ``<head>`` (the ``<title>``) and the text of
``<script>``, ``<style>`` and ``<textarea>`` elements are left alone.
"""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u9fff]")
# Text between two tags, and the tag before a caption.  Written so a match costs time linear
# in its length (a lazy run between two optional whitespace runs is quadratic on the theme's
# long indentation runs); the whitespace around the text is split off in Python.
_TEXT_RUN = re.compile(r">([^<>]+)<")
_CONTENT = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.S)
# In the content, only captions: the first text of a heading, summary, link, button, label or table cell.
_CAPTION = re.compile(r"(<(?:h[1-6]|summary|a|button|label|th|td|dt)\b[^<>]*>)([^<>]+)<")
SEP = " · "


def split_caption(text: str) -> str | None:
    """``"第一章 总则 · Chapter 1"`` → the bilingual caption's HTML; None when the text is not
    exactly one Chinese half and one half without Chinese."""
    parts = text.split(SEP)
    if len(parts) != 2:
        return None
    first, second = (bool(_HAN.search(p)) for p in parts)
    if first == second:
        return None
    zh, en = (parts[0], parts[1]) if first else (parts[1], parts[0])
    zh_html, en_html = f'<span lang="zh-Hans">{zh}</span>', f'<span lang="en">{en}</span>'
    halves = (zh_html, en_html) if first else (en_html, zh_html)
    return f'<span class="bi">{halves[0]}<span class="bi-sep">{SEP}</span>{halves[1]}</span>'


# Elements whose text is not markup: never touched.
_RAW = re.compile(r"<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>", re.S | re.I)


def _outside_raw(html: str, change) -> str:
    out, pos = [], 0
    for match in _RAW.finditer(html):
        out.append(change(html[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(html[pos:]))
    return "".join(out)


def _bilingual_run(text: str) -> str | None:
    """A text run (between two tags) with its caption made bilingual, its surrounding
    whitespace kept; None when it is not a caption."""
    if not _HAN.search(text):
        return None
    stripped = text.strip()
    caption = split_caption(stripped) if stripped else None
    if caption is None:
        return None
    start = text.index(stripped)
    return f"{text[:start]}{caption}{text[start + len(stripped):]}"


def _chrome(html: str) -> str:
    def wrap(match: re.Match) -> str:
        run = _bilingual_run(match.group(1))
        return match.group(0) if run is None else f">{run}<"
    return _outside_raw(html, lambda part: _TEXT_RUN.sub(wrap, part))


def _captions(html: str) -> str:
    def wrap(match: re.Match) -> str:
        run = _bilingual_run(match.group(2))
        return match.group(0) if run is None else f"{match.group(1)}{run}<"
    return _outside_raw(html, lambda part: _CAPTION.sub(wrap, part))


# The footer's previous/next links: Material names them by an aria-label ("Next: 第六十六条 · Art. 66",
# escaped twice), which cannot follow the reader's view; without it a link is named by what it
# shows ("Next Art. 66" in the English view), as axe's label-content-name-mismatch requires.
_FOOTER_LABEL = re.compile(r'(<a [^>]*class="md-footer__link[^"]*"[^>]*?) aria-label="[^"]*"')


def _footer_labels(html: str) -> str:
    return _FOOTER_LABEL.sub(r"\1", html)


def bilingual_chrome(html: str) -> str:
    """The page with the theme's captions (outside ``<head>``) and the content's captions
    ("Glossary · 术语表" headings, links, summaries) made bilingual."""
    body = html.find("<body")
    if body < 0:
        return html
    head, rest = html[:body], html[body:]
    out, pos = [], 0
    for match in _CONTENT.finditer(rest):
        out.append(_chrome(rest[pos:match.start()]))
        out.append(_captions(match.group(0)))
        pos = match.end()
    out.append(_chrome(rest[pos:]))
    return head + _footer_labels("".join(out))
