"""Print view: each statute whole, bilingual, on one page that prints cleanly."""

from __future__ import annotations

import base64
import re

import pytest
from bs4 import BeautifulSoup

from generator.render.site import render_site
from generator.render.print_view import NAV_TITLE
from tests.conftest import REPO, SHANGHAI, SHENZHEN
from tests.e2e.test_site import WS, authoritative_articles

CSS = REPO / "site_config" / "overrides" / "assets" / "stylesheets" / "statute.css"


def print_soup(root, statute: str) -> BeautifulSoup:
    path = root / "site" / statute / "print" / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_print_page_per_statute_in_nav_and_linked_from_the_overview(project):
    site = render_site(project).complete()
    for statute in (SHENZHEN, SHANGHAI):
        page = site.files[f"{statute}/print.md"]
        front = page.split("---", 2)[1]
        # the search indexes the articles, never the print view (it would match every query)
        assert not [f for f in site.files if f.startswith("search/data/") and f"{statute}/print" in site.files[f]]
        assert "- navigation" in front and "- toc" in front
        assert "](print.md)" in site.files[f"{statute}/index.md"]
    print_nav = next(entry[NAV_TITLE] for entry in site.nav if NAV_TITLE in entry)
    assert [list(e.values())[0] for e in print_nav] == [f"{SHENZHEN}/print.md", f"{SHANGHAI}/print.md"]


def test_print_page_holds_every_article_in_order_bilingual_with_chapters(built_site):
    soup = print_soup(built_site, SHENZHEN)
    content = soup.select_one("article.md-content__inner")
    chapters = content.select("h2.print-chapter")
    assert [h["id"] for h in chapters] == [f"chp_{i}" for i in range(1, 8)]
    assert "第六章 治理原则与措施" in chapters[5].get_text()
    articles = content.select("h4[id^=art_]")
    assert [h["id"] for h in articles] == [f"art_{n}" for n in range(1, 74)]
    # Every character of the authoritative text, in order, nothing added (half-width , ; :
    # inside Chinese are displayed full-width: the only difference allowed).
    zh = "".join(el.get_text() for el in content.select(".article-text .seg.zh"))
    width = str.maketrans("，；：", ",;:")
    assert WS.sub("", zh).translate(width) == "".join(authoritative_articles()[n] for n in range(1, 74)).translate(width)
    # An English cell beside every Chinese one.
    assert len(content.select(".seg-row .seg.en")) == len(content.select(".seg-row .seg.zh")) > 73
    assert content.select_one("#art_65__para_1__item_3")             # the same anchors as article pages
    # No site chrome inside the content; the screen-only hint links back to the overview.
    assert not content.select(".article-pager, .breadcrumb")
    assert content.select_one(".print-hint a")["href"] == "../"


def test_print_page_of_the_draft_says_which_articles_are_missing(built_site):
    content = print_soup(built_site, SHANGHAI).select_one("article.md-content__inner")
    assert content.select_one(".draft-banner")
    assert len(content.select("h4[id^=art_]")) == 31
    note = content.select_one(".print-missing").get_text(" ")
    assert "第三十二条至第七十条" in note and "Articles 32–70" in note and "not in the source copy" in note


def test_print_stylesheet_breaks_pages_at_chapters_and_hides_the_chrome():
    css = CSS.read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    assert re.search(r"\.print-chapter\s*\{[^}]*break-before:\s*page", block)
    hide = re.search(r"\{\s*(/\*[^*]*\*/\s*)?([^{}]+)\{\s*display:\s*none !important;", block).group(2)
    for chrome in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".md-tabs", ".article-pager"):
        assert chrome in hide, chrome


@pytest.mark.browser
def test_print_view_prints_one_chapter_per_page_without_chrome(search_site):
    from tests.browser import Browser, require_chromium, serve
    require_chromium()
    browser = Browser()
    try:
        with serve(search_site / "site") as base:
            browser.get(base + f"{SHENZHEN}/print/")
            d = browser.driver
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            hidden = d.execute_script(
                "return [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .md-search, .print-hint')]"
                ".map(e => getComputedStyle(e).display)")
            assert hidden and set(hidden) == {"none"}
            assert d.execute_script(
                "return [...document.querySelectorAll('h2.print-chapter')].map(h => getComputedStyle(h).breakBefore)"
            ) == ["page"] * 7
            # Keep the cover and the chapter headings only: with a page break before each
            # chapter that prints as exactly 1 + 7 pages.
            d.execute_script("document.querySelectorAll('.md-content__inner > :not(h1, h2, .title-en)')"
                             ".forEach(e => e.remove())")
            pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"])
            assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 8
    finally:
        browser.close()
