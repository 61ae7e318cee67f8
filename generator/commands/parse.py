"""``statute-site parse FILE [--json]``: parse any statute text file and print its structure."""

from __future__ import annotations

import hashlib
from dataclasses import replace
import json
import sys
from pathlib import Path

from generator.commands.common import (EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics, project_root,
                                       summary)
from generator.diagnostics import Diagnostic, InputError
from generator.model import ParsedStatute
from generator.numerals import article_label_zh, chapter_label_zh, section_label_zh
from generator.parse.statute import parse_statute
from generator.sources.decode import read_user_text
from generator.sources.ingest import blocks_to_text, locate_parts, read_source
from generator.sources.readers import detect_format, read_document
from generator.sources.manifest import load_manifest


def register(sub) -> None:
    p = sub.add_parser("parse", help="parse a statute text file and print its structure")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON (chapters, articles, diagnostics)")
    p.add_argument("--expected-articles", type=int, help="how many articles the statute has (reports missing ones)")
    p.add_argument("--whole-file", action="store_true",
                   help="parse the whole file even if the manifest splits it into parts")
    p.add_argument("--format", choices=["text", "markdown", "html", "docx"],
                   help="how to read the file (default: detected from its content)")
    p.set_defaults(func=run)


def _known_statute_part(raw: bytes, root: Path | None):
    """If ``raw`` is one of the project's source files, its statute part and expected count."""
    if root is None:
        return None
    try:
        manifest = load_manifest(root / "source")
    except InputError:
        return None
    digest = hashlib.sha256(raw).hexdigest()
    for src in manifest.sources:
        if src.sha256 != digest:
            continue
        for part in src.parts:
            if part.kind == "statute":
                return manifest, part
    return None


def _manifest_part_text(known, path: Path, diags: list[Diagnostic]) -> tuple[str | None, int | None]:
    """The statute part of a project source file, as the manifest cuts it."""
    manifest, part_spec = known
    source, _ = read_source(manifest.source(part_spec.file), path.parent, str(path.parent), manifest.path)
    parts, _ = locate_parts(source, manifest.path) if source else ([], [])
    part = next((p for p in parts if p.spec.id == part_spec.id), None)
    if part is None:
        return None, None
    diags.append(Diagnostic("info", f"this file is {part_spec.file} in the project's sources; "
                            f"parsed its statute part ({part_spec.ref}) as source/manifest.yaml "
                            "describes it (use --whole-file to parse everything)",
                            path=str(path), line=part.first_line, code="manifest-part"))
    return part.masked_text(), manifest.statutes[part_spec.statute].articles


def _read(path: Path, raw: bytes, fmt: str) -> tuple[str, list[Diagnostic], dict]:
    """The text to parse, the reading's diagnostics, and what a structured file's reader
    knows besides (line map, title, heading lines)."""
    if fmt == "text":
        text, diags, _ = read_user_text(path)
        return text, diags, {}
    if fmt == "docx":
        document = read_document(raw, path.name, fmt)
        diags: list[Diagnostic] = []
    else:
        text, diags, _ = read_user_text(path)
        document = read_document(text, path.name, fmt)
    diags.extend(replace(d, path=str(path)) for d in document.diagnostics)
    text, line_map, heading_lines = blocks_to_text(document)
    return text, diags, {"line_map": line_map, "title": document.title, "reader_headings": heading_lines}


def run(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"{path}: error: no such file", file=sys.stderr)
        return EXIT_USAGE
    raw = path.read_bytes()
    fmt = args.format or detect_format(path.name, raw)
    try:
        text, diags, extra = _read(path, raw, fmt)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    expected = args.expected_articles
    known = None if args.whole_file or fmt != "text" else _known_statute_part(raw, project_root(args, required=False))
    if known:
        part_text, part_articles = _manifest_part_text(known, path, diags)
        if part_text is not None:
            text, expected = part_text, expected or part_articles
    parsed = parse_statute(text, path=str(path), expected_articles=expected, **extra)
    parsed.diagnostics[:0] = diags
    if args.json:
        print(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
    else:
        print_tree(parsed)
        print_diagnostics(parsed.diagnostics, min_severity="info", stream=sys.stdout)
    return EXIT_INPUT if any(d.is_error for d in parsed.diagnostics) else EXIT_OK


def print_tree(parsed: ParsedStatute) -> None:
    print(parsed.title or "(no title found)")
    current = (None, None)
    for article in parsed.articles:
        if (article.chapter, article.section) != current:
            chapter = parsed.chapter(article.chapter)
            if chapter and article.chapter != current[0]:
                print(f"  {chapter_label_zh(chapter.number)} {chapter.title}")
            if chapter and article.section:
                section = next((s for s in chapter.sections if s.number == article.section), None)
                if section:
                    print(f"    {section_label_zh(section.number)} {section.title}")
            current = (article.chapter, article.section)
        title = f" （{article.title}）" if article.title else ""
        items = sum(len(p.items) for p in article.paragraphs)
        print(f"      {article_label_zh(article.number)}{title}: {len(article.paragraphs)} paragraph(s)"
              + (f", {items} item(s)" if items else ""))
    print(f"{len(parsed.articles)} articles, {len(parsed.chapters)} chapters; {summary(parsed.diagnostics)}")
