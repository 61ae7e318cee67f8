"""Print view: a whole statute, bilingual, on one page, for handouts.

One page per statute (``<statute-id>/print.md``): title, status and citation, then every
chapter, section and article with the same Chinese / English rows as the article pages.
The print stylesheet (``site_config/overrides/assets/stylesheets/statute.css``, ``@media
print``) starts each chapter on a new page and hides the site's navigation chrome.

The page hides the navigation and table-of-contents sidebars on screen too.  The site
search does not index it (it holds every article: it would match every query; see
:mod:`generator.render.search_data`).
"""

from __future__ import annotations

from generator.render.extension import SiteExtension
from generator.model import Segment
from generator.numerals import article_label_zh, chapter_label_zh, section_label_zh
from generator.reconcile.statute import Statute
from generator.render import escape, urls
from generator.render.html import bi, bi_label, bi_text, date_en, date_zh, esc, rel
from generator.render.provenance import english_notice, provenance_label, provenance_summary_html
from generator.render.status import editor_notes
from generator.render.verbatim import verbatim
from generator.render.statute_pages import (STATUS_LABEL, VIEW_SWITCH, article_body_html, article_heading_md,
                                            chapter_title_en, citation, heading_en, statute_title_block)

NAV_TITLE = "Print view · 打印版"


class PrintView(SiteExtension):
    """Site extension (see :class:`generator.render.extension.SiteExtension`): the print pages and their nav."""

    def statute_pages(self, project, statute) -> dict[str, str]:
        return {urls.print_page(statute.id): print_page(statute, project.english)}

    def nav(self, project) -> list:
        # "中文 · English": the theme's caption shows the reader's language (site/chrome.py).
        return [{NAV_TITLE: [{f"{s.title} · {_nav_label(s)}": urls.print_page(s.id)} for s in project.statutes.values()]}]


def _nav_label(statute: Statute) -> str:
    return statute.spec.short_title_en or statute.spec.title_en


def _front_matter(title: str) -> str:
    quoted = escape.head(title)
    return ("---\n"
            f"title: {quoted}\n"
            "hide:\n  - navigation\n  - toc\n"
            "---\n\n")


def _article_heading(statute: Statute, english, article) -> str:
    """The article page's heading (Chinese and English halves), one level down."""
    return "###" + article_heading_md(statute, english, article)


def _facts(statute: Statute) -> str:
    spec = statute.spec
    zh_status, en_status = STATUS_LABEL[spec.status]
    rows = [("状态 Status", f"{zh_status} · {en_status}")]
    for label, value in (("通过 Adopted", spec.adopted), ("公布 Promulgated", spec.promulgated),
                         ("施行 In force from", spec.effective)):
        if value:
            rows.append((label, f"{date_zh(value)} · {date_en(value)}"))
    if spec.comment_period:
        cp = spec.comment_period
        rows.append(("征求意见期 Comment period",
                     f"{date_zh(cp['from'])}至{date_zh(cp['to'])} · {date_en(cp['from'])} – {date_en(cp['to'])}"))
    src = statute.source
    rows.append(("权威文本 Authoritative source", src.display_path))
    body = "".join(f"<tr><th>{bi_label(k)}</th><td>{bi_text(v)}</td></tr>" for k, v in rows)
    return f'<table class="print-facts"><tbody>{body}</tbody></table>\n\n'


def _missing_note(statute, articles) -> str:
    first, last = articles[0].number, articles[-1].number
    span_zh = article_label_zh(first) + (f"至{article_label_zh(last)}" if last != first else "")
    span_en = f"Article{'s' if last != first else ''} {first}" + (f"–{last}" if last != first else "")
    reason = bi(esc(articles[0].missing_reason_zh or ""), esc(articles[0].missing_reason or ""), " ")
    return ('<div class="missing-article print-missing" role="note">'
            f'<p>{bi("<strong>" + esc(span_zh) + "</strong>未见于所收集的来源文本。", "<strong>" + esc(span_en) + "</strong>: not in the source copy.", " ")}</p>'
            f'<p>{reason}</p>{editor_notes(statute)}</div>\n\n')


