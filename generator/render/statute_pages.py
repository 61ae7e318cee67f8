"""Statute overview pages and one page per article."""

from __future__ import annotations

import re

from generator.english.model import English, EnglishSource
from generator.model import Article, Segment, article_segments
from generator.numerals import article_label_zh, chapter_label_zh, parse_numeral, section_label_zh
from generator.reconcile.statute import Statute
from generator.textnorm import shorten
from generator.render import escape, urls
from generator.render.html import bi, bi_label, bi_text, date_en, date_zh, esc, md_link_text, md_table_cell, rel
from generator.render.code_parts import container_headings
from generator.render.cite import cite_button, citation, citation_block, pinpoint
from generator.render.status import draft_banner, editor_notes, history_html, missing_article_html, status_rows
from generator.render.provenance import english_notice, provenance_html, provenance_label, provenance_summary_html

STATUS_LABEL = {
    "in_force": ("现行有效", "In force"),
    "draft": ("草案（征求意见稿）", "Draft for public comment"),
    "amended": ("已被修改", "Amended"),
    "repealed": ("已废止", "Repealed"),
    "not_yet_in_force": ("尚未施行", "Not yet in force"),
}
MISSING_EN = "English translation not yet available."
# Half-width , ; : after a Chinese character (003 has them): shown full-width, for display only.
# The stored text, its hash and the Source variants report keep the characters as collected.
_HALF_WIDTH_IN_CHINESE = re.compile(r"(?<=[\u3400-\u9fff\u3001-\u303f\uff01-\uff5e”’」』])([,;:])")
_FULL_WIDTH = {",": "，", ";": "；", ":": "："}


def display_zh(text: str) -> str:
    """Chinese text as displayed: half-width , ; : inside Chinese become ， ； ：."""
    return _HALF_WIDTH_IN_CHINESE.sub(lambda m: _FULL_WIDTH[m.group(1)], text)


def front_matter(title: str, hide: tuple[str, ...] = (), **extra: str) -> str:
    lines = ["---", f"title: {_yaml_str(title)}"]
    for key, value in extra.items():
        lines.append(f"{key}: {_yaml_str(value)}")
    if hide:
        lines.append("hide:")
        lines.extend(f"  - {h}" for h in hide)
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _yaml_str(value: str) -> str:
    return escape.head(value)


def heading_en(english: EnglishSource, statute: Statute, segment: Segment, fallback: str) -> str:
    found = english.english(statute.id, segment)
    return found.text if found.available else fallback


def chapter_title_en(english: EnglishSource, statute: Statute, ref: int | tuple) -> str:
    """``ref``: the chapter's number or key (book, part, number)."""
    chapter = statute.chapter(ref)
    if chapter is None:
        return f"Chapter {ref[-1] if isinstance(ref, tuple) else ref}"
    base = f"Chapter {chapter.number}"
    en = heading_en(english, statute, Segment(f"{chapter.eid}__heading", "chapter-heading", chapter.title), "")
    return f"{base} {en}" if en else base


VIEW_SWITCH = (
    '<div class="view-switch" role="group" aria-label="以中文、英文或中英对照显示 · Show the text in Chinese, English or both">'
    '<button type="button" data-view-choice="zh" aria-pressed="false" lang="zh-Hans" title="只显示中文 · Chinese only">中文</button>'
    '<button type="button" data-view-choice="en" aria-pressed="false" lang="en" title="只显示英文 · English only">English</button>'
    '<button type="button" data-view-choice="both" aria-pressed="true" title="中英对照 · Chinese and English side by side">'
    '<span lang="zh-Hans">对照</span> <span lang="en">Both</span></button>'
    "</div>\n\n"
)


def _english_cell(english: English, label: str = "", show_provenance: bool = True) -> str:
    label_html = f'<span class="label">{esc(label)}</span> ' if label else ""
    if not english.available:
        return (f'<div class="seg en missing" lang="en" data-provenance="missing">{label_html}'
                f'<span class="missing-note">{MISSING_EN}</span></div>')   # no Chinese in the English cell
    classes = ["seg", "en", english.status]
    if english.stale:
        classes.append("stale")
    # The translator's note: its own row under the pair (statute.css), so a long note does not
    # stretch the English cell and leave a hole beside the shorter Chinese.
    note = (f'<div class="seg-note translator-note" lang="en">{bi("译者注", "Translator&#x27;s note", " ", en_first=True)}: '
            f'{esc(english.note)}</div>'
            if english.note else "")
    return (f'<div class="{" ".join(classes)}" lang="en" data-provenance="{esc(english.status)}">'
            f"{label_html}{esc(english.text)}{provenance_html(english) if show_provenance else ''}</div>{note}")


