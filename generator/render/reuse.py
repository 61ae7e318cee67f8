"""A statute's pages taken from the last build when nothing they are made from changed.

Rendering every page of every statute is most of a warm build's work in a large library, and
after an edit to one statute's annotations most statutes' pages come out byte for byte as
before.  So :func:`generator.render.site.render_site` can leave a statute's overview and
article pages as they are in the last build's docs tree (``build/docs``, written by that
build) when the statute's **key** is the one that build recorded.

The key of statute S (:func:`statute_key`) is a digest of:

* ``base``: everything any statute's pages are made from besides the editors' per-statute
  annotation folders and the statutes' own sources -- the generator's code, the list of
  statutes, the translation memory and the commentary English (:class:`Reuse`, made by
  :mod:`generator.site.reuse_state`);
* S's sources (``Reuse.sources``): its manifest entry, its commentary documents' entries and
  the entries of the raw files holding their text (each with the file's SHA-256, which the
  build checks against the bytes), so a correction of one statute's source renders that
  statute again, not the library;
* S's annotation folder (``annotations/<id>/``, every file's bytes), and for every page of
  another statute U that S's pages linked to in the last build, U's ``statute.yaml`` and
  titles, and for an article page what the caption of a link to that article shows
  (:func:`caption_english`: its heading's English; :func:`caption_chinese`: whether it
  exists, its number and title): what S's pages show of another statute (a related
  provision's or a see-also's caption: U's title, the article's number, title and its
  English) is always the caption of a link to it;
* what is computed from the whole library and shown on S's pages: S's related provisions,
  the commentary links to S's articles, the see-also entries of other statutes pointing to
  S (shown as "referred to from"), and S's glossary terms.  These catch what another
  statute's edit can newly bring to S's pages.

A statute is rendered again when its key changed, when the last build did not record it,
or when one of its pages is missing from the docs tree.  ``build --full`` renders all.
``tests/e2e/test_warm_build.py`` checks warm builds (with reuse) against cold ones after
edits of each kind.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from generator.render.related_view import article_title_en

# A link from a generated page to a page of statute X: relative (../X/…), or md:X/… (raw HTML);
# the page's first path part after X/ (article-7.md, index.md, print, …).
_STATUTE_LINK = re.compile(r'(?:\]\(|href="md:|href=")(?:\.\./)*([a-z0-9][a-z0-9-]*)/([^/)"#\s]*)')
_ARTICLE_PAGE = re.compile(r"^(article-[0-9]+)(?:-[0-9]+)?\.md$")
# A dependency on another statute's article annotation file ("<id>/article-<n>.yaml").
_ARTICLE_DEP = re.compile(r"^([a-z0-9][a-z0-9-]*)/article-([0-9]+)\.yaml$")


@dataclass
class Recorded:
    """What the last build recorded for one statute's pages."""

    key: str
    pages: list[str]
    # Annotation inputs besides the computed ones: "<id>/" (a whole folder: the statute's
    # own) or "<id>/<file>.yaml" (another statute's file behind a caption S links to).
    deps: list[str]


@dataclass
class Reuse:
    """Given by the caller (the site stage reads the files): what render_site may reuse."""

    base: str                                   # digest of everything but annotation folders and sources
    annotations: dict[str, str]                 # "<id>/" and "<id>/<file>" -> digest (absent: "")
    previous: dict[str, Recorded]               # the last build's records
    existing: frozenset[str]                    # docs-tree paths present from the last build
    recorded: dict[str, Recorded] = field(default_factory=dict)     # this build's, filled by render
    sources: dict[str, str] = field(default_factory=dict)           # statute id -> digest of its sources

    def digest(self, dep: str) -> str:
        return self.annotations.get(dep, "")


