"""One escaping rule per context (generator/render/escape.py), checked by rendering each
hostile payload through Python-Markdown with the site's extensions and parsing the HTML:
input never becomes an element, an attribute, a link or Markdown syntax."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from generator.render import escape
from generator.render.site import escape_nav
from tests.conftest import REPO

PAYLOADS = yaml.safe_load((REPO / "tests" / "data" / "hostile_inputs.yaml").read_text(encoding="utf-8"))["payloads"]
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Elements:
    p = Elements()
    p.feed(page)
    p.close()
    return p


# Where generated pages put escaped text: a list item, a link label, a raw HTML block,
# a table cell, a heading.
CONTEXTS = {
    "list item": ("- see {x}\n", {"ul", "li"}),
    "link label": ("[{x}](other.md)\n", {"p", "a"}),
    "html block": ('<div class="seg en" lang="en">{x}</div>\n\nafter\n', {"div", "p"}),
    "inline html": ('Text <span class="x">{x}</span> more\n', {"p", "span"}),
    "table cell": ("| a | b |\n|---|---|\n| {x} | y |\n", {"table", "thead", "tbody", "tr", "th", "td"}),
    "heading": ("## {x} {{ #h }}\n", {"h2", "a"}),
}


@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_text_never_becomes_markup(context):
    template, allowed = CONTEXTS[context]
    for payload in PAYLOADS:
        out = markdown.markdown(template.format(x=escape.text(payload)), extensions=EXTENSIONS)
        doc = parse(out)
        tags = {t for t, _ in doc.tags}
        assert tags <= allowed, (payload, out)
        for tag, attrs in doc.tags:
            assert not any(k.startswith("on") for k in attrs), (payload, out)
            assert set(attrs) <= {"class", "lang", "href", "id", "title"}, (payload, out)
            if tag == "a" and "href" in attrs:
                assert attrs["href"] in ("other.md", "#h"), (payload, out)
        # and the reader sees the payload itself (line breaks aside)
        shown = " ".join("".join(doc.text).split())
        assert " ".join(payload.replace("\x00", "\ufffd").split()) in shown or context == "table cell", (payload, shown)


def test_url_allows_only_http_mailto_and_relative():
    for good in ("https://example.org/a?b=1", "http://x.y", "mailto:a@b.c", "../article-5/", "#p-3", "md:a/b.md#x"):
        assert escape.url(good) == html.escape(good, quote=True)
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "jav\tascript:alert(1)",
                "jav&#x09;ascript:alert(1)", "javascript&#58;alert(1)", "data:text/html,<script>", "vbscript:x",
                "//evil.example/x", "\\\\evil\\x", "\x01javascript:alert(1)"):
        assert escape.url(bad) == "#", bad


def test_attribute_values_stay_in_their_quotes():
    for payload in PAYLOADS:
        doc = parse(f'<span title="{escape.attr(payload)}">x</span>')
        assert doc.tags == [("span", {"title": payload.replace("\x00", "\ufffd")})], payload


def test_head_values_are_one_escaped_line_of_quoted_yaml():
    for payload in PAYLOADS:
        value = yaml.safe_load(f"title: {escape.head(payload)}")["title"]
        assert "<" not in value and '"' not in value and "\n" not in value
        assert " ".join(html.unescape(value).split()) == " ".join(payload.replace("\x00", "\ufffd").split())


def test_nav_titles_are_escaped_once_at_every_level():
    nav = [{"<img src=x onerror=alert(1)>": [{'x"><script>alert(2)</script>': "a.md"}, {"plain": "b.md"}]}]
    assert escape_nav(nav) == [{"&lt;img src=x onerror=alert(1)&gt;": [
        {"x&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;": "a.md"}, {"plain": "b.md"}]}]


def test_text_writes_each_markdown_character_as_a_reference_and_leaves_the_rest():
    for ch in "\\`*_{}[]#|~^!<>&\"'":
        out = escape.text(f"甲{ch}乙")
        assert out.startswith("甲&") and out.endswith(";乙") and html.unescape(out) == f"甲{ch}乙", (ch, out)
    plain = "第六十五条 市人民政府应当（一）建立机制: see Art. 65(1), 2022-11-01."
    assert escape.text(plain) == plain
