"""Link commentary paragraphs to the articles they discuss.

Three methods, combined per paragraph (:class:`StatuteLinker`):

* ``citation``   — explicit citations of the statute's own articles (:mod:`.citations`);
  score 1.0, evidence the citation as written;
* ``similarity`` — the paragraph reproduces an article's text (Chinese, :mod:`.similarity`)
  or its English (:mod:`.english`); score 0.5–1.0, evidence the matched passage.  In a
  paragraph that cites articles explicitly, the author has said what it is about: another
  article is added by similarity only on twice the evidence;
  The official interpretation is also a bridge: a paragraph of it devoted to one article
  (linked to that article alone, on strong evidence or by citation) is that article's
  *official paraphrase*, and other commentary — the press reuses the interpretation's
  words more than the article's — is matched against it too (on twice the evidence);
* ``editor``     — added by an editor in ``annotations/<statute>/article-<n>.yaml``
  (``links: add:``); ``links: suppress:`` removes any link of that paragraph to that article.

Links to an article missing from the source copy (a placeholder) are made like any other
(by citation: a placeholder has no text to be similar to) and resolve to its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic
from generator.model import article_segments
from generator.textnorm import shorten
from generator.linking.citations import find_citations
from generator.linking.english_index import EnglishIndex
from generator.linking.similarity import ChineseIndex

CITED_PARAGRAPH_FACTOR = 2.0
OFFICIAL_KINDS = ("interpretation", "explanation")
PARAPHRASE_FACTOR = 2.0       # evidence needed through an official paraphrase, times the usual
PARAPHRASE_SOURCE_WEIGHT = 2.0  # evidence an official paragraph needs to count as one article's paraphrase
# Similarity matching costs time in proportion to the paragraph times the statute's text it
# shares; a real paragraph is a few hundred characters.  Longer ones (a page run together, an
# attack) are linked by their explicit citations only, so linking stays linear.
SIMILARITY_LIMIT = 20_000


@dataclass
class Link:
    document: str
    paragraph: int
    statute: str
    article: int
    method: str                         # "citation" | "similarity" | "editor"
    score: float
    evidence: str
    span: tuple[int, int] | None = None  # of the evidence, in the paragraph's text
    language: str = "zh-Hans"           # of the evidence
    note: str | None = None
    passage: tuple[int, int] | None = None  # the sentence(s) to quote, in the paragraph's text
    weight: float = 0.0                 # similarity evidence, in units of the threshold
    version: str | None = None          # date of the earlier statute version the article is of (None: current)

    def to_json(self) -> dict:
        return {"article": self.article, "method": self.method, "score": round(self.score, 3),
                "evidence": self.evidence}


@dataclass
class ParagraphLinks:
    links: list[Link] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)   # e.g. a citation cut short


def statute_english(statute, english) -> dict[int, str]:
    """The English of every present article that has any (reviewed or machine draft)."""
    out = {}
    for article in statute.present_articles():
        texts = []
        for seg in article_segments(article):
            if seg.kind == "article-heading":
                continue
            en = english.english(statute.id, seg)
            if en.available:
                texts.append(en.text)
        if texts:
            out[article.number] = " ".join(texts)
    return out


class StatuteLinker:
    """Everything needed to link paragraphs to one statute, built once."""

    def __init__(self, statute, english=None, paraphrases: dict[int, list[tuple[str, int, str]]] | None = None,
                 *, base: "StatuteLinker | None" = None):
        """``paraphrases``: article -> [(document id, paragraph, text)] from the official
        interpretation (see :func:`official_paraphrases`).  ``base``: a linker for the same
        statute whose article indexes are reused (they do not depend on the paraphrases)."""
        self.statute = statute
        self.count = max(statute.spec.articles, len(statute.articles))
        titles = [statute.title, statute.spec.title]
        parts = [c.title for c in statute.chapters] + [s.title for c in statute.chapters for s in c.sections]
        if base is not None:
            self.zh, self.en = base.zh, base.en
        else:
            self.zh = ChineseIndex({a.number: a.plain_text() for a in statute.present_articles()},
                                   titles=titles, part_titles=parts)
            english_texts = statute_english(statute, english) if english is not None else {}
            self.en = EnglishIndex(english_texts) if english_texts else None
        self.paraphrases = paraphrases or {}
        self.zh_official = None
        if self.paraphrases:
            self.zh_official = ChineseIndex({a: "。".join(t for _, _, t in items) for a, items in self.paraphrases.items()},
                                            threshold=self.zh.threshold * PARAPHRASE_FACTOR, titles=titles,
                                            part_titles=parts, weights_from=self.zh)

    def link_text(self, text: str, *, document: str = "", paragraph: int = 0) -> ParagraphLinks:
        result = ParagraphLinks()
        found: dict[int, Link] = {}
        for cit in find_citations(text, self.statute.title, self.count):
            if cit.other_law:
                continue
            evidence = text[cit.start:cit.end]
            for number in cit.articles:
                if number not in found:
                    found[number] = Link(document, paragraph, self.statute.id, number, "citation", 1.0, evidence,
                                         (cit.start, cit.end), _language_of(evidence))
            if cit.message:
                result.messages.append(cit.message)
        cited = bool(found)
        if len(text) > SIMILARITY_LIMIT:
            result.messages.append(f"is {len(text):,} characters long, over {SIMILARITY_LIMIT:,}: linked by its "
                                   "explicit citations only (split it into paragraphs to link it by its text)")
            for link in found.values():
                link.passage = (link.span[0], link.span[1]) if link.span else (0, 0)
            result.links = sorted(found.values(), key=lambda l: l.article)
            return result
        candidates = [(m.article, m.score, m.evidence, m.span, "zh-Hans", m.weight / self.zh.threshold, None)
                      for m in self.zh.match(text)]
        if self.en is not None:
            candidates += [(m.article, m.score, m.evidence, m.span, "en", m.weight / self.en.threshold, None)
                           for m in self.en.match(text)]
        if self.zh_official is not None:
            for m in self.zh_official.match(text):
                sources = ", ".join(f"{d} paragraph {i}" for d, i, _ in self.paraphrases.get(m.article, []))
                candidates.append((m.article, m.score, m.evidence, m.span, "zh-Hans",
                                   m.weight / self.zh_official.threshold,
                                   f"matched the official interpretation's account of this article ({sources})"))
        for article, score, evidence, span, lang, weight, note in sorted(candidates, key=lambda c: (-c[1], c[0])):
            if article in found:
                continue
            if cited and score < CITED_PARAGRAPH_FACTOR / (CITED_PARAGRAPH_FACTOR + 1):
                continue
            found[article] = Link(document, paragraph, self.statute.id, article, "similarity", score, evidence,
                                  span, lang, note=note, weight=weight)
        weak = None
        for link in found.values():
            if link.method == "citation":
                # Quote what the paragraph says about the article, if any of it is similar;
                # a citation in brackets at the end of a summary is not worth quoting alone.
                if weak is None:
                    weak = {m.article: m for m in self.zh.match(text, everything=True)}
                near = weak.get(link.article)
                link.passage = passage_span(text, near.span) if near else (0, len(text))
            else:
                link.passage = passage_span(text, link.span)
        result.links = sorted(found.values(), key=lambda l: l.article)
        return result


_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』)）]*|\.(?=\s|$)[”’\"')]*")


def passage_span(text: str, span: tuple[int, int] | None) -> tuple[int, int]:
    """The whole sentence(s) of ``text`` around ``span`` (the passage quoted on article pages)."""
    if span is None:
        return 0, len(text)
    start, end = span
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    left = max([e for e in ends if e <= start] or [0])
    right = min([e for e in ends if e >= end] or [len(text)])
    while left < len(text) and text[left] in " \u3000":
        left += 1
    return left, right


def _language_of(text: str) -> str:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "en" if latin > 2 * cjk else "zh-Hans"


def link_document(document, linker: StatuteLinker) -> tuple[list[Link], list[Diagnostic]]:
    links: list[Link] = []
    diagnostics: list[Diagnostic] = []
    primary = document.primary_source
    for para in document.paragraphs:
        result = linker.link_text(para.text, document=document.id, paragraph=para.index)
        links.extend(result.links)
        for message in result.messages:
            diagnostics.append(Diagnostic(
                "warning", f"{document.id} paragraph {para.index}: {message}",
                path=para.source or (primary.path if primary else None), line=para.line, code="citation-cut-short",
                message_zh=f"文件 {document.id} 第{para.index}段：{_link_message_zh(message)}",
                hint=f"if the full citation is known, add the missing links in annotations/{linker.statute.id}/"
                     f"article-<n>.yaml under `links: add:` (document {document.id}, paragraph {para.index})"))
    return links, diagnostics


def apply_overrides(links: list[Link], annotations, documents: dict,
                    earlier_articles: dict | None = None) -> tuple[list[Link], list[Diagnostic]]:
    """Editors' ``links: add/suppress`` from the annotation files, checked and applied.

    For a document about an earlier version of its statute (``version:`` in the manifest) the
    article an override sits in is read as that version's article of the same number, as the
    document's own citations are; ``earlier_articles`` maps (statute, date) to the numbers that
    version has, so an override naming an article the version lacks is an error."""
    diagnostics: list[Diagnostic] = []
    by_key = {(l.document, l.paragraph, l.statute, l.article): l for l in links}
    for f in annotations.all_files():
        if f.article is None:
            continue
        for override in f.links:
            doc = documents.get(override.document)
            if doc is None:
                continue  # reported by the annotation loader
            if doc.statute and doc.statute != f.statute:
                diagnostics.append(Diagnostic(
                    "error", f"links.{override.action}: document '{doc.id}' is about {doc.statute}, not {f.statute}",
                    path=f.path, line=override.line, code="link-override",
                    hint=f"move this entry to annotations/{doc.statute}/article-<n>.yaml"))
                continue
            para = doc.paragraph(override.paragraph)
            if para is None:
                diagnostics.append(Diagnostic(
                    "error", f"links.{override.action}: document '{doc.id}' has no paragraph {override.paragraph} "
                    f"(it has paragraphs 0–{len(doc.paragraphs) - 1})", path=f.path, line=override.line,
                    code="link-override", hint="paragraph numbers are the p-<n> anchors on the document's page"))
                continue
            version = getattr(doc, "version", None)
            if (f.statute, version) not in (earlier_articles or {}):
                version = None          # about the current text (or no version named)
            elif f.article not in earlier_articles[(f.statute, version)]:
                diagnostics.append(Diagnostic(
                    "error", f"links.{override.action}: document '{doc.id}' discusses the {version} text of "
                    f"{f.statute}, which has no article {f.article}", path=f.path, line=override.line,
                    code="link-override",
                    hint=f"for this document an article file's number is the {version} text's article number; "
                         "move the entry to the file of that number"))
                continue
            key = (doc.id, para.index, f.statute, f.article)
            if override.action == "suppress":
                if key in by_key:
                    del by_key[key]
                else:
                    diagnostics.append(Diagnostic(
                        "warning", f"links.suppress: paragraph {para.index} of '{doc.id}' is not linked to article "
                        f"{f.article}, so there is nothing to suppress", path=f.path, line=override.line,
                        code="link-override", hint="remove the entry, or check the paragraph number"))
            else:
                existing = by_key.get(key)
                evidence = existing.evidence if existing else shorten(para.text, 80)
                span = existing.span if existing else None
                by_key[key] = Link(doc.id, para.index, f.statute, f.article, "editor", 1.0, evidence, span,
                                   _language_of(evidence), note=override.note,
                                   passage=existing.passage if existing else (0, len(para.text)), version=version)
    out = sorted(by_key.values(), key=lambda l: (l.document, l.paragraph, l.statute, l.article))
    return out, diagnostics


def official_paraphrases(documents: dict, links: list[Link]) -> dict[str, dict[int, list[tuple[str, int, str]]]]:
    """statute -> article -> [(document, paragraph, text)]: the paragraphs of official documents
    devoted to one article (their only link, by citation or on strong evidence)."""
    by_paragraph: dict[tuple[str, int], list[Link]] = {}
    for link in links:
        by_paragraph.setdefault((link.document, link.paragraph), []).append(link)
    out: dict[str, dict[int, list[tuple[str, int, str]]]] = {}
    for (doc_id, index), items in sorted(by_paragraph.items()):
        doc = documents.get(doc_id)
        if doc is None or doc.kind not in OFFICIAL_KINDS or len(items) != 1:
            continue
        link = items[0]
        para = doc.paragraph(index)
        if para is None or para.heading:
            continue
        if link.method == "citation" or link.weight >= PARAPHRASE_SOURCE_WEIGHT:
            out.setdefault(link.statute, {}).setdefault(link.article, []).append((doc_id, index, para.text))
    return out


def link_documents(documents: dict, statutes: dict, english=None, annotations=None
                   ) -> tuple[list[Link], list[Diagnostic]]:
    """Link every document to its statute, then apply the editors' overrides.

    The official documents are linked first; their paragraphs devoted to one article then
    help link the rest (see :func:`official_paraphrases`).
    """
    links: list[Link] = []
    diagnostics: list[Diagnostic] = []
    official = [d for d in documents.values() if d.kind in OFFICIAL_KINDS]
    others = [d for d in documents.values() if d.kind not in OFFICIAL_KINDS]
    base: dict[str, StatuteLinker] = {}

    def base_linker(statute_id: str) -> StatuteLinker:
        if statute_id not in base:   # built once per statute (indexes first: no all-pairs work)
            base[statute_id] = StatuteLinker(statutes[statute_id], english)
        return base[statute_id]

    for doc in official:
        if doc.statute in statutes:
            found, problems = link_document(doc, base_linker(doc.statute))
            links.extend(found)
            diagnostics.extend(problems)
    paraphrases = official_paraphrases(documents, links)
    linkers: dict[str, StatuteLinker] = {}
    for doc in others:
        if doc.statute in statutes:
            if doc.statute not in linkers:
                linkers[doc.statute] = StatuteLinker(statutes[doc.statute], english, paraphrases.get(doc.statute),
                                                     base=base_linker(doc.statute))
            linker = linkers[doc.statute]
            found, problems = link_document(doc, linker)
            links.extend(found)
            diagnostics.extend(problems)
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    links.sort(key=lambda l: (order.get(l.document, 0), l.paragraph, l.article))
    if annotations is not None:
        links, problems = apply_overrides(links, annotations, documents)
        diagnostics.extend(problems)
    return links, diagnostics


__all__ = ["Link", "StatuteLinker", "apply_overrides", "link_document", "link_documents", "official_paraphrases",
           "statute_english"]


def _link_message_zh(message: str) -> str:
    """The Chinese for readers of a linking message (its kind; the English gives the numbers)."""
    if message.startswith("the citation is cut short ("):
        quoted = message[len("the citation is cut short ("):].split(")", 1)[0]
        return f"引文残缺（{quoted}）：只链接了无论如何补全都必然引用的条文"
    if message.startswith("cites "):
        return "所引条文超出本法规的条数，超出部分未链接"
    if "characters long" in message:
        return "段落过长，只按其中明确的引文链接"
    return "链接时发现问题"
