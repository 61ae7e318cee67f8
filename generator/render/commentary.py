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
from difflib import SequenceMatcher

from generator.render.extension import SiteExtension
from generator.documents.model import KIND_LABEL
from generator.linking.normalize import key as normalize_key
from generator.numerals import article_label_zh
from generator.textnorm import shorten
from generator.render import urls
from generator.render import escape
from generator.render.html import date_en, date_zh, esc, rel
from generator.render.provenance import english_notice, provenance_html
from generator.render.statute_pages import front_matter
from generator.render.versions_names import dated_article

INDEX = "commentary/index.md"
NAV_TITLE = "Commentary · 解读与评论"

# Article-page sections, in order: (id, title, document kinds).
SECTIONS = [
    ("commentary-interpretation", ("官方解读", "Official interpretation"), ("interpretation", "explanation")),
    ("commentary-news", ("媒体报道", "In the news"), ("news",)),
    ("commentary-background", ("背景资料", "Background"), ("background", "commentary")),
]
METHOD_LABEL = {"citation": "cited", "similarity": "text similarity", "editor": "added by an editor"}
QUOTE_LIMIT = 220




def inert(text: str) -> str:
    """Text for a place Markdown processes (a link label, a table cell)."""
    return escape.text(text)


def _cell(text: str) -> str:
    return inert(text).replace("\n", " ")


def plain(text: str) -> str:
    """Plain text: page titles and nav titles are escaped where they are written."""
    return text


def document_page(document_id: str) -> str:
    return f"commentary/{document_id}.md"


def paragraph_anchor(index: int) -> str:
    return f"p-{index}"


def _doc_lang(doc) -> str:
    return doc.language or "zh-Hans"


def _date_label(iso: str | None) -> str:
    if not iso:
        return "date not stated in the source · 来源未载明日期"
    return f"{date_zh(iso)} · {date_en(iso)}"


def _article_link_label(statute, number: int) -> str:
    label = f"{article_label_zh(number)} · Art. {number}"
    article = statute.article(number) if statute else None
    if article is not None and article.status != "present":
        label += " (not in the source copy)"
    return inert(label)


def _methods_details(links) -> str:
    """How each of a paragraph's links was made, for editors, behind one disclosure."""
    rows = []
    for link in links:
        label = METHOD_LABEL.get(link.method, link.method)
        score = f", score {link.score:.2f}" if link.method == "similarity" else ""
        note = f" — {inert(link.note)}" if link.note else ""
        rows.append(f"<li>art. {link.article}: {esc(label)}{score}{note}</li>")
    first = links[0]
    return (f'<details class="editorial link-method" lang="en"><summary>Editorial details</summary>'
            f"<p>Paragraph id {paragraph_anchor(first.paragraph)} (in annotations: <code>paragraph: "
            f"{first.paragraph}</code>). How each link was found:</p><ul>{''.join(rows)}</ul></details>")


def quote_key(text: str) -> str:
    """A quotation reduced for comparison: width, script, punctuation and ellipses ignored."""
    return "".join(ch for ch in normalize_key(text) if ch.isalnum())