def computed_digest(project, sid: str) -> str:
    """What is computed from the whole library and shown on statute ``sid``'s pages."""
    h = hashlib.sha256()
    statute = project.statutes[sid]
    for article in statute.articles:
        # As the page shows them: a score to two places (the scores of every statute move a
        # little with any edit to the library's English; what a reader sees rarely does).
        shown = [(r.statute, r.article, r.method, r.note, f"{r.score:.2f}")
                 for r in project.related.get((sid, article.number), [])]
        h.update(repr(shown).encode())
    h.update(repr([link for link in project.links if link.statute == sid]).encode())
    back = [(f.statute, f.article, item.article, item.note) for f in project.annotations.all_files()
            for item in f.see_also if item.statute == sid and f.statute != sid]
    h.update(repr(sorted(back, key=repr)).encode())
    if project.glossary is not None:
        h.update(repr(project.glossary.for_statute(sid)).encode())
    return h.hexdigest()


def caption_english(project, sid: str, number: int) -> str:
    """What a caption of a link to article ``number`` of statute ``sid`` shows from that
    article's annotation file: its heading's English (related_view; a see-also caption
    shows none).  An edit to the article's text translation or notes leaves it as it is."""
    statute = project.statutes.get(sid)
    article = statute.article(number) if statute is not None else None
    return article_title_en(project.english, statute, article) if article is not None else ""


def caption_chinese(project, sid: str, number: int | None) -> str:
    """What a caption of a link to statute ``sid`` (its article ``number``) shows from the
    statute's sources: its titles, and the article's existence, number and title."""
    statute = project.statutes.get(sid)
    if statute is None:
        return ""
    spec = statute.spec
    shown = [statute.title, spec.title, spec.title_en, spec.short_title_en]
    if number is not None:
        article = statute.article(number)
        shown += [article.status, article.number, article.title] if article is not None else [None]
    return repr(shown)


def _dep_digest(reuse: Reuse, project, dep: str) -> str:
    article = _ARTICLE_DEP.match(dep)
    if article and article.group(1) in project.statutes:
        sid, number = article.group(1), int(article.group(2))
        return f"caption:{caption_english(project, sid, number)}\x00{caption_chinese(project, sid, number)}"
    other = dep.split("/", 1)[0]
    if dep.endswith("/statute.yaml") and other in project.statutes:
        return f"{reuse.digest(dep)}\x00{caption_chinese(project, other, None)}"
    return reuse.digest(dep)


def statute_key(reuse: Reuse, sid: str, computed: str, deps: list[str], project) -> str:
    h = hashlib.sha256(f"{reuse.base}\x00{reuse.sources.get(sid, '')}\x00{computed}".encode())
    for dep in sorted(set(deps)):
        h.update(f"\x00{dep}\x00{_dep_digest(reuse, project, dep)}".encode())
    return h.hexdigest()


def reusable(reuse: Reuse | None, project, sid: str) -> tuple[Recorded | None, str]:
    """(the last build's record, if this statute's pages can be kept; the computed digest)."""
    if reuse is None:
        return None, ""
    computed = computed_digest(project, sid)
    last = reuse.previous.get(sid)
    if last is None or statute_key(reuse, sid, computed, last.deps, project) != last.key:
        return None, computed
    if not all(page in reuse.existing for page in last.pages):
        return None, computed
    return last, computed


def record(reuse: Reuse | None, project, sid: str, computed: str, pages: dict[str, str]) -> None:
    """Record a statute's freshly rendered pages (and the statutes they link to)."""
    if reuse is None:
        return
    deps = {f"{sid}/"}
    for text in pages.values():
        for m in _STATUTE_LINK.finditer(text):
            other, page = m.group(1), m.group(2)
            if other == sid or other not in project.statutes:
                continue
            deps.add(f"{other}/statute.yaml")
            article = _ARTICLE_PAGE.match(page)
            if article:
                deps.add(f"{other}/{article.group(1)}.yaml")
    deps_list = sorted(deps)
    reuse.recorded[sid] = Recorded(statute_key(reuse, sid, computed, deps_list, project), sorted(pages), deps_list)
