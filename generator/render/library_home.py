"""The home page: the library, grouped by rank and jurisdiction, every statute with its
dates and status, and a filter box (``site_config/overrides/assets/javascripts/library.js``).

Without JavaScript the filter box stays hidden and every statute is listed.  What a statute
is (rank, jurisdiction, status, dates) comes from the manifest and the events the parser
found in its text; what neither holds is said to be "not recorded", never guessed.
"""

from __future__ import annotations

from generator.reconcile.statute import Statute
from generator.render import escape, urls
from generator.render.html import bi, bi_text, esc
from generator.render.provenance import english_notice
from generator.render.statute_pages import STATUS_LABEL, front_matter
from generator.sources.manifest import RANK_LABELS

NO_RANK = ("未注明位阶", "Rank not recorded")
NO_JURISDICTION = ("未注明地域", "Jurisdiction not recorded")
STATUS_ORDER = ("in_force", "not_yet_in_force", "amended", "draft", "repealed")
NO_ENGLISH_TITLE = "No English title yet"
# The home page's reference pages: (link caption, URL, what the page holds), in both languages.
REFERENCE_LINKS = (
    (("来源", "Sources"), urls.SOURCES, ("：原始文件、校验和及其拆分方式", ": the raw files, checksums and how they were split")),
    (("版本差异", "Source variants"), urls.VARIANTS, ("：同一法规的不同副本在何处不一致",
                                                   ": where the copies of a statute disagree")),
    (("来源问题", "Source issues"), urls.ISSUES, ("：来源中发现的缺陷，注明文件和行号",
                                                ": defects found in the sources, with file and line")),
)


def _rank_key(statute: Statute) -> str:
    return statute.spec.rank if statute.spec.rank in RANK_LABELS else ""


def _event_date(statute: Statute, *kinds: str, last: bool = False) -> str | None:
    dates = sorted(e.date for e in statute.events if e.kind in kinds and e.date)
    if not dates:
        return None
    return dates[-1] if last else dates[0]


def statute_dates(statute: Statute) -> list[tuple[str, str, str]]:
    """(Chinese label, English label, YYYY-MM-DD): adopted, in force from, last amended, as
    the manifest or the text's own history says."""
    spec = statute.spec
    rows = []
    adopted = spec.adopted or _event_date(statute, "adopted")
    if adopted:
        rows.append(("通过", "Adopted", str(adopted)))
    effective = spec.effective or _event_date(statute, "effective")
    if effective:
        rows.append(("施行", "In force from", str(effective)))
    amended = _event_date(statute, "amended", "revised", last=True)
    if amended:
        rows.append(("最近修改", "Last amended", amended))
    if spec.comment_period:
        rows.append(("征求意见", "Comment period from", str(spec.comment_period["from"])))
    return rows


def _filter_text(statute: Statute, title_en: str | None) -> str:
    spec = statute.spec
    zh_status, en_status = STATUS_LABEL[spec.status]
    rank = RANK_LABELS.get(spec.rank or "", ("", ""))
    words = [statute.title, *(b.title for b in statute.books), title_en, spec.short_title_en if title_en else None, statute.id, statute.id.replace("-", ""),
             zh_status, en_status, *rank, spec.jurisdiction, spec.jurisdiction_en]
    return " ".join(w for w in words if w).lower()


def _latest(statute: Statute) -> str:
    """The date of the newest text: the last dated event of its history (or text_as_of)."""
    return max([e.date for e in statute.events if e.date] + [str(statute.spec.text_as_of or "")])


def later_texts(statutes: list[Statute]) -> dict[str, Statute]:
    """For a statute whose title (and book) another statute of the library shares with a
    newer history (公司法 2018 and 2023, both added from the corpus): that newer one."""
    by_title: dict[tuple, list[Statute]] = {}
    for statute in statutes:
        by_title.setdefault((statute.title, *(b.title for b in statute.books)), []).append(statute)
    later = {}
    for same in by_title.values():
        newest = max(same, key=_latest)
        later.update({s.id: newest for s in same if s is not newest and _latest(s) < _latest(newest)})
    return later


def _later_html(newer: Statute | None) -> str:
    if newer is None:
        return ""
    when = _latest(newer)
    return (f'<span class="library-later"><span lang="zh-Hans">本库另有较新文本</span> A later text is in the library: '
            f'<a href="md:{escape.attr(urls.statute_page(newer.id))}"><time datetime="{escape.attr(when)}">'
            f'{esc(when)}</time></a></span>')


