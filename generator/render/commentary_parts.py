"""Pieces of the commentary pages (:mod:`generator.render.commentary`): escaping for the
places Markdown reads, anchors, the quotation of a passage, the English of a paragraph with
its provenance, and the editorial details of how a link was found."""

from __future__ import annotations

from difflib import SequenceMatcher

from generator.linking.normalize import key as normalize_key
from generator.numerals import article_label_zh
from generator.render import escape
from generator.render.html import EDITORIAL_DETAILS, bi, date_en, date_zh, esc
from generator.render.provenance import provenance_html, provenance_label

METHOD_LABEL = {"citation": "cited", "similarity": "text similarity", "editor": "added by an editor"}
QUOTE_LIMIT = 220


def inert(text: str) -> str:
    """Text for a place Markdown processes (a link label, a table cell)."""
    return escape.text(text)


def table_cell(text: str) -> str:
    return inert(text).replace("\n", " ")


def plain(text: str) -> str:
    """Plain text: page titles and nav titles are escaped where they are written."""
    return text


def document_page(document_id: str) -> str:
    return f"commentary/{document_id}.md"


def paragraph_anchor(index: int) -> str:
    return f"p-{index}"


def doc_lang(doc) -> str:
    return doc.language or "zh-Hans"


def date_label(iso: str | None) -> str:
    if not iso:
        return "来源未载明日期 · date not stated in the source"
    return f"{date_zh(iso)} · {date_en(iso)}"


def article_link_label(statute, number: int, version: str | None = None) -> str:
    """第十六条 / Article 16, with the date of the text when it is an earlier version's article."""
    zh, en = inert(article_label_zh(number)), f"Article {number}"
    article = statute.article(number) if statute else None
    if article is not None and article.status != "present":
        en += " (not in the source copy)"
    if version:
        zh, en = f"{zh}（{esc(version)}文本）", f"{en} ({esc(version)} text)"
    return bi(zh, en)


def methods_details(links) -> str:
    """How each of a paragraph's links was made, for editors, behind one disclosure."""
    rows = []
    for link in links:
        label = METHOD_LABEL.get(link.method, link.method)
        score = f", score {link.score:.2f}" if link.method == "similarity" else ""
        note = f" — {inert(link.note)}" if link.note else ""
        rows.append(f"<li>art. {link.article}: {esc(label)}{score}{note}</li>")
    first = links[0]
    return (f'<details class="editorial link-method" lang="en"><summary>{EDITORIAL_DETAILS}</summary>'
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


def uniform_label(found: list) -> str:
    """The provenance label every paragraph's English shares (said once for the page), or ""."""
    labels = {provenance_label(e) for e in found if e is not None}
    if not found or None in found or any(e.stale for e in found) or len(labels) != 1:
        return ""
    return labels.pop()


def english_html(project, doc, index: int, say_missing: bool = True, css: str = "", excerpt: bool = False,
                 label: bool = True) -> str:
    """The English of a commentary paragraph, with its provenance (or a plain "not yet").
    ``excerpt``: the Chinese shown is part of the paragraph (the English is of all of it);
    ``label=False``: the page has said the provenance once for all its paragraphs."""
    if doc_lang(doc) == "en":
        return ""
    found = project.commentary_english.get((doc.id, index))
    if found is None and not say_missing:
        return ""
    if found is None:
        return (f'<p class="commentary-en missing {css}" lang="en" data-provenance="missing">'
                "English translation of this paragraph not yet available.</p>")
    stale = " stale" if found.stale else ""
    return (f'<div class="commentary-en{stale} {css}" lang="en" data-provenance="{esc(found.status)}">'
            + ('<p class="commentary-en-scope">English of the whole paragraph; the Chinese quotation is an '
               "excerpt of it.</p>" if excerpt else "")
            + f"<p>{esc(found.text)}</p>{provenance_html(found) if label else ''}"
            + (f'<span class="translator-note">Translator\'s note: {esc(found.note)}</span>' if found.note else "")
            + "</div>")


def reader_number(index: int) -> int:
    """Paragraphs are numbered for readers from 1; their anchors (``p-<index>``) count from 0."""
    return index + 1


def marked(text: str, spans: list[tuple[int, int]]) -> str:
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


def quote_passage(text: str, passage: tuple[int, int] | None, evidence: tuple[int, int] | None) -> str:
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
