"""Versions of a statute on the site: the law as it stood on a date, and 新旧对照 pages.

* Each earlier version lives at ``<statute>/<YYYY-MM-DD>/`` (an index) and
  ``<statute>/<YYYY-MM-DD>/article-<n>.md``, each page with a banner saying it is not the
  current text and linking the current article(s) that carry it.
* A 新旧对照 page per consecutive pair (``<statute>/changes-<old>-to-<new>.md``):
  :mod:`generator.render.versions_compare`.
* The overview lists the versions; each current article page says where it changed.

Every string from the sources is escaped (:func:`esc`); links in raw HTML are ``md:`` links
that the MkDocs hook resolves.
"""

from __future__ import annotations

from generator.annotations.load import Note, article_source_hash
from generator.model import Article
from generator.render import urls
from generator.render.commentary import CommentaryPages
from generator.render.extension import SiteExtension
from generator.render.html import bi, date_en, esc, md_link_text, rel
from generator.render.safe_markdown import render_note
from generator.render.statute_pages import front_matter
from generator.render.versions_compare import comparison_page
from generator.render.versions_names import (KIND_LABEL, compare_page, label, md_href, version_article,
                                             version_index, version_name, version_slug)
from generator.versions.build import StatuteVersions

# --------------------------------------------------------------------------- point in time

def successors(versions: StatuteVersions, index: int, article: Article) -> tuple[list[Article], str | None]:
    """The current articles that carry ``article`` of version ``index`` (through every pair
    after it), and the first change on the way (None: the text is unchanged)."""
    keys = [article.key]
    change = None
    for pair in versions.pairs[index:]:
        found: list[tuple[int, int]] = []
        for key in keys:
            hit = pair.entry_of_old(key)
            if hit is None:
                continue
            entry = hit[1]
            change = change or (None if entry.kind == "same" else entry.kind)
            found.extend(pair.new.articles[j].key for j in entry.new)
        keys = list(dict.fromkeys(found))
    current = versions.current
    return [a for a in (current.article(k) for k in keys) if a is not None], change


def _banner(statute, versions: StatuteVersions, index: int, article: Article) -> str:
    version = versions.versions[index]
    zh, en = version_name(version)
    carried, change = successors(versions, index, article)
    if carried:
        links = "、".join(f'<a href="{md_href(urls.article_page(statute.id, a.ref))}">{esc(label(a))}</a>'
                         for a in carried)
        state = "Unchanged, it" if change is None else "It has changed since; the current text"
        state_zh = "本条未改，现行文本见" if change is None else "本条此后已修改，现行文本见"
        now = bi(f"{state_zh}{links}。", f'{state} is in <span lang="zh-Hans">{links}</span>.', " ")
    else:
        now = bi("现行文本中已无对应条文（已删除）。", "No article of the current text carries it (deleted).", " ")
    pair = versions.pairs[index]
    row = pair.entry_of_old(article.key)
    compare = (f' <a href="{md_href(compare_page(statute.id, pair), f"row-{row[0]}")}">新旧对照 · '
               "Compare with the next version</a>") if row else ""
    return ('<div class="version-banner" role="note">'
            f'<p>{bi(f"<strong>历史文本 · {esc(zh)}</strong> 非现行文本，为本条在该版本中的文本。", f"<strong>Not the current text.</strong> This is the article as it stood in {esc(en)}.", " ")}'
            f'</p><p>{now}{compare}</p></div>\n\n')


def old_article_page(statute, versions: StatuteVersions, index: int, article: Article, sections: str = "") -> str:
    """``sections``: what else the page shows (commentary written about this version's text)."""
    version = versions.versions[index]
    zh, en = version_name(version)
    page = version_article(statute.id, version, article)
    out = [front_matter(f"{label(article)}（{zh}）| {statute.title}", hide=("toc",),
                        description=f"{statute.spec.title_en or statute.title}, Article {article.ref}, {en}")]
    out.append('<nav class="breadcrumb" aria-label="位置 · Breadcrumb" markdown>\n'
               f"[{md_link_text(statute.title)}]({rel(page, urls.statute_page(statute.id))}) › "
               f"[{md_link_text(zh)}]({rel(page, version_index(statute.id, version))}) › "
               f"{md_link_text(label(article))}\n</nav>\n\n")
    title = f"（{esc(article.title)}）" if article.title else ""
    out.append(f'# <span lang="zh-Hans">{esc(label(article))}{title}</span> '
               f'<span class="en-num" lang="en">Article {esc(article.ref)} ({esc(date_en(version.date))})</span> '
               f'{{ #{article.eid} }}\n\n')
    out.append(_banner(statute, versions, index, article))
    out.append('<div class="article-text version-text" lang="zh-Hans">')
    for para in article.paragraphs:
        out.append(f'<div class="para" id="{esc(para.eid)}">')
        if para.text:
            out.append(f"<p>{esc(para.text)}</p>")
        out.extend(f'<p class="item">{esc(item.label)}{esc(item.text)}</p>' for item in para.items)
        out.append("</div>")
    out.append("</div>\n\n")
    out.append(sections)
    return "".join(out)


