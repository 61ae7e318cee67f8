"""Editors write notes in Markdown; render them, then keep only safe HTML.

Markdown lets an author embed raw HTML.  The rendered HTML goes through nh3 (the Rust
``ammonia`` sanitiser) with an allow-list: formatting, lists, tables, quotes and links
survive; scripts, styles, iframes, images (no remote resource may load, the site must
work offline), event handlers and ``javascript:`` URLs do not.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub",
    "span", "abbr", "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "span": {"lang"},
    "p": {"lang"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}


# Links editors write to articles: article-34, ../article-34/, shanghai-ai-2022-draft/article-5#…
ARTICLE_HREF = re.compile(r'href="(?:\.\./)*(?:([a-z0-9]+(?:-[a-z0-9]+)*)/)?article-([1-9][0-9]*)/?(#[\w-]+)?"')


def _resolve_article_links(html: str, statute_id: str) -> str:
    """Turn links to articles into md: links, which the MkDocs hook resolves per build."""
    def repl(m: re.Match) -> str:
        sid = m.group(1) or statute_id
        return f'href="md:{sid}/article-{m.group(2)}.md{m.group(3) or ""}"'
    return ARTICLE_HREF.sub(repl, html)


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset before each note (building one compiles its patterns again)."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def render_note(text: str, statute_id: str | None = None) -> str:
    html = _converter().reset().convert(text)
    # Headings inside a note sit below the page's own h2/h3 sections.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
    return _resolve_article_links(html, statute_id) if statute_id else html
