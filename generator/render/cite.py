"""Citations: the statute and article citation block, and a bilingual pinpoint citation for
every paragraph and item with a button that copies it (site_config's statute.js; works
offline, by keyboard).

    《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项
    Shenzhen AI Industry Regulations, art. 65(1)(iv)

A single-paragraph article is cited without its paragraph (第四十四条 / art. 44; an item
of it: 第七条第（二）项 / art. 7(ii)).
"""

from __future__ import annotations

from generator.model import Article
from generator.numerals import article_label_zh, chinese_numeral
from generator.reconcile.statute import Statute
from generator.render import escape
from generator.render.html import bi, date_en, esc

ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def short_title_en(statute: Statute) -> str:
    return statute.spec.short_title_en or statute.spec.title_en


def pinpoint(statute: Statute, article: Article, paragraph: int | None = None,
             item: int | None = None) -> tuple[str, str]:
    """(Chinese, English) pinpoint citation of an article, paragraph (款) or item (项)."""
    zh = f"《{statute.title}》{article_label_zh(article.number, article.insert)}"
    en = f"{short_title_en(statute)}, art. {article.number}"
    single = len(article.paragraphs) <= 1
    if paragraph is not None and not single:
        zh += f"第{chinese_numeral(paragraph)}款"
        en += f"({paragraph})"
    if item is not None:
        zh += f"第（{chinese_numeral(item)}）项"
        en += f"({roman(item)})"
    return zh, en


def cite_button(zh: str, en: str, where_zh: str, where: str) -> str:
    """The copy button of one paragraph or item (the script copies "zh / en").  Its label and
    tooltip are "中文 · English" (statute.js gives each view its half)."""
    return (f'<button type="button" class="cite-copy" data-cite-zh="{esc(zh)}" data-cite-en="{esc(en)}" '
            f'aria-label="复制{esc(where_zh)}的引文 · Copy citation of {esc(where)}" '
            f'title="复制引文：{esc(zh)} · Copy citation: {esc(en)}">'
            '<span aria-hidden="true">❝</span><span class="cite-copy-text">Cite</span></button>')


def citation(statute: Statute, article: Article | None) -> tuple[str, str]:
    spec = statute.spec
    zh = f"《{statute.title}》" + (article_label_zh(article.number, article.insert) if article else "")
    en = spec.title_en + (f", art. {article.number}" if article else "")
    if statute.is_draft:
        en += f" (draft of {date_en(spec.promulgated or (spec.comment_period or {}).get('from'))}, not in force)"
    else:
        bits = []
        if spec.adopted:
            bits.append(f"adopted {date_en(spec.adopted)}")
        if spec.effective:
            bits.append(f"in force {date_en(spec.effective)}")
        if bits:
            en += f" ({'; '.join(bits)})"
    return zh, en


def citation_block(statute: Statute, article: Article) -> str:
    zh, en = citation(statute, article)
    # The running header of a printed article page (statute.js): which statute, which article.
    running_zh, running_en = pinpoint(statute, article)
    return (
        '<div class="citation" role="group" aria-label="如何引用本条 · How to cite this article" '
        f'data-running-zh="{escape.attr(running_zh)}" data-running-en="{escape.attr(running_en)}">'
        f'<span class="citation-label">{bi("引用", "Cite", " ", en_first=True)}</span>'
        f'<p class="cite-zh" lang="zh-Hans">{esc(zh)}</p>'
        f'<p class="cite-en" lang="en">{esc(en)}</p>'
        '<p class="cite-hint">' + bi('每一款、每一项都有各自的引文：点击其 <span aria-hidden="true">❝</span>'
                                     '“引用”按钮即可复制。',
                                     'Each paragraph and item has its own citation: use its '
                                     '<span aria-hidden="true">❝</span> Cite button to copy it.', " ") + '</p>'
        "</div>\n\n"
    )
