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

from ..diagnostics import Diagnostic, InputError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _load_context(root: Path):
    """The statutes and their English: enough to link, without building the whole site model."""
    from ..annotations import load_annotations
    from ..ingest import ingest
    from ..manifest import load_manifest
    from ..statutes import build_statute
    from ..translations import ProjectEnglish, load_memory
    manifest = load_manifest(root / "source")
    corpus = ingest(manifest, root / "source")
    statutes = {sid: build_statute(spec, corpus) for sid, spec in manifest.statutes.items()}
    annotations = load_annotations(root, statutes, manifest.documents)
    return statutes, ProjectEnglish(annotations, load_memory(root))


def read_commentary_file(path: Path, read_text):
    """Decode a commentary file: UTF-16 with a BOM here; UTF-8 or GB18030 by ``read_text``.
    A binary file (NUL bytes) is refused with the line of the first one."""
    raw = path.read_bytes()
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(Diagnostic("error", f"not valid UTF-16 ({exc.reason})", path=str(path),
                                            line=raw[:exc.start].count(b"\n\x00") + 1, code="encoding",
                                            hint="save the file as UTF-8")) from None
            return text.replace("\r\n", "\n").replace("\r", "\n"), [], raw
    nul = raw.find(b"\x00")
    if nul != -1:
        raise InputError(Diagnostic("error", "this is not a text file (it contains NUL bytes)", path=str(path),
                                    line=raw[:nul].count(b"\n") + 1, code="encoding",
                                    hint="give a plain text (UTF-8) or HTML file"))
    return read_text(path)


def link_file(path: Path, statute, english, *, read_text) -> tuple[dict, list[Diagnostic]]:
    """Link one file: (the JSON-ready result, diagnostics).  Raises InputError if unreadable."""
    from ..documents import read_commentary_text
    from . import StatuteLinker
    text, diagnostics, _ = read_commentary_file(path, read_text)
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


def cmd_link(args, *, root: Path, read_text, print_diagnostics) -> int:
    path = Path(args.file)
    if not path.exists():
        print(f"{path}: error: no such file", file=sys.stderr)
        return EXIT_USAGE
    if not path.is_file():
        print(f"{path}: error: not a file", file=sys.stderr)
        return EXIT_USAGE
    try:
        statutes, english = _load_context(root)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print("link: the project's sources have errors (above); fix them first", file=sys.stderr)
        return EXIT_INPUT
    statute = statutes.get(args.statute)
    if statute is None:
        close = difflib.get_close_matches(args.statute, list(statutes), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        print(f"statute-site link: error: unknown statute '{args.statute}'{hint}; known statutes: "
              f"{', '.join(sorted(statutes))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result, diagnostics = link_file(path, statute, english, read_text=read_text)
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
    from ..numerals import article_label_zh
    from ..textnorm import shorten
    paragraphs = result["paragraphs"]
    linked = [p for p in paragraphs if p["links"]]
    print(f"{statute.title} ({statute.id})")
    for para in paragraphs:
        print(f"¶{para['index']}  {shorten(para['text'], 40)}")
        if not para["links"]:
            print("      no links")
        for link in para["links"]:
            how = link["method"] + (f" {link['score']:.2f}" if link["method"] == "similarity" else "")
            print(f"      -> {article_label_zh(link['article'])} (art. {link['article']}), {how}: "
                  f"“{shorten(link['evidence'], 36)}”")
    total = sum(len(p["links"]) for p in paragraphs)
    print(f"{len(paragraphs)} paragraphs, {len(linked)} linked, {total} links")
