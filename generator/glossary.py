"""Defined terms: extracted from the statute text, completed by editors, locked in English.

A statute defines terms in two ways, both found automatically with the article that
does it:

* definitions: ``本条例所称人工智能，是指……`` (the term is 人工智能);
* abbreviations: ``……人工智能产业主管部门（以下简称市产业主管部门）`` (the term is 市产业主管部门).

The term's English is the one the reviewed translation of the defining sentence gives it
(the quoted phrase: ``"artificial intelligence" means`` / ``hereinafter referred to as "…"``),
so the glossary follows the editors.  Editors add terms, or override the English, in
``annotations/<statute>/statute.yaml`` under ``terms:``.

Every English segment whose Chinese uses a term must use the term's English:
:func:`term_consistency` reports those that do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic
from generator.english.model import EnglishSource
from generator.model import Segment, article_segments
from generator.reconcile.statute import Statute

_SCOPE = r"本(?:条例|法|规定|办法|细则|條例|規定|辦法|細則|章|节|節|条|條|款|编|編)"
DEFINITION_RE = re.compile(
    rf"{_SCOPE}(?:中)?所称(?:的)?[“\"「]?(?P<term>[^，,。；;：:“”\"「」]{{1,20}}?)[”\"」]?[，,]?\s*(?:是指|指|，?包括)")
# 下列用语的含义：（一）X，是指…  — a list of definitions, one per item.
LIST_INTRO_RE = re.compile(r"下列用语|用语的含义|用语含义")
ITEM_DEFINITION_RE = re.compile(
    r"^[“\"「]?(?P<term>[^，,。；;：:“”\"「」（）()]{1,20}?)[”\"」]?\s*[，,：:]?\s*(?:是指|指|系指)")
ABBREVIATION_RE = re.compile(
    r"[（(]\s*以下简称\s*[“\"「]?(?P<term>[^）)”\"」，,]{1,20})[”\"」]?\s*[)）]")
QUOTED_EN = re.compile(r"[\"“]([^\"”]{2,80})[\"”]")
HEREINAFTER_EN = re.compile(r"hereinafter(?: referred to as)?\s*[\"“]([^\"”]{2,80})[\"”]", re.IGNORECASE)


@dataclass
class GlossaryTerm:
    zh: str
    en: str | None
    statute: str
    article: int | None
    eid: str | None               # the defining segment
    kind: str                     # "definition" | "abbreviation" | "editor"
    definition_zh: str = ""
    definition_en: str = ""

    @property
    def anchor(self) -> str:
        return f"term-{_slug(self.zh)}"


def _slug(text: str) -> str:
    return "".join(f"{ord(c):x}" for c in text)


@dataclass
class Glossary:
    terms: dict[str, list[GlossaryTerm]] = field(default_factory=dict)   # statute -> terms
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def for_statute(self, statute_id: str) -> list[GlossaryTerm]:
        return self.terms.get(statute_id, [])

    def pairs(self, statute_id: str | None = None) -> list[tuple[str, str]]:
        """(zh, en) pairs, longest Chinese first (the order term protection needs)."""
        statutes = [statute_id] if statute_id else sorted(self.terms)
        seen: dict[str, str] = {}
        for sid in statutes:
            for t in self.terms.get(sid, []):
                if t.en and t.zh not in seen:
                    seen[t.zh] = t.en
        return sorted(seen.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def _english_term(kind: str, english: str) -> str | None:
    if not english:
        return None
    if kind == "abbreviation":
        m = HEREINAFTER_EN.search(english)
        return m.group(1).strip() if m else None
    m = QUOTED_EN.search(english)
    return m.group(1).strip() if m else None


def _definitions_in(article, seg: Segment, in_list: bool) -> list[tuple[str, str]]:
    """(kind, term) for every definition the segment makes."""
    found = [(kind, m.group("term").strip())
             for kind, regex in (("definition", DEFINITION_RE), ("abbreviation", ABBREVIATION_RE))
             for m in regex.finditer(seg.text)]
    if seg.kind == "item" and in_list:
        m = ITEM_DEFINITION_RE.match(seg.text)
        if m:
            found.append(("definition", m.group("term").strip()))
    return found


def extract_terms(statute: Statute, english: EnglishSource) -> list[GlossaryTerm]:
    """Every term the statute defines: 本法所称X，是指…; 下列用语的含义：（一）X，是指…;
    X（以下简称Y）; the same forms inside items."""
    found: dict[str, GlossaryTerm] = {}
    for article in statute.present_articles():
        lists = {item.eid for para in article.paragraphs if LIST_INTRO_RE.search(para.text)
                 for item in para.items}
        for seg in article_segments(article):
            for kind, term in _definitions_in(article, seg, seg.eid in lists):
                if not term or term in found:
                    continue
                en_seg = english.english(statute.id, seg)
                en_text = en_seg.text if en_seg.available else ""
                found[term] = GlossaryTerm(
                    zh=term, en=_english_term(kind, en_text), statute=statute.id, article=article.number,
                    eid=seg.eid, kind=kind, definition_zh=seg.text, definition_en=en_text)
    return list(found.values())


def build_glossary(statutes: dict[str, Statute], english: EnglishSource, annotations) -> Glossary:
    glossary = Glossary()
    editor_terms = {}
    for term in annotations.terms():
        editor_terms.setdefault(term.statute, {})[term.zh] = term
    for sid, statute in statutes.items():
        terms = {t.zh: t for t in extract_terms(statute, english)}
        for zh, et in editor_terms.get(sid, {}).items():
            base = terms.get(zh)
            article = et.article or (base.article if base else None)
            definition_zh, eid = (base.definition_zh, base.eid) if base else ("", None)
            if et.article and not base:
                art = statute.article(et.article)
                if art and art.status == "present":
                    hits = [s for s in article_segments(art) if zh in s.text]
                    if hits:
                        definition_zh, eid = hits[0].text, hits[0].eid
            terms[zh] = GlossaryTerm(zh=zh, en=et.en, statute=sid, article=article, eid=eid,
                                     kind=base.kind if base else "editor", definition_zh=definition_zh,
                                     definition_en=et.definition_en or (base.definition_en if base else ""))
        for term in terms.values():
            if not term.en:
                glossary.diagnostics.append(Diagnostic(
                    "warning", f"{sid}: defined term '{term.zh}' (article {term.article}) has no English yet",
                    path=f"annotations/{sid}/statute.yaml", code="term-without-english",
                    hint=f"add it under `terms:` with `zh: {term.zh}` and `en: …`, or review the translation "
                         f"of {term.eid} so it quotes the term"))
        glossary.terms[sid] = sorted(terms.values(), key=lambda t: (t.article or 10**6, t.zh))
    return glossary


def _norm_en(text: str) -> str:
    text = text.lower().replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def term_consistency(statutes: dict[str, Statute], english: EnglishSource, glossary: Glossary,
                     annotations=None) -> list[Diagnostic]:
    """English segments whose Chinese uses a term but whose English does not use its English."""
    out: list[Diagnostic] = []
    for sid, statute in statutes.items():
        terms = [t for t in glossary.for_statute(sid) if t.en]
        if not terms:
            continue
        for seg in statute.segments():
            en = english.english(sid, seg)
            if not en.available:
                continue
            text = _norm_en(en.text)
            for term in terms:
                if term.zh in seg.text and _norm_en(term.en) not in text:
                    path, line = _where(annotations, sid, seg)
                    out.append(Diagnostic(
                        "warning", f"{seg.eid}: the Chinese uses the defined term {term.zh} but the English "
                        f"({en.status}) does not use its glossary English '{term.en}'", path=path, line=line,
                        code="term-consistency",
                        hint=f"use '{term.en}' (defined in article {term.article}), or change the glossary "
                             f"English in annotations/{sid}/statute.yaml"))
    return out


def _where(annotations, sid: str, seg: Segment) -> tuple[str | None, int | None]:
    if annotations is None:
        return None, None
    holder = annotations.article(sid, seg.article) if seg.article else annotations.statute_file(sid)
    if holder and seg.eid in holder.translations:
        return holder.path, holder.translations[seg.eid].line
    return ("annotations/translation-memory.jsonl", None)