def segment_row(statute: Statute, english: EnglishSource, segment: Segment, zh_text: str,
                label: str, anchor_text: str, anchor_title: str, css: str, *, with_id: bool = True,
                decorate=None, show_provenance: bool = True, cite: tuple[str, str, str, str] | None = None) -> str:
    en = english.english(statute.id, segment)
    button = cite_button(*cite) if cite else ""
    zh_text = display_zh(zh_text)
    zh_html = decorate(zh_text) if decorate else esc(zh_text)
    label_zh = f'<span class="label">{esc(label)}</span>' if label else ""
    id_attr = f' id="{escape.attr(segment.eid)}"' if with_id else ""
    return (
        f'<div class="seg-row {css}"{id_attr} data-eid="{esc(segment.eid)}">'
        f'<div class="seg-side"><a class="seg-anchor" href="#{esc(segment.eid)}" title="{esc(anchor_title)}">'
        f'{esc(anchor_text)}</a>{button}</div>'
        f'<div class="seg zh" lang="zh-Hans">{label_zh}{zh_html}</div>'
        f"{_english_cell(en, label_en(label), show_provenance)}"
        "</div>"
    )


def _origin(origin: str | None) -> str:
    """Where a source file came from, as the manifest's editors wrote it."""
    return f' — <span class="editor-text">{md_table_cell(origin)}</span>' if origin else ""


def label_en(label: str) -> str:
    """(三) -> (3): item labels in the English column use Arabic numerals."""
    if not label:
        return ""
    core = label.strip("（）()、.．")
    number = parse_numeral(core)
    return f"({number})" if number is not None else label


def uniform_english(statute: Statute, english: EnglishSource, article: Article) -> English | None:
    """The English of the article's first segment when every segment's provenance reads the
    same (so it is said once for the article), else None (said per segment; a stale
    translation is always flagged on its own segment)."""
    found = [english.english(statute.id, s) for s in article_segments(article)]
    labels = {provenance_label(e) for e in found}
    if not found or len(labels) != 1 or not all(e.available and not e.stale for e in found):
        return None
    return found[0]


def article_body_html(statute: Statute, english: EnglishSource, article: Article, decorate=None,
                      page: str = "", said_above: bool = False) -> str:
    """``said_above``: the page already stated the (uniform) provenance of all its English."""
    segments = {s.eid: s for s in article_segments(article)}
    uniform = uniform_english(statute, english, article)
    per_segment = uniform is None
    out = [f'<div class="article-text" data-statute="{esc(statute.id)}" data-article="{article.number}">']
    for para in article.paragraphs:
        out.append(f'<div class="para" id="{escape.attr(para.eid)}">')
        if para.text:
            out.append(segment_row(statute, english, segments[para.eid], para.text, "",
                                   str(para.number), f"第{para.number}款（固定链接） · Paragraph {para.number} (permalink)",
                                   "para-text", with_id=False, decorate=decorate, show_provenance=per_segment,
                                   cite=(*pinpoint(statute, article, para.number), f"第{para.number}款",
                                         f"paragraph {para.number}")))
        if para.items:
            out.append('<div class="items">')
            for item in para.items:
                out.append(segment_row(statute, english, segments[item.eid], item.text, item.label,
                                       label_en(item.label),
                                       f"第{para.number}款第{item.number}项（固定链接） · "
                                       f"Paragraph {para.number}, item {item.number} (permalink)",
                                       "item", decorate=decorate, show_provenance=per_segment,
                                       cite=(*pinpoint(statute, article, para.number, item.number),
                                             f"第{para.number}款第{item.number}项",
                                             f"paragraph {para.number}, item {item.number}")))
            out.append("</div>")
        out.append("</div>")
    out.append("</div>")
    summary = provenance_summary_html(uniform, page) if uniform is not None and not said_above else ""
    return "\n".join(out) + "\n\n" + summary


