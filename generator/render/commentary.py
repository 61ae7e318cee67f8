"""Commentary on the site: a page per document, and sections on the article pages.

* ``commentary/index.md``: every document, by statute.
* ``commentary/<document-id>.md``: metadata (publisher, date, kind, source files), then
  the paragraphs, each with the anchor ``p-<index>`` and followed by links to the articles
  it discusses (how each link was made shown discreetly).
* On each article page: "Official interpretation · 官方解读", "In the news · 媒体报道" and
  "Background · 背景资料": the passage quoted (with its source and date) and a link to the
  paragraph on the document's page.

Commentary text is always escaped and never passes through Markdown: it sits in raw HTML
blocks.  Only the links, built here from article numbers and document ids, are Markdown
(so ``mkdocs build --strict`` checks every one of them).
"""

from __future__ import annotations

from collections import defaultdict

from generator.render.extension import SiteExtension
from generator.documents.model import KIND_LABEL
from generator.textnorm import shorten
from generator.render import urls
from generator.render import escape
from generator.render.html import bi, bi_label, bi_text, date_en, date_zh, esc, in_context, rel
from generator.render.provenance import about_href, english_notice, provenance_label_zh
from generator.render.commentary_parts import (article_link_label, date_label, doc_lang, document_page, english_html, inert,
                                              marked, methods_details, near_duplicate, paragraph_anchor, plain, quote_key,
                                              quote_passage, reader_number, table_cell, uniform_label)
from generator.render.statute_pages import front_matter
from generator.render.versions_names import dated_article

INDEX = "commentary/index.md"
NAV_TITLE = "Commentary · 解读与评论"
NAV_TITLE_ZH_FIRST = "解读与评论 · Commentary"
# What each source file of a document gave it (documents/build.py), for the Chinese half.
SOURCE_ROLE_ZH = {"text": "正文", "paragraph breaks, and text the primary copy lacks": "分段，以及主副本缺少的文字"}

# Article-page sections, in order: (id, title, document kinds).
SECTIONS = [
    ("commentary-interpretation", ("官方解读", "Official interpretation"), ("interpretation", "explanation")),
    ("commentary-news", ("媒体报道", "In the news"), ("news",)),
    ("commentary-background", ("背景资料", "Background"), ("background", "commentary")),
]


