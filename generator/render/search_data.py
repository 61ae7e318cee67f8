"""What the generator tells the search hook (:mod:`generator.site.search_hooks`).

Written to ``<docs>/.search.json`` (like ``.nav.json``, not published): the ranking policy
(search boost by docs path: drafts, commentary and reference pages rank lower) and, for
each article page, its paragraph entries built from the model, so a search result lands
on the paragraph that matched.
"""

from __future__ import annotations

import html

from generator.model import article_segments
from generator.numerals import article_label_zh, chinese_numeral
from generator.render import urls
from generator.render.statute_pages import label_en

POLICY_FILE = ".search.json"

BOOST_NOT_IN_FORCE = 0.5      # a draft for comment or a repealed statute
BOOST_REFERENCE = 0.25        # sources, variants, issues: for editors, they quote the text


def paragraph_title(article: int, paragraph: int, paragraphs_in_article: int) -> str:
    if paragraphs_in_article == 1:
        return f"{article_label_zh(article)} · Art. {article}"
    return f"{article_label_zh(article)}第{chinese_numeral(paragraph)}款 · Art. {article}({paragraph})"


def paragraph_entries(statute, english, article) -> list[dict]:
    """Search entries for an article's paragraphs: Chinese, then English, row by row.

    Built from the model, the same text the page shows in its two columns (labels
    included, provenance notes and the "not yet available" placeholder left out).
    ``location`` is the paragraph's anchor; the hook prefixes the page URL.
    """
    segments = {seg.eid: seg for seg in article_segments(article)}
    out = []
    for para in article.paragraphs:
        pieces = []
        rows = ([(para.eid, "", para.text)] if para.text else []) + [
            (item.eid, item.label, item.text) for item in para.items]
        for eid, label, zh in rows:
            pieces.append(f"{label}{zh}")
            en = english.english(statute.id, segments[eid]) if eid in segments else None
            if en is not None and en.available:
                pieces.append(f"{label_en(label)} {en.text}".strip())  # as the page shows it
        out.append({"anchor": para.eid,
                    "title": paragraph_title(article.number, para.number, len(article.paragraphs)),
                    "text": html.escape(" ".join(pieces), quote=False)})
    return out


def search_data(project) -> dict:
    """What the hook needs from the generator, written to :data:`POLICY_FILE`.

    ``boost``: rules by docs path prefix, first match wins.  ``paragraphs``: for each
    article page (docs path), its paragraph entries.
    """
    rules = []
    for statute in project.statutes.values():
        if statute.spec.status in ("draft", "repealed"):
            rules.append({"prefix": f"{statute.id}/", "boost": BOOST_NOT_IN_FORCE,
                          "why": f"{statute.spec.status}: not law in force"})
    # Commentary documents are long and repeat the law's vocabulary many times over; the
    # articles themselves come first when both match.
    rules.append({"prefix": "commentary/", "boost": BOOST_NOT_IN_FORCE, "why": "commentary, not law text"})
    for page in (urls.SOURCES, urls.VARIANTS, urls.ISSUES, "tags.md", "glossary.md", "editor-guide.md"):
        rules.append({"prefix": page, "boost": BOOST_REFERENCE, "why": "index or reference page"})
    paragraphs = {}
    for statute in project.statutes.values():
        for article in statute.present_articles():
            paragraphs[urls.article_page(statute.id, article.number)] = paragraph_entries(
                statute, project.english, article)
    return {"boost": rules, "paragraphs": paragraphs}
