"""``statute-site add FILE --id ID``: add a statute to the project in one step.

Copies the file into source/ (named after the statute id), records its SHA-256 and format
in source/manifest.yaml (comments and layout kept), parses it and prints what it found.
If the project would not build with it, nothing is changed and the errors are printed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

from generator.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics, project_root, summary
from generator.diagnostics import Diagnostic, InputError
from generator.parse.statute import detect_title
from generator.pipeline import load_sources
from generator.project import Sources
from generator.reconcile.statute import Statute
from generator.sources.decode import decode_lenient
from generator.sources.manifest import MANIFEST_NAME, RANK_LABELS
from generator.sources.manifest_edit import EXTENSIONS, NewStatute, add_statute, add_version, write_atomic
from generator.commands.add_version import run_version
from generator.sources.readers import detect_format, read_document

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_BYTES = 50 * 1024 * 1024
DRAFT_WORDS = ("草案", "征求意见稿", "徵求意見稿", "送审稿")
VERSION_EVENTS = ("draft", "adopted", "amended", "revised")


def register(sub) -> None:
    p = sub.add_parser("add", help="add a statute file (text, Markdown, HTML, .docx) to source/ and the manifest")
    p.add_argument("file", help="the statute file")
    p.add_argument("--id", help="the statute id: lowercase words and digits joined by '-', e.g. pipl-2021")
    p.add_argument("--version-of", metavar="ID",
                   help="add the file as another dated version of statute ID (with --date): an earlier text, "
                        "or a later one, which becomes the current text")
    p.add_argument("--date", help="with --version-of: the version's date, YYYY-MM-DD")
    p.add_argument("--event", choices=list(VERSION_EVENTS),
                   help="with --version-of: what made this version (default: draft when the title says so, "
                        "else amended)")
    p.add_argument("--title", help="the Chinese title, when the file does not give it")
    p.add_argument("--title-en", help="the English title")
    p.add_argument("--rank", choices=sorted(RANK_LABELS), help="the statute's rank (法律 = law, ...)")
    p.add_argument("--status", choices=["in_force", "amended", "draft", "repealed", "not_yet_in_force"],
                   help="default: draft when the title says 草案/征求意见稿, else in_force")
    p.add_argument("--format", choices=sorted(EXTENSIONS), help="how to read the file (default: detected)")
    p.add_argument("--authoritative", action="store_true",
                   help="when the statute exists already: this copy becomes the authoritative one "
                        "(a new statute's first copy always is)")
    p.set_defaults(func=run)


def _read_input(path: Path) -> bytes:
    if path.is_symlink() or not path.is_file():
        raise InputError(Diagnostic("error", "not a regular file", path=str(path), code="io",
                                    hint="give the path of the statute file itself"))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(Diagnostic("error", f"the file is {size / 1e6:.0f} MB; statutes are far smaller "
                                    f"(limit {MAX_BYTES // 1024 // 1024} MB)", path=str(path), code="too-large"))
    return path.read_bytes()


def _title_of(raw: bytes, name: str, fmt: str) -> str | None:
    if fmt == "docx":
        return read_document(raw, name, fmt).title
    text, _ = decode_lenient(raw, name)
    if fmt in ("markdown", "html"):
        return read_document(text, name, fmt).title
    return detect_title(text)[0]


def _encoding(raw: bytes, fmt: str) -> str:
    """How the file is encoded: UTF-8, or GB18030 (which reads GBK too) for a legacy page."""
    if fmt == "docx":
        return "utf-8"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        raw.decode("gb18030")      # a file neither decodes was refused when its title was read
        return "gb18030"


def _target_name(source_dir: Path, sid: str, fmt: str) -> str:
    ext = EXTENSIONS[fmt]
    name, n = f"{sid}{ext}", 2
    while (source_dir / name).exists():
        name, n = f"{sid}-{n}{ext}", n + 1
    return name


def _trial(root: Path, name: str, raw: bytes, manifest_text: str, sid: str) -> Statute:
    """Load the sources of a throwaway copy of source/ with the new file: the statute as the
    build would see it, or InputError."""
    return _trial_sources(root, name, raw, manifest_text).statutes[sid]


def _trial_sources(root: Path, name: str, raw: bytes, manifest_text: str) -> Sources:
    with tempfile.TemporaryDirectory(prefix="statute-site-add-") as tmp:
        trial = Path(tmp)
        shutil.copytree(root / "source", trial / "source")
        (trial / "source" / name).write_bytes(raw)
        (trial / "source" / MANIFEST_NAME).write_text(manifest_text, encoding="utf-8")
        return load_sources(trial)


def _report(statute: Statute, name: str, fmt: str) -> None:
    articles = statute.present_articles()
    paragraphs = sum(len(a.paragraphs) for a in articles)
    items = sum(len(p.items) for a in articles for p in a.paragraphs)
    sections = sum(len(c.sections) for c in statute.chapters)
    print(f"add: {statute.title} ({statute.id}), read as {fmt} from source/{name}", file=sys.stderr)
    print(f"add: {len(statute.chapters)} chapters, {sections} sections, {len(articles)} articles, "
          f"{paragraphs} paragraphs, {items} items", file=sys.stderr)
    for event in getattr(statute, "events", []):
        print(f"add: {event.date} {event.kind}" + (f" — {event.body}" if event.body else ""), file=sys.stderr)
    print_diagnostics(statute.diagnostics, min_severity="warning")
    print(f"add: {summary(statute.diagnostics)}", file=sys.stderr)


def run(args) -> int:
    root = project_root(args)
    path = Path(args.file)
    if not args.id and not args.version_of:
        print("add: error: give the statute id with --id (or --version-of ID --date YYYY-MM-DD for another "
              "version of a statute)", file=sys.stderr)
        return EXIT_USAGE
    if args.id and not ID_RE.match(args.id):
        print(f"add: error: '{args.id}' is not a statute id: use lowercase letters, digits and '-' "
              "(e.g. pipl-2021)", file=sys.stderr)
        return EXIT_USAGE
    try:
        raw = _read_input(path)
        fmt = args.format or detect_format(path.name, raw)
        title = args.title or _title_of(raw, path.name, fmt)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    except ValueError as exc:
        print(f"{path}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.version_of:
        return run_version(args, root, path, raw, fmt, title or "", (_target_name, _encoding, _trial_sources))
    if not title:
        print(f"{path}: error: no title found (no '# title' line, <h1> or Word Title paragraph, and no line "
              "that reads like a statute title); give it with --title", file=sys.stderr)
        return EXIT_USAGE
    manifest_path = root / "source" / MANIFEST_NAME
    name = _target_name(root / "source", args.id, fmt)
    status = args.status or ("draft" if any(w in title for w in DRAFT_WORDS) else "in_force")
    new = NewStatute(id=args.id, file=name, sha256=hashlib.sha256(raw).hexdigest(), format=fmt,
                     original_name=path.name, title=title, status=status, title_en=args.title_en,
                     rank=args.rank or ("draft" if status == "draft" else None), encoding=_encoding(raw, fmt))
    new.authoritative = args.authoritative
    manifest_text = add_statute(manifest_path.read_text(encoding="utf-8"), new)
    try:
        statute = _trial(root, name, raw, manifest_text, args.id)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print(f"add: {summary(exc.diagnostics)}; the statute would not build, so nothing was changed",
              file=sys.stderr)
        return EXIT_INPUT
    write_atomic(root / "source" / name, raw)
    write_atomic(manifest_path, manifest_text.encode("utf-8"))
    _report(statute, name, fmt)
    print(f"add: wrote source/{name} and its entry in source/{MANIFEST_NAME}; "
          "run `statute-site build` to publish it", file=sys.stderr)
    return EXIT_OK
