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
import hashlib
import json
import re
from pathlib import Path

from generator import cache
from generator.diagnostics import Diagnostic
from generator.sources.manifest import load_schema
from generator.model import Segment, article_segments
from generator.reconcile.statute import Statute
from generator.annotations.model import (AnnotationFile, Annotations, LinkOverride, Note, RelatedOverride, SeeAlso,
                                         Term, Translation, article_source_hash)
from generator.annotations.scan import (ARTICLE_FILE, COMMENTARY_FOLDER, CONCORDANCE_FILE, STATUTE_FILE,
                                        annotation_files)
from generator.sources.yamlfile import YamlDoc, load_yaml, schema_diagnostics

SCHEMA_NAME = "annotation.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../generator/schemas/annotation.schema.json"


def _suggest(word: str, choices) -> str | None:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def load_annotations(root: Path, statutes: dict, documents: dict | None = None,
                     cache_dir: Path | None = None, inputs_key: str | None = None) -> Annotations:
    """Load and validate every annotation file under ``root/annotations``.  With
    ``cache_dir``, a file whose exact bytes passed the schema before (same generator code)
    is not validated again (the schema check is most of the time a warm build spends here);
    with ``inputs_key`` too (a digest of everything a file is checked against: the
    sources, hence the statutes and documents), a file whose exact bytes were loaded before
    against the same inputs is taken as it was loaded then, with the same diagnostics."""
    base = root / "annotations"
    result = Annotations()
    if not base.exists():
        return result
    schema = load_schema(SCHEMA_NAME)
    valid_key = _schema_key(schema)
    valid: set[str] = cache.load(cache_dir, VALID_CACHE, valid_key) or set()
    files_key = hashlib.sha256(f"{valid_key}\x00{inputs_key}".encode()).hexdigest() if inputs_key else None
    known: dict = cache.load(cache_dir, FILES_CACHE, files_key) or {}
    used: dict = {}
    passed: set[str] = set()
    for path, problem in annotation_files(root, base):
        if problem is not None:
            result.diagnostics.append(problem)
            continue
        rel = path.relative_to(root).as_posix()
        where = _placement(path.relative_to(base).parts, rel, statutes)
        if isinstance(where, Diagnostic):
            result.diagnostics.append(where)
            continue
        if where is None:                    # commentary English, concordance: read elsewhere
            continue
        folder, number = where
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        entry = known.get((rel, digest))
        if entry is None:
            problems: list[Diagnostic] = []
            entry = (*_load_file(path, rel, folder, number, statutes, documents, schema, digest in valid, problems),
                     problems)
        used[(rel, digest)] = entry
        parsed, schema_passed, problems = entry
        result.diagnostics.extend(problems)
        if schema_passed:
            passed.add(digest)
        if parsed is not None:
            result.files[(folder, number)] = parsed
    if passed != valid:
        cache.store(cache_dir, VALID_CACHE, valid_key, passed)
    if used.keys() != known.keys():
        cache.store(cache_dir, FILES_CACHE, files_key, used)
    return result


def _placement(parts: tuple[str, ...], rel: str, statutes: dict):
    """(statute, article number or None for statute.yaml) of an annotation file; None for
    the files other modules read; a Diagnostic when the file is misplaced or misnamed."""
    if len(parts) != 2:
        return Diagnostic("error", "annotation files live in annotations/<statute-id>/", path=rel, line=1,
                          code="annotation-location", hint="move it to annotations/<statute-id>/article-<n>.yaml")
    folder, name = parts
    if folder == COMMENTARY_FOLDER:      # commentary English: generator/annotations/commentary.py
        return None
    if folder not in statutes:
        return Diagnostic("error", f"unknown statute '{folder}' (folder name)", path=rel, line=1,
                          code="unknown-statute",
                          hint=_suggest(folder, statutes) or f"known statutes: {', '.join(sorted(statutes))}")
    if name == CONCORDANCE_FILE:         # concordance corrections: generator/annotations/concordance.py
        return None
    match = ARTICLE_FILE.match(name)
    if not match and name != STATUTE_FILE:
        return Diagnostic("error", f"unexpected file name '{name}'", path=rel, line=1, code="annotation-location",
                          hint="name it article-<n>.yaml (one article) or statute.yaml (title, headings, glossary)")
    return folder, int(match.group(1)) if match else None


