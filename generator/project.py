"""The project: where its files live (:class:`Paths`) and what the pipeline made of them
(:class:`Project`, the typed model every later stage reads).

:class:`Project` is filled by :func:`generator.pipeline.load_project` and never written to
afterwards: rendering reads it and returns new data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.annotations.load import Annotations
from generator.diagnostics import Diagnostic
from generator.documents.model import Document
from generator.english.model import English, EnglishSource, NoEnglish
from generator.glossary import Glossary
from generator.linking.link import Link
from generator.linking.related import Related
from generator.reconcile.statute import Statute
from generator.reconcile.variants import Variant
from generator.sources.ingest import Corpus
from generator.sources.manifest import Manifest
from generator.versions.build import StatuteVersions


@dataclass(frozen=True)
class Paths:
    """Every folder and file of a project, from its root."""

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
    def cache(self) -> Path:
        return self.build / ".cache"

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


def is_project_root(folder: Path) -> bool:
    return (folder / "source" / "manifest.yaml").is_file() and (folder / "mkdocs.yml").is_file()


def find_root(start: Path | None = None) -> Path | None:
    """The project root: the nearest directory (upwards) holding source/manifest.yaml and
    mkdocs.yml; None when ``start`` is not inside a project."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if is_project_root(candidate):
            return candidate
    return None


@dataclass
class Sources:
    """The source stage's result: everything derived from source/ alone."""

    manifest: Manifest
    corpus: Corpus
    statutes: dict[str, Statute]
    diagnostics: list[Diagnostic]
    fingerprint: tuple
    # Statutes with earlier versions (``versions:`` in the manifest): texts and concordances.
    versions: dict[str, StatuteVersions] = field(default_factory=dict)
    # A digest of source/ and the generator's code when the sources came through the cache
    # (pipeline.load_sources_cached), "" otherwise: later caches key on it.
    key: str = ""
    # The commentary documents (documents.build.build_documents: made from source/ alone) and
    # the problems found making them; None when not made yet.
    documents: dict | None = None
    document_diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class LibraryPart:
    """A project made of some statutes of a larger library (``bundle --statute``)."""

    total: int                    # statutes in the whole library
    site_url: str | None = None   # where the whole library is published (mkdocs.yml's site_url), if set


@dataclass
class Project:
    """Everything the stages made of a project's inputs: the contract with rendering."""

    paths: Paths
    sources: Sources
    english: EnglishSource = field(default_factory=NoEnglish)
    annotations: Annotations = field(default_factory=Annotations)
    glossary: Glossary | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Commentary (generator.documents) and its links to articles (generator.linking).
    documents: dict[str, Document] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    # Related provisions of other statutes, per (statute, article) (generator.linking.related).
    related: dict[tuple[str, int], list[Related]] = field(default_factory=dict)
    # English of commentary paragraphs, per (document, paragraph) (generator.annotations.commentary).
    commentary_english: dict[tuple[str, int], English] = field(default_factory=dict)
    # Versions with the editors' concordance corrections in force (None: as computed).
    corrected_versions: dict[str, StatuteVersions] | None = None
    # Set when the project is some statutes of a library (load_project(only=…)): the home
    # page of a bundle says how many of the library's statutes it holds.
    part_of: LibraryPart | None = None

    @property
    def versions(self) -> dict[str, StatuteVersions]:
        return self.sources.versions if self.corrected_versions is None else self.corrected_versions

    @property
    def manifest(self) -> Manifest:
        return self.sources.manifest

    @property
    def corpus(self) -> Corpus:
        return self.sources.corpus

    @property
    def statutes(self) -> dict[str, Statute]:
        return self.sources.statutes

    @property
    def variants(self) -> list[Variant]:
        return [v for s in self.statutes.values() for v in s.variants]
