"""The source manifest (``source/manifest.yaml``): what each raw file is and how it splits.

Loading validates the file against ``schemas/manifest.schema.json`` and then checks the
cross-references a schema cannot (a part names a statute that exists, one authoritative
copy per statute, ...).  Every problem is a diagnostic with the manifest line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from generator.diagnostics import Diagnostic, InputError
from generator.sources.files import file_problem
from generator.sources.yamlfile import YamlDoc, load_yaml, schema_diagnostics

MANIFEST_NAME = "manifest.yaml"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads(resources.files("generator.schemas").joinpath(name).read_text(encoding="utf-8"))


@dataclass
class SpanSpec:
    start: str | None
    end: str | None


@dataclass
class PartSpec:
    id: str
    kind: str
    file: str
    line: int
    spans: list[SpanSpec]
    multi_span: bool = False
    language: str = "zh-Hans"
    title: str | None = None
    title_en: str | None = None
    publisher: str | None = None
    publisher_en: str | None = None
    date: str | None = None
    statute: str | None = None
    document: str | None = None
    authoritative: bool = False
    description: str | None = None
    notes: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.file}#{self.id}"


@dataclass
class SourceSpec:
    file: str
    sha256: str
    format: str | None        # None: detected from the content (see generator.sources.readers)
    line: int
    parts: list[PartSpec]
    encoding: str = "utf-8"
    description: str | None = None
    origin: str | None = None
    original_name: str | None = None


RANK_LABELS = {
    "constitution": ("宪法", "Constitution"),
    "law": ("法律", "Law"),
    "administrative_regulation": ("行政法规", "Administrative regulation"),
    "local_regulation": ("地方性法规", "Local regulations"),
    "sez_regulation": ("经济特区法规", "Special economic zone regulations"),
    "autonomous_regulation": ("自治条例·单行条例", "Autonomous or separate regulation"),
    "departmental_rule": ("部门规章", "Departmental rule"),
    "local_government_rule": ("地方政府规章", "Local government rule"),
    "judicial_interpretation": ("司法解释", "Judicial interpretation"),
    "draft": ("草案", "Draft"),
}


@dataclass(frozen=True)
class EventSpec:
    """A dated event set in the manifest (the text's own events are found by the parser)."""

    kind: str
    date: str
    body: str | None = None
    text: str | None = None
    source: dict | None = None        # {title, url}: where the date was published


@dataclass(frozen=True)
class VersionSpec:
    """One dated text of a statute (``versions:`` in the manifest), read from its own part."""

    date: str
    event: str            # draft / adopted / amended / revised
    part: str             # FILE#PART-ID
    line: int | None = None
    notes: str | None = None


@dataclass
class StatuteSpec:
    id: str
    title: str
    status: str
    line: int
    title_en: str | None = None       # None until an editor gives one
    articles: int | None = None       # None: as many as the authoritative text has
    chapters: int | None = None
    rank: str | None = None
    document_number: str | None = None
    text_as_of: str | None = None
    events: list[EventSpec] = field(default_factory=list)
    short_title_en: str | None = None
    jurisdiction: str | None = None
    jurisdiction_en: str | None = None
    enacted_by: str | None = None
    enacted_by_en: str | None = None
    adopted: str | None = None
    promulgated: str | None = None
    effective: str | None = None
    promulgation_notice: str | None = None
    comment_period: dict | None = None
    paragraph_guide: str | None = None
    notes: str | None = None
    adopted_as: dict | None = None     # a draft's outcome: title, title_en, adopted, effective, source
    versions: list[VersionSpec] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


@dataclass
class DocumentSpec:
    id: str
    kind: str
    title: str
    line: int
    title_en: str | None = None
    statute: str | None = None
    publisher: str | None = None
    publisher_en: str | None = None
    date: str | None = None
    language: str | None = None
    notes: str | None = None
    version: str | None = None       # the statute version it discusses (a date under the statute's `versions:`)


@dataclass
class Manifest:
    path: str
    root: Path
    statutes: dict[str, StatuteSpec] = field(default_factory=dict)
    documents: dict[str, DocumentSpec] = field(default_factory=dict)
    sources: list[SourceSpec] = field(default_factory=list)

    def parts(self) -> list[PartSpec]:
        return [p for s in self.sources for p in s.parts]

    def part(self, ref: str) -> PartSpec | None:
        return next((p for p in self.parts() if p.ref == ref), None)

    def statute_parts(self, statute_id: str) -> list[PartSpec]:
        """The copies of a statute's current text (parts that are an earlier or other
        version, named in its ``versions:`` and not authoritative, are not copies)."""
        other = self.version_parts(statute_id)
        return [p for p in self.parts() if p.kind == "statute" and p.statute == statute_id
                and (p.ref not in other or p.authoritative)]

    def version_parts(self, statute_id: str) -> set[str]:
        spec = self.statutes.get(statute_id)
        return {v.part for v in spec.versions} if spec else set()

    def authoritative_part(self, statute_id: str) -> PartSpec:
        return next(p for p in self.statute_parts(statute_id) if p.authoritative)

    def document_parts(self, document_id: str) -> list[PartSpec]:
        return [p for p in self.parts() if p.document == document_id]

    def source(self, file: str) -> SourceSpec | None:
        return next((s for s in self.sources if s.file == file), None)


def load_manifest(source_dir: Path, display_dir: str = "source") -> Manifest:
    """Load and validate; raises :class:`InputError` with every problem found."""
    path = source_dir / MANIFEST_NAME
    display = f"{display_dir}/{MANIFEST_NAME}"
    if not path.exists():
        raise InputError(Diagnostic("error", "the source manifest is missing", path=display,
                                    code="manifest-missing",
                                    hint="create source/manifest.yaml describing every file in source/"))
    doc, diags = load_yaml(path, display)
    if doc is None:
        raise InputError(diags)
    errors = schema_diagnostics(doc, load_schema("manifest.schema.json"))
    if errors:
        raise InputError(errors)
    manifest = _build(doc, source_dir)
    errors = _cross_check(manifest, doc, source_dir, display_dir)
    if errors:
        raise InputError(errors)
    return manifest


def _build(doc: YamlDoc, root: Path) -> Manifest:
    data = doc.data
    manifest = Manifest(path=doc.path, root=root)
    for sid, spec in data["statutes"].items():
        spec = dict(spec)
        events = [EventSpec(**e) for e in spec.pop("events", [])]
        versions = [VersionSpec(date=str(v["date"]), event=v["event"], part=v["part"], notes=v.get("notes"),
                                line=doc.line(("statutes", sid, "versions", k)))
                    for k, v in enumerate(spec.pop("versions", []))]
        manifest.statutes[sid] = StatuteSpec(id=sid, line=doc.key_line(("statutes", sid)), events=events,
                                             versions=versions, **spec)
    for did, spec in data["documents"].items():
        manifest.documents[did] = DocumentSpec(id=did, line=doc.key_line(("documents", did)), **spec)
    for s_index, src in enumerate(data["sources"]):
        parts = []
        for p_index, part in enumerate(src["parts"]):
            part = dict(part)
            where = ("sources", s_index, "parts", p_index)
            if "spans" in part:
                spans = [SpanSpec(s["from"], s["to"]) for s in part.pop("spans")]
                multi = True
            else:
                spans = [SpanSpec(part.pop("from", None), part.pop("to", None))]
                multi = False
            parts.append(PartSpec(file=src["file"], line=doc.line(where), spans=spans, multi_span=multi, **part))
        manifest.sources.append(SourceSpec(
            file=src["file"], sha256=src["sha256"], format=src.get("format"), line=doc.line(("sources", s_index)),
            parts=parts, encoding=src.get("encoding", "utf-8"), description=src.get("description"),
            origin=src.get("origin"), original_name=src.get("original_name")))
    return manifest


def _cross_check(manifest: Manifest, doc: YamlDoc, root: Path, display_dir: str) -> list[Diagnostic]:
    errors: list[Diagnostic] = []

    def err(line: int | None, message: str, hint: str | None = None) -> None:
        errors.append(Diagnostic("error", message, path=doc.path, line=line, code="manifest", hint=hint))

    seen_files: dict[str, int] = {}
    for src in manifest.sources:
        if src.file in seen_files:
            err(src.line, f"source file '{src.file}' is listed twice (first at line {seen_files[src.file]})")
        seen_files[src.file] = src.line
        if not (root / src.file).exists() and not (root / src.file).is_symlink():
            err(src.line, f"source file '{display_dir}/{src.file}' does not exist",
                "copy the raw file into source/ byte for byte, or correct the file name")
        elif (problem := file_problem(root / src.file, f"{display_dir}/{src.file}")) is not None:
            err(src.line, f"source file '{display_dir}/{src.file}' {problem.message}", problem.hint)
        ids = set()
        for part in src.parts:
            if part.id in ids:
                err(part.line, f"part id '{part.id}' is used twice in {src.file}")
            ids.add(part.id)
            if part.kind == "statute" and not part.statute:
                err(part.line, f"part {part.ref} is a statute text but names no statute",
                    "add `statute: <statute-id>`")
            if part.statute and part.statute not in manifest.statutes:
                err(part.line, f"part {part.ref} names unknown statute '{part.statute}'",
                    f"known statutes: {', '.join(sorted(manifest.statutes))}")
            if part.document and part.document not in manifest.documents:
                err(part.line, f"part {part.ref} names unknown document '{part.document}'",
                    f"known documents: {', '.join(sorted(manifest.documents))}")
            if part.kind in ("interpretation", "explanation", "news", "background") and not part.document:
                err(part.line, f"part {part.ref} is commentary ({part.kind}) but names no document",
                    "add `document: <document-id>` and describe the document under `documents:`")
            if part.authoritative and part.kind != "statute":
                err(part.line, f"part {part.ref} is marked authoritative but is not a statute text")
    for sid, spec in manifest.statutes.items():
        auth = [p for p in manifest.statute_parts(sid) if p.authoritative]
        if len(auth) != 1:
            err(spec.line, f"statute '{sid}' must have exactly one authoritative copy (found {len(auth)})",
                "mark one statute part with `authoritative: true`")
        if spec.paragraph_guide:
            guide = manifest.part(spec.paragraph_guide)
            if guide is None or guide.kind != "statute" or guide.statute != sid:
                err(spec.line, f"paragraph_guide '{spec.paragraph_guide}' of statute '{sid}' is not a "
                    "statute part of the same statute", "write FILE#PART-ID of another copy")
        for problem, line in version_problems(manifest, spec):
            err(line or spec.line, problem)
        if spec.status == "draft" and not spec.comment_period:
            err(spec.line, f"statute '{sid}' is a draft but has no comment_period")
    for did, dspec in manifest.documents.items():
        if not manifest.document_parts(did):
            err(dspec.line, f"document '{did}' has no part in any source file",
                "point a part at it with `document: " + did + "`")
        if dspec.statute and dspec.statute not in manifest.statutes:
            err(dspec.line, f"document '{did}' names unknown statute '{dspec.statute}'")
        elif dspec.version is not None:
            err_version = document_version_problem(manifest, dspec)
            if err_version:
                err(doc.line(("documents", did, "version")) or dspec.line, *err_version)
    return errors


def document_version_problem(manifest: Manifest, dspec: DocumentSpec) -> tuple[str, str] | None:
    """What is wrong with a document's ``version:`` (message, hint), or None."""
    if not dspec.statute:
        return (f"document '{dspec.id}' names version {dspec.version} but no statute",
                "add `statute: <statute-id>` (the statute whose version it discusses)")
    dates = sorted(v.date for v in manifest.statutes[dspec.statute].versions)
    if dspec.version not in dates:
        known = ", ".join(dates) if dates else "none: it lists no `versions:`"
        return (f"document '{dspec.id}' discusses version {dspec.version} of '{dspec.statute}', which has no "
                "version of that date", f"versions of {dspec.statute}: {known}; correct the date, or add that "
                f"text with `statute-site add FILE --version-of {dspec.statute} --date {dspec.version}`")
    return None


def version_problems(manifest: Manifest, spec: StatuteSpec) -> list[tuple[str, int | None]]:
    """What is wrong with a statute's ``versions:`` (each part a statute part of this statute,
    named once; one version per date; the authoritative copy, if listed, the latest)."""
    problems: list[tuple[str, int | None]] = []
    seen_dates: set[str] = set()
    seen_parts: set[str] = set()
    current = None
    for version in spec.versions:
        part = manifest.part(version.part)
        if part is None or part.kind != "statute" or part.statute != spec.id:
            problems.append((f"version {version.date} of statute '{spec.id}' names '{version.part}', which is "
                             f"not a statute part of '{spec.id}'", version.line))
        elif part.authoritative:
            current = version
        if version.date in seen_dates:
            problems.append((f"statute '{spec.id}' lists two versions dated {version.date}", version.line))
        if version.part in seen_parts:
            problems.append((f"statute '{spec.id}' lists part '{version.part}' as two versions", version.line))
        seen_dates.add(version.date)
        seen_parts.add(version.part)
    if current is not None and any(v.date > current.date for v in spec.versions):
        problems.append((f"statute '{spec.id}': the authoritative copy ({current.part}, {current.date}) is the "
                         "current text, but a version is dated later; make the latest version's part the "
                         "authoritative one", current.line))
    return problems