def _load_file(path: Path, rel: str, folder: str, number: int | None, statutes: dict, documents: dict | None,
               schema: dict, schema_known_valid: bool, diags: list[Diagnostic]) -> tuple[AnnotationFile | None, bool]:
    """One file read, checked against the schema and the statutes: (the file, or None when
    it has errors; whether it passed the schema).  Its problems go to ``diags``."""
    doc, problems = load_yaml(path, rel)
    diags.extend(problems)
    if doc is None:
        return None, False
    if not isinstance(doc.data, dict):
        diags.append(Diagnostic("error", "the file must be a mapping (key: value lines)", path=rel, line=1,
                                code="schema", hint="start with `statute: <id>`"))
        return None, False
    problems = [] if schema_known_valid else schema_diagnostics(doc, schema)
    diags.extend(problems)
    if problems:
        return None, False
    return _build_file(doc, folder, number, statutes, documents, diags), True


def _schema_key(schema: dict) -> str:
    key = cache.new_key()
    key.update(json.dumps(schema, sort_keys=True).encode())     # the schema is JSON, not code
    return key.hexdigest()


VALID_CACHE = "annotations-schema-valid"     # SHA-256 of the files that passed the schema
FILES_CACHE = "annotation-files"             # (path, SHA-256) -> (loaded file or None, its diagnostics)


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


def _translations(doc: YamlDoc, data: dict, number: int | None, segments: dict, result: AnnotationFile,
                  diags: list[Diagnostic]) -> None:
    path = doc.path
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
        if not _reviewer_differs(value):
            diags.append(Diagnostic(
                "error", f"translations/{eid}: the reviewer '{value['reviewer']}' is also the translator",
                path=path, line=doc.key_line(("translations", eid, "reviewer")), code="self-review",
                hint="a review is a check by a named person other than the translator; remove reviewer: and "
                     "reviewed_on: until someone else has checked the English"))
            continue
        result.translations[eid] = Translation(
            eid, value["en"], value["source_hash"], value["translator"], value["date"], value.get("note"),
            doc.key_line(("translations", eid)), bool(value.get("ai_assisted")), value.get("reviewer"),
            value.get("reviewed_on"))


def _target(doc: YamlDoc, statutes: dict, here: tuple, field_name: str, item: dict, where: tuple,
            diags: list[Diagnostic]) -> tuple[str, int, int | None] | None:
    """A ``<statute>/article-<n>`` target checked: (statute, article, line), or None with an error."""
    path = doc.path
    target_statute, _, art = item["target"].partition("/article-")
    target_number = int(art)
    line = doc.line(where + ("target",))
    if target_statute not in statutes:
        diags.append(Diagnostic("error", f"{field_name}: unknown statute '{target_statute}'", path=path, line=line,
                                code="unknown-statute",
                                hint=_suggest(target_statute, statutes) or f"known: {', '.join(statutes)}"))
    elif statutes[target_statute].article(target_number) is None:
        diags.append(Diagnostic("error", f"{field_name}: {target_statute} has no article {target_number}",
                                path=path, line=line, code="unknown-article"))
    elif (target_statute, target_number) == here:
        diags.append(Diagnostic("error", f"{field_name} points at this same article", path=path, line=line,
                                code="annotation"))
    else:
        return target_statute, target_number, line
    return None


def _build_file(doc: YamlDoc, folder: str, number: int | None, statutes: dict, documents: dict | None,
                diags: list[Diagnostic]) -> AnnotationFile | None:
    """One validated annotation file, or None when it has errors (all of them reported)."""
    data = doc.data
    errors_before = len([d for d in diags if d.is_error])
    if data["statute"] != folder:
        _error(doc, diags, ("statute",), f"statute: '{data['statute']}' does not match the folder '{folder}'",
               f"write `statute: {folder}` or move the file")
    statute = statutes[folder]
    if number is None:
        segments = _statute_file_segments(doc, statute, diags)
    else:
        segments = _article_file_segments(doc, folder, number, statute, diags)
        if segments is None:
            return None

    result = AnnotationFile(path=doc.path, statute=folder, article=number, status=data.get("status"))
    _translations(doc, doc.data, number, segments, result, diags)
    for i, note in enumerate(data.get("notes") or []):
        result.notes.append(Note(i, note["author"], note["date"], note["body"], note["source_hash"],
                                 note.get("title"), doc.line(("notes", i))))
        diags.extend(_note_link_problems(doc, i, folder, statutes))
    result.tags = list(data.get("tags") or [])
    _read_see_also(doc, folder, number, statutes, result, diags)
    _read_links(doc, documents, result, diags)
    _read_terms(doc, folder, statute, result, diags)
    if len([d for d in diags if d.is_error]) > errors_before:
        return None
    return result


def _error(doc: YamlDoc, diags: list[Diagnostic], where: tuple, message: str, hint: str | None = None,
           code: str = "annotation") -> None:
    """Report an error at the line of the key path ``where`` in ``doc``."""
    diags.append(Diagnostic("error", message, path=doc.path, line=doc.line(where), code=code, hint=hint))