def version_index_page(statute, versions: StatuteVersions, index: int) -> str:
    version = versions.versions[index]
    zh, en = version_name(version)
    page = version_index(statute.id, version)
    out = [front_matter(f"{statute.title}（{zh}）", hide=("toc",))]
    out.append(f'# <span lang="zh-Hans">{esc(statute.title)}（{esc(zh)}）</span> {{ #version }}\n\n')
    n = len(version.articles)
    banner = bi(f"<strong>非现行文本。</strong>本法规{esc(zh)}的文本，共 {n} 条。",
                f"<strong>Not the current text.</strong> The statute as it stood in {esc(en)}, {n} articles.", " ")
    out.append(f'<div class="version-banner" role="note"><p>{banner} '
               f'<a href="{md_href(urls.statute_page(statute.id))}">Current text · 现行文本</a></p></div>\n\n')
    for article in version.articles:
        out.append(f"- [{md_link_text(label(article))}]({rel(page, version_article(statute.id, version, article))})"
                   + (f" {md_link_text(article.title)}" if article.title else "") + "\n")
    return "".join(out)


# --------------------------------------------------------------------------- notes across versions

def note_origin(versions: StatuteVersions, number: int, note: Note) -> tuple[int, Article] | None:
    """The earlier version's article a note was written against (its text hash), when it is
    not the current article ``number``: (version index, article).  The same number is
    preferred, then the latest version."""
    current = versions.current
    here = next((a for a in current.articles if a.key == (number, 0)), None)
    if here is not None and article_source_hash(here) == note.source_hash:
        return None
    for index in range(len(versions.versions) - 2, -1, -1):
        matches = [a for a in versions.versions[index].articles if article_source_hash(a) == note.source_hash]
        if matches:
            best = next((a for a in matches if a.key == (number, 0)), matches[0])
            return index, best
    return None


def moved_note(project, statute_id: str, number: int, note: Note) -> bool:
    """True when ``note`` on article ``number`` was written on an earlier version's article
    whose text now lives in other current articles: it is shown there, not here."""
    versions = project.versions.get(statute_id)
    origin = note_origin(versions, number, note) if versions else None
    if origin is None:
        return False
    carried, _ = successors(versions, *origin)
    return bool(carried) and all(a.key != (number, 0) for a in carried)


def carried_notes(project, statute, versions: StatuteVersions, article: Article) -> str:
    """Notes written on an earlier version's article that the current ``article`` carries."""
    out = []
    for ann in project.annotations.all_files():
        if ann.statute != statute.id or ann.article is None:
            continue
        for note in ann.notes:
            origin = note_origin(versions, ann.article, note)
            if origin is None:
                continue
            carried, _ = successors(versions, *origin)
            if article.key not in {a.key for a in carried} or ann.article == article.number:
                continue
            old = origin[1]
            zh, en = version_name(versions.versions[origin[0]])
            stale = article_source_hash(article) != note.source_hash
            warning = ("; the text has changed since, so the note may no longer fit" if stale else
                       "; the text is unchanged")
            out.append(f'<div class="editor-note carried{" stale" if stale else ""}" lang="en">'
                       f'<p class="note-meta"><span class="author">{esc(note.author)}</span>, '
                       f'<time datetime="{esc(note.date)}">{esc(note.date)}</time></p>'
                       f'<p class="stale-note" role="note">Written on '
                       f'<a href="{md_href(version_article(statute.id, versions.versions[origin[0]], old))}">'
                       f'<span lang="zh-Hans">{esc(label(old))}</span></a> of {esc(en)}{warning}.</p>'
                       f'<div class="note-body">{render_note(note.body, statute.id)}</div></div>\n\n')
    if not out:
        return ""
    return "## Notes from earlier versions · 旧版本编者按 { #carried-notes }\n\n" + "".join(out)


# --------------------------------------------------------------------------- the extension