def breadcrumb(statute: Statute, article: Article, page: str, english: EnglishSource | None = None) -> str:
    """Chinese and English at every step (each half in its own ``lang``)."""
    overview = urls.statute_page(statute.id)
    name_en = statute.spec.short_title_en or statute.spec.title_en
    crumbs = [f"[{bi(md_link_text(statute.title), md_link_text(name_en))}]({rel(page, overview)})"]
    chapter = statute.chapter(article.chapter_key)
    if chapter:
        en = md_link_text(chapter_title_en(english, statute, chapter.key)) if english else f"Chapter {chapter.number}"
        crumbs.append(f"[{bi(chapter_label_zh(chapter.number) + ' ' + md_link_text(chapter.title), en)}]"
                      f'({rel(page, overview + "#" + chapter.eid)})')
        section = next((s for s in chapter.sections if s.number == article.section), None)
        if section:
            seg = Segment(f"{section.eid}__heading", "section-heading", section.title)
            sen = heading_en(english, statute, seg, "") if english else ""
            zh = f"{section_label_zh(section.number)} {md_link_text(section.title)}"
            crumbs.append(f'[{bi(zh, f"Section {section.number}" + (" " + md_link_text(sen) if sen else ""))}]'
                          f'({rel(page, overview + "#" + section.eid)})')
    crumbs.append(bi(article_label_zh(article.number, article.insert), f"Article {article.number}"))
    return '<nav class="breadcrumb" aria-label="位置 · Breadcrumb" markdown>\n' + " › ".join(crumbs) + "\n</nav>\n\n"


def pager(statute: Statute, article: Article, page: str) -> str:
    links = []
    prev = statute.article(article.number - 1)
    nxt = statute.article(article.number + 1)
    if prev:
        links.append(f'[← {bi(article_label_zh(prev.number, prev.insert), f"Article {prev.number}")}]'
                     f'({rel(page, urls.article_page(statute.id, prev.ref))}){{ .prev rel="prev" }}')
    links.append(f"[{bi('目录', 'Contents', ' ', en_first=True)}]({rel(page, urls.statute_page(statute.id))}){{ .up }}")
    if nxt:
        links.append(f'[{bi(article_label_zh(nxt.number, nxt.insert), f"Article {nxt.number}")} →]'
                     f'({rel(page, urls.article_page(statute.id, nxt.ref))}){{ .next rel="next" }}')
    return '<nav class="article-pager" aria-label="上一条和下一条 · Previous and next article" markdown>\n' + "\n".join(links) + "\n</nav>\n\n"


def article_title(statute: Statute, article: Article) -> str:
    zh = article_label_zh(article.number, article.insert)
    if article.title:
        zh += f" {article.title}"
    return f"{zh} · Article {article.number}"


def article_heading_md(statute: Statute, english: EnglishSource, article: Article) -> str:
    zh = esc(article_label_zh(article.number, article.insert))
    title_html = en_title = ""
    if article.title:
        seg = Segment(f"{article.eid}__heading", "article-heading", article.title, article.number)
        en = english.english(statute.id, seg)
        en_title = f" ({esc(en.text)})" if en.available else ""
        title_html = f' <span class="short-title">（{esc(article.title)}）</span>'
    en_html = f'<span class="en-num">Article {article.number}{en_title}</span>'
    return (f'# <span class="bi article-heading"><span lang="zh-Hans">{zh}{title_html}</span><span class="bi-sep"> </span>'
            f'<span lang="en">{en_html}</span></span> {{ #{article.eid} }}\n\n')


def article_page(statute: Statute, english: EnglishSource, article: Article,
                 extra_sections: str = "", decorate=None, after_text=None) -> str:
    """``after_text`` may be a callable: it runs after the text is rendered (so it can list
    what the ``decorate`` callable marked)."""
    page = urls.article_page(statute.id, article.ref)
    name_en = statute.spec.short_title_en or statute.spec.title_en
    zh_title = article_label_zh(article.number, article.insert) + (f" {article.title}" if article.title else "")
    out = [front_matter(f"{zh_title} | {statute.title} · Article {article.number} | {name_en}", hide=("toc",),
                        description=f"{statute.spec.title_en}, Article {article.number}")]
    out.append(breadcrumb(statute, article, page, english))
    out.append(article_heading_md(statute, english, article))
    out.append(draft_banner(statute))
    if article.status == "present":
        out.append(english_notice(page))
    if article.status != "present":
        out.append(missing_article_html(statute, article))
    else:
        out.append(VIEW_SWITCH)
        out.append(article_body_html(statute, english, article, decorate, page))
        out.append((after_text() if callable(after_text) else after_text) or "")
    out.append(extra_sections)
    out.append(citation_block(statute, article))
    out.append(pager(statute, article, page))
    return "".join(out)