class CommentaryPages(SiteExtension):
    """The commentary stage's part of the site (a :class:`~generator.render.extension.SiteExtension`)."""

    def __init__(self) -> None:
        self._by_key = None   # the links by article and by paragraph, made once per render

    def _links(self, project):
        if self._by_key is None:
            by_article: dict[tuple[str, int], list] = defaultdict(list)
            by_paragraph: dict[tuple[str, int], list] = defaultdict(list)
            for link in project.links:
                by_article[(link.statute, link.version, link.article)].append(link)
                by_paragraph[(link.document, link.paragraph)].append(link)
            self._by_key = (by_article, by_paragraph)
        return self._by_key

    # ------------------------------------------------------------------ article pages

    def article_sections(self, project, statute, article, page: str, version: str | None = None) -> str:
        """``version``: the date of the earlier version ``article`` is of (None: the current text)."""
        by_article, _ = self._links(project)
        links = by_article.get((statute.id, version, article.number), [])
        if not links:
            return ""
        documents = project.documents
        order = list(documents)
        # Official first, then news, then background: a passage quoted again later (a report
        # repeating the interpretation, two copies of one report) is shown once, with the
        # other places it appears listed under it.
        shown: list[tuple[str, object, list]] = []       # (comparison key, link, also-in links)
        sections: list[tuple[str, tuple[str, str], list]] = []
        for section_id, titles, kinds in SECTIONS:
            chosen = sorted((l for l in links if documents[l.document].kind in kinds),
                            key=lambda l: (order.index(l.document), l.paragraph))
            kept = []
            for link in chosen:
                key = quote_key(self._quote_text(project, link))
                twin = next((entry for entry in shown if near_duplicate(entry[0], key)), None)
                if twin is not None:
                    twin[2].append(link)
                    continue
                entry = (key, link, [])
                shown.append(entry)
                kept.append(entry)
            if kept:
                sections.append((section_id, titles, kept))
        out = []
        for section_id, (zh, en), kept in sections:
            out.append(f"## {bi(esc(zh), esc(en), en_first=True)} {{ #{section_id} }}\n\n")
            for _, link, also in kept:
                out.append(self._entry(project, link, page, also))
        return "".join(out)

    @staticmethod
    def _quote_text(project, link) -> str:
        para = project.documents[link.document].paragraph(link.paragraph)
        return quote_passage(para.text, link.passage, link.span) if para else link.evidence

    def _entry(self, project, link, page: str, also: list = ()) -> str:
        doc = project.documents[link.document]
        para = doc.paragraph(link.paragraph)
        lang = link.language if link.method == "similarity" else (doc_lang(doc) if para else "zh-Hans")
        quote = self._quote_text(project, link)
        has_en = " has-en" if (doc.id, link.paragraph) in project.commentary_english and lang != "en" else ""
        target = document_page(doc.id) + "#" + paragraph_anchor(link.paragraph)
        also_md = ""
        if also:
            places = [f"[{self._source_label(project.documents[l.document])}"
                      f"{bi(f'，第{reader_number(l.paragraph)}段', f', paragraph {reader_number(l.paragraph)}', '')}]({rel(page, document_page(l.document) + '#' + paragraph_anchor(l.paragraph))})"
                      for l in also]
            also_md = (f'<p class="commentary-also" markdown>{bi("同一段落亦见于：", "The same passage also appears in: ", "")}'
                       f'{"; ".join(places)}</p>\n')
        return (
            f'<figure class="commentary-entry{has_en}" data-document="{esc(doc.id)}" data-paragraph="{link.paragraph}">\n'
            f'<blockquote class="commentary-quote" lang="{esc(lang)}"><p>{esc(quote)}</p></blockquote>\n'
            f"{english_html(project, doc, link.paragraph, css='quote-en', excerpt=quote.startswith('…') or quote.endswith('…'))}\n"
            f'<figcaption class="commentary-source">— {self._source_html(doc)}</figcaption>\n'
            f"{methods_details([link])}\n"
            "</figure>\n"
            f'<p class="commentary-more" markdown>[{in_context(reader_number(link.paragraph))}]'
            f"({rel(page, target)})</p>\n{also_md}\n"
        )

    @staticmethod
    def _source_label(doc) -> str:
        """Publisher and title (escaped), in the reader's language where the manifest has English."""
        zh = inert(f"{doc.publisher}，{doc.title}" if doc.publisher else doc.title)
        en_bits = [b for b in (doc.publisher_en or doc.publisher, doc.title_en) if b]
        return bi(zh, inert(", ".join(en_bits))) if doc.title_en else zh

    @staticmethod
    def _source_html(doc) -> str:
        """Publisher, title and date: in the English view, their English (when the manifest has it)."""
        zh = "，".join(esc(b) for b in (doc.publisher, f"{doc.title}", date_zh(doc.date) if doc.date else "日期不详") if b)
        en_title = f"<cite>{esc(doc.title_en)}</cite>" if doc.title_en else f'<span lang="{esc(doc_lang(doc))}">{esc(doc.title)}</span>'
        en = ", ".join(b for b in (esc(doc.publisher_en or doc.publisher or ""), en_title,
                                   esc(date_en(doc.date)) if doc.date else "undated") if b)
        return bi(zh, en, " · ")

    # ------------------------------------------------------------------ document pages

    def pages(self, project) -> dict[str, str]:
        if not project.documents:
            return {}
        files = {INDEX: self._index(project)}
        for doc in project.documents.values():
            files[document_page(doc.id)] = self._document(project, doc)
        return files

    def nav(self, project) -> list:
        if not project.documents:
            return []
        entries: list = [{"Overview · 概览": INDEX}]
        for doc in project.documents.values():
            entries.append({plain(f"{doc.title} · {doc.title_en or KIND_LABEL.get(doc.kind, ('', doc.kind))[1]}"):
                            document_page(doc.id)})
        return [{NAV_TITLE: entries}]

    def belongs_to(self, project) -> dict[str, list[str]]:
        """A document belongs to its own statute and to every statute whose articles it
        discusses (its links)."""
        discussed: dict[str, set[str]] = defaultdict(set)
        for link in project.links:
            discussed[link.document].add(link.statute)
        out = {}
        for doc in project.documents.values():
            ids = [doc.statute] if doc.statute else []
            ids += sorted(discussed[doc.id] - set(ids))
            if ids:
                out[document_page(doc.id)] = ids
        return out

    def _index(self, project) -> str:
        out = [front_matter(NAV_TITLE)]
        out.append(f"# {bi_text(NAV_TITLE_ZH_FIRST)} {{ #commentary }}\n\n")
        out.append('<p class="bi-zh-only" lang="zh-Hans">官方解读、说明和新闻报道对各法规的论述，逐段列出。每一段都链接到它所论述的条文'
                   "——依据明确的引文（第四十四条）、与条文措辞相同的文字（英文则依据条文的译文），或由编者添加——"
                   "每一条的页面也引用论述该条的段落。</p>\n\n"
                   '<p class="bi-en-only" lang="en">What the official interpretation, the explanations and the press said about '
                   "the statutes, paragraph by paragraph. Each paragraph links to the articles it discusses — "
                   "found from explicit citations (第四十四条), from text that reproduces an article's wording or, "
                   "for English, its translation, or added by an editor — and each article page quotes the "
                   "passages about it.</p>\n\n")
        _, by_paragraph = self._links(project)
        for statute in project.statutes.values():
            docs = [d for d in project.documents.values() if d.statute == statute.id]
            if not docs:
                continue
            out.append(f"## {bi(esc(statute.title), esc(statute.spec.short_title_en or statute.spec.title_en))} "
                       f"{{ #{statute.id} }}\n\n")
            out.append("| Document | Kind | Publisher | Date | Paragraphs | Links |\n|---|---|---|---|---|---|\n")
            for doc in docs:
                zh_kind, en_kind = KIND_LABEL.get(doc.kind, (doc.kind, doc.kind))
                count = sum(len(by_paragraph.get((doc.id, p.index), [])) for p in doc.paragraphs)
                publisher = bi(table_cell(doc.publisher), table_cell(doc.publisher_en)) if doc.publisher_en else table_cell(doc.publisher or '')
                title = bi(inert(doc.title), inert(doc.title_en)) if doc.title_en else inert(doc.title)
                out.append(f"| [{title}]({rel(INDEX, document_page(doc.id))}) | "
                           f"{bi(table_cell(zh_kind), table_cell(en_kind))} | {publisher} | "
                           f"{table_cell(doc.date or '—')} | {len(doc.paragraphs)} | {count} |\n")
            out.append("\n")
        return "".join(out)

    @staticmethod
    def _text_heading(project, doc, by_paragraph) -> str:
        """The Text heading, how much has English, and the highlight legend."""
        out: list[str] = []
        out.append(f"## {bi('正文', 'Text', en_first=True)} {{ #text }}\n\n")
        if doc_lang(doc) != "en":
            found = [project.commentary_english.get((doc.id, p.index)) for p in doc.paragraphs]
            done, total = sum(1 for e in found if e is not None), len(doc.paragraphs)
            extent = (f"English: all {total} paragraphs." if done == total else
                      f"English: {done} of {total} paragraphs translated so far (those quoted on article pages "
                      "first); the others are in Chinese only.")
            extent_zh = (f"英文译文：全部 {total} 段。" if done == total else
                         f"英文译文：已译 {done} 段，共 {total} 段（先译条文页面所引段落）；其余仅有中文。")
            uniform = uniform_label(found)
            about = esc(about_href())
            said = (f" English on this page: {esc(uniform)}. <a href=\"{about}\">About the English</a>"
                    if uniform else "")
            said_zh = (f"本页英文：{esc(provenance_label_zh(found[0]))}。<a href=\"{about}\">关于英文译文</a>"
                       if uniform else "")
            out.append(f'<p class="commentary-english-extent">{bi(esc(extent_zh) + said_zh, esc(extent) + said, " ")}'
                       '</p>\n\n')
        if any(l.method == "similarity" and l.span for p in doc.paragraphs
               for l in by_paragraph.get((doc.id, p.index), [])):
            out.append('<p class="highlight-legend" data-shows="zh">'
                       + bi('<mark class="evidence">高亮</mark>的文字与段落下方所链接条文的措辞高度一致。',
                            '<mark class="evidence">Highlighted</mark> words closely follow the wording of the article '
                            'linked below the paragraph.', " ") + "</p>\n\n")
        return "".join(out)

    def _document(self, project, doc) -> str:
        page = document_page(doc.id)
        statute = project.statutes.get(doc.statute) if doc.statute else None
        zh_kind, en_kind = KIND_LABEL.get(doc.kind, (doc.kind, doc.kind))
        out = [front_matter(plain(f"{doc.title} · {doc.title_en or en_kind}"), description=plain(doc.title_en or en_kind))]
        out.append(f'<nav class="breadcrumb" aria-label="位置 · Breadcrumb" markdown>\n'
                   f"[{bi_text(NAV_TITLE_ZH_FIRST)}]({rel(page, INDEX)}) › "
                   f"{bi(inert(shorten(doc.title, 30)), inert(shorten(doc.title_en or en_kind, 60)))}\n</nav>\n\n")
        out.append(f'# <span class="bi title-bi"><span lang="{escape.attr(doc_lang(doc))}">{esc(doc.title)}</span>'
                   f'<span class="bi-sep"> </span><span lang="en">{esc(doc.title_en or en_kind)}</span></span> {{ #document }}\n\n')
        if doc.title_en:
            out.append(f'<p class="title-en" lang="en">{esc(doc.title_en)}</p>\n\n')
        if doc_lang(doc) != "en":
            out.append(english_notice(page))
        rows = [("类型 Kind", f"{zh_kind} · {en_kind}")]
        publisher = " · ".join(x for x in (doc.publisher, doc.publisher_en) if x)
        rows.append(("发布 Publisher", publisher or "来源未载明 · not stated in the source"))
        if doc.author and doc.author != doc.publisher:
            rows.append(("作者 Author", doc.author))
        rows.append(("日期 Date", date_label(doc.date)))
        out.append("| | |\n|---|---|\n")
        for label, value in rows:
            out.append(f"| {bi_label(label)} | {bi_text(value).replace(chr(10), ' ')} |\n")
        if statute is not None:
            name_en = statute.spec.short_title_en or statute.spec.title_en
            out.append(f"| {bi_label('法规 Statute')} | [{bi(inert(statute.title), inert(name_en))}]"
                       f"({rel(page, urls.statute_page(statute.id))}) |\n")
        sources = []
        for src in doc.sources:
            first, last = src.lines
            span = f"{first}" if first == last else f"{first}–{last}"
            part = table_cell(src.part) if src.part else ""
            role = table_cell(src.role)
            zh = (f"，{part} 部分" if part else "") + f"，第{span}行（{SOURCE_ROLE_ZH.get(src.role, role)}）"
            en = (f", part {part}" if part else "") + f", line{'s' if first != last else ''} {span} ({role})"
            sources.append(f"[{inert(src.file)}]({rel(page, urls.SOURCES + '#' + urls.source_anchor(src.file))})"
                           f"{bi(zh, en, '')}")
        out.append(f"| {bi_label('来源 Source')} | {'; '.join(sources)} |\n")
        _, by_paragraph = self._links(project)
        total = sum(len(by_paragraph.get((doc.id, p.index), [])) for p in doc.paragraphs)
        articles = {(l.statute, l.article) for p in doc.paragraphs for l in by_paragraph.get((doc.id, p.index), [])}
        out.append(f"| {bi_label('关联条文 Links')} | "
                   f"{bi(f'{total} 处关联，涉及 {len(articles)} 条', f'{total} links to {len(articles)} articles')} |\n\n")
        notes = [d for d in project.diagnostics if d.message.startswith((f"{doc.id} ", f"document {doc.id}:"))
                 and d.severity != "info"]
        if notes:
            out.append('<details class="editorial commentary-notes" lang="en"><summary>'
                       + bi("编辑细节：本文如何由各来源整理而成", "Editorial details: how this text was assembled "
                            "from its sources", " · ", en_first=True) + '</summary><ul>')
            for d in notes:
                where = f"{d.path}:{d.line}" if d.path and d.line else (d.path or "")
                out.append(f"<li>{esc(d.message)} <small>({esc(where)})</small></li>")
            out.append("</ul></details>\n\n")
        out.append(self._text_heading(project, doc, by_paragraph))
        label_each = doc_lang(doc) == "en" or not uniform_label(
            [project.commentary_english.get((doc.id, p.index)) for p in doc.paragraphs])
        for para in doc.paragraphs:
            out.append(self._paragraph(project, doc, para, by_paragraph.get((doc.id, para.index), []), label_each))
        return "".join(out)

    def _paragraph(self, project, doc, para, links: list, label_each: bool) -> str:
        """One paragraph of a document's page: number, Chinese (evidence marked), English, links."""
        page = document_page(doc.id)
        out: list[str] = []
        anchor = paragraph_anchor(para.index)
        has_en = " has-en" if (doc.id, para.index) in project.commentary_english and doc_lang(doc) != "en" else ""
        classes = "commentary-para heading" if para.heading else "commentary-para"
        spans = [l.span for l in links if l.method == "similarity" and l.span]
        body = marked(para.text, spans)
        if para.heading:
            body = f"<strong>{body}</strong>"
        origin = ""
        if para.source:
            name = esc(para.source.rsplit("/", 1)[-1])
            origin = (' <small class="para-source">'
                      + bi(f"（仅见于 {name} 第{para.line}行）", f"(only in {name}, line {para.line})", " ") + "</small>")
        out.append(f'<div class="{classes}" id="{anchor}" data-paragraph="{para.index}">'
                   f'<a class="para-anchor" href="#{anchor}" title="第{reader_number(para.index)}段（固定链接） · '
                   f'Paragraph {reader_number(para.index)} (permalink)">{reader_number(para.index)}</a>'
                   f'<div class="commentary-text{has_en}"><p lang="{esc(doc_lang(doc))}">{body}{origin}</p>'
                   f"{english_html(project, doc, para.index, say_missing=False, label=label_each)}"
                   "</div></div>\n")
        if links:
            items = []
            ordered = sorted(links, key=lambda l: (l.statute, l.article))
            for link in ordered:
                target_statute = project.statutes.get(link.statute)
                target = dated_article(link.statute, link.version, link.article)
                label = article_link_label(None if link.version else target_statute, link.article, link.version)
                items.append(f"[{label}]({rel(page, target)})")
            out.append(f'<div class="para-links" markdown>\n<span class="para-links-label">{bi("涉及", "Discusses", en_first=True)}</span> '
                       + " · ".join(items) + "\n</div>\n" + methods_details(ordered) + "\n")
        out.append("\n")
        return "".join(out)
