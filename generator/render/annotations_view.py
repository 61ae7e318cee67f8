"""Editors' annotations on the site: notes, tags, see-also (both ends), editorial status."""

from __future__ import annotations

from collections import defaultdict

from generator.render.extension import SiteExtension
from generator.numerals import article_label_zh
from generator.render import escape, urls
from generator.render.html import bi, esc, md_link_text, rel
from generator.render.safe_markdown import render_note
from generator.render.statute_pages import front_matter
from generator.render.versions_view import moved_note

TAGS = "tags.md"
STATUS_LABEL = {"draft": "Draft annotations", "in-review": "In review", "reviewed": "Reviewed"}
STATUS_LABEL_ZH = {"draft": "注释草稿", "in-review": "审校中", "reviewed": "已审校"}


def tag_anchor(tag: str) -> str:
    return f"tag-{tag}"


class AnnotationsView(SiteExtension):
    """SiteExtension for everything editors write in annotations/."""

    def __init__(self) -> None:
        self._back: dict | None = None    # one view per rendering: computed once, never stale

    def _backlinks(self, project) -> dict[tuple[str, int], list[tuple[str, int, str | None]]]:
        """Who points at whom, computed once per rendering (not once per article)."""
        if self._back is not None:
            return self._back
        back: dict[tuple[str, int], list] = defaultdict(list)
        for f in project.annotations.all_files():
            for item in f.see_also:
                back[(item.statute, item.article)].append((f.statute, f.article, item.note))
        self._back = back
        return back

    def article_sections(self, project, statute, article, page: str) -> str:
        ann = project.annotations.article(statute.id, article.number)
        back = self._backlinks(project).get((statute.id, article.number), [])
        out: list[str] = []
        # A note written on an earlier version's article is shown where that text went.
        notes = [n for n in ann.notes if not moved_note(project, statute.id, article.number, n)] if ann else []
        if notes:
            out.append("## Editors' notes · 编者按 { #notes }\n\n")
            for note in notes:
                stale = note.is_stale(article)
                classes = "editor-note stale" if stale else "editor-note"
                title = f"<strong>{esc(note.title)}</strong> — " if note.title else ""
                warning = ('<p class="stale-note" role="note">' + bi(
                    "本注释针对本条的较早文本撰写，条文此后已修改。",
                    "This note was written against an earlier version of the article text; the text has "
                    "changed since.", " ") + "</p>") if stale else ""
                out.append(
                    f'<div class="{classes}" id="note-{note.index + 1}" lang="en">'
                    f'<p class="note-meta">{title}<span class="author">{esc(note.author)}</span>, '
                    f'<time datetime="{escape.attr(note.date)}">{esc(note.date)}</time></p>{warning}'
                    f'<div class="note-body">{render_note(note.body, statute.id)}</div></div>\n\n')
        links = []
        if ann:
            for item in ann.see_also:
                links.append((item.statute, item.article, item.note, "see also"))
        for sid, number, _ in back:
            # The note describes the other end (the article it points at): not shown here.
            if not ann or not any(s.statute == sid and s.article == number for s in ann.see_also):
                links.append((sid, number, None, "referred to from"))
        if links:
            out.append("## See also · 参见 { #see-also }\n\n")
            for sid, number, note, how in links:
                target = project.statutes[sid]
                label = (f"{target.title} {article_label_zh(number)} · "
                         f"{target.spec.short_title_en or target.spec.title_en}, art. {number}")
                suffix = f' — <span class="editor-text">{esc(note)}</span>' if note else ""   # as editors wrote it
                prefix = "" if how == "see also" else bi("反向参见：", "Referred to from", " ") + " "
                out.append(f"- {prefix}[{md_link_text(label)}]({rel(page, urls.article_page(sid, number))}){suffix}\n")
            out.append("\n")
        if ann and (ann.tags or ann.status):
            bits = []
            if ann.tags:
                tags = " ".join(f"[{md_link_text(t)}]({rel(page, TAGS + '#' + tag_anchor(t))}){{ .tag }}"
                                for t in ann.tags)
                bits.append(f"{bi('标签', 'Tags', ' ')}: {tags}")
            if ann.status:
                bits.append(bi(f"编辑状态：{STATUS_LABEL_ZH[ann.status]}", f"Editorial status: {STATUS_LABEL[ann.status]}"))
            out.append('<div class="annotation-meta" markdown>\n' + " · ".join(bits) + "\n</div>\n\n")
        return "".join(out)

    def pages(self, project) -> dict[str, str]:
        tagged: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for f in project.annotations.all_files():
            for tag in f.tags:
                tagged[tag].append((f.statute, f.article))
        # The tags page lists article titles under tag names; the site search does not index
        # it, so a tag named like a query ("ethics") never outranks the articles themselves.
        out = [front_matter("Tags · 标签")]
        out.append("# Tags · 标签 { #tags }\n\n")
        if not tagged:
            out.append("<p>" + bi("尚无条文加标签。编辑在标注文件中以 <code>tags:</code> 给条文加标签。",
                                   "No article is tagged yet. Editors tag articles with <code>tags:</code> in "
                                   "their annotation files.", " ") + "</p>\n")
        else:
            out.append("<p>" + bi("编辑给条文所加的标签，按标签列出条文。标签由编辑以英文写成。",
                                  "The tags editors gave articles, with the articles under each.", " ") + "</p>\n\n")
        for tag in sorted(tagged):
            # A tag is the editors' word (English), not interface text.
            out.append(f'## <span class="editor-text" lang="en">{esc(tag)}</span> {{ #{tag_anchor(tag)} }}\n\n')
            for sid, number in sorted(tagged[tag]):
                statute = project.statutes[sid]
                label = f"{statute.title} {article_label_zh(number)} · Art. {number}"
                out.append(f"- [{md_link_text(label)}]({rel(TAGS, urls.article_page(sid, number))})\n")
            out.append("\n")
        return {TAGS: "".join(out)}

    def nav(self, project) -> list:
        return [{"Tags · 标签": TAGS}]