def _entry(statute: Statute, title_en: str | None, newer: Statute | None = None) -> str:
    """``title_en``: the manifest's English title (None when no one has given it yet; the
    statute's own ``title_en`` then holds a stand-in for pages that need one)."""
    spec = statute.spec
    zh_status, en_status = STATUS_LABEL[spec.status]
    english = (f'<span class="library-en" lang="en">{esc(title_en)}</span>' if title_en else
               f'<span class="library-en no-english" lang="en">{NO_ENGLISH_TITLE}</span>')
    dates = "".join(f'<span class="library-date">{bi(esc(zh), esc(en), " ")} '
                    f'<time datetime="{escape.attr(when)}">{esc(when)}</time></span>'
                    for zh, en, when in statute_dates(statute))
    present = len(statute.present_articles())
    return (f'<li class="library-entry" data-filter="{escape.attr(_filter_text(statute, title_en))}">'
            f'<a class="library-title" href="md:{escape.attr(urls.statute_page(statute.id))}" lang="zh-Hans">'
            f'{esc(statute.title)}</a>{_book(statute)} {english}'
            f'<span class="library-facts"><span class="status {escape.attr(spec.status)}">'
            f'{bi(esc(zh_status), esc(en_status))}</span>'
            f'{dates}<span class="library-extent">{bi(f"{present} 条", f"{present} articles", " ")}</span>'
            f'{_later_html(newer)}</span></li>')


def _book(statute: Statute) -> str:
    """A file holding one book of a code (民法典 物权编) is titled with the code's name: the
    book's name tells it from the other books."""
    if len(statute.books) != 1:
        return ""
    return f' <span class="library-book" lang="zh-Hans">{esc(statute.books[0].title)}</span>'


def _groups(statutes: list[Statute]) -> list[tuple[str, list[tuple[str, list[Statute]]]]]:
    """[(rank code or "", [(jurisdiction or "", statutes)])] in rank order, statutes by status
    then id (the pinyin of the title, for ids made by `add`)."""
    order = {code: i for i, code in enumerate(RANK_LABELS)}
    by_rank: dict[str, dict[str, list[Statute]]] = {}
    for statute in statutes:
        by_rank.setdefault(_rank_key(statute), {}).setdefault(statute.spec.jurisdiction or "", []).append(statute)
    status_order = {s: i for i, s in enumerate(STATUS_ORDER)}
    out = []
    for rank in sorted(by_rank, key=lambda r: order.get(r, len(order))):
        places = by_rank[rank]
        groups = [(place, sorted(places[place], key=lambda s: (status_order.get(s.spec.status, 9), s.id)))
                  for place in sorted(places, key=lambda p: (p == "", p))]
        out.append((rank, groups))
    return out


def _summary(statutes: list[Statute], groups) -> str:
    ranks = []
    for rank, places in groups:
        zh, en = RANK_LABELS.get(rank, NO_RANK)
        count = sum(len(members) for _, members in places)
        ranks.append(f'<a href="#rank-{escape.attr(rank or "none")}">{bi(esc(zh), esc(en), " ")}</a> ({count})')
    places: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for statute in statutes:
        places[statute.spec.jurisdiction or ""] = places.get(statute.spec.jurisdiction or "", 0) + 1
        statuses[statute.spec.status] = statuses.get(statute.spec.status, 0) + 1
    place_text = [f'{bi_text(_place_label(statutes, p))} ({n})' for p, n in sorted(places.items(), key=lambda i: (i[0] == "", i[0]))]
    status_text = [f'<span class="status {escape.attr(s)}">{bi(esc(STATUS_LABEL[s][0]), esc(STATUS_LABEL[s][1]), " ")}'
                   f'</span> ({statuses[s]})' for s in STATUS_ORDER if s in statuses]
    return ('<dl class="library-summary">'
            f'<dt>{bi("按位阶", "By rank", " ")}</dt><dd>{" · ".join(ranks)}</dd>'
            f'<dt>{bi("按地域", "By jurisdiction", " ")}</dt><dd>{" · ".join(place_text)}</dd>'
            f'<dt>{bi("按效力", "By status", " ")}</dt><dd>{" · ".join(status_text)}</dd>'
            "</dl>\n\n")


def _place_label(statutes: list[Statute], place: str) -> str:
    if not place:
        return " · ".join(NO_JURISDICTION)
    english = next((s.spec.jurisdiction_en for s in statutes if s.spec.jurisdiction == place
                    and s.spec.jurisdiction_en), None)
    return f"{place} · {english}" if english else place


FILTER_BOX = (
    '<div class="library-filter" hidden>'
    f'<label for="library-filter-input">{bi("按标题、编号或状态筛选", "Filter by title, id or status")}</label> '
    '<input id="library-filter-input" type="search" autocomplete="off" spellcheck="false" '
    'placeholder="公司法 · company · gongsifa" aria-describedby="library-filter-count">'
    '<p id="library-filter-count" class="library-filter-count" aria-live="polite"></p>'
    "</div>\n\n"
)


