"""Editor annotations: one small YAML file per article, validated strictly, never modified.

Layout::

    annotations/<statute-id>/article-<n>.yaml   notes, reviewed translations, tags,
                                                 see-also, link overrides, status
    annotations/<statute-id>/statute.yaml       translations of the title and headings,
                                                 editor-added glossary terms

Files declare their JSON Schema (``# yaml-language-server: $schema=…``) so editors get
completion and validation in their editor.  :func:`load_annotations` reports every
problem in every file at once, each as ``path:line: what is wrong — how to fix``.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.sources.files import file_problem, refused_dir
from generator.sources.manifest import load_schema
from generator.model import Article, Segment, article_segments
from generator.textnorm import source_hash
from generator.sources.yamlfile import YamlDoc, load_yaml, schema_diagnostics

SCHEMA_NAME = "annotation.schema.json"
ARTICLE_FILE = re.compile(r"^article-([1-9][0-9]*)\.yaml$")
STATUTE_FILE = "statute.yaml"
TM_FILE = "translation-memory.jsonl"   # generator/english/memory.py, read there
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../generator/schemas/annotation.schema.json"


def article_source_hash(article: Article) -> str:
    """The hash a note on an article is written against: all of the article's Chinese."""
    return source_hash(article.plain_text())


@dataclass
class Translation:
    eid: str
    en: str
    source_hash: str
    reviewer: str
    date: str
    note: str | None
    line: int | None

    def is_stale(self, segment: Segment) -> bool:
        """Made against other Chinese than the segment's current text."""
        return self.source_hash != segment.source_hash


@dataclass
class Note:
    index: int
    author: str
    date: str
    body: str
    source_hash: str
    title: str | None
    line: int | None

    def is_stale(self, article: Article) -> bool:
        """Written against other Chinese than the article's current text (a placeholder
        article, whose text the source lacks, has nothing to compare with)."""
        return article.status == "present" and self.source_hash != article_source_hash(article)


@dataclass
class SeeAlso:
    statute: str
    article: int
    note: str | None
    line: int | None


@dataclass
class LinkOverride:
    action: str       # "add" | "suppress"
    document: str
    paragraph: int
    note: str | None
    line: int | None


@dataclass
class Term:
    zh: str
    en: str
    statute: str
    article: int | None
    definition_en: str | None
    path: str
    line: int | None


@dataclass
class AnnotationFile:
    path: str
    statute: str
    article: int | None
    status: str | None = None
    translations: dict[str, Translation] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    see_also: list[SeeAlso] = field(default_factory=list)
    links: list[LinkOverride] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass
