"""Run the stages in order and hold their results: the :class:`Project`.

source/ -> ingest -> parse -> reconcile -> (translate, annotate, link) -> render

Loading never writes anything.  If any stage finds an error, :func:`load_project` raises
:class:`~generator.diagnostics.InputError` carrying every diagnostic, so the caller can
report them all at once and leave the previous output untouched.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from .annotations import Annotations, load_annotations, staleness
from .diagnostics import Diagnostic, InputError
from .english import EnglishSource, NoEnglish
from .glossary import Glossary, build_glossary, term_consistency
from .ingest import Corpus, ingest
from .manifest import Manifest, load_manifest
from .statutes import Statute, build_statute
from .translations import ProjectEnglish, load_memory


@dataclass
class Paths:
    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def site_config(self) -> Path:
        return self.root / "site_config"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


@dataclass
class Project:
    paths: Paths
    manifest: Manifest
    corpus: Corpus
    statutes: dict[str, Statute]
    english: EnglishSource = field(default_factory=NoEnglish)
    annotations: Annotations = field(default_factory=Annotations)
    glossary: Glossary | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Later stages (documents and links, annotations, glossary ...) plug into rendering
    # through objects with any of these methods (see generator.render.SiteExtension):
    #   article_sections(project, statute, article, page) -> str
    #   pages(project) -> dict[str, str]
    #   nav(project) -> list
    extensions: list = field(default_factory=list)
    sources: Any = None  # the cached source stage (Sources)
    # Commentary (generator.documents) and its links to articles (generator.linking).
    documents: dict = field(default_factory=dict)
    links: list = field(default_factory=list)

    @property
    def variants(self):
        return [v for s in self.statutes.values() for v in s.variants]


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest directory (upwards) holding source/manifest.yaml."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "source" / "manifest.yaml").exists() and (candidate / "mkdocs.yml").exists():
            return candidate
    return here


@dataclass
class Sources:
    """The source stage's result: everything derived from source/ alone."""

    manifest: Manifest
    corpus: Corpus
    statutes: dict[str, Statute]
    diagnostics: list[Diagnostic]
    fingerprint: tuple


def source_fingerprint(root: Path) -> tuple:
    """Changes whenever any file in source/ changes (name, size, modification time)."""
    folder = Paths(root).source
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                        for p in folder.iterdir() if p.is_file())) if folder.exists() else ()


def load_sources(root: Path) -> Sources:
    paths = Paths(root)
    fingerprint = source_fingerprint(root)
    manifest: Manifest = load_manifest(paths.source)
    corpus = ingest(manifest, paths.source)
    diagnostics: list[Diagnostic] = list(corpus.diagnostics)
    statutes: dict[str, Statute] = {}
    for sid, spec in manifest.statutes.items():
        statute = build_statute(spec, corpus)
        statutes[sid] = statute
        diagnostics.extend(statute.diagnostics)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise InputError(errors)
    return Sources(manifest, corpus, statutes, diagnostics, fingerprint)


CACHE_DIR = "build/.cache"


@functools.lru_cache(maxsize=None)
def _code_version() -> str:
    """Changes whenever the generator's own code changes (so caches never go stale)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _content_key(root: Path) -> str:
    digest = hashlib.sha256(_code_version().encode())
    folder = Paths(root).source
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load_sources_cached(root: Path) -> Sources:
    """:func:`load_sources`, reusing the parsed result from build/.cache when source/ and the
    generator's code are byte-identical to the last run (a warm rebuild parses nothing)."""
    cache_dir = root / CACHE_DIR
    key = _content_key(root)
    sources = _cached(cache_dir, "sources", key)
    if sources is not None:
        sources.fingerprint = source_fingerprint(root)
        return sources
    sources = load_sources(root)
    _store(cache_dir, "sources", key, sources)
    return sources


def load_statutes(root: Path) -> dict[str, Statute]:
    """Only the statutes (sources parsed and reconciled), e.g. for commands editing annotations."""
    return load_sources(root).statutes


