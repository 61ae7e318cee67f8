"""A statute's status as readers need it: rank, date of the text, dated history, and for a
draft what it became (the draft banner says so on every page of the draft)."""

from __future__ import annotations

from generator.reconcile.statute import Statute
from generator.render.html import bi, date_en, date_zh, esc


def lineage_html(statute: Statute) -> str:
    """For a draft later adopted: one sentence, with the published source of its facts."""
    outcome = statute.spec.adopted_as
    if not outcome:
        return ""
    source = outcome["source"]
    effective_zh = f"，自{date_zh(outcome['effective'])}起施行" if outcome.get("effective") else ""
    effective_en = f" and in force from {date_en(outcome['effective'])}" if outcome.get("effective") else ""
    return (
        '<p class="lineage bi" data-lineage>'
        f'<span lang="zh-Hans">此后，《{esc(outcome["title"])}》于{esc(date_zh(outcome["adopted"]))}通过'
        f'{esc(effective_zh)}；通过的文本可能与本草案不同，本站未收录。</span><span class="bi-sep"> </span>'
        f'<span lang="en">This draft led to the <span lang="zh-Hans">{esc(outcome["title"])}</span> '
        f'({esc(outcome["title_en"])}), adopted on {esc(date_en(outcome["adopted"]))}'
        f'{" by " + esc(outcome["adopted_by_en"]) if outcome.get("adopted_by_en") else ""}'
        f'{esc(effective_en)}. The adopted text may differ from this draft and is not reproduced here. '
        f'Source: <a href="{esc(source["url"])}" rel="noopener">{esc(source["title"])}</a>.</span></p>'
    )


def draft_banner(statute: Statute) -> str:
    if not statute.is_draft:
        return ""
    period = statute.spec.comment_period or {}
    zh = (f'<strong>草案 · 征求意见稿</strong>：不是生效的法律。征求意见期为{esc(date_zh(period.get("from")))}'
          f'至{esc(date_zh(period.get("to")))}。本文本是报纸版面的光学识别副本，有缺陷，均列于“来源问题”页。')
    en = (f'<strong>Draft for public comment</strong> — not law in force. Comments were invited '
          f'from {esc(date_en(period.get("from")))} to {esc(date_en(period.get("to")))}. '
          'This text is an OCR copy of a newspaper page and has defects, each listed under Source issues.')
    return f'<div class="draft-banner" role="note"><p>{bi(zh, en, " ")}</p>{lineage_html(statute)}</div>\n\n'



EVENT_LABELS = {
    "adopted": ("通过", "Adopted"), "approved": ("批准", "Approved"), "amended": ("修正", "Amended"),
    "revised": ("修订", "Revised"), "promulgated": ("公布", "Promulgated"), "effective": ("施行", "Comes into force"),
    "repealed": ("废止", "Repealed"), "unknown": ("", "Recorded in the text"),
}


def history(statute: Statute) -> list[tuple[str, str, str, dict | None]]:
    """Dated events, oldest first: (date, Chinese, English, source or None).  The events are
    the statute's own (from its text, or set in the manifest with their source); for a
    draft, its comment period and what it became."""
    spec = statute.spec
    events: list[tuple[str, str, str, dict | None]] = []
    if spec.comment_period:
        cp = spec.comment_period
        events.append((str(cp["from"]), "草案公布，征求意见", "Draft published for public comment", None))
        events.append((str(cp["to"]), "征求意见截止", "Comment period ends", None))
    declared = {(e.kind, e.date): e.source for e in spec.events}
    for event in statute.events:
        zh, en = EVENT_LABELS.get(event.kind, EVENT_LABELS["unknown"])
        if event.kind == "promulgated" and spec.promulgation_notice and event.date == spec.promulgated:
            zh += f"（{spec.promulgation_notice}）"
        by = event.body or (spec.enacted_by if event.kind == "adopted" else None)
        by_en = spec.enacted_by_en if event.kind == "adopted" and not event.body else None
        decision = f"（{event.decision}）" if event.decision else ""
        events.append((event.date or "", f"{by or ''}{decision}{zh}", en + (f" by the {by_en}" if by_en else ""),
                       declared.get((event.kind, event.date))))
    outcome = spec.adopted_as
    if outcome:
        events.append((str(outcome["adopted"]), f"通过为《{outcome['title']}》",
                       f"Adopted as the {outcome['title_en']}", outcome["source"]))
        if outcome.get("effective"):
            events.append((str(outcome["effective"]), f"《{outcome['title']}》施行",
                           f"The {outcome['title_en']} comes into force", outcome["source"]))
    return sorted(events, key=lambda e: e[0])


def history_html(statute: Statute) -> str:
    rows = []
    for when, zh, en, source in history(statute):
        cite = (f' <a class="event-source" href="{esc(source["url"])}" rel="noopener">source</a>'
                if source else "")
        rows.append(f'<li><time datetime="{esc(when)}">{esc(date_en(when))}</time> '
                    f'{bi(esc(zh), esc(en))}{cite}</li>')
    if not rows:
        return ""
    return ('<section class="statute-history" aria-labelledby="history-heading">'
            f'<h2 id="history-heading">{bi("沿革", "History", en_first=True)}</h2>'
            f'<ol class="history">{"".join(rows)}</ol>'
            '<p class="history-note">' + bi("未附来源链接的日期，见于正式文本本身。", "Dates without a source link "
                                            "are stated in the authoritative text itself.", " ")
            + "</p></section>\n\n")


def status_rows(statute: Statute) -> list[tuple[str, str]]:
    """Rank and date of the text, for the overview's facts table."""
    spec = statute.spec
    rows = []
    rank = statute.metadata().get("rank")
    if rank:
        rows.append(("法规类别 Rank", f"{rank['zh']} · {rank['en']}"))
    if spec.document_number:
        rows.append(("文号 Number", spec.document_number))
    if spec.text_as_of:
        what = ("the draft as published for comment" if statute.is_draft
                else "as promulgated; later amendments, if any, are not included")
        rows.append(("文本日期 Text as of", f"{date_zh(spec.text_as_of)} · {date_en(spec.text_as_of)} ({what})"))
    return rows


def editor_notes(statute: Statute) -> str:
    """The manifest's notes on a statute's sources, as the editors wrote them (in English)."""
    notes = statute.spec.notes
    return f'<p class="statute-notes editor-text" lang="en">{esc(notes)}</p>' if notes else ""


def missing_article_html(statute: Statute, article) -> str:
    """The page of an article the source copy lacks: why, in both languages; no text."""
    notice = bi("<strong>本条未见于所收集的来源文本。</strong>",
                "<strong>This article is not in the source copy.</strong>", " ")
    reason = bi(esc(article.missing_reason_zh or ""), esc(article.missing_reason or ""), " ")
    no_guess = bi("本页不显示任何推测的文字。指向本条的链接仍然有效；来源中加入载有本条的副本后，本页即显示其文字。",
                  "No text is shown rather than a guess. Links to this article still work; the page will "
                  "show the text once a copy that has it is added to the sources.", " ")
    return (f'<div class="missing-article" role="note"><p>{notice}</p><p>{reason}</p>{editor_notes(statute)}'
            f"<p>{no_guess}</p></div>\n\n")
