"""The stage order, and nothing else.

    source/ -> sources (manifest, ingest) -> parse -> reconcile      = Sources
    annotations -> English (reviewed > machine draft > missing) -> glossary
    documents -> linking (+ editors' overrides)                        = Project

Every command that reads a project (``build``, ``check``, ``serve``, ``bundle``, ``link``,
``translate``, the annotation commands) loads it through here, so they all apply the same
error checks.  Loading never writes anything except caches under build/.cache.  If any
stage finds an error, :class:`~generator.diagnostics.InputError` carries every
diagnostic, so the caller can report them all at once and leave the previous output
untouched.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Collection

from generator import cache
from generator.annotations.commentary import load_commentary_english
from generator.annotations.concordance import correct_concordances
from generator.annotations.load import Annotations, load_annotations, staleness
from generator.diagnostics import Diagnostic, InputError
from generator.documents.build import build_documents
from generator.documents.model import Document
from generator.english.choice import ProjectEnglish, load_memory
from generator.english.model import English, EnglishSource
from generator.glossary import build_glossary, term_consistency
from generator.linking.english_index import match_inputs
from generator.linking.link import Link, apply_overrides, link_documents, statute_english
from generator.linking.related import LIMIT as RELATED_LIMIT, THRESHOLD as RELATED_THRESHOLD
from generator.linking.related import Related, apply_editors, chinese_rows, similar_articles
from generator.model import article_segments
from generator.project import LibraryPart, Paths, Project, Sources
from generator.reconcile.statute import Statute, build_statute
from generator.sources.ingest import Corpus, ingest
from generator.sources.manifest import Manifest, load_manifest
from generator.versions.build import StatuteVersions, build_versions


def _raise_errors(diagnostics: list[Diagnostic]) -> None:
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise InputError(errors)


# --------------------------------------------------------------------------- source/ alone

def source_fingerprint(root: Path) -> tuple:
    """Changes whenever any file in source/ changes (name, size, modification time)."""
    folder = Paths(root).source
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                        for p in folder.iterdir() if p.is_file())) if folder.exists() else ()


def load_sources(root: Path) -> Sources:
    """manifest -> ingest -> parse -> reconcile -> versions, for every statute of the manifest."""
    paths = Paths(root)
    fingerprint = source_fingerprint(root)
    manifest: Manifest = load_manifest(paths.source)
    corpus = ingest(manifest, paths.source)
    diagnostics: list[Diagnostic] = list(corpus.diagnostics)
    statutes: dict[str, Statute] = {}
    versions: dict[str, StatuteVersions] = {}
    for sid, spec in manifest.statutes.items():
        statute = build_statute(spec, corpus)
        statutes[sid] = statute
        diagnostics.extend(statute.diagnostics)
        found, problems = build_versions(statute, corpus)
        diagnostics.extend(problems)
        if found is not None:
            versions[sid] = found
    _raise_errors(diagnostics)
    documents, document_diagnostics = build_documents(manifest, corpus)
    return Sources(manifest, corpus, statutes, diagnostics, fingerprint, versions,
                   documents=documents, document_diagnostics=document_diagnostics)


def _sources_key(root: Path) -> str:
    digest = cache.new_key()
    folder = Paths(root).source
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load_sources_cached(root: Path) -> Sources:
    """:func:`load_sources`, reusing the parsed result from build/.cache when source/ and the
    generator's code are byte-identical to the last run (a warm rebuild parses nothing)."""
    cache_dir = Paths(root).cache
    key = _sources_key(root)
    sources = cache.load(cache_dir, "sources", key)
    if sources is not None:
        sources.fingerprint = source_fingerprint(root)
        sources.key = key
        return sources
    sources = load_sources(root)
    sources.key = key
    cache.store(cache_dir, "sources", key, sources)
    return sources


def load_statutes(root: Path) -> dict[str, Statute]:
    """Only the statutes (sources parsed and reconciled), e.g. for commands editing annotations."""
    return load_sources(root).statutes