def statute_title_block(statute: Statute, english: EnglishSource) -> str:
    """The statute's title in Chinese and English, draft banner and adoption note."""
    title_en = heading_en(english, statute, Segment("title", "title", statute.title), statute.spec.title_en)
    out = [f'# <span class="bi title-bi"><span lang="zh-Hans">{esc(statute.title)}</span><span class="bi-sep"> </span>'
           f'<span lang="en" class="title-en-inline">{esc(title_en)}</span></span> {{ #title }}\n\n',
           f'<p class="title-en" lang="en">{esc(title_en)}</p>\n\n', draft_banner(statute)]
    if statute.adoption_note:
        out.append(f'<p class="adoption-note" lang="zh-Hans">{esc(statute.adoption_note)}</p>\n\n')
    return "".join(out)


def _appendices(statute: Statute) -> str:
    """附件 / 附表 after the last article: part of the statute's text, shown whole."""
    if not statute.appendices:
        return ""
    out = [f"## {bi('附件', 'Appendices')} {{ #appendices }}\n\n"]
    for i, appendix in enumerate(statute.appendices, start=1):
        paras = "".join(f"<p>{esc(p)}</p>" for p in appendix.paragraphs)
        out.append(f'<section class="appendix" id="appendix-{i}" lang="zh-Hans"><h3>{esc(appendix.title)}</h3>'
                   f"{paras}</section>\n\n")
    return "".join(out)


def overview_page(statute: Statute, english: EnglishSource, source_line_range: tuple[int, int]) -> str:
    spec = statute.spec
    page = urls.statute_page(statute.id)
    zh_status, en_status = STATUS_LABEL[spec.status]
    out = [front_matter(f"{statute.title} · {spec.short_title_en or spec.title_en}",
                        description=spec.title_en)]
    out.append(statute_title_block(statute, english))
    out.append(english_notice(page))

    rows = [("状态 Status", f"{zh_status} · {en_status}"), *status_rows(statute)]
    if spec.jurisdiction:
        rows.append(("地区 Jurisdiction", f"{spec.jurisdiction} · {spec.jurisdiction_en or ''}"))
    if spec.enacted_by:
        rows.append(("制定机关 Enacted by", f"{spec.enacted_by} · {spec.enacted_by_en or ''}"))
    if spec.adopted:
        rows.append(("通过 Adopted", f"{date_zh(spec.adopted)} · {date_en(spec.adopted)}"))
    if spec.promulgated:
        notice = f"（{spec.promulgation_notice}）" if spec.promulgation_notice else ""
        rows.append(("公布 Promulgated", f"{date_zh(spec.promulgated)}{notice} · {date_en(spec.promulgated)}"))
    if spec.effective:
        rows.append(("施行 In force from", f"{date_zh(spec.effective)} · {date_en(spec.effective)}"))
    if spec.comment_period:
        cp = spec.comment_period
        rows.append(("征求意见期 Comment period",
                     f"{date_zh(cp['from'])}至{date_zh(cp['to'])} · {date_en(cp['from'])} – {date_en(cp['to'])}"))
    present = len(statute.present_articles())
    missing = statute.missing_articles()
    extent = f"{len(statute.chapters)} of {spec.chapters} chapters, {present} of {spec.articles} articles"
    if not missing and len(statute.chapters) == spec.chapters:
        extent = f"{spec.chapters} chapters, {present} articles"
    numbers = [a.number for a in statute.present_articles()] or [1]
    extent += f" (arts. {numbers[0]}–{numbers[-1]})" if numbers[0] != 1 else ""   # a book of a code
    rows.append(("篇幅 Extent", extent))
    first, last = source_line_range
    src = statute.source
    span = f"{first}" if first == last else f"{first}–{last}"
    lines = bi(f"第{span}行", f"line {span}" if first == last else f"lines {span}", " ")
    out.append(f"| {bi_label('项目 Item')} | {bi_label('内容 Details')} |\n|---|---|\n")
    for label, value in rows:
        out.append(f"| {bi_label(label)} | {bi_text(value)} |\n")
    out.append(f"| {bi_label('权威文本 Authoritative')} | [{md_link_text(src.display_path)}]"
               f"({rel(page, urls.SOURCES + '#' + urls.source_anchor(src.source.spec.file))}), {lines}"
               f"{_origin(src.source.spec.origin)} |\n")
    if statute.copies:
        copies = ", ".join(c.display_path for c in statute.copies)
        out.append(f"| {bi_label('其他版本 Other copies')} | {md_table_cell(copies)} {bi('— 差异见', '— differences:', ' ')} "
                   f"[{bi('版本差异', 'Source variants', en_first=True)}]({rel(page, urls.VARIANTS + '#' + statute.id)}) |\n")
    out.append(f"| {bi_label('数据 Data')} | [{statute.id}.json]({rel(page, 'data/' + statute.id + '.json')}) "
               + bi("（结构、中文、英文及其来源）", "(structure, Chinese, English with provenance)", " ") + " |\n")
    out.append("\n")
    out.append(history_html(statute))
    if spec.notes:
        out.append(editor_notes(statute) + "\n\n")
    out.append(_statute_citation(statute))
    out.append(f"[{bi('打印版', 'Print view')}]({rel(page, urls.print_page(statute.id))}){{ .print-link }}"
               + bi("：整部法规合为一页，便于印发，可选中文、英文或中英对照", ": the whole statute on one page for handouts, "
            "in Chinese, English or both", " ") + "\n\n")

    out.append(f"## {bi('目录', 'Contents')} {{ #contents }}\n\n")
    out.append(VIEW_SWITCH)
    out.append(_contents(statute, english, page))
    out.append(_appendices(statute))
    if missing:
        out.append(f"### {bi('来源文本缺失的条文', 'Not in the source copy')} {{ #missing-articles }}\n\n")
        out.append(f'<p>{bi(esc(missing[0].missing_reason_zh or "") + "每一条都有说明此情况的页面。", esc(missing[0].missing_reason or "") + " Each has a page that says so.", " ")}</p>\n\n')
        out.append(_article_list(statute, missing, page))
    return "".join(out)


