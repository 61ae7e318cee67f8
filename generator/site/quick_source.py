"""``serve``'s quick preview of a source edit: only the statutes the edit touches, read again.

An editor correcting a statute's text edits its raw file in ``source/`` and records the new
SHA-256 in ``source/manifest.yaml``.  The whole warm build that follows reads every source
again, which grows with the library; this module reads only what the edit touched, so
``serve`` can show the edited articles first (:mod:`generator.site.quick_preview`):

- the manifest is read again (a broken one ends the quick path: the whole build reports it);
- the files that changed, or whose entry in the manifest changed, are read and cut into
  parts (:func:`generator.sources.ingest.ingest_files`);
- every statute with a part in those files, or whose own entry changed, is built again
  (:func:`generator.reconcile.statute.build_statute`, with its versions), with every check a
  build makes: an error ends the quick path;
- the articles whose text, title or status changed are the pages to show first (at most
  :data:`MOST_PAGES`; the whole build shows the rest).

The quick path does not apply (None) when the edit adds or removes a statute, a source file
or a commentary document, changes the text of commentary, or changes no article's text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.diagnostics import InputError
from generator.model import Article
from generator.project import Paths, Sources
from generator.reconcile.statute import Statute, build_statute
from generator.sources.ingest import Corpus, ingest_files
from generator.sources.manifest import Manifest, load_manifest
from generator.versions.build import build_versions

MANIFEST = "manifest.yaml"
MOST_PAGES = 8          # quick pages after one source edit; the whole build shows the rest


@dataclasses.dataclass
class SourceEdit:
    """The sources as the edit left them, and the articles (statute id, article) it changed."""

    sources: Sources
    articles: list[tuple[str, Article]]


def _shape(value):
    """A manifest entry compared without the lines it sits on (an edit above it moves them)."""
    if dataclasses.is_dataclass(value):
        return tuple((f.name, _shape(getattr(value, f.name))) for f in dataclasses.fields(value) if f.name != "line")
    if isinstance(value, (list, tuple)):
        return tuple(_shape(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted(((str(k), _shape(v)) for k, v in value.items()), key=lambda kv: kv[0]))
    return value


def _touched(old: Manifest, new: Manifest, changed_files: set[str]) -> set[str] | None:
    """The statutes the edit touches; None when the quick path does not apply."""
    old_files = {s.file: s for s in old.sources}
    new_files = {s.file: s for s in new.sources}
    if old_files.keys() != new_files.keys() or old.statutes.keys() != new.statutes.keys() \
            or _shape(old.documents) != _shape(new.documents):
        return None
    files = set(changed_files) | {f for f in new_files if _shape(new_files[f]) != _shape(old_files[f])}
    touched = {sid for sid in new.statutes if _shape(new.statutes[sid]) != _shape(old.statutes[sid])}
    for name in files:
        if name not in new_files:
            return None
        touched.update(part.statute for part in (*old_files[name].parts, *new_files[name].parts)
                       if part.statute and not part.document)
    return touched


def _same_documents(old: Corpus, new: Corpus, files: set[str]) -> bool:
    """Whether the commentary in the files read again reads as before (a seed file holds a
    statute and its interpretation: correcting the one must leave the other as it was; a
    change to commentary moves its links and pages, which is the whole build's work)."""
    for ref, part in new.parts.items():
        if part.spec.document and part.source.spec.file in files:
            if ref not in old.parts or old.parts[ref].text() != part.text():
                return False
    return True


def _reading(article: Article) -> tuple:
    return (article.title, article.status, article.missing_reason, article.plain_text())


def _changed_articles(old: Statute, new: Statute) -> list[Article]:
    """New articles whose reading differs from the old one's; articles the edit added or
    took away have no page in the last build (the whole build makes them)."""
    before = {a.key: a for a in old.articles}
    return [a for a in new.articles if a.key in before and _reading(a) != _reading(before[a.key])]


def read_source_edit(root: Path, sources: Sources, changed: set[str]) -> SourceEdit | None:
    """``changed``: paths under ``source/`` (relative to the project) that differ from the
    snapshot ``sources`` was read from.  None when the quick path does not apply."""
    folder = Paths(root).source
    try:
        manifest = load_manifest(folder)
    except InputError:
        return None
    names = {p.removeprefix("source/") for p in changed} - {MANIFEST}
    touched = _touched(sources.manifest, manifest, names)
    if not touched:
        return None
    files = names | {p.file for p in manifest.parts() if p.statute in touched}
    try:
        corpus = ingest_files(manifest, files, sources.corpus, folder)
    except InputError:
        return None
    if not _same_documents(sources.corpus, corpus, files):
        return None
    statutes, versions = dict(sources.statutes), dict(sources.versions)
    articles: list[tuple[str, Article]] = []
    for sid in sorted(touched):
        statute = build_statute(manifest.statutes[sid], corpus)
        found, problems = build_versions(statute, corpus)
        if any(d.is_error for d in (*statute.diagnostics, *problems)):
            return None
        articles.extend((sid, a) for a in _changed_articles(sources.statutes[sid], statute))
        statutes[sid] = statute
        versions.pop(sid, None)
        if found is not None:
            versions[sid] = found
    if not articles:
        return None
    new = dataclasses.replace(sources, manifest=manifest, corpus=corpus, statutes=statutes, versions=versions,
                              fingerprint=(), key="")
    return SourceEdit(new, articles[:MOST_PAGES])