# --------------------------------------------------------------------------- the whole project

def load_english(root: Path, statutes: dict[str, Statute], manifest: Manifest, only: Collection[str] | None = None,
                 sources_key: str = "") -> tuple[Annotations, ProjectEnglish, list[Diagnostic]]:
    """Editors' annotations (validated, staleness checked) and the translation memory.
    ``only``: keep the annotations of these statutes (validated against all of them).
    ``sources_key``: :attr:`Sources.key` of the statutes, if any (files loaded before
    against the same sources are taken from build/.cache)."""
    annotations = load_annotations(root, statutes, manifest.documents, cache_dir=Paths(root).cache,
                                   inputs_key=sources_key or None)
    diagnostics = [*annotations.diagnostics, *staleness(annotations, statutes)]
    _raise_errors(diagnostics)
    if only is not None:
        annotations = restrict_annotations(annotations, set(only))
        diagnostics = [d for d in diagnostics if _statute_of_path(d.path) in (None, *only)]
    memory = load_memory(root)
    if memory is not None:
        diagnostics.extend(memory.diagnostics)
        _raise_errors(memory.diagnostics)
    return annotations, ProjectEnglish(annotations, memory), diagnostics


def load_project(root: Path, sources: Sources | None = None, *, use_cache: bool = False,
                 only: Collection[str] | None = None) -> Project:
    """All stages.  ``sources`` may be a cached :class:`Sources` still matching source/;
    ``use_cache`` lets the source and linking stages reuse build/.cache.  ``only``: the
    project of these statutes alone (see :func:`subset_sources`), for ``bundle --statute``;
    its ``part_of`` says how many statutes the whole library holds."""
    paths = Paths(root)
    if use_cache:
        cache.load_memos(paths.cache)
    if sources is None or sources.fingerprint != source_fingerprint(root):
        sources = load_sources_cached(root) if use_cache else load_sources(root)
    full = sources
    if only is not None:
        sources = subset_sources(full, only)
    statutes = sources.statutes
    annotations, english, english_diagnostics = load_english(root, full.statutes, full.manifest, only, full.key)
    corrected = correct_concordances(root, statutes, sources.versions)
    _raise_errors(corrected.diagnostics)
    diagnostics = [*sources.diagnostics, *english_diagnostics, *corrected.diagnostics]
    glossary = build_glossary(statutes, english, annotations)
    diagnostics.extend(glossary.diagnostics)
    diagnostics.extend(term_consistency(statutes, english, glossary, annotations))
    documents, links, problems = load_commentary(sources.manifest, sources.corpus, statutes, english, annotations,
                                                 paths.cache if use_cache else None, sources.versions,
                                                 _built_documents(sources))
    diagnostics.extend(problems)
    every_document = documents if only is None else _built_documents(full)[0]
    commentary = load_commentary_english(root, every_document)
    diagnostics.extend(commentary.diagnostics)
    _raise_errors(commentary.diagnostics)
    commentary.translations = {k: t for k, t in commentary.translations.items() if k[0] in documents}
    commentary_english = {key: English("reviewed" if t.is_reviewed else "translated", t.en, reviewer=t.reviewer,
                                       reviewed_on=t.reviewed_on, translator=t.translator, translated_on=t.date,
                                       ai_assisted=t.ai_assisted, stale=key in commentary.stale, note=t.note)
                          for key, t in commentary.translations.items()}
    return Project(paths=paths, sources=sources, english=english, annotations=annotations, glossary=glossary,
                   diagnostics=diagnostics, documents=documents, links=links,
                   related=load_related(statutes, english, annotations, paths.cache if use_cache else None),
                   commentary_english=commentary_english,
                   corrected_versions=corrected.versions,
                   part_of=LibraryPart(total=len(full.statutes)) if only is not None else None)


