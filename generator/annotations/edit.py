"""Commands that write annotation files, only when an editor asks for it.

``check`` and ``build`` never modify an editor's file.  These functions do, on request:

* :func:`confirm` — the editor has reread a stale note or translation and it still holds:
  record the current hash of the Chinese (``statute-site confirm shenzhen-ai-2022/article-65``);
* :func:`new_file` — create an article's annotation file with its schema line;
* :func:`import_translations` — bulk-import English from a JSON file, labelled with its
  translator (an import is never a review).

Existing files are edited with ruamel.yaml's round-trip mode so the editor's comments,
ordering and layout survive; files are replaced atomically.
"""

from __future__ import annotations

import re

import io
import json
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import FoldedScalarString

from generator.atomic import write_atomic
from generator.diagnostics import Diagnostic, InputError
from generator.model import article_segments
from generator.annotations.load import SCHEMA_COMMENT
from generator.annotations.model import article_source_hash


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def annotation_path(root: Path, statute: str, article: int | None) -> Path:
    name = f"article-{article}.yaml" if article else "statute.yaml"
    return root / "annotations" / statute / name


def parse_target(target: str, statutes: dict) -> tuple[str, int | None]:
    """``shenzhen-ai-2022/article-65`` (or a path to the file) -> (statute, 65)."""
    text = target.strip().removesuffix(".yaml").removeprefix("annotations/").strip("/")
    statute, _, rest = text.partition("/")
    if statute not in statutes:
        raise InputError(Diagnostic("error", f"unknown statute '{statute}'", code="unknown-statute",
                                    hint=f"known statutes: {', '.join(sorted(statutes))}"))
    if not rest or rest == "statute":
        return statute, None
    # ASCII digits only: str.isdigit() also accepts '²', '٣' and other digits int() refuses or reads.
    if not rest.startswith("article-") or not re.fullmatch(r"[1-9][0-9]{0,5}", rest[8:]):
        raise InputError(Diagnostic("error", f"'{target}' is not <statute-id>/article-<n>", code="usage"))
    number = int(rest[8:])
    if statutes[statute].article(number) is None:
        raise InputError(Diagnostic("error", f"{statute} has no article {number}", code="unknown-article"))
    return statute, number


def _dump(yaml: YAML, data) -> str:
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


@dataclass
class Confirmed:
    path: Path
    items: list[str]


def confirm(root: Path, statutes: dict, target: str) -> Confirmed:
    statute_id, number = parse_target(target, statutes)
    path = annotation_path(root, statute_id, number)
    if not path.exists():
        raise InputError(Diagnostic("error", f"there is no annotation file for {target}",
                                    path=str(path.relative_to(root)), code="missing-file"))
    statute = statutes[statute_id]
    if number is None:
        segments = {s.eid: s for s in statute.segments() if s.article is None}
        article_hash = None
    else:
        article = statute.article(number)
        segments = {s.eid: s for s in article_segments(article)}
        article_hash = article_source_hash(article) if article.status == "present" else None
    yaml = _yaml()
    original = path.read_text(encoding="utf-8")
    data = yaml.load(original)
    changed: list[str] = []
    for eid, entry in (data.get("translations") or {}).items():
        seg = segments.get(eid)
        if seg and entry.get("source_hash") != seg.source_hash:
            entry["source_hash"] = seg.source_hash
            changed.append(f"translation {eid}")
    for i, note in enumerate(data.get("notes") or []):
        if article_hash and note.get("source_hash") != article_hash:
            note["source_hash"] = article_hash
            changed.append(f"note {i + 1} ({note.get('author')})")
    if changed:
        write_atomic(path, _dump(yaml, data))
    return Confirmed(path, changed)


def new_file(root: Path, statutes: dict, target: str) -> Path:
    statute_id, number = parse_target(target, statutes)
    path = annotation_path(root, statute_id, number)
    if path.exists():
        raise InputError(Diagnostic("error", f"{path.relative_to(root)} already exists", code="exists",
                                    hint="edit it instead"))
    lines = [SCHEMA_COMMENT, f"statute: {statute_id}"]
    if number is not None:
        article = statutes[statute_id].article(number)
        lines += [f"article: {number}", "status: draft", "",
                  "# notes:",
                  "#   - author: Your Name",
                  "#     date: YYYY-MM-DD",
                  f"#     source_hash: {article_source_hash(article)}",
                  "#     body: |",
                  "#       Markdown text of the note.",
                  "# tags: [ethics]",
                  "# see_also:",
                  "#   - target: shanghai-ai-2022-draft/article-5",
                  "# links:",
                  "#   suppress:",
                  "#     - document: shenzhen-ai-2022-interpretation",
                  "#       paragraph: 3",
                  "#       note: why the link is wrong"]
    write_atomic(path, "\n".join(lines) + "\n")
    return path


def import_translations(root: Path, statutes: dict, statute_id: str, source: Path, translator: str,
                        date: str, *, replace: bool = False, ai_assisted: bool = False) -> dict[str, int]:
    """Import ``{eid: {"en": ..., "note": ...}}`` as translations by ``translator`` (not
    reviewed); returns counts."""
    if statute_id not in statutes:
        raise InputError(Diagnostic("error", f"unknown statute '{statute_id}'", code="unknown-statute"))
    statute = statutes[statute_id]
    try:
        incoming = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(Diagnostic("error", f"cannot read {source}: {exc}", path=str(source), code="io")) from None
    segments = {s.eid: s for s in statute.segments()}
    unknown = sorted(set(incoming) - set(segments))
    if unknown:
        raise InputError([Diagnostic("error", f"unknown segment id '{eid}' for {statute_id}", path=str(source),
                                     code="unknown-segment") for eid in unknown])
    by_file: dict[int | None, list[str]] = {}
    for eid in segments:
        if eid in incoming:
            by_file.setdefault(segments[eid].article, []).append(eid)
    yaml = _yaml()
    counts = {"added": 0, "replaced": 0, "kept": 0, "files": 0}
    for number, eids in sorted(by_file.items(), key=lambda kv: kv[0] or 0):
        path = annotation_path(root, statute_id, number)
        if path.exists():
            data = yaml.load(path.read_text(encoding="utf-8"))
        else:
            header = [SCHEMA_COMMENT, f"statute: {statute_id}"]
            if number is not None:
                header += [f"article: {number}", "status: draft"]
            data = yaml.load("\n".join(header) + "\n")
        translations = data.get("translations")
        if translations is None:
            data["translations"] = translations = CommentedMap()
        touched = False
        for eid in eids:
            value = incoming[eid]
            text = value["en"] if isinstance(value, dict) else str(value)
            if eid in translations and not replace:
                counts["kept"] += 1
                continue
            counts["replaced" if eid in translations else "added"] += 1
            entry = CommentedMap()
            entry["en"] = FoldedScalarString(text) if len(text) > 80 else text
            entry["source_hash"] = segments[eid].source_hash
            entry["translator"] = translator
            if ai_assisted:
                entry["ai_assisted"] = True
            entry["date"] = date
            if isinstance(value, dict) and value.get("note"):
                entry["note"] = value["note"]
            translations[eid] = entry
            touched = True
        if touched:
            write_atomic(path, _dump(yaml, data))
            counts["files"] += 1
    return counts
