"""The site search: what is searchable (from the model) and the results page.

:class:`SearchPage` (a SiteExtension) adds ``search/index.md`` — the results page at
``<site>/search/?q=QUERY`` — and the index files (:mod:`generator.render.search_index`)
built from :func:`collections`: for each statute its article pages (a doc per paragraph
and one per item, Chinese and English; a doc for the article's short title; one for the
editors' notes), its overview page (the statute's titles) and its commentary documents
(a doc per paragraph).  The print views are not indexed: they repeat every article.
The browser side is ``site_config/overrides/assets/javascripts/search.js``.
"""

from __future__ import annotations

import html
import re

from generator.model import article_segments
from generator.numerals import article_label_zh
from generator.render import urls
from generator.render.extension import SiteExtension
from generator.render.html import esc
from generator.render.safe_markdown import render_note
from generator.render.search_index import DATA_DIR, NOTES_P, PARA_P, Collection, Doc, Group, build_index
from generator.render.statute_pages import front_matter, label_en

SEARCH_PAGE = "search/index.md"
_TAG = re.compile(r"<[^>]+>")


def page_url(docs_path: str) -> str:
    """Docs path -> site URL, directory style (``a/article-1.md`` -> ``a/article-1/``)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _english(project, statute, segments, eid) -> str:
    seg = segments.get(eid)
    en = project.english.english(statute.id, seg) if seg else None
    return en.text if en is not None and en.available else ""


def article_group(project, statute, article) -> Group:
    url = page_url(urls.article_page(statute.id, article.ref))
    title = article_label_zh(article.number, article.insert) + (f" {article.title}" if article.title else "")
    if article.status != "present":
        return Group(url, "m", title, f"Article {article.number}")
    segments = {seg.eid: seg for seg in article_segments(article)}
    heading_en = _english(project, statute, segments, f"{article.eid}__heading")
    group = Group(url, "a", title, f"Article {article.number}" + (f" {heading_en}" if heading_en else ""))
    if article.title:
        group.docs.append(Doc(0, article.eid, article.title, heading_en))
    for para in article.paragraphs:
        base = PARA_P * para.number
        if para.text:
            group.docs.append(Doc(base, para.eid, para.text, _english(project, statute, segments, para.eid)))
        for item in para.items:
            en = _english(project, statute, segments, item.eid)
            group.docs.append(Doc(base + item.number, item.eid, f"{item.label}{item.text}",
                                  f"{label_en(item.label)} {en}" if en else ""))
    ann = project.annotations.article(statute.id, article.number)
    if ann and ann.notes:
        text = " ".join(html.unescape(_TAG.sub(" ", render_note(n.body, statute.id))) for n in ann.notes)
        group.docs.append(Doc(NOTES_P, "notes", "", " ".join(text.split())))
    return group


def commentary_group(doc, translations: dict | None = None) -> Group:
    """A commentary document: its paragraphs, with their English where there is some."""
    english = (doc.language or "").startswith("en")
    group = Group(page_url(f"commentary/{doc.id}.md"), "c", doc.title, doc.title_en or "")
    for para in doc.paragraphs:
        text = " ".join(para.text.split())
        found = (translations or {}).get((doc.id, para.index))
        en = text if english else (" ".join(found.text.split()) if found is not None and found.text else "")
        group.docs.append(Doc(para.index + 1, f"p-{para.index}", "" if english else text, en))
    return group


def collections(project) -> list[Collection]:
    out = []
    for statute in project.statutes.values():
        spec = statute.spec
        # Article k at index k - 1 (citations rely on it), placeholders in the gaps; articles
        # inserted by amendment (第十七条之一) are searchable among the extras.
        by_number = {a.number: a for a in statute.articles if not a.insert}
        count = max([spec.articles, *by_number]) if by_number else spec.articles
        articles = []
        for number in range(1, count + 1):
            article = by_number.get(number)
            articles.append(article_group(project, statute, article) if article else Group(
                page_url(urls.article_page(statute.id, number)), "m", article_label_zh(number), f"Article {number}"))
        inserted = [article_group(project, statute, a) for a in statute.articles if a.insert]
        overview = Group(page_url(urls.statute_page(statute.id)), "o", statute.title, spec.title_en,
                         [Doc(0, "", statute.title, spec.title_en)])
        extras = [overview, *inserted] + [commentary_group(d, project.commentary_english)
                               for d in project.documents.values() if d.statute == statute.id]
        out.append(Collection(statute.id, statute.title, spec.title_en, spec.status, articles, extras,
                              spec.short_title_en, spec.jurisdiction, spec.jurisdiction_en))
    return out


def search_page(project) -> str:
    options = "".join(f'<option value="{esc(s.id)}">{esc(s.title)} · {esc(s.spec.short_title_en or s.spec.title_en)}'
                      "</option>" for s in project.statutes.values())
    return front_matter("Search · 搜索", hide=("navigation", "toc")) + (
        "# Search · 搜索 { #search }\n\n"
        '<div class="search-page" data-search-page>\n'
        '<form class="search-form" role="search" method="get" action="">'
        '<label for="search-q"><span class="bi"><span lang="zh-Hans">词语、短语或条文（如 第六十五条）</span>'
        '<span class="bi-sep"> · </span><span lang="en">Words, a phrase or a citation (Art. 65(1), 第六十五条)</span></span></label>'
        '<div class="search-row"><input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false">'
        '<button type="submit">Search · 搜索</button></div>'
        '<label for="search-s">Statute · 法规</label>'
        f'<select id="search-s" name="s"><option value="">All statutes · 全部法规</option>{options}</select>'
        "</form>\n"
        '<p class="search-status" role="status" aria-live="polite"></p>\n'
        '<ol class="search-results"></ol>\n'
        '<button type="button" class="search-more md-button" hidden>More results · 更多结果</button>\n'
        '<noscript><p>Search runs in the browser and needs JavaScript.</p></noscript>\n'
        "</div>\n")


class SearchPage(SiteExtension):
    """SiteExtension: the results page and the index files (no nav entry: the header's search box leads here)."""

    def pages(self, project) -> dict[str, str]:
        return {SEARCH_PAGE: search_page(project)}

    def later(self, project) -> dict:
        """The index files: the results page loads them in the browser, no page's Markdown
        names them, so the build makes them beside MkDocs."""
        return {DATA_DIR: lambda: build_index(collections(project))}