def near_duplicate(a: str, b: str) -> bool:
    """Two quotations that say the same thing: one contains the other, or they differ in a
    few characters only."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 20 and short in long_:
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.85


def english_html(project, doc, index: int, say_missing: bool = True, css: str = "") -> str:
    """The English of a commentary paragraph, with its provenance (or a plain "not yet")."""
    if _doc_lang(doc) == "en":
        return ""
    found = project.commentary_english.get((doc.id, index))
    if found is None and not say_missing:
        return ""
    if found is None:
        return (f'<p class="commentary-en missing {css}" lang="en" data-provenance="missing">'
                "English translation of this paragraph not yet available.</p>")
    stale = " stale" if found.stale else ""
    return (f'<div class="commentary-en{stale} {css}" lang="en" data-provenance="{esc(found.status)}">'
            f"<p>{esc(found.text)}</p>{provenance_html(found)}"
            + (f'<span class="translator-note">Translator\'s note: {esc(found.note)}</span>' if found.note else "")
            + "</div>")


def reader_number(index: int) -> int:
    """Paragraphs are numbered for readers from 1; their anchors (``p-<index>``) count from 0."""
    return index + 1


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with the evidence spans marked."""
    merged: list[list[int]] = []
    for a, b in sorted(s for s in spans if s and s[0] < s[1]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out.append(esc(text[pos:a]))
        out.append(f'<mark class="evidence">{esc(text[a:b])}</mark>')
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def _quote(text: str, passage: tuple[int, int] | None, evidence: tuple[int, int] | None) -> str:
    """The passage to quote, shortened around the evidence if it is long."""
    a, b = passage or (0, len(text))
    quote = text[a:b].strip()
    if len(quote) <= QUOTE_LIMIT:
        prefix = "…" if a > 0 else ""
        suffix = "…" if b < len(text.rstrip()) else ""
        return prefix + quote + suffix
    if evidence:
        ea, eb = evidence
        start = max(a, min(ea, eb - QUOTE_LIMIT) - 20)
        end = min(b, start + QUOTE_LIMIT)
    else:
        start, end = a, a + QUOTE_LIMIT
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text.rstrip()) else "")


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
            out.append(f'## <span lang="en">{esc(en)}</span> · <span lang="zh-Hans">{esc(zh)}</span> '
                       f'{{ #{section_id} }}\n\n')
            for _, link, also in kept:
                out.append(self._entry(project, link, page, also))
        return "".join(out)

    @staticmethod
    def _quote_text(project, link) -> str:
        para = project.documents[link.document].paragraph(link.paragraph)
        return _quote(para.text, link.passage, link.span) if para else link.evidence

    def _entry(self, project, link, page: str, also: list = ()) -> str:
        doc = project.documents[link.document]
        para = doc.paragraph(link.paragraph)
        lang = link.language if link.method == "similarity" else (_doc_lang(doc) if para else "zh-Hans")
        quote = self._quote_text(project, link)
        target = document_page(doc.id) + "#" + paragraph_anchor(link.paragraph)
        also_md = ""
        if also:
            places = [f"[{inert(self._source_label(project.documents[l.document]))}, paragraph "
                      f"{reader_number(l.paragraph)}]({rel(page, document_page(l.document) + '#' + paragraph_anchor(l.paragraph))})"
                      for l in also]
            also_md = f'<p class="commentary-also" lang="en" markdown>The same passage also appears in: {"; ".join(places)}</p>\n'
        return (
            f'<figure class="commentary-entry" data-document="{esc(doc.id)}" data-paragraph="{link.paragraph}">\n'
            f'<blockquote class="commentary-quote" lang="{esc(lang)}"><p>{esc(quote)}</p></blockquote>\n'
            f"{english_html(project, doc, link.paragraph, css='quote-en')}\n"
            f'<figcaption class="commentary-source">— {self._source_html(doc)}</figcaption>\n'
            f"{_methods_details([link])}\n"
            "</figure>\n"
            f'<p class="commentary-more" markdown>[In context: paragraph {reader_number(link.paragraph)} →]'
            f"({rel(page, target)})</p>\n{also_md}\n"
        )

    @staticmethod
    def _source_label(doc) -> str:
        return f"{doc.publisher}, {doc.title}" if doc.publisher else doc.title

    @staticmethod
    def _source_html(doc) -> str:
        bits = [esc(doc.publisher or ""), f'<span lang="{esc(_doc_lang(doc))}">{esc(doc.title)}</span>']
        bits.append(f"{esc(date_en(doc.date))} ({esc(date_zh(doc.date))})" if doc.date else "undated")
        return ", ".join(b for b in bits if b)

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
            zh_kind, en_kind = KIND_LABEL.get(doc.kind, (doc.kind, doc.kind))
            entries.append({plain(f"{en_kind} · {doc.title}"): document_page(doc.id)})
        return [{NAV_TITLE: entries}]

    def _index(self, project) -> str:
        out = [front_matter(NAV_TITLE)]
        out.append(f"# {NAV_TITLE} {{ #commentary }}\n\n")
        out.append('<p lang="en">What the official interpretation, the explanations and the press said about '
                   "the statutes, paragraph by paragraph. Each paragraph links to the articles it discusses — "
                   "found from explicit citations (第四十四条), from text that reproduces an article's wording or, "
                   "for English, its translation, or added by an editor — and each article page quotes the "
                   "passages about it.</p>\n\n")
        _, by_paragraph = self._links(project)
        for statute in project.statutes.values():
            docs = [d for d in project.documents.values() if d.statute == statute.id]
            if not docs:
                continue
            out.append(f'## <span lang="zh-Hans">{esc(statute.title)}</span> {{ #{statute.id} }}\n\n')
            out.append("| Document | Kind | Publisher | Date | Paragraphs | Links |\n|---|---|---|---|---|---|\n")
            for doc in docs:
                zh_kind, en_kind = KIND_LABEL.get(doc.kind, (doc.kind, doc.kind))
                count = sum(len(by_paragraph.get((doc.id, p.index), [])) for p in doc.paragraphs)
                out.append(f"| [{inert(doc.title)}]({rel(INDEX, document_page(doc.id))}) | "
                           f"{_cell(zh_kind + ' · ' + en_kind)} | {_cell(doc.publisher or '')} | "
                           f"{_cell(doc.date or '—')} | {len(doc.paragraphs)} | {count} |\n")
            out.append("\n")
        return "".join(out)

    @staticmethod
    def _text_heading(project, doc, by_paragraph) -> str:
        """The Text heading, how much has English, and the highlight legend."""
        out: list[str] = []
        out.append('## <span lang="en">Text</span> · <span lang="zh-Hans">正文</span> { #text }\n\n')
        if _doc_lang(doc) != "en":
            done = sum(1 for p in doc.paragraphs if (doc.id, p.index) in project.commentary_english)
            out.append(f'<p class="commentary-english-extent" lang="en">English: {done} of {len(doc.paragraphs)} '
                       "paragraphs translated so far (those quoted on article pages first); the others are in "
                       "Chinese only.</p>\n\n")
        if any(l.method == "similarity" and l.span for p in doc.paragraphs
               for l in by_paragraph.get((doc.id, p.index), [])):
            out.append('<p class="highlight-legend" lang="en"><mark class="evidence">Highlighted</mark> words '
                       "closely follow the wording of the article linked below the paragraph.</p>\n\n")
        return "".join(out)

    def _document(self, project, doc) -> str:
        page = document_page(doc.id)
        statute = project.statutes.get(doc.statute) if doc.statute else None
        zh_kind, en_kind = KIND_LABEL.get(doc.kind, (doc.kind, doc.kind))
        out = [front_matter(plain(f"{doc.title} · {doc.title_en or en_kind}"), description=plain(doc.title_en or en_kind))]
        out.append(f'<nav class="breadcrumb" aria-label="Breadcrumb" markdown>\n'
                   f"[{NAV_TITLE}]({rel(page, INDEX)}) › {inert(shorten(doc.title, 30))}\n</nav>\n\n")
        out.append(f'# <span lang="{escape.attr(_doc_lang(doc))}">{esc(doc.title)}</span> {{ #document }}\n\n')
        if doc.title_en:
            out.append(f'<p class="title-en" lang="en">{esc(doc.title_en)}</p>\n\n')
        if _doc_lang(doc) != "en":
            out.append(english_notice(page))
        rows = [("类型 Kind", f"{zh_kind} · {en_kind}")]
        publisher = " · ".join(x for x in (doc.publisher, doc.publisher_en) if x)
        rows.append(("发布 Publisher", publisher or "not stated in the source"))
        if doc.author and doc.author != doc.publisher:
            rows.append(("作者 Author", doc.author))
        rows.append(("日期 Date", _date_label(doc.date)))
        out.append("| | |\n|---|---|\n")
        for label, value in rows:
            out.append(f"| {_cell(label)} | {_cell(value)} |\n")
        if statute is not None:
            out.append(f"| 法规 Statute | [{inert(statute.title)}]"
                       f"({rel(page, urls.statute_page(statute.id))}) |\n")
        sources = []
        for src in doc.sources:
            first, last = src.lines
            lines = f"line {first}" if first == last else f"lines {first}–{last}"
            part = f", part {_cell(src.part)}" if src.part else ""
            sources.append(f"[{inert(src.file)}]({rel(page, urls.SOURCES + '#' + urls.source_anchor(src.file))})"
                           f"{part}, {lines} ({_cell(src.role)})")
        out.append(f"| 来源 Source | {'; '.join(sources)} |\n")
        _, by_paragraph = self._links(project)
        total = sum(len(by_paragraph.get((doc.id, p.index), [])) for p in doc.paragraphs)
        articles = {(l.statute, l.article) for p in doc.paragraphs for l in by_paragraph.get((doc.id, p.index), [])}
        out.append(f"| 关联条文 Links | {total} links to {len(articles)} articles |\n\n")
        notes = [d for d in project.diagnostics if d.message.startswith((f"{doc.id} ", f"document {doc.id}:"))
                 and d.severity != "info"]
        if notes:
            out.append('<details class="editorial commentary-notes" lang="en"><summary>Editorial details: how '
                       'this text was assembled from its sources</summary><ul>')
            for d in notes:
                where = f"{d.path}:{d.line}" if d.path and d.line else (d.path or "")
                out.append(f"<li>{esc(d.message)} <small>({esc(where)})</small></li>")
            out.append("</ul></details>\n\n")
        out.append(self._text_heading(project, doc, by_paragraph))
        for para in doc.paragraphs:
            links = by_paragraph.get((doc.id, para.index), [])
            anchor = paragraph_anchor(para.index)
            classes = "commentary-para heading" if para.heading else "commentary-para"
            spans = [l.span for l in links if l.method == "similarity" and l.span]
            body = _marked(para.text, spans)
            if para.heading:
                body = f"<strong>{body}</strong>"
            origin = ""
            if para.source:
                origin = (f' <small class="para-source" lang="en">(only in {esc(para.source.rsplit("/", 1)[-1])}, '
                          f"line {para.line})</small>")
            out.append(f'<div class="{classes}" id="{anchor}" data-paragraph="{para.index}">'
                       f'<a class="para-anchor" href="#{anchor}" title="Paragraph {reader_number(para.index)} '
                       f'(permalink)">{reader_number(para.index)}</a>'
                       f'<div class="commentary-text"><p lang="{esc(_doc_lang(doc))}">{body}{origin}</p>'
                       f"{english_html(project, doc, para.index, say_missing=False)}"
                       "</div></div>\n")
            if links:
                items = []
                ordered = sorted(links, key=lambda l: (l.statute, l.article))
                for link in ordered:
                    target_statute = project.statutes.get(link.statute)
                    target = dated_article(link.statute, link.version, link.article)
                    label = _article_link_label(None if link.version else target_statute, link.article)
                    items.append(f"[{label}{f' ({link.version})' if link.version else ''}]({rel(page, target)})")
                out.append('<div class="para-links" markdown>\n<span class="para-links-label">Discusses · 涉及</span> '
                           + " · ".join(items) + "\n</div>\n" + _methods_details(ordered) + "\n")
            out.append("\n")
        return "".join(out)
