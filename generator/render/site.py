"""Render: the project model -> Markdown pages + navigation, as plain data.

:func:`render_site` returns ``{relative path: content}`` and the nav; it writes nothing.
Output is deterministic: the same inputs give byte-identical pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Sequence

from generator.project import Project
from generator.numerals import article_label_zh, book_label_zh, chapter_label_zh
from generator.reconcile.statute import Statute
from generator.render import escape, urls
from generator.render.about_english import AboutEnglish
from generator.render.annotations_view import AnnotationsView
from generator.render.commentary import CommentaryPages
from generator.render.extension import SiteExtension
from generator.render.library_home import home_page
from generator.render.glossary_view import GlossaryPages, TermMarker
from generator.render.data_export import DataExport
from generator.render.guide import EditorGuide
from generator.render.print_view import PrintView
from generator.render.related_view import RelatedProvisions
from generator.render.reuse import Reuse, record, reusable
from generator.render.search_data import SearchPage
from generator.render.reference_pages import issues_page, sources_page, variants_page
from generator.render.versions_view import VersionsView
from generator.render.statute_pages import article_page, chapter_title_en, overview_page


@dataclass
class RenderedSite:
    files: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    # Pages left as the last build wrote them in the docs tree (:mod:`generator.render.reuse`).
    kept: set[str] = field(default_factory=set)
    # Folders of files made after the pages (the search index; SiteExtension.later): folder ->
    # the function making its files.  Not in ``files`` until :meth:`complete` runs them.
    later: dict[str, Callable[[], dict[str, str]]] = field(default_factory=dict)

    def complete(self) -> "RenderedSite":
        """Every file in ``files``: the :attr:`later` ones made here, now."""
        for folder, make in self.later.items():
            self.files.update(make())
        self.later.clear()
        return self


def _nav_article_title(article) -> str:
    label = article_label_zh(article.number, article.insert)
    if article.title:
        label += f" {article.title}"
    return f"{label} · Art. {article.number}"


def statute_nav(statute: Statute, english) -> dict:
    entries: list = [{"Overview · 概览": urls.statute_page(statute.id)}]
    for chapter in statute.chapters:
        chapter_articles = [a for a in statute.present_articles() if a.chapter_key == chapter.key]
        items = [{_nav_article_title(a): urls.article_page(statute.id, a.ref)} for a in chapter_articles]
        book = f"{book_label_zh(chapter.book)} " if chapter.book else ""
        title = f"{book}{chapter_label_zh(chapter.number)} {chapter.title} · {chapter_title_en(english, statute, chapter.key)}"
        entries.append({title: items})
    orphans = [a for a in statute.present_articles() if a.chapter is None]
    if orphans:
        entries.append({"不属于任何一章的条文 · Articles outside any chapter": [
            {_nav_article_title(a): urls.article_page(statute.id, a.ref)} for a in orphans]})
    missing = statute.missing_articles()
    if missing:
        first, last = missing[0].number, missing[-1].number
        entries.append({f"来源文本缺失的条文（第{first}–{last}条） · Not in the source copy (arts. {first}–{last})": [
            {_nav_article_title(a): urls.article_page(statute.id, a.ref)} for a in missing]})
    # "中文 · English": the theme's caption shows the reader's language (site/chrome.py).
    label = f"{statute.title} · {statute.spec.short_title_en or statute.spec.title_en}"
    return {label: entries}


def site_extensions(project: Project) -> tuple[list[SiteExtension], list[SiteExtension]]:
    """Every part of the site beyond the statute pages, in order: (those that add sections to
    article pages, those that add pages and navigation).  The navigation follows the second
    list: print views right after the statutes, then versions (新旧对照), About the English,
    glossary, commentary, annotations (tags), the editor guide; data exports and the search
    page have no navigation entry."""
    commentary, annotations_view, versions = CommentaryPages(), AnnotationsView(), VersionsView()
    glossary = [GlossaryPages()] if project.glossary is not None else []
    return ([RelatedProvisions(), versions, commentary, annotations_view],
            [PrintView(), versions, AboutEnglish(), *glossary, commentary, annotations_view, EditorGuide(),
             DataExport(), SearchPage()])


def article_markdown(project: Project, statute: Statute, article, section_parts: Sequence[SiteExtension]) -> str:
    """One article's page (``section_parts``: the first list of :func:`site_extensions`, and
    any extra ones): the whole build and ``serve``'s quick preview of an edit both use it."""
    page = urls.article_page(statute.id, article.ref)
    extra_md = "".join(part.article_sections(project, statute, article, page) for part in section_parts)
    marker = TermMarker(project.glossary.for_statute(statute.id) if project.glossary else [], page)
    return article_page(statute, project.english, article, extra_md, decorate=marker,
                        after_text=lambda: marker.defined_terms_html(statute))


