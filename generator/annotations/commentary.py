"""English of commentary paragraphs: ``annotations/commentary/<document-id>.yaml``.

One file per document, keyed by the paragraph's id (the number after ``p-`` in its link,
counted from 0), with the same provenance rules as the law text::

    # yaml-language-server: $schema=../../generator/schemas/commentary-translation.schema.json
    document: shenzhen-ai-2022-interpretation
    paragraphs:
      17:
        en: >-
          In line with the requirement of the State Council's …
        source_hash: 2f…        # SHA-256 of the paragraph's normalised Chinese
        translator: statute-site project
        ai_assisted: true
        date: 2026-12-01
        # reviewer: / reviewed_on: only for a named person other than the translator

Validated against the schema and the documents: unknown document or paragraph, a reviewer
who is the translator → errors with file:line; English made against other Chinese → a
staleness warning (still shown, marked).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.annotations.load import Translation, _reviewer_differs, _suggest
from generator.diagnostics import Diagnostic
from generator.sources.manifest import load_schema
from generator.sources.yamlfile import load_valid_yaml
from generator.textnorm import source_hash

FOLDER = "commentary"
SCHEMA_NAME = "commentary-translation.schema.json"


@dataclass
class CommentaryEnglish:
    translations: dict[tuple[str, int], Translation]
    stale: set[tuple[str, int]]
    diagnostics: list[Diagnostic]


def load_commentary_english(root: Path, documents: dict) -> CommentaryEnglish:
    base = root / "annotations" / FOLDER
    result = CommentaryEnglish({}, set(), [])
    if not base.exists():
        return result
    schema = load_schema(SCHEMA_NAME)
    for path in sorted(base.glob("*.y*ml")):
        rel = path.relative_to(root).as_posix()
        doc = load_valid_yaml(path, rel, schema, result.diagnostics)
        if doc is None:
            continue
        _load_file(doc, path.stem, documents, result)
    return result


def _load_file(doc, stem: str, documents: dict, result: CommentaryEnglish) -> None:
    data, rel, diags = doc.data, doc.path, result.diagnostics
    did = data["document"]
    if did != stem:
        diags.append(Diagnostic("error", f"document: '{did}' does not match the file name ({stem}.yaml)",
                                path=rel, line=doc.line(("document",)), code="annotation",
                                hint=f"write `document: {stem}` or rename the file"))
        return
    if did not in documents:
        diags.append(Diagnostic("error", f"unknown document '{did}'", path=rel, line=doc.line(("document",)),
                                code="unknown-document",
                                hint=_suggest(did, documents) or f"known documents: {', '.join(sorted(documents))}"))
        return
    document = documents[did]
    for index, value in (data.get("paragraphs") or {}).items():
        line = doc.key_line(("paragraphs", index))
        para = document.paragraph(index) if isinstance(index, int) else None
        if para is None:
            diags.append(Diagnostic("error", f"{did} has no paragraph {index}", path=rel, line=line,
                                    code="unknown-paragraph",
                                    hint=f"paragraph ids run from 0 to {len(document.paragraphs) - 1} "
                                         "(the number after p- in the paragraph's link)"))
            continue
        if not _reviewer_differs(value):
            diags.append(Diagnostic(
                "error", f"paragraphs/{index}: the reviewer '{value['reviewer']}' is also the translator",
                path=rel, line=doc.key_line(("paragraphs", index, "reviewer")), code="self-review",
                hint="a review is a check by a named person other than the translator"))
            continue
        translation = Translation(f"p-{index}", value["en"], value["source_hash"], value["translator"],
                                  value["date"], value.get("note"), line, bool(value.get("ai_assisted")),
                                  value.get("reviewer"), value.get("reviewed_on"))
        result.translations[(did, index)] = translation
        if translation.source_hash != source_hash(para.text):
            result.stale.add((did, index))
            diags.append(Diagnostic("warning", f"English of {did} paragraph {index} is stale: the Chinese has "
                                    "changed since it was written", path=rel, line=line, code="stale-translation",
                                    hint="update the English and its source_hash"))
