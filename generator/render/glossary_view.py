"""Glossary rendering: the glossary page, and defined terms marked on article pages.

On an article page the first use of each defined term is marked; hovering or focusing it
(it is keyboard-focusable) shows its English and where it is defined.  The definition is
carried in an attribute, not in the text, so the Chinese text of the page stays exactly
the law text; a visible "Defined terms" list under the article describes each marked term
(and is what screen readers announce, through aria-describedby).
"""

from __future__ import annotations

import functools
import re

from generator.render.extension import SiteExtension
from generator.glossary import GlossaryTerm
from generator.numerals import article_label_zh
from generator.reconcile.statute import Statute
from generator.render import escape, urls
from generator.render.html import bi, esc, md_link_text, md_table_cell, rel
from generator.render.provenance import english_notice
from generator.render.statute_pages import front_matter
from generator.textnorm import shorten

GLOSSARY = "glossary.md"


def shorten_words(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters at a word boundary, with "…"."""
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


def compare_definitions(project) -> str:
    """Terms defined by more than one statute, their definitions side by side."""
    by_term: dict[str, list] = {}
    for sid in project.statutes:
        for term in project.glossary.for_statute(sid):
            if term.kind == "definition" and term.definition_zh:
                by_term.setdefault(term.zh, []).append((sid, term))
    shared = {zh: found for zh, found in by_term.items() if len(found) > 1}
    if not shared:
        return ""
    out = [f"## {bi('同一术语的不同定义', 'Same term, different statutes', en_first=True)} {{ #compare }}\n\n",
           '<p>' + bi("不止一部法规定义的术语，及各法规的定义。",
                      "Terms more than one statute defines, with each statute's definition.", " ") + '</p>\n\n']
    for zh, found in shared.items():
        en = found[0][1].en
        out.append(f"### {bi(esc(zh), esc(en)) if en else esc(zh)} "
                   f"{{ #compare-{esc(found[0][1].anchor)} }}\n\n")
        out.append("| 法规 · Statute | 定义 · Definition |\n|---|---|\n")
        for sid, term in found:
            statute = project.statutes[sid]
            name_en = md_link_text(statute.spec.short_title_en or statute.spec.title_en)
            link = f"[{bi(f'{md_link_text(statute.title)}{article_label_zh(term.article)}', f'{name_en}, art. {term.article}')}]" \
                   f"({rel(GLOSSARY, urls.article_page(sid, term.article))})"
            out.append(f"| {link} | {_definition(term)} |\n")
        out.append("\n")
    return "".join(out)


def _definition(term: GlossaryTerm) -> str:
    """A definition in a table cell: the Chinese, then its English (only the English in the
    English view when there is one)."""
    zh = f'<span lang="zh-Hans">{md_table_cell(term.definition_zh)}</span>' if term.definition_zh else ""
    if not term.definition_en:
        return zh
    return f'<span class="has-en glossary-def">{zh}<br><span lang="en">{md_table_cell(term.definition_en)}</span></span>'


class _CharEscapes(dict):
    """code point -> :func:`esc` of that one character (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = esc(chr(code))
        return value


_CHAR_ESCAPES = _CharEscapes()


def _esc_chars(text: str) -> str:
    """``"".join(esc(c) for c in text)``, at the speed of ``str.translate``."""
    return text.translate(_CHAR_ESCAPES)


@functools.lru_cache(maxsize=1024)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(map(re.escape, terms))) if terms else None


class TermMarker:
    """Marks the first use of each term on one page."""

    def __init__(self, terms: list[GlossaryTerm], page: str):
        self.terms = sorted([t for t in terms if t.zh], key=lambda t: -len(t.zh))
        self.page = page
        self.used: list[GlossaryTerm] = []

    def tip(self, term: GlossaryTerm) -> str:
        where = f"defined in Article {term.article}" if term.article else "glossary term"
        tip = f"{term.zh} — {term.en or '(English not yet available)'} ({where})"
        if term.definition_en:
            tip += f": {shorten_words(term.definition_en, 220)}"
        return tip

    def tip_zh(self, term: GlossaryTerm) -> str:
        """The tooltip in Chinese (the Chinese view's): where the term is defined, its definition."""
        where = f"定义见{article_label_zh(term.article)}" if term.article else "术语表所列术语"
        tip = f"{term.zh}（{where}）"
        if term.definition_zh:
            tip += f"：{shorten(term.definition_zh, 90, tail=False)}"
        return tip

    def __call__(self, text: str) -> str:
        """The text escaped character by character (as :func:`esc` of each character), the
        first use of each term marked; a term is tried, longest first, only where one of the
        terms occurs (one regular-expression search finds the next such place)."""
        out: list[str] = []
        i = 0
        used = {t.zh for t in self.used}
        pattern = _term_pattern(tuple(t.zh for t in self.terms))
        while i < len(text):
            found = pattern.search(text, i) if pattern is not None else None
            if found is None:
                out.append(_esc_chars(text[i:]))
                break
            at = found.start()
            hit = next((t for t in self.terms if t.zh not in used and text.startswith(t.zh, at)), None)
            if hit is None:                  # only terms marked already start here
                out.append(_esc_chars(text[i:at + 1]))
                i = at + 1
                continue
            out.append(_esc_chars(text[i:at]))
            self.used.append(hit)
            used.add(hit.zh)
            out.append(f'<span class="term" tabindex="0" data-tip="{escape.attr(self.tip(hit))}" '
                       f'data-tip-zh="{escape.attr(self.tip_zh(hit))}" '
                       f'aria-describedby="def-{hit.anchor}">{esc(hit.zh)}</span>')
            i = at + len(hit.zh)
        return "".join(out)

    def defined_terms_html(self, statute: Statute) -> str:
        if not self.used:
            return ""
        rows = []
        for term in sorted(self.used, key=lambda t: (t.article or 0, t.zh)):
            # md: links are resolved by generator/mkdocs_hooks.py for each kind of build.
            link = f"md:{GLOSSARY}#{statute.id}-{term.anchor}"
            where, where_zh = "", ""
            if term.article:
                target = escape.url(f"md:{urls.article_page(statute.id, term.article)}" + (f"#{term.eid}" if term.eid else ""))
                label = esc(article_label_zh(term.article))
                where = f' — defined in <a href="{target}">{label} (Art. {term.article})</a>'
                where_zh = f'，定义见<a href="{target}">{label}</a>'
            rows.append(f'<dt id="def-{esc(term.anchor)}">{bi(esc(term.zh), esc(term.en or "English not yet available"))}</dt>'
                        "<dd>" + bi(f'定义术语{where_zh}。<a href="{escape.url(link)}">术语表</a>',
                                    f'Defined term{where}. <a href="{escape.url(link)}">Glossary</a>', " ") + "</dd>")
        return (f'<details class="defined-terms"><summary>{bi("本条所用定义术语", "Defined terms in this article", en_first=True)}</summary>'
                f'<dl>{"".join(rows)}</dl></details>\n\n')


class GlossaryPages(SiteExtension):
    """SiteExtension: the glossary page and its nav entry."""

    def pages(self, project) -> dict[str, str]:
        glossary = project.glossary
        out = [front_matter("Glossary · 术语表")]
        out.append("# Glossary · 术语表 { #glossary }\n\n")
        out.append(english_notice(GLOSSARY))
        out.append('<p>' + bi("各法规所定义的术语（“本条例所称……是指……”和“以下简称……”），由程序从文本中自动找出，"
                              "另有编辑添加的术语。所有译文均采用此处给出的英文；<code>statute-site check</code> "
                              "会报告任何不一致之处。",
                              "Terms each statute defines (本条例所称…是指… and 以下简称…), found in the text "
                              "automatically, with terms editors added. Every translation uses the English given here; "
                              "<code>statute-site check</code> reports any that does not.", " ") + "</p>\n\n")
        for sid, statute in project.statutes.items():
            terms = glossary.for_statute(sid)
            out.append(f"## {bi(esc(statute.title), esc(statute.spec.short_title_en or statute.spec.title_en))} {{ #{sid} }}\n\n")
            if not terms:
                out.append(f"{bi('未定义术语。', 'No defined terms.', ' ')}\n\n")
                continue
            out.append("| 术语 · Chinese term | 英文 · English | 出处 · Defined in | 定义 · Definition |\n|---|---|---|---|\n")
            for term in terms:
                where = "—"
                if term.article:
                    target = urls.article_page(sid, term.article) + (f"#{term.eid}" if term.eid else "")
                    where = f"[{bi(esc(article_label_zh(term.article)), f'Article {term.article}')}]({rel(GLOSSARY, target)})"
                anchor = f'<span id="{escape.attr(sid)}-{esc(term.anchor)}"></span>'
                definition = _definition(term)
                kind = {"definition": "", "abbreviation": " " + bi("（简称）", "(abbreviation)", " "),
                        "editor": " " + bi("（编辑添加）", "(added by editors)", " ")}[term.kind]
                out.append(f'| {anchor}<span lang="zh-Hans" class="glossary-term">{md_table_cell(term.zh)}</span>{kind} | '
                           f'<span lang="en" class="glossary-en">{md_table_cell(term.en or "English not yet available")}</span> | '
                           f"{where} | {definition} |\n")
            out.append("\n")
        out.append(compare_definitions(project))
        return {GLOSSARY: "".join(out)}

    def nav(self, project) -> list:
        return [{"Glossary · 术语表": GLOSSARY}]
