"""Bilingual captions: written as two halves (render/html.py ``bi``) or split from the
theme's "中文 · English" titles (site/chrome.py), so each view can show one language."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.render.html import bi, bi_label, bi_text
from generator.render.site import render_site
from generator.site.chrome import bilingual_chrome, split_caption
from tests.conftest import SHENZHEN


def halves(html: str) -> tuple[str, str]:
    span = BeautifulSoup(html, "html.parser").select_one(".bi")
    return (span.select_one(':scope > [lang="zh-Hans"]').get_text(), span.select_one(':scope > [lang="en"]').get_text())


def test_caption_halves_keep_their_language_and_escaping():
    assert halves(bi("第一章", "Chapter 1")) == ("第一章", "Chapter 1")
    assert halves(bi_text("现行有效 · In force")) == ("现行有效", "In force")
    assert halves(bi_label("状态 Status")) == ("状态", "Status")
    # not a two-language caption: escaped as it is
    assert bi_text("Shenzhen <b>") == "Shenzhen &lt;b&gt;"
    assert bi_text("2022年 · 深圳") == "2022年 · 深圳"


def test_theme_captions_are_split_outside_head_and_only_when_one_half_is_chinese():
    page = ("<html><head><title>第一章 · Chapter 1</title></head><body>"
            '<span class="md-ellipsis">\n  第一章 总则 · Chapter 1 &lt;General&gt;\n</span>'
            '<span class="md-ellipsis">Print view · 打印版</span>'
            '<span class="md-ellipsis">Shenzhen · Shanghai</span>'
            '<script type="application/json">{"t": "第一章 · Chapter 1"}</script>'
            '<article class="md-content__inner md-typeset"><p>正文 · text in a paragraph</p>'
            '<h2 id="x">Editors\' notes · 编者按</h2></article></body></html>')
    out = bilingual_chrome(page)
    assert "<title>第一章 · Chapter 1</title>" in out
    soup = BeautifulSoup(out, "html.parser")
    nav = soup.select("span.md-ellipsis")
    assert halves(str(nav[0])) == ("第一章 总则", "Chapter 1 <General>")
    assert "&lt;General&gt;" in out and "<General>" not in out
    assert halves(str(nav[1])) == ("打印版", "Print view")
    assert nav[2].select_one(".bi") is None
    # in the content only captions (headings, links, …), never running text
    assert soup.select_one("article p").select_one(".bi") is None
    assert halves(str(soup.select_one("article h2"))) == ("编者按", "Editors' notes")
    assert split_caption("a · b · 中") is None
    assert '{"t": "第一章 · Chapter 1"}' in out  # script text is never touched


def test_article_page_captions_have_an_english_half(project):
    soup = BeautifulSoup(render_site(project).files[f"{SHENZHEN}/article-65.md"], "html.parser")
    crumbs = [s.select_one(':scope > [lang="en"]').get_text() for s in soup.select("nav.breadcrumb .bi")]
    assert crumbs == ["Shenzhen AI Industry Regulations", "Chapter 6 Governance Principles and Measures", "Article 65"]
    heading = soup.select_one(".article-heading")
    assert heading.select_one(':scope > [lang="en"]').get_text() == "Article 65"
    assert heading.select_one(':scope > [lang="zh-Hans"]').get_text() == "第六十五条"
    pager = [s.select_one(':scope > [lang="en"]').get_text() for s in soup.select("nav.article-pager .bi")]
    assert pager == ["Article 64", "Contents", "Article 66"]
    english = [s.select_one(':scope > [lang="en"]').get_text() for s in soup.select(".bi")]
    assert "Shanghai AI Industry Regulations (draft), art. 7 (Expert Committee)" in english  # related provisions
    assert "Official interpretation" in english and "In the news" in english  # commentary sections


def test_footer_links_are_named_by_what_they_show():
    """Material's aria-label (escaped twice, one language pair) would not follow the view."""
    page = ('<html><body><a href="../x/" class="md-footer__link md-footer__link--prev" '
            'aria-label="Previous: the third &amp;quot;pole&amp;quot;">'
            '<div class="md-ellipsis">第一章 · the third &quot;pole&quot;</div></a></body></html>')
    link = BeautifulSoup(bilingual_chrome(page), "html.parser").select_one("a")
    assert not link.has_attr("aria-label") and link["href"] == "../x/"
    assert halves(str(link)) == ("第一章", 'the third "pole"')