def _contents(statute: Statute, english: EnglishSource, page: str) -> str:
    """The overview's contents: books and their parts (a code), chapters, sections, articles."""
    out = []
    by_chapter: dict[int | None, list[Article]] = {}
    for article in statute.articles:
        by_chapter.setdefault(article.chapter_key if article.status == "present" else None, []).append(article)
    level = "####" if statute.books else "###"
    previous = None
    for chapter in statute.chapters:
        if previous is None or (chapter.book, chapter.subbook) != (previous.book, previous.subbook):
            out.append(container_headings(statute, previous, chapter))
        previous = chapter
        en = chapter_title_en(english, statute, chapter.key)
        out.append(f"{level} {bi(esc(chapter_label_zh(chapter.number)) + ' ' + esc(chapter.title), esc(en))} "
                   f"{{ #{chapter.eid} }}\n\n")
        articles = by_chapter.get(chapter.key, [])
        loose = [a for a in articles if a.section is None]
        out.append(_article_list(statute, loose, page, english))
        for section in chapter.sections:
            seg = Segment(f"{section.eid}__heading", "section-heading", section.title)
            sen = heading_en(english, statute, seg, "")
            zh = f"{esc(section_label_zh(section.number))} {esc(section.title)}"
            en = f"Section {section.number}" + (" " + esc(sen) if sen else "")
            out.append(f"{level}# {bi(zh, en)} {{ #{section.eid} }}\n\n")
            out.append(_article_list(statute, [a for a in articles if a.section == section.number], page, english))
    return "".join(out)


def _statute_citation(statute: Statute) -> str:
    zh, en = citation(statute, None)
    return ('<div class="citation" role="group" aria-label="如何引用本法规 · How to cite this statute">'
            f'<span class="citation-label">{bi("引用", "Cite", " ", en_first=True)}</span>'
            f'<p class="cite-zh" lang="zh-Hans">{esc(zh)}</p><p class="cite-en" lang="en">{esc(en)}</p></div>\n\n')


def _article_list(statute: Statute, articles: list[Article], page: str, english: EnglishSource | None = None) -> str:
    if not articles:
        return ""
    lines = []
    for a in articles:
        label = article_label_zh(a.number, a.insert) + (f"（{a.title}）" if a.title else "")
        link = f"[{bi(md_link_text(label), f'Article {a.number}')}]({rel(page, urls.article_page(statute.id, a.ref))})"
        if a.status == "present":
            preview = shorten(a.plain_text(), 32)
            text_segments = [seg for seg in article_segments(a) if seg.kind != "article-heading"]
            first = english.english(statute.id, text_segments[0]) if english and text_segments else None
            en_preview = (f' <span class="preview preview-en" lang="en">{esc(shorten(first.text, 70))}</span>'
                          if first is not None and first.available else "")
            lines.append(f'- {link} <span class="preview" lang="zh-Hans">{esc(preview)}</span>{en_preview}')
        else:
            lines.append(f'- {link} <span class="preview missing">{bi("来源文本缺失", "not in the source copy")}</span>')
    return "\n".join(lines) + "\n\n"