def print_page(statute: Statute, english) -> str:
    page = urls.print_page(statute.id)
    out = [_front_matter(f"{statute.title} 打印版 · {_nav_label(statute)}, print view")]
    hint = bi("整部法规合为一页，供打印：请使用浏览器的打印命令（Ctrl+P、⌘P）。每章另起一页，网站菜单不予打印。"
              "可选择打印内容：仅中文、仅英文或中英对照；每页页边印有标题、页码、打印日期和网址。",
              "The whole statute on one page, for printing: use your browser's Print command (Ctrl+P, ⌘P). "
              "Each chapter starts on a new page; the site's menus are left out. Choose what to print: Chinese "
              "only, English only or both; each page carries the title, page number, print date and address "
              "in its margins.", " ")
    out.append(f'<p class="print-hint" markdown>{hint} '
               f"[{bi('返回概览', 'Back to the overview', ' ')}]({rel(page, urls.statute_page(statute.id))})</p>\n\n")
    out.append(VIEW_SWITCH.replace('aria-label="以中文、英文或中英对照显示 · Show the text in Chinese, English or both"',
                                   'aria-label="以中文、英文或中英对照打印 · Print the text in Chinese, English or both"'))
    out.append(statute_title_block(statute, english))
    out.append(english_notice(page))
    out.append(_facts(statute))
    uniform = _uniform_english(statute, english)
    if uniform is not None:
        out.append(provenance_summary_html(uniform, page).replace("English on this page", "All English in this statute", 1))
    said = uniform is not None
    zh, en = citation(statute, None)
    out.append('<div class="citation" role="group" aria-label="如何引用本法规 · How to cite this statute">'
               f'<span class="citation-label">{bi("引用", "Cite", " ", en_first=True)}</span>'
               f'<p class="cite-zh" lang="zh-Hans">{esc(zh)}</p><p class="cite-en" lang="en">{esc(en)}</p></div>\n\n')

    def article_block(article) -> str:
        return _article_heading(statute, english, article) + verbatim(
            article_body_html(statute, english, article, page=page, said_above=said))

    present = statute.present_articles()
    for chapter in statute.chapters:
        en_title = chapter_title_en(english, statute, chapter.key)
        zh_title = f"{esc(chapter_label_zh(chapter.number))} {esc(chapter.title)}"
        out.append(f"## {bi(zh_title, esc(en_title), ' ')} {{ #{chapter.eid} .print-chapter }}\n\n")
        articles = [a for a in present if a.chapter_key == chapter.key]
        for article in [a for a in articles if a.section is None]:
            out.append(article_block(article))
        for section in chapter.sections:
            seg = Segment(f"{section.eid}__heading", "section-heading", section.title)
            sen = heading_en(english, statute, seg, "")
            zh_title = f"{esc(section_label_zh(section.number))} {esc(section.title)}"
            en_title = f"Section {section.number}" + (" " + esc(sen) if sen else "")
            out.append(f"### {bi(zh_title, en_title, ' ')} {{ #{section.eid} }}\n\n")
            for article in [a for a in articles if a.section == section.number]:
                out.append(article_block(article))
    orphans = [a for a in present if a.chapter is None]
    if orphans:
        out.append("## 不属于任何一章的条文 · Articles outside any chapter { #no-chapter .print-chapter }\n\n")
        for article in orphans:
            out.append(article_block(article))
    missing = statute.missing_articles()
    if missing:
        out.append("## 未收录 · Not in the source copy { #missing-articles .print-chapter }\n\n")
        for run in _runs(missing):
            out.append(_missing_note(statute, run))
    return "".join(out)


def _uniform_english(statute: Statute, english):
    """The English of the statute's first article segment when every article segment's
    provenance reads the same (so the print view says it once), else None."""
    found = [english.english(statute.id, s) for s in statute.segments() if s.article is not None]
    if not found or not all(e.available for e in found) or len({provenance_label(e) for e in found}) != 1:
        return None
    return found[0]


def _runs(articles) -> list[list]:
    """Consecutive article numbers grouped: [32, 33, 34, 40] -> [[32, 33, 34], [40]]."""
    runs: list[list] = []
    for article in articles:
        if runs and article.number == runs[-1][-1].number + 1:
            runs[-1].append(article)
        else:
            runs.append([article])
    return runs


__all__ = ["NAV_TITLE", "PrintView", "print_page"]