def load_related(statutes: dict[str, Statute], english: EnglishSource, annotations,
                 cache_dir: Path | None = None) -> dict:
    """Related provisions of other statutes (text similarity in both languages), with the
    editors' ``related: add/suppress`` applied.  With ``cache_dir``, the scores on the
    Chinese alone (most of the work) are kept in build/.cache by a digest of every
    article's Chinese: an edit to annotations scores only the articles with English again."""
    chinese, english_text = {}, {}
    for sid, statute in statutes.items():
        for article in statute.present_articles():
            chinese[(sid, article.number)] = article.plain_text()
            found = [english.english(sid, s) for s in article_segments(article)]
            english_text[(sid, article.number)] = " ".join(e.text for e in found if e.available)
    additions: dict = {}
    suppressions: dict = {}
    for f in annotations.all_files():
        for item in f.related:
            if item.action == "add":
                additions.setdefault((f.statute, f.article), []).append(
                    Related(item.statute, item.article, 1.0, "editor", item.note))
            else:
                suppressions.setdefault((f.statute, f.article), set()).add((item.statute, item.article))
    base = None
    if cache_dir is not None:
        digest = cache.new_key()
        digest.update(f"{RELATED_THRESHOLD}\x00{RELATED_LIMIT}\x00".encode())
        for (sid, number), text in sorted(chinese.items()):
            digest.update(f"{sid}\x00{number}\x00{text}\x00".encode())
        base = cache.load(cache_dir, "related-chinese", digest.hexdigest())
        if base is None:
            base = chinese_rows(chinese)
            cache.store(cache_dir, "related-chinese", digest.hexdigest(), base)
    return apply_editors(similar_articles(chinese, english_text, base=base), additions, suppressions)


def _links_key(docs: dict[str, Document], statute, english: EnglishSource | None) -> str:
    digest = cache.new_key()
    for did, doc in docs.items():
        digest.update(did.encode())
        for para in doc.paragraphs:
            digest.update(f"{para.index}\x00{para.text}\x00".encode())
    for article in statute.present_articles():
        digest.update(f"{article.number}\x00{article.plain_text()}\x00".encode())
    if english is not None:   # only the part of the English that the paragraphs' words can match
        texts = [para.text for doc in docs.values() for para in doc.paragraphs]
        digest.update(json.dumps(match_inputs(statute_english(statute, english), texts)).encode())
    return digest.hexdigest()


def _built_documents(sources: Sources) -> tuple[dict[str, Document], list[Diagnostic]]:
    """The documents of ``sources`` (made with them, and kept in their cache)."""
    if sources.documents is None:
        sources.documents, sources.document_diagnostics = build_documents(sources.manifest, sources.corpus)
    return sources.documents, sources.document_diagnostics


def load_commentary(manifest: Manifest, corpus: Corpus, statutes: dict[str, Statute], english: EnglishSource,
                    annotations: Annotations, cache_dir: Path | None = None,
                    versions: dict[str, StatuteVersions] | None = None,
                    built: tuple[dict[str, Document], list[Diagnostic]] | None = None
                    ) -> tuple[dict[str, Document], list[Link], list[Diagnostic]]:
    """Commentary documents and their links (editors' overrides applied); raises
    :class:`InputError` if an override is wrong (unknown paragraph, wrong statute).

    A document that says which earlier version of its statute it discusses (``version:`` in
    the manifest) is linked to that version's articles (its links carry the version's date).

    Linking is independent per statute, so its result is cached per statute under
    ``cache_dir`` keyed by everything it reads (the documents' text, the articles' Chinese
    and English, the generator's code): editing one article's English relinks that
    statute's commentary only.

    ``built``: the documents and their problems, if made already (:func:`build_documents`
    of this manifest and corpus).
    """
    documents, diagnostics = built if built is not None else build_documents(manifest, corpus)
    diagnostics = list(diagnostics)
    links: list[Link] = []
    for sid, statute in statutes.items():
        found_versions = (versions or {}).get(sid)
        groups: dict[str | None, dict[str, Document]] = {}
        for did, doc in documents.items():
            if doc.statute == sid:
                earlier = found_versions.earlier_version(doc.version) if found_versions else None
                groups.setdefault(earlier.date if earlier else None, {})[did] = doc
        for date, docs in groups.items():
            target = statute if date is None else found_versions.as_statute(statute, found_versions.earlier_version(date))
            target_english = english if date is None else None   # the English is the current text's
            key = _links_key(docs, target, target_english) if cache_dir is not None else None
            name = f"links-{sid}" + (f"-{date}" if date else "")
            found = cache.load(cache_dir, name, key)
            if found is None:
                found = link_documents(docs, {sid: target}, target_english, None)
                for link in found[0]:
                    link.version = date
                cache.store(cache_dir, name, key, found)
            links.extend(found[0])
            diagnostics.extend(found[1])
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    links.sort(key=lambda link: (order.get(link.document, 0), link.paragraph, link.article))
    earlier_articles = {(sid, v.date): {a.number for a in v.articles if not a.insert}
                        for sid, found in (versions or {}).items() for v in found.earlier()}
    links, problems = apply_overrides(links, annotations, documents, earlier_articles)
    diagnostics.extend(problems)
    _raise_errors(problems)
    return documents, links, diagnostics


