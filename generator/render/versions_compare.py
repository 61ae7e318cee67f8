"""The 新旧对照 page of two consecutive versions: old | new, one row per concordance entry in
concordance order, changes marked character by character (``<del>``/``<ins>``), counts at
the top; the English of each article under its Chinese where there is any (with its
provenance, following the page's 中文 / English / 对照 switch); rows whose pairing editors
set (annotations/<statute>/concordance.yaml) say so.

Every string from the sources is escaped (:func:`esc`); links in raw HTML are ``md:`` links
that the MkDocs hook resolves.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from generator.english.model import English, EnglishSource
from generator.model import Article, article_segments
from generator.render import urls
from generator.render.html import esc, md_link_text, rel
from generator.render.provenance import english_notice, provenance_html, provenance_label
from generator.render.statute_pages import MISSING_EN, VIEW_SWITCH, front_matter, label_en
from generator.render.versions_names import KIND_LABEL, article_url, compare_page, label, md_href, version_name
from generator.versions.build import StatuteVersions, Version, VersionPair


# --------------------------------------------------------------------------- character diff

def mark_changes(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, what the new one deleted in ``<del>`` and what it added in ``<ins>``
    (characters, not words: Chinese has no spaces); every piece escaped; newlines -> <br>."""
    old_out: list[str] = []
    new_out: list[str] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = esc(old[i1:i2]), esc(new[j1:j2])
        if op == "equal":
            old_out.append(a)
            new_out.append(b)
            continue
        if a:
            old_out.append(f"<del>{a}</del>")
        if b:
            new_out.append(f"<ins>{b}</ins>")
    return "".join(old_out).replace("&#10;", "<br>"), "".join(new_out).replace("&#10;", "<br>")


def article_lines(article: Article) -> str:
    return "\n".join(label_ + text for _, label_, text in article.text_blocks())


# --------------------------------------------------------------------------- English in a cell

def article_english(statute_id: str, english: EnglishSource, version: Version, article: Article
                    ) -> list[tuple[str, English]]:
    """(item label, English) of each segment of ``article`` that has English made for its
    text.  Only the current text's English may be stale (flagged, as on its article page):
    an earlier version's article shares segment ids with the current article of the same
    number, whose English is for other Chinese and is not shown here."""
    segments = {s.eid: s for s in article_segments(article)}
    out = []
    for para in article.paragraphs:
        units = ([(para.eid, "")] if para.text else []) + [(item.eid, label_en(item.label)) for item in para.items]
        for eid, item_label in units:
            found = english.english(statute_id, segments[eid])
            if found.available and (version.current or not found.stale):
                out.append((item_label, found))
    return out


def _english_html(found: list[tuple[str, English]], article: Article) -> str:
    if not found:
        return ('<div class="seg en missing" lang="en" data-provenance="missing">'
                f'<span class="missing-note">Article {esc(article.ref)}: {MISSING_EN}</span></div>')
    labels = {provenance_label(e) for _, e in found}
    uniform = len(labels) == 1
    parts = [(f'<span class="label">{esc(item)}</span> ' if item else "") + esc(e.text)
             + ("" if uniform else provenance_html(e)) for item, e in found]
    first = found[0][1]
    stale = " stale" if any(e.stale for _, e in found) else ""
    return (f'<div class="seg en {esc(first.status)}{stale}" lang="en" data-provenance="{esc(first.status)}">'
            f'<p>{"<br>".join(parts)}{provenance_html(first) if uniform else ""}</p></div>')


# --------------------------------------------------------------------------- 新旧对照 page

def _cell_links(statute_id: str, version: Version, articles: list[Article]) -> str:
    return "、".join(f'<a href="{md_href(article_url(statute_id, version, a))}">{esc(label(a))}</a>'
                    for a in articles)


def _cell(statute_id: str, version: Version, articles: list[Article], body: str, english: dict | None) -> str:
    if not articles:
        return '<td class="version-none"><span lang="en">(none)</span> <span lang="zh-Hans">（无）</span></td>'
    en = "".join(_english_html(english[(version.part, a.key)], a) for a in articles) if english is not None else ""
    return (f'<td><p class="version-refs" lang="zh-Hans">{_cell_links(statute_id, version, articles)}</p>'
            f'<div class="seg zh" lang="zh-Hans"><p>{body}</p></div>{en}</td>')