class Annotations:
    files: dict[tuple[str, int | None], AnnotationFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def article(self, statute: str, number: int) -> AnnotationFile | None:
        return self.files.get((statute, number))

    def statute_file(self, statute: str) -> AnnotationFile | None:
        return self.files.get((statute, None))

    def translation(self, statute: str, segment: Segment) -> Translation | None:
        holder = self.files.get((statute, segment.article)) if segment.article else self.statute_file(statute)
        return holder.translations.get(segment.eid) if holder else None

    def terms(self) -> list[Term]:
        return [t for f in self.files.values() for t in f.terms]

    def all_files(self) -> list[AnnotationFile]:
        return [self.files[k] for k in sorted(self.files, key=lambda k: (k[0], k[1] or 0))]


def _suggest(word: str, choices) -> str | None:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def load_annotations(root: Path, statutes: dict, documents: dict | None = None) -> Annotations:
    """Load and validate every annotation file under ``root/annotations``."""
    base = root / "annotations"
    result = Annotations()
    if not base.exists():
        return result
    schema = load_schema(SCHEMA_NAME)
    for path, problem in annotation_files(root, base):
        if problem is not None:
            result.diagnostics.append(problem)
            continue
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(base).parts
        if len(parts) != 2:
            result.diagnostics.append(Diagnostic(
                "error", "annotation files live in annotations/<statute-id>/", path=rel, line=1,
                code="annotation-location", hint="move it to annotations/<statute-id>/article-<n>.yaml"))
            continue
        folder, name = parts
        if folder not in statutes:
            result.diagnostics.append(Diagnostic(
                "error", f"unknown statute '{folder}' (folder name)", path=rel, line=1, code="unknown-statute",
                hint=_suggest(folder, statutes) or f"known statutes: {', '.join(sorted(statutes))}"))
            continue
        match = ARTICLE_FILE.match(name)
        if not match and name != STATUTE_FILE:
            result.diagnostics.append(Diagnostic(
                "error", f"unexpected file name '{name}'", path=rel, line=1, code="annotation-location",
                hint="name it article-<n>.yaml (one article) or statute.yaml (title, headings, glossary)"))
            continue
        doc, problems = load_yaml(path, rel)
        result.diagnostics.extend(problems)
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            result.diagnostics.append(Diagnostic("error", "the file must be a mapping (key: value lines)",
                                                 path=rel, line=1, code="schema",
                                                 hint="start with `statute: <id>`"))
            continue
        problems = schema_diagnostics(doc, schema)
        result.diagnostics.extend(problems)
        if problems:
            continue
        number = int(match.group(1)) if match else None
        parsed = _build_file(doc, folder, number, statutes, documents, result.diagnostics)
        if parsed is not None:
            result.files[(folder, number)] = parsed
    return result


def annotation_files(root: Path, base: Path):
    """Every entry under annotations/, without following links: (path, None) for a file to
    load, (path, diagnostic) for anything else there.  Nothing is skipped in silence:
    ``article-12.YAML``, ``article-12.yaml `` (a trailing space), a stray file, a link, a
    FIFO are all reported (hidden files, such as ``.gitkeep``, as warnings)."""
    problem = refused_dir(base, "annotations")
    if problem is not None:
        yield base, problem
        return
    for folder, dirs, files in os.walk(base, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            sub = here / name
            rel = sub.relative_to(root).as_posix()
            if sub.is_symlink():
                yield sub, refused_dir(sub, rel)
            elif here != base:
                yield sub, Diagnostic("error", "unexpected folder: annotation files live directly in "
                                      "annotations/<statute-id>/", path=rel, code="annotation-location",
                                      hint="move its files up into annotations/<statute-id>/")
        dirs[:] = [d for d in sorted(dirs) if here == base and not (here / d).is_symlink()]
        for name in sorted(files):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if here == base and name == TM_FILE:
                continue
            problem = file_problem(path, rel)
            if problem is None and not (name.endswith(".yaml") and (ARTICLE_FILE.match(name) or name == STATUTE_FILE)
                                        and here != base):
                severity = "warning" if name.startswith(".") else "error"
                problem = Diagnostic(severity, f"unexpected file {name!r} (it is not read)", path=rel,
                                     code="unexpected-file",
                                     hint="annotation files are annotations/<statute-id>/article-<n>.yaml or "
                                          "statute.yaml, named exactly so (lower case, no spaces); rename or "
                                          "remove this one")
            yield path, problem


# Links in a note's Markdown to an article: (article-34), (../article-34/), (shanghai-ai-2022-draft/article-5#x)
NOTE_ARTICLE_LINK = re.compile(r"\]\(\s*<?(?:\.\./)*(?:([a-z0-9]+(?:-[a-z0-9]+)*)/)?article-([0-9]+)/?(?:#[^)\s>]*)?>?\s*\)")


def _note_link_problems(doc: YamlDoc, index: int, folder: str, statutes: dict) -> list[Diagnostic]:
    """A note's link to an article that does not exist: reported here, at the note, rather
    than by MkDocs against the generated page."""
    body, path = doc.data["notes"][index]["body"], doc.path
    line = doc.line(("notes", index, "body"))
    if line and doc.text.split("\n")[line - 1].rstrip().endswith(("|", ">", "|-", ">-", "|+", ">+")):
        line += 1                      # a block scalar's text starts on the next line
    out = []
    for m in NOTE_ARTICLE_LINK.finditer(body):
        sid, number = m.group(1) or folder, int(m.group(2))
        at = line + body.count("\n", 0, m.start()) if line else None
        if sid not in statutes:
            out.append(Diagnostic("error", f"the note links to an unknown statute '{sid}'", path=path, line=at,
                                  code="note-link", hint=_suggest(sid, statutes) or f"known: {', '.join(statutes)}"))
        elif statutes[sid].article(number) is None:
            out.append(Diagnostic("error", f"the note links to article {number} of {sid}, which does not exist",
                                  path=path, line=at, code="note-link",
                                  hint="correct the article number in the link"))
    return out


def _build_file(doc: YamlDoc, folder: str, number: int | None, statutes: dict, documents: dict | None,
                diags: list[Diagnostic]) -> AnnotationFile | None:
    data = doc.data
    path = doc.path
    errors_before = len([d for d in diags if d.is_error])

    def err(where: tuple, message: str, hint: str | None = None, code: str = "annotation") -> None:
        diags.append(Diagnostic("error", message, path=path, line=doc.line(where), code=code, hint=hint))

    if data["statute"] != folder:
        err(("statute",), f"statute: '{data['statute']}' does not match the folder '{folder}'",
            f"write `statute: {folder}` or move the file")
    statute = statutes[folder]
    if number is None:
        if "article" in data:
            err(("article",), "statute.yaml is about the whole statute; it has no `article:`",
                "remove the line, or put article annotations in article-<n>.yaml")
        for key in ("notes", "see_also", "links", "tags"):
            if key in data:
                err((key,), f"`{key}` belongs in an article file, not statute.yaml",
                    "move it to annotations/<statute>/article-<n>.yaml")
        segments = {s.eid: s for s in statute.segments() if s.article is None}
        article = None
    else:
        if data.get("article") != number:
            err(("article",) if "article" in data else (),
                f"article: {data.get('article')!r} does not match the file name (article-{number}.yaml)",
                f"write `article: {number}`")
        article = statute.article(number)
        if article is None:
            err((), f"{folder} has no article {number} (it has {len(statute.articles)} articles)",
                "check the file name", code="unknown-article")
            return None
        if "terms" in data:
            err(("terms",), "glossary terms belong in statute.yaml", "move them to annotations/<statute>/statute.yaml")
        segments = {s.eid: s for s in article_segments(article)}

    result = AnnotationFile(path=path, statute=folder, article=number, status=data.get("status"))
    for eid, value in (data.get("translations") or {}).items():
        if eid not in segments:
            where = f"article {number}" if number else "the statute's title and headings"
            if segments:
                hint = f"segments of {where}: {', '.join(segments)}"
                suggestion = _suggest(eid, segments)
                hint = f"{suggestion} ({hint})" if suggestion else hint
            else:
                hint = "this article has no text in the source copy, so it has nothing to translate"
            diags.append(Diagnostic("error", f"unknown segment id '{eid}'", path=path,
                                    line=doc.key_line(("translations", eid)), code="unknown-segment", hint=hint))
            continue
        result.translations[eid] = Translation(eid, value["en"], value["source_hash"], value["reviewer"],
                                               value["date"], value.get("note"), doc.key_line(("translations", eid)))
    for i, note in enumerate(data.get("notes") or []):
        result.notes.append(Note(i, note["author"], note["date"], note["body"], note["source_hash"],
                                 note.get("title"), doc.line(("notes", i))))
        diags.extend(_note_link_problems(doc, i, folder, statutes))
    result.tags = list(data.get("tags") or [])
    for i, item in enumerate(data.get("see_also") or []):
        target_statute, _, art = item["target"].partition("/article-")
        target_number = int(art)
        line = doc.line(("see_also", i, "target"))
        if target_statute not in statutes:
            diags.append(Diagnostic("error", f"see_also: unknown statute '{target_statute}'", path=path, line=line,
                                    code="unknown-statute",
                                    hint=_suggest(target_statute, statutes) or f"known: {', '.join(statutes)}"))
            continue
        if statutes[target_statute].article(target_number) is None:
            diags.append(Diagnostic("error", f"see_also: {target_statute} has no article {target_number}",
                                    path=path, line=line, code="unknown-article"))
            continue
        if (target_statute, target_number) == (folder, number):
            diags.append(Diagnostic("error", "see_also points at this same article", path=path, line=line,
                                    code="annotation"))
            continue
        result.see_also.append(SeeAlso(target_statute, target_number, item.get("note"), line))
    for action in ("add", "suppress"):
        for i, item in enumerate((data.get("links") or {}).get(action) or []):
            line = doc.line(("links", action, i))
            if documents is not None and item["document"] not in documents:
                diags.append(Diagnostic("error", f"links.{action}: unknown document '{item['document']}'",
                                        path=path, line=doc.line(("links", action, i, "document")),
                                        code="unknown-document",
                                        hint=_suggest(item["document"], documents) or
                                        f"known documents: {', '.join(sorted(documents))}"))
                continue
            result.links.append(LinkOverride(action, item["document"], item["paragraph"], item.get("note"), line))
    for i, item in enumerate(data.get("terms") or []):
        if item.get("article") and statute.article(item["article"]) is None:
            err(("terms", i, "article"), f"{folder} has no article {item['article']}", code="unknown-article")
        result.terms.append(Term(item["zh"], item["en"], folder, item.get("article"), item.get("definition_en"),
                                 path, doc.line(("terms", i))))
    if len([d for d in diags if d.is_error]) > errors_before:
        return None
    return result


def staleness(annotations: Annotations, statutes: dict) -> list[Diagnostic]:
    """Warnings for reviewed translations and notes written against different Chinese."""
    out: list[Diagnostic] = []
    for f in annotations.all_files():
        statute = statutes[f.statute]
        if f.article is None:
            segments = {s.eid: s for s in statute.segments() if s.article is None}
        else:
            article = statute.article(f.article)
            segments = {s.eid: s for s in article_segments(article)}
            for note in f.notes:
                if note.is_stale(article):
                    out.append(Diagnostic(
                        "warning", f"note {note.index + 1} ({note.author}, {note.date}) was written against "
                        f"different Chinese: article {f.article} has changed since", path=f.path, line=note.line,
                        code="stale-note",
                        hint=f"reread the note; if it still holds, run `statute-site confirm {f.statute}/article-{f.article}`"))
        for t in f.translations.values():
            seg = segments.get(t.eid)
            if seg and t.is_stale(seg):
                where = f"{f.statute}/article-{f.article}" if f.article else f.statute
                out.append(Diagnostic(
                    "warning", f"reviewed translation of {t.eid} ({t.reviewer}, {t.date}) is stale: the Chinese "
                    "has changed since it was reviewed", path=f.path, line=t.line, code="stale-translation",
                    hint=f"update the English, then run `statute-site confirm {where}`"))
    return out