def statute_pages(project: Project, statute: Statute, section_parts, page_parts) -> dict[str, str]:
    """A statute's overview and article pages, and the pages extensions make of it alone
    (its print view, its data export)."""
    pages = {urls.statute_page(statute.id): overview_page(statute, project.english, statute.source.line_range())
             + "".join(part.overview_sections(project, statute) for part in page_parts)}
    for article in statute.articles:
        pages[urls.article_page(statute.id, article.ref)] = article_markdown(project, statute, article, section_parts)
    for part in page_parts:
        pages.update(part.statute_pages(project, statute))
    return pages


def render_site(project: Project, extra: Sequence[SiteExtension] = (), reuse: Reuse | None = None) -> RenderedSite:
    """The whole site as data; ``extra`` extensions come after the built-in ones.  ``reuse``:
    statutes whose pages the last build's docs tree holds unchanged are not rendered again
    (their pages listed in ``kept``; :mod:`generator.render.reuse`)."""
    site = RenderedSite()
    english = project.english
    section_parts, page_parts = site_extensions(project)
    section_parts, page_parts = [*section_parts, *extra], [*page_parts, *extra]
    site.files[urls.HOME] = home_page(project)
    nav: list = [{"Home · 首页": urls.HOME}]
    reuse = reuse if not extra else None
    for statute in project.statutes.values():
        last, computed = reusable(reuse, project, statute.id)
        if last is not None:
            site.kept.update(last.pages)
            reuse.recorded[statute.id] = last
        else:
            pages = statute_pages(project, statute, section_parts, page_parts)
            site.files.update(pages)
            record(reuse, project, statute.id, computed, pages)
        nav.append(statute_nav(statute, english))
    belongs_to: dict[str, list[str]] = {}
    for part in page_parts:
        site.files.update(part.pages(project))
        site.later.update(part.later(project))
        nav.extend(part.nav(project))
        belongs_to.update(part.belongs_to(project))
    # For the navigation hook (site/nav_scope.py): the statute ids, and which statutes the
    # pages outside their folders belong to (commentary documents).
    site.files[urls.LIBRARY_FILE] = json.dumps({"statutes": list(project.statutes), "belongs_to": belongs_to},
                                               ensure_ascii=False) + "\n"
    site.files[urls.SOURCES] = sources_page(project)
    site.files[urls.VARIANTS] = variants_page(project)
    site.files[urls.ISSUES] = issues_page(project, project.diagnostics)
    nav.append({"Reference · 参考": [
        {"Sources · 来源": urls.SOURCES},
        {"Source variants · 版本差异": urls.VARIANTS},
        {"Source issues · 来源问题": urls.ISSUES},
    ]})
    site.nav = escape_nav(nav)
    return site


def escape_nav(nav: list) -> list:
    """Every navigation title HTML-escaped, in one place: MkDocs and Material insert nav
    titles into the page as they are."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append({escape.nav_title(k): escape_nav(v) if isinstance(v, list) else v for k, v in entry.items()})
        else:
            out.append(entry)
    return out
