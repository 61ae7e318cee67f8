"""Render: the project model -> Markdown pages + navigation, as plain data.

:func:`render_site` returns ``{relative path: content}`` and the nav; it writes nothing.
Output is deterministic: the same inputs give byte-identical pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .. import search_index
from ..numerals import article_label_zh, chapter_label_zh
from ..statutes import Statute
from . import urls
from .html import esc, md_link_text, rel
from .annotations_view import AnnotationsView
from .glossary_view import GlossaryPages, TermMarker
from .data_export import DataExport
from .guide import EditorGuide
from .print_view import PrintView
from .reference_pages import issues_page, sources_page, variants_page
from .statute_pages import (STATUS_LABEL, article_page, chapter_title_en, front_matter,
                            overview_page)


class SiteExtension:
    """Base for stages that add to the site; override what you need."""

    def article_sections(self, project, statute: Statute, article, page: str) -> str:
        return ""

    def pages(self, project) -> dict[str, str]:
        return {}

    def nav(self, project) -> list:
        return []


# Parts of the site built the same way as later stages plug in (see SiteExtension).
BUILTIN_EXTENSIONS = (PrintView(),)


@dataclass
class RenderedSite:
    files: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)


def _nav_article_title(article) -> str:
    label = article_label_zh(article.number)
    if article.title:
        label += f" {article.title}"
    return f"{label} · Art. {article.number}"


def statute_nav(statute: Statute, english) -> dict:
    entries: list = [{"Overview · 概览": urls.statute_page(statute.id)}]
    for chapter in statute.chapters:
        chapter_articles = [a for a in statute.present_articles() if a.chapter == chapter.number]
        items = [{_nav_article_title(a): urls.article_page(statute.id, a.number)} for a in chapter_articles]
        title = f"{chapter_label_zh(chapter.number)} {chapter.title} · {chapter_title_en(english, statute, chapter.number)}"
        entries.append({title: items})
    orphans = [a for a in statute.present_articles() if a.chapter is None]
    if orphans:
        entries.append({"Articles outside any chapter": [
            {_nav_article_title(a): urls.article_page(statute.id, a.number)} for a in orphans]})
    missing = statute.missing_articles()
    if missing:
        first, last = missing[0].number, missing[-1].number
        entries.append({f"Not in the source copy (arts. {first}–{last})": [
            {_nav_article_title(a): urls.article_page(statute.id, a.number)} for a in missing]})
    label = statute.spec.short_title_en or statute.spec.title_en
    return {label: entries}


def home_page(project) -> str:
    out = [front_matter("Chinese statutes, bilingual and annotated · 中国法规双语注释本")]
    out.append("# 中国法规双语注释本 · Chinese statutes, bilingual and annotated { #home }\n\n")
    out.append('<p lang="en">Each article of each statute has its own page: the Chinese text from the '
               "authoritative source, English beside it, what the official interpretation and the press said "
               "about it, and editors' notes. Every English sentence says where it came from.</p>\n\n")
    for statute in project.statutes.values():
        spec = statute.spec
        zh_status, en_status = STATUS_LABEL[spec.status]
        page = urls.statute_page(statute.id)
        out.append(f'## [{md_link_text(statute.title)}]({rel(urls.HOME, page)}) {{ #{statute.id} }}\n\n')
        out.append(f'<p lang="en">{esc(spec.title_en)}</p>\n\n')
        present = len(statute.present_articles())
        extent = (f"{spec.articles} articles" if present == spec.articles
                  else f"{present} of {spec.articles} articles in the source copy")
        out.append(f'<p class="status-line"><span class="status {esc(spec.status)}">'
                   f'<span lang="zh-Hans">{esc(zh_status)}</span> · {esc(en_status)}</span> — {esc(extent)}</p>\n\n')
        if statute.present_articles():
            first = statute.present_articles()[0]
            out.append(f"Start reading: [{article_label_zh(first.number)} · Art. {first.number}]"
                       f"({rel(urls.HOME, urls.article_page(statute.id, first.number))})\n\n")
    out.append("## Reference · 参考 { #reference }\n\n")
    out.append(f"- [Sources · 来源]({rel(urls.HOME, urls.SOURCES)}): the raw files, checksums and how they were split\n")
    out.append(f"- [Source variants · 版本差异]({rel(urls.HOME, urls.VARIANTS)}): where the copies of a statute disagree\n")
    out.append(f"- [Source issues · 来源问题]({rel(urls.HOME, urls.ISSUES)}): defects found in the sources, with file and line\n")
    return "".join(out)


def render_site(project) -> RenderedSite:
    site = RenderedSite()
    english = project.english
    annotations_view = AnnotationsView()
    site.files[urls.HOME] = home_page(project)
    nav: list = [{"Home · 首页": urls.HOME}]
    for statute in project.statutes.values():
        site.files[urls.statute_page(statute.id)] = overview_page(statute, english, statute.source.line_range())
        terms = project.glossary.for_statute(statute.id) if project.glossary else []
        for article in statute.articles:
            page = urls.article_page(statute.id, article.number)
            extra = "".join(ext.article_sections(project, statute, article, page)
                            for ext in (*project.extensions, annotations_view) if hasattr(ext, "article_sections"))
            marker = TermMarker(terms, page)
            site.files[page] = article_page(statute, english, article, extra, decorate=marker,
                                            after_text=lambda m=marker, s=statute: m.defined_terms_html(s))
        nav.append(statute_nav(statute, english))
    # Built-in extensions first (their nav comes right after the statutes), then the stages',
    # then the editors' annotations, the guide and the data exports.
    extensions = [*BUILTIN_EXTENSIONS, *project.extensions, annotations_view, EditorGuide(), DataExport()]
    if project.glossary is not None:
        extensions.insert(len(BUILTIN_EXTENSIONS), GlossaryPages())
    for ext in extensions:
        if hasattr(ext, "pages"):
            site.files.update(ext.pages(project))
        if hasattr(ext, "nav"):
            nav.extend(ext.nav(project))
    site.files[urls.SOURCES] = sources_page(project)
    site.files[urls.VARIANTS] = variants_page(project)
    site.files[urls.ISSUES] = issues_page(project, project.diagnostics)
    site.files[search_index.POLICY_FILE] = json.dumps(search_index.search_data(project), ensure_ascii=False,
                                                      indent=1) + "\n"
    nav.append({"Reference · 参考": [
        {"Sources · 来源": urls.SOURCES},
        {"Source variants · 版本差异": urls.VARIANTS},
        {"Source issues · 来源问题": urls.ISSUES},
    ]})
    site.nav = nav
    return site
