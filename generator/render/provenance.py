"""What the reader is told about the English: the provenance labels and the notice that the
English is unofficial.

Labels (explained on the About the English page, :mod:`generator.render.about_english`):

* ``translated`` + AI-assisted: "Project translation, AI-assisted, not independently reviewed"
* ``translated`` by a person: "Translation by <translator>, <date>; not independently reviewed"
* ``reviewed``: "Reviewed by <reviewer>, <date>" (a named person other than the translator)
* ``machine``: "Machine draft (<engine> <version>), not reviewed"
"""

from __future__ import annotations

from generator.english.model import English
from generator.render.html import bi, esc

ABOUT_ENGLISH = "about-english.md"
PROJECT_AI_LABEL = "Project translation, AI-assisted, not independently reviewed"
STALE_SUFFIX = " — the Chinese has changed since; the translation may be out of date"
# The Chinese half of each label, for the Chinese and side-by-side views (the English wording
# above is what the tests and the About the English page quote).
PROJECT_AI_LABEL_ZH = "项目译文（人工智能辅助），未经独立审校"
STALE_SUFFIX_ZH = "——中文文本此后已修改，译文可能已过时"


def provenance_label(english: English) -> str:
    """The plain-text label of one segment's English ("" when there is no English)."""
    if english.status == "reviewed":
        drafted = f"translated by {english.translator}" if english.translator else ""
        if drafted and english.ai_assisted:
            drafted += " with AI assistance"
        label = f"Reviewed by {english.reviewer}, {english.reviewed_on}" + (f" ({drafted})" if drafted else "")
    elif english.status == "translated":
        if english.ai_assisted:
            label = PROJECT_AI_LABEL
        else:
            label = f"Translation by {english.translator}, {english.translated_on}; not independently reviewed"
    elif english.status == "machine":
        engine = english.engine or "machine translation"
        version = f" {english.model_version}" if english.model_version else ""
        label = f"Machine draft ({engine}{version}), not reviewed"
    else:
        return ""
    return label + (STALE_SUFFIX if english.stale else "")


def provenance_label_zh(english: English) -> str:
    """The Chinese half of :func:`provenance_label` (the same facts, the same names and dates)."""
    if english.status == "reviewed":
        drafted = f"{english.translator}翻译" if english.translator else ""
        if drafted and english.ai_assisted:
            drafted += "，人工智能辅助"
        label = f"经{english.reviewer}审校，{english.reviewed_on}" + (f"（{drafted}）" if drafted else "")
    elif english.status == "translated":
        if english.ai_assisted:
            label = PROJECT_AI_LABEL_ZH
        else:
            label = f"{english.translator}译，{english.translated_on}；未经独立审校"
    elif english.status == "machine":
        engine = english.engine or "机器翻译"
        version = f" {english.model_version}" if english.model_version else ""
        label = f"机器翻译初稿（{engine}{version}），未经审校"
    else:
        return ""
    return label + (STALE_SUFFIX_ZH if english.stale else "")


def provenance_caption(english: English) -> str:
    """The label as a bilingual caption (HTML): the English half keeps class ``provenance-en``."""
    return bi(esc(provenance_label_zh(english)), esc(provenance_label(english)), " · ", en_first=True)


def provenance_detail(english: English) -> str:
    """Who drafted the English and when (for a tooltip): "Drafted by X, 2026-11-23"."""
    if english.status in ("translated", "reviewed") and english.translator:
        return f"Drafted by {english.translator}, {english.translated_on}"
    return ""


def provenance_detail_zh(english: English) -> str:
    """:func:`provenance_detail` in Chinese: "X起草，2026-11-23"."""
    if english.status in ("translated", "reviewed") and english.translator:
        return f"{english.translator}起草，{english.translated_on}"
    return ""


def provenance_html(english: English) -> str:
    label = provenance_label(english)
    if not label:
        return ""
    detail = provenance_detail(english)
    title = f' title="{esc(provenance_detail_zh(english))} · {esc(detail)}"' if detail else ""
    # The class "provenance" stays on the English half alone: its text is the label, exactly.
    zh = f'<span class="provenance-zh" lang="zh-Hans">{esc(provenance_label_zh(english))}</span>'
    return (f' <span class="bi provenance-bi {esc(english.status)}"{title}>'
            f'<span class="provenance {esc(english.status)}" lang="en">{esc(label)}</span>'
            f'<span class="bi-sep"> · </span>{zh}</span>')


def provenance_summary_html(english: English, page: str) -> str:
    """Said once under an article whose segments all have the same provenance."""
    label = provenance_label(english)
    detail = provenance_detail(english)
    extra = f" ({esc(detail)})" if detail else ""
    return (f'<p class="provenance provenance-summary {esc(english.status)}" lang="en" '
            f'data-provenance="{esc(english.status)}">'
            + bi(f'本页英文：{esc(provenance_label_zh(english))}。<a href="{esc(about_href(page))}">关于英文译文</a>',
                 f'English on this page: {esc(label)}{extra}. <a href="{esc(about_href(page))}">About the English</a>',
                 " ", en_first=True) + '</p>\n\n')


def about_href(page: str = "") -> str:
    """A raw-HTML link to the About the English page (resolved per build by the MkDocs hook)."""
    return f"md:{ABOUT_ENGLISH}"


def english_notice(page: str) -> str:
    """The notice on every page that shows English."""
    # Each view shows its own half (statute.css: .notice-en, .notice-zh); side by side, both.
    return ('<p class="english-notice" role="note" lang="en" data-english-notice>'
            '<span class="notice-en"><strong>Unofficial translation.</strong> The English on this page is '
            'not an official translation; only the Chinese text has legal force. '
            f'<a href="{esc(about_href(page))}">About the English</a></span> '
            '<span lang="zh-Hans" class="notice-zh"><strong>非官方译文。</strong>英文译文仅供参考，'
            f'以中文文本为准。<a href="{esc(about_href(page))}">关于英文译文</a></span></p>\n\n')