def _row(statute_id: str, pair: VersionPair, number: int, entry, english: dict | None) -> str:
    olds = [pair.old.articles[i] for i in entry.old]
    news = [pair.new.articles[j] for j in entry.new]
    old_text = "\n".join(article_lines(a) for a in olds)
    new_text = "\n".join(article_lines(a) for a in news)
    if entry.kind == "same":
        old_html, new_html = _lines(old_text), _lines(new_text)
    else:
        old_html, new_html = mark_changes(old_text, new_text)
    zh, en = KIND_LABEL[entry.kind]
    editors = ('<br><span class="by-editors" title="此对应关系由本项目编者校定（标注文件），并非由文本计算得出 · '
               'This pairing was set by the project\'s editors (annotations), not computed from the text"><span lang="en">pairing set by editors</span> '
               '<span lang="zh-Hans">编者校定</span></span>') if entry.by_editor else ""
    return (f'<tr id="row-{number}" class="change-{entry.kind}{" by-editor" if entry.by_editor else ""}">'
            f'{_cell(statute_id, pair.old, olds, old_html, english)}'
            f'{_cell(statute_id, pair.new, news, new_html, english)}'
            f'<td class="change-kind"><span lang="zh-Hans">{zh}</span> <span lang="en">{en}</span>{editors}</td></tr>')


def pair_english(statute_id: str, english: EnglishSource, pair: VersionPair) -> dict | None:
    """{(version part, article key): its English} for both sides, or None when no article of
    either side has any (the page then stays Chinese, without a language switch)."""
    found = {(v.part, a.key): article_english(statute_id, english, v, a)
             for v in (pair.old, pair.new) for a in v.articles}
    return found if any(found.values()) else None


def comparison_page(statute, versions: StatuteVersions, pair: VersionPair, english: EnglishSource) -> str:
    old_zh, old_en = version_name(pair.old)
    new_zh, new_en = version_name(pair.new)
    page = compare_page(statute.id, pair)
    bilingual = pair_english(statute.id, english, pair)
    out = [front_matter(f"新旧对照 {old_zh} → {new_zh} | {statute.title}", hide=("toc",))]
    out.append("# 新旧对照 · Old and new text { #changes }\n\n")
    out.append(f'<p lang="zh-Hans">{esc(statute.title)}：{esc(old_zh)}文本与{esc(new_zh)}文本对照</p>\n')
    editors = any(e.by_editor for e in pair.entries)
    out.append(f'<p lang="en">{esc(statute.spec.title_en or "")}: {esc(old_en)} ({len(pair.old.articles)} '
               f'articles) compared with {esc(new_en)} ({len(pair.new.articles)} articles). Deleted text is '
               'struck through, added text underlined. The pairing of articles is computed from their text '
               '(<code>statute-site compare</code>)' + ("; rows marked \u201cpairing set by editors\u201d were "
                                                       "paired by the project\'s editors" if editors else "")
               + '; it is not an official table.</p>\n\n')
    if bilingual is not None:
        out.append(english_notice(page))
        out.append(VIEW_SWITCH)
    out.append(_counts(pair))
    out.append('<div class="version-compare"><table>'
               f'<caption>{esc(old_en)} and {esc(new_en)}, article by article</caption>'
               f'<thead><tr><th scope="col"><span lang="zh-Hans">旧 · {esc(old_zh)}</span></th>'
               f'<th scope="col"><span lang="zh-Hans">新 · {esc(new_zh)}</span></th>'
               '<th scope="col">Change</th></tr></thead><tbody>')
    out.extend(_row(statute.id, pair, n, e, bilingual) for n, e in enumerate(pair.entries, start=1))
    out.append("</tbody></table></div>\n\n")
    out.append(f"[← {md_link_text(statute.title)}]({rel(page, urls.statute_page(statute.id))})\n")
    return "".join(out)


def _counts(pair: VersionPair) -> str:
    counts = pair.counts()
    return ('<ul class="change-counts">'
            f'<li><strong>{counts["amended"]}</strong> amended <span lang="zh-Hans">修改</span></li>'
            f'<li><strong>{counts["added"]}</strong> added <span lang="zh-Hans">新增</span></li>'
            f'<li><strong>{counts["deleted"]}</strong> deleted <span lang="zh-Hans">删除</span></li>'
            f'<li><strong>{counts["moved"]}</strong> moved unchanged <span lang="zh-Hans">条序变动</span></li>'
            f'<li><strong>{counts["unchanged"] - counts["moved"]}</strong> unchanged '
            '<span lang="zh-Hans">未改</span></li></ul>\n\n')


def _lines(text: str) -> str:
    """Text, escaped, its line breaks shown as <br>."""
    return "<br>".join(esc(line) for line in text.split("\n"))
