"""Run the stages in order and hold their results: the :class:`Project`.

source/ -> ingest -> parse -> reconcile -> (translate, annotate, link) -> render

Loading never writes anything.  If any stage finds an error, :func:`load_project` raises
:class:`~generator.diagnostics.InputError` carrying every diagnostic, so the caller can
report them all at once and leave the previous output untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


def load_statutes(root: Path) -> dict[str, Statute]:
    """Only the statutes (sources parsed and reconciled), e.g. for commands editing annotations."""
    paths = Paths(root)
    manifest = load_manifest(paths.source)
    corpus = ingest(manifest, paths.source)
    return {sid: build_statute(spec, corpus) for sid, spec in manifest.statutes.items()}


def load_project(root: Path) -> Project:
    paths = Paths(root)
    manifest: Manifest = load_manifest(paths.source)
    corpus = ingest(manifest, paths.source)
    diagnostics: list[Diagnostic] = list(corpus.diagnostics)
    statutes: dict[str, Statute] = {}
    for sid, spec in manifest.statutes.items():
        statute = build_statute(spec, corpus)
        statutes[sid] = statute
        diagnostics.extend(statute.diagnostics)
    annotations = load_annotations(root, statutes, manifest.documents)
    diagnostics.extend(annotations.diagnostics)
    diagnostics.extend(staleness(annotations, statutes))
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise InputError(errors)
    english = ProjectEnglish(annotations, load_memory(root))
    glossary = build_glossary(statutes, english, annotations)
    diagnostics.extend(glossary.diagnostics)
    diagnostics.extend(term_consistency(statutes, english, glossary, annotations))
    documents, links, problems = load_commentary(manifest, corpus, statutes, english, annotations)
    diagnostics.extend(problems)
    project = Project(paths=paths, manifest=manifest, corpus=corpus, statutes=statutes, english=english,
                      annotations=annotations, glossary=glossary, diagnostics=diagnostics,
                      documents=documents, links=links)
    from .render.commentary import CommentaryPages
    project.extensions.append(CommentaryPages())
    return project


def load_commentary(manifest, corpus, statutes, english, annotations):
    """Commentary documents and their links (editors' overrides applied); raises
    :class:`InputError` if an override is wrong (unknown paragraph, wrong statute)."""
    from .documents import build_documents
    from .linking import link_documents
    documents, diagnostics = build_documents(manifest, corpus)
    links, problems = link_documents(documents, statutes, english, annotations)
    diagnostics.extend(problems)
    errors = [d for d in problems if d.is_error]
    if errors:
        raise InputError(errors)
    return documents, links, diagnostics
