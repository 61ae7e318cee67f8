"""``statute-site link --statute ID FILE [--json]``: link any commentary file to a statute.

The file is plain text (paragraphs separated by blank lines) or HTML (by extension or
content; text only is read), optionally behind YAML front matter.  Output (``--json``)::

    {"statute": "shenzhen-ai-2022",
     "paragraphs": [{"index": 0, "text": "…",
                     "links": [{"article": 44, "method": "similarity", "score": 0.91,
                                "evidence": "…"}]}]}

one entry per input paragraph, in order, from 0.  Problems found in the file (a citation
cut short) go to stderr as ``file:line: warning: …``, so stdout stays exactly that JSON.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

from generator.commands.common import (EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics, project_root,
                                     terminal_safe)
from generator.diagnostics import Diagnostic, InputError
from generator.documents.build import read_commentary_text
from generator.english.model import EnglishSource
from generator.linking.link import StatuteLinker
from generator.numerals import article_label_zh
from generator.pipeline import load_english, load_sources
from generator.reconcile.statute import Statute
from generator.sources.decode import read_user_text
from generator.textnorm import shorten


def register(sub) -> None:
    p = sub.add_parser("link", help="link a commentary file (plain text or HTML) to the articles it discusses")
    p.add_argument("--statute", required=True, metavar="ID", help="the statute the commentary is about")
    p.add_argument("file", help="plain text (paragraphs separated by blank lines) or HTML")
    p.add_argument("--json", action="store_true", help="print JSON: {statute, paragraphs: [{index, text, links}]}")
    p.set_defaults(func=run)


def link_file(path: Path, statute: Statute, english: EnglishSource) -> tuple[dict, list[Diagnostic]]:
    """Link one file: (the JSON-ready result, diagnostics).  Raises InputError if unreadable."""
    text, diagnostics, _ = read_user_text(path)
    document = read_commentary_text(text, path=str(path), filename=path.name, doc_id=path.stem)
    diagnostics.extend(document.diagnostics)
    linker = StatuteLinker(statute, english)
    paragraphs = []
    for para in document.paragraphs:
        result = linker.link_text(para.text, document=document.id, paragraph=para.index)
        paragraphs.append({"index": para.index, "text": para.text,
                           "links": [link.to_json() for link in result.links]})
        for message in result.messages:
            diagnostics.append(Diagnostic("warning", f"paragraph {para.index}: {message}", path=str(path),
                                          line=para.line, code="citation-cut-short"))
    return {"statute": statute.id, "paragraphs": paragraphs}, diagnostics


def run(args) -> int:
    root = project_root(args)
    path = Path(args.file)
    if not path.exists():
        print(f"{path}: error: no such file", file=sys.stderr)
        return EXIT_USAGE
    if not path.is_file():
        print(f"{path}: error: not a file", file=sys.stderr)
        return EXIT_USAGE
    try:
        # The same stages and error checks as build: sources, then annotations and English.
        sources = load_sources(root)
        statutes = sources.statutes
        _, english, _ = load_english(root, statutes, sources.manifest)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print("link: the project's inputs have errors (above); fix them first", file=sys.stderr)
        return EXIT_INPUT
    statute = statutes.get(args.statute)
    if statute is None:
        close = difflib.get_close_matches(args.statute, list(statutes), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        print(f"statute-site link: error: unknown statute '{args.statute}'{hint}; known statutes: "
              f"{', '.join(sorted(statutes))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result, diagnostics = link_file(path, statute, english)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    except OSError as exc:
        print(f"{path}: error: cannot read the file ({exc.strerror})", file=sys.stderr)
        return EXIT_USAGE
    print_diagnostics(diagnostics)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_summary(result, statute)
    return EXIT_OK


def _print_summary(result: dict, statute) -> None:
    paragraphs = result["paragraphs"]
    linked = [p for p in paragraphs if p["links"]]
    print(terminal_safe(f"{statute.title} ({statute.id})"))
    for para in paragraphs:
        print(f"¶{para['index']}  {terminal_safe(shorten(para['text'], 40))}")
        if not para["links"]:
            print("      no links")
        for link in para["links"]:
            how = link["method"] + (f" {link['score']:.2f}" if link["method"] == "similarity" else "")
            print(f"      -> {article_label_zh(link['article'])} (art. {link['article']}), {how}: "
                  f"“{terminal_safe(shorten(link['evidence'], 36))}”")
    total = sum(len(p["links"]) for p in paragraphs)
    print(f"{len(paragraphs)} paragraphs, {len(linked)} linked, {total} links")