# --------------------------------------------------------------------------- a part of the library

def subset_sources(sources: Sources, ids: Collection[str]) -> Sources:
    """The sources of statutes ``ids`` alone: their manifest entries, their documents, the
    raw files holding their parts, their versions and diagnostics; as if the others had
    never been added.  An unknown id is a :class:`ValueError` naming the known ones."""
    keep = list(dict.fromkeys(ids))
    unknown = [sid for sid in keep if sid not in sources.statutes]
    if unknown:
        raise ValueError(f"unknown statute id(s): {', '.join(unknown)}")
    manifest = sources.manifest
    documents = {k: d for k, d in manifest.documents.items() if d.statute in keep}
    files = [s for s in manifest.sources
             if any(p.statute in keep or p.document in documents for p in s.parts)]
    subset = replace(manifest, statutes={sid: manifest.statutes[sid] for sid in keep}, documents=documents,
                     sources=files)
    kept_files = {s.file for s in files}
    return Sources(subset, sources.corpus, {sid: sources.statutes[sid] for sid in keep},
                   [d for d in sources.diagnostics if _source_file(d.path) in (None, *kept_files)],
                   sources.fingerprint, {sid: v for sid, v in sources.versions.items() if sid in keep})


_NOTE_STATUTE_LINK = re.compile(r"\]\(\s*<?(?:\.\./)*([a-z0-9]+(?:-[a-z0-9]+)*)/article-[0-9]+")


def restrict_annotations(annotations: Annotations, keep: set[str]) -> Annotations:
    """The annotations of the statutes in ``keep``; see-also and related entries pointing at
    other statutes are left out.  A note whose text links to another statute cannot be shown
    without a broken link: that is an :class:`InputError` naming the note."""
    files = {}
    problems = []
    for key, f in annotations.files.items():
        if f.statute not in keep:
            continue
        for note in f.notes:
            for sid in _NOTE_STATUTE_LINK.findall(note.body):
                if sid != f.statute and sid not in keep:
                    problems.append(Diagnostic("error", f"the note links to {sid}, which is not in this selection",
                                               path=f.path, line=note.line, code="note-link",
                                               hint=f"add --statute {sid}"))
        files[key] = replace(f, see_also=[s for s in f.see_also if s.statute in keep],
                             related=[r for r in f.related if r.statute in keep])
    _raise_errors(problems)
    return Annotations(files, annotations.diagnostics)


def _source_file(path: str | None) -> str | None:
    """``source/<file>`` -> ``<file>``; None for a diagnostic not about a raw file."""
    return path.split("/", 1)[1] if path and path.startswith("source/") and path.count("/") == 1 else None


def _statute_of_path(path: str | None) -> str | None:
    """``annotations/<statute>/…`` -> ``<statute>``; None for other paths."""
    parts = (path or "").split("/")
    return parts[1] if len(parts) == 3 and parts[0] == "annotations" else None