def _statute_file_segments(doc: YamlDoc, statute: Statute, diags: list[Diagnostic]) -> dict[str, Segment]:
    """The title and heading segments statute.yaml may translate; article-only keys are errors."""
    data = doc.data
    if "article" in data:
        _error(doc, diags, ("article",), "statute.yaml is about the whole statute; it has no `article:`",
               "remove the line, or put article annotations in article-<n>.yaml")
    for key in ("notes", "see_also", "links", "tags", "related"):
        if key in data:
            _error(doc, diags, (key,), f"`{key}` belongs in an article file, not statute.yaml",
                   "move it to annotations/<statute>/article-<n>.yaml")
    return {s.eid: s for s in statute.segments() if s.article is None}


def _article_file_segments(doc: YamlDoc, folder: str, number: int, statute: Statute,
                           diags: list[Diagnostic]) -> dict[str, Segment] | None:
    """The segments of the article an article file is about; None when there is no such article."""
    data = doc.data
    if data.get("article") != number:
        _error(doc, diags, ("article",) if "article" in data else (),
               f"article: {data.get('article')!r} does not match the file name (article-{number}.yaml)",
               f"write `article: {number}`")
    article = statute.article(number)
    if article is None:
        _error(doc, diags, (), f"{folder} has no article {number} (it has {len(statute.articles)} articles)",
               "check the file name", code="unknown-article")
        return None
    if "terms" in data:
        _error(doc, diags, ("terms",), "glossary terms belong in statute.yaml",
               "move them to annotations/<statute>/statute.yaml")
    return {s.eid: s for s in article_segments(article)}


def _read_see_also(doc: YamlDoc, folder: str, number: int | None, statutes: dict,
                   result: AnnotationFile, diags: list[Diagnostic]) -> None:
    """See-also links and related-provision overrides, each to an existing other article."""
    for i, item in enumerate(doc.data.get("see_also") or []):
        found = _target(doc, statutes, (folder, number), "see_also", item, ("see_also", i), diags)
        if found:
            result.see_also.append(SeeAlso(found[0], found[1], item.get("note"), found[2]))
    for action in ("add", "suppress"):
        for i, item in enumerate((doc.data.get("related") or {}).get(action) or []):
            found = _target(doc, statutes, (folder, number), f"related.{action}", item, ("related", action, i), diags)
            if found:
                result.related.append(RelatedOverride(action, found[0], found[1], item.get("note"), found[2]))


def _read_links(doc: YamlDoc, documents: dict | None, result: AnnotationFile, diags: list[Diagnostic]) -> None:
    """Link overrides (add / suppress), each to a known document when the documents are known."""
    for action in ("add", "suppress"):
        for i, item in enumerate((doc.data.get("links") or {}).get(action) or []):
            line = doc.line(("links", action, i))
            if documents is not None and item["document"] not in documents:
                diags.append(Diagnostic("error", f"links.{action}: unknown document '{item['document']}'",
                                        path=doc.path, line=doc.line(("links", action, i, "document")),
                                        code="unknown-document",
                                        hint=_suggest(item["document"], documents) or
                                        f"known documents: {', '.join(sorted(documents))}"))
                continue
            result.links.append(LinkOverride(action, item["document"], item["paragraph"], item.get("note"), line))


def _read_terms(doc: YamlDoc, folder: str, statute: Statute, result: AnnotationFile, diags: list[Diagnostic]) -> None:
    """Editor-added glossary terms; a term tied to a missing article is an error."""
    for i, item in enumerate(doc.data.get("terms") or []):
        if item.get("article") and statute.article(item["article"]) is None:
            _error(doc, diags, ("terms", i, "article"), f"{folder} has no article {item['article']}",
                   code="unknown-article")
        result.terms.append(Term(item["zh"], item["en"], folder, item.get("article"), item.get("definition_en"),
                                 doc.path, doc.line(("terms", i))))


def _reviewer_differs(value: dict) -> bool:
    """False when a segment names the same person as translator and reviewer."""
    reviewer = value.get("reviewer")
    if not reviewer:
        return True
    return " ".join(str(reviewer).split()).casefold() != " ".join(str(value["translator"]).split()).casefold()


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
                    "warning", f"translation of {t.eid} ({t.reviewer or t.translator}, {t.reviewed_on or t.date}) is "
                    "stale: the Chinese has changed since it was written", path=f.path, line=t.line, code="stale-translation",
                    hint=f"update the English, then run `statute-site confirm {where}`"))
    return out