def load_project(root: Path, sources: Sources | None = None, *, use_cache: bool = False) -> Project:
    """All stages.  ``sources`` may be a cached :class:`Sources` still matching source/;
    ``use_cache`` lets the source stage reuse build/.cache."""
    paths = Paths(root)
    if sources is None or sources.fingerprint != source_fingerprint(root):
        sources = load_sources_cached(root) if use_cache else load_sources(root)
    statutes = sources.statutes
    diagnostics = list(sources.diagnostics)
    annotations = load_annotations(root, statutes, sources.manifest.documents)
    diagnostics.extend(annotations.diagnostics)
    diagnostics.extend(staleness(annotations, statutes))
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise InputError(errors)
    memory = load_memory(root)
    if memory is not None:
        diagnostics.extend(memory.diagnostics)
        errors = [d for d in memory.diagnostics if d.is_error]
        if errors:
            raise InputError(errors)
    english = ProjectEnglish(annotations, memory)
    glossary = build_glossary(statutes, english, annotations)
    diagnostics.extend(glossary.diagnostics)
    diagnostics.extend(term_consistency(statutes, english, glossary, annotations))
    documents, links, problems = load_commentary(sources.manifest, sources.corpus, statutes, english, annotations,
                                                 root / CACHE_DIR if use_cache else None)
    diagnostics.extend(problems)
    project = Project(paths=paths, manifest=sources.manifest, corpus=sources.corpus, statutes=statutes,
                      english=english, annotations=annotations, glossary=glossary, diagnostics=diagnostics,
                      documents=documents, links=links)
    project.sources = sources
    from .render.commentary import CommentaryPages
    project.extensions.append(CommentaryPages())
    return project


def load_commentary(manifest, corpus, statutes, english, annotations, cache_dir: Path | None = None):
    """Commentary documents and their links (editors' overrides applied); raises
    :class:`InputError` if an override is wrong (unknown paragraph, wrong statute).

    Linking is independent per statute, so its result is cached per statute under
    ``cache_dir`` keyed by everything it reads (the documents' text, the articles' Chinese
    and English, the generator's code): editing one article's English relinks that
    statute's commentary only.
    """
    from .documents import build_documents
    from .linking import apply_overrides, link_documents, statute_english
    documents, diagnostics = build_documents(manifest, corpus)
    links: list = []
    for sid, statute in statutes.items():
        docs = {did: d for did, d in documents.items() if d.statute == sid}
        if not docs:
            continue
        key = None
        if cache_dir is not None:
            digest = hashlib.sha256(_code_version().encode())
            for did, doc in docs.items():
                digest.update(did.encode())
                for para in doc.paragraphs:
                    digest.update(f"{para.index}\x00{para.text}\x00".encode())
            for article in statute.present_articles():
                digest.update(f"{article.number}\x00{article.plain_text()}\x00".encode())
            digest.update(json.dumps(statute_english(statute, english), sort_keys=True).encode())
            key = digest.hexdigest()
        found = _cached(cache_dir, f"links-{sid}", key) if key else None
        if found is None:
            found = link_documents(docs, {sid: statute}, english, None)
            if key:
                _store(cache_dir, f"links-{sid}", key, found)
        links.extend(found[0])
        diagnostics.extend(found[1])
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    links.sort(key=lambda l: (order.get(l.document, 0), l.paragraph, l.article))
    links, problems = apply_overrides(links, annotations, documents)
    diagnostics.extend(problems)
    errors = [d for d in problems if d.is_error]
    if errors:
        raise InputError(errors)
    return documents, links, diagnostics


def _cached(cache_dir: Path, name: str, key: str):
    try:
        with (cache_dir / f"{name}.pickle").open("rb") as fh:
            stored_key, value = pickle.load(fh)
        return value if stored_key == key else None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
        return None


def _store(cache_dir: Path, name: str, key: str, value) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        path = cache_dir / f"{name}.pickle"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