def _group(rank: str, places: list, statutes: list[Statute], titles_en: dict, later: dict) -> str:
    """One rank: a heading (in the page's table of contents), then its statutes by
    jurisdiction (no jurisdiction heading when the rank has only unrecorded ones: the
    summary says so)."""
    zh, en = RANK_LABELS.get(rank, NO_RANK)
    count = sum(len(members) for _, members in places)
    out = [f'<section class="library-group" data-library-group markdown="1">\n\n'
           f'## {bi(esc(zh), esc(en))} '
           f'<span class="library-n" data-n="{count}">({count})</span> {{ #rank-{rank or "none"} }}\n\n']
    for place, members in places:
        out.append('<section class="library-place" data-library-group markdown="1">\n\n')
        if place or len(places) > 1:
            out.append(f'### {bi_text(_place_label(statutes, place))} '
                       f'<span class="library-n" data-n="{len(members)}">({len(members)})</span>\n\n')
        out.append('<ul class="library-list">\n')
        out.extend(_entry(s, titles_en.get(s.id), later.get(s.id)) + "\n" for s in members)
        out.append("</ul>\n\n</section>\n\n")
    out.append("</section>\n\n")
    return "".join(out)


def _count(project, held: int, articles: int) -> str:
    """How many statutes the site holds; a bundle of some statutes of a library says how
    many the library has (a count, not a list: the bundle stays the size of its statutes)
    and, when mkdocs.yml names it, where the whole library is online."""
    part = project.part_of
    extent = f"{held} statute{'' if held == 1 else 's'}, {articles} article{'' if articles == 1 else 's'}"
    if part is None or part.total <= held:
        return f'<p class="library-count">{bi(f"本库收录 {held} 部法规，共 {articles} 条", extent)}</p>\n\n'
    absent = part.total - held
    out = [f'<p class="library-count">{bi(f"本离线副本收录 {held} 部法规，共 {articles} 条", f"This offline copy: {extent}")}'
           '</p>\n\n'
           f'<p class="library-part" role="note" data-library-total="{part.total}">'
           + bi(f"本副本只收录全库 {part.total} 部法规中的 {held} 部；其余 {absent} 部不在本副本中。",
                f"This offline copy holds {held} of the library's {part.total} statutes; "
                + ("the other one is not in it." if absent == 1 else f"the other {absent} are not in it."), " ")]
    if part.site_url and escape.url_is_safe(part.site_url):
        link = f'<a href="{escape.url(part.site_url)}">{esc(part.site_url)}</a>'
        out.append(" " + bi(f"完整的法规库在线浏览：{link}", f"The whole library is online at {link}", " "))
    out.append("</p>\n\n")
    return "".join(out)


def home_page(project) -> str:
    statutes = list(project.statutes.values())
    groups = _groups(statutes)
    titles_en = {sid: spec.title_en for sid, spec in project.manifest.statutes.items()}
    articles = sum(len(s.present_articles()) for s in statutes)
    out = [front_matter("Chinese statutes, bilingual and annotated · 中国法规双语注释本")]
    out.append("# 中国法规双语注释本 · Chinese statutes, bilingual and annotated { #home }\n\n")
    out.append('<p>' + bi("每部法规的每一条都有单独的页面：来自权威来源的中文文本、对照的英文译文、官方解读和媒体的"
                          "相关论述，以及编辑注释。每一句英文都注明其来源。",
                          "Each article of each statute has its own page: the Chinese text from the "
                          "authoritative source, English beside it, what the official interpretation and the press "
                          "said about it, and editors' notes. Every English sentence says where it came from.", " ")
               + "</p>\n\n")
    out.append(english_notice(urls.HOME))
    out.append(_count(project, len(statutes), articles))
    out.append(_summary(statutes, groups))
    out.append(FILTER_BOX)
    out.append('<div class="library" data-library markdown="1">\n\n')
    later = later_texts(statutes)
    for rank, places in groups:
        out.append(_group(rank, places, statutes, titles_en, later))
    out.append("</div>\n\n")
    out.append(f'<p class="library-none" hidden>{bi("没有标题匹配的法规。", "No statute title matches.", " ")}</p>\n\n')
    out.append("## Reference · 参考 { #reference }\n\n")
    for (zh, en), url, (what_zh, what_en) in REFERENCE_LINKS:
        out.append(f"- [{bi(zh, en, en_first=True)}]({url}){bi(what_zh, what_en, ' ')}\n")
    return "".join(out)