def overview_section(statute, versions: StatuteVersions) -> str:
    page = urls.statute_page(statute.id)
    out = ["## Versions · 版本 { #versions }\n\n"]
    for index, version in enumerate(versions.versions):
        zh, en = version_name(version)
        if version.current:
            out.append(f"- **{md_link_text(zh)}** · {md_link_text(en)} — current text · 现行文本\n")
        else:
            out.append(f"- [{md_link_text(zh)}]({rel(page, version_index(statute.id, version))}) · "
                       f"{md_link_text(en)} ({len(version.articles)} articles)\n")
        if index < len(versions.pairs):
            pair = versions.pairs[index]
            counts = pair.counts()
            out.append(f"    - [新旧对照 · Changes to the next version]({rel(page, compare_page(statute.id, pair))}): "
                       f"{counts['amended']} amended, {counts['added']} added, {counts['deleted']} deleted, "
                       f"{counts['moved']} moved\n")
    return "".join(out) + "\n"


def changed_in(statute, versions: StatuteVersions, article: Article) -> str:
    """\"Changed in …\" for a current article: the last pair's row that produced it."""
    pair = versions.pair_into(versions.current)
    hit = pair.entry_of_new(article.key) if pair else None
    if hit is None:
        return ""
    row, entry = hit
    olds = [pair.old.articles[i] for i in entry.old]
    zh, en = version_name(pair.new)
    old_zh, old_en = version_name(pair.old)
    link = f'<a href="{md_href(compare_page(statute.id, pair), f"row-{row}")}">新旧对照 · compare</a>'
    was = "、".join(f'<a href="{md_href(version_article(statute.id, pair.old, a))}">{esc(label(a))}</a>'
                   for a in olds)
    if entry.kind == "same":
        if olds and olds[0].key == article.key:
            return ""
        text = bi(f"在{esc(zh)}中未改，条文序号变更：原为{was}。",
                  f'Unchanged in {esc(en)}, renumbered: it was <span lang="zh-Hans">{was}</span>.', " ")
    elif entry.kind == "new":
        text = bi(f"{esc(zh)}时新增；{esc(old_zh)}无此条。", f"Added in {esc(en)}; {esc(old_en)} has no such article.", " ")
    else:
        text = bi(f"在{esc(zh)}中修改（{KIND_LABEL[entry.kind][0]}）；修改前为{was}。",
                  f'Changed in {esc(en)} ({KIND_LABEL[entry.kind][1]}); before, it was <span lang="zh-Hans">{was}</span>.',
                  " ")
    return (f'<aside class="version-change" aria-label="版本之间的修改 · Changes between versions"><p>{text} {link}</p>'
            "</aside>\n\n")


class VersionsView(SiteExtension):
    """Site extension: earlier versions, 新旧对照 pages, \"Changed in\" on article pages."""

    def article_sections(self, project, statute, article, page) -> str:
        versions = project.versions.get(statute.id)
        if not versions or article.status != "present":
            return ""
        return changed_in(statute, versions, article) + carried_notes(project, statute, versions, article)

    def overview_sections(self, project, statute) -> str:
        versions = project.versions.get(statute.id)
        return overview_section(statute, versions) if versions else ""

    def pages(self, project) -> dict[str, str]:
        files: dict[str, str] = {}
        commentary = CommentaryPages()
        for sid, versions in project.versions.items():
            statute = project.statutes[sid]
            for pair in versions.pairs:
                files[compare_page(sid, pair)] = comparison_page(statute, versions, pair, project.english)
            for index, version in enumerate(versions.earlier()):
                files[version_index(sid, version)] = version_index_page(statute, versions, index)
                for article in version.articles:
                    page = version_article(sid, version, article)
                    files[page] = old_article_page(statute, versions, index, article, commentary.article_sections(
                        project, statute, article, page, version=version.date))
        return files

    def nav(self, project) -> list:
        entries = []
        for sid, versions in project.versions.items():
            statute = project.statutes[sid]
            items = [{f"新旧对照 {version_slug(p.old)} → {version_slug(p.new)}": compare_page(sid, p)}
                     for p in versions.pairs]
            items += [{f"Text of {version_slug(v)} · {version_name(v)[0]}": [
                {"Contents · 目录": version_index(sid, v)},
                *({f"{label(a)} · Art. {a.ref}": version_article(sid, v, a)} for a in v.articles)]}
                for v in versions.earlier()]
            entries.append({f"{statute.spec.short_title_en or statute.spec.title_en or statute.title}": items})
        return [{"Versions · 版本": entries}] if entries else []
