"""``statute-site add FILE --id ID`` (or ``add DIR|FILES…``): add statutes to the project.

Copies each file into source/ (named after the statute id), records its SHA-256, format and
encoding in source/manifest.yaml (comments and layout kept), parses it and prints what it
found.  A statute that would not build is not added: its errors are printed and nothing of
it is written.  Given a folder or several files, ids are made from the file names
(公司法(2023-12-29).md -> ``gongsifa-2023-12-29``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path


from generator.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics, project_root, summary
from generator.diagnostics import Diagnostic, InputError
from generator.parse.statute import detect_title
from generator.pipeline import load_sources
from generator.reconcile.statute import Statute
from generator.sources.decode import decode_lenient
from generator.sources.manifest import MANIFEST_NAME, RANK_LABELS
from generator.commands.add_version import run_version
from generator.project import Sources
from generator.atomic import write_atomic
from generator.parse.authority import authority_of
from generator.sources.manifest_edit import EXTENSIONS, NewStatute, add_statutes
from generator.sources.readers import detect_format, read_document

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_BYTES = 50 * 1024 * 1024
DRAFT_WORDS = ("草案", "征求意见稿", "徵求意見稿", "送审稿")
SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".docx")
VERSION_EVENTS = ("draft", "adopted", "amended", "revised")


def register(sub) -> None:
    p = sub.add_parser("add", help="add statute files (text, Markdown, HTML, .docx) to source/ and the manifest")
    p.add_argument("files", nargs="+", metavar="FILE", help="a statute file; or several, or a folder of them")
    p.add_argument("--id", help="the statute id (one file): lowercase words and digits joined by '-', "
                                "e.g. pipl-2021; made from the file name when adding several")
    p.add_argument("--version-of", metavar="ID",
                   help="add the file as another dated version of statute ID (with --date): an earlier text, "
                        "or a later one, which becomes the current text")
    p.add_argument("--date", help="with --version-of: the version's date, YYYY-MM-DD")
    p.add_argument("--event", choices=list(VERSION_EVENTS),
                   help="with --version-of: what made this version (default: draft when the title says so, "
                        "else amended)")
    p.add_argument("--title", help="the Chinese title, when the file does not give it (one file)")
    p.add_argument("--title-en", help="the English title (one file)")
    p.add_argument("--rank", choices=sorted(RANK_LABELS), help="the statute's rank (法律 = law, ...)")
    p.add_argument("--status", choices=["in_force", "amended", "draft", "repealed", "not_yet_in_force"],
                   help="default: draft when the title says 草案/征求意见稿, else in_force")
    p.add_argument("--format", choices=sorted(EXTENSIONS), help="how to read the file (default: detected)")
    p.add_argument("--authoritative", action="store_true",
                   help="when the statute exists already: this copy becomes the authoritative one "
                        "(a new statute's first copy always is)")
    p.set_defaults(func=run)


@dataclass
class Candidate:
    path: Path
    raw: bytes
    new: NewStatute


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


def id_from_name(name: str) -> str:
    """公司法(2023-12-29).md -> gongsifa-2023-12-29 (Hanyu Pinyin without tones)."""
    from pypinyin import lazy_pinyin      # its dictionaries take 0.25 s to load: only `add` needs them

    stem = Path(name).stem
    words = "".join(lazy_pinyin(stem, errors=lambda chars: [c if c.isascii() else "-" for c in chars]))
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", words.lower())).strip("-") or "statute"


def _collect(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir() and not path.is_symlink():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out


def _candidate(path: Path, sid: str, args, taken: set[str], source_dir: Path) -> Candidate:
    raw = _read_input(path)
    fmt = args.format or detect_format(path.name, raw)
    try:
        title = args.title or _title_of(raw, path.name, fmt)
    except ValueError as exc:
        raise InputError(Diagnostic("error", str(exc), path=str(path), code="encoding")) from None
    if not title:
        raise InputError(Diagnostic(
            "error", "no title found (no '# title' line, <h1> or Word Title paragraph, and no line that reads "
            "like a statute title)", path=str(path), code="no-title", hint="give it with --title"))
    name = _target_name(source_dir, sid, fmt, taken)
    taken.add(name)
    status = args.status or ("draft" if any(w in title for w in DRAFT_WORDS) else "in_force")
    new = NewStatute(id=sid, file=name, sha256=hashlib.sha256(raw).hexdigest(), format=fmt,
                     original_name=path.name, title=title, status=status, title_en=args.title_en,
                     rank=args.rank or ("draft" if status == "draft" else None), encoding=_encoding(raw, fmt),
                     authoritative=args.authoritative)
    return Candidate(path, raw, new)


def _target_name(source_dir: Path, sid: str, fmt: str, taken: set[str] = frozenset()) -> str:
    """A name in source/ for a new file of statute ``sid`` that no file has yet (nor any
    name in ``taken``, the names given to the other files of the same ``add``)."""
    ext = EXTENSIONS[fmt]
    name, n = f"{sid}{ext}", 2
    while (source_dir / name).exists() or name in taken:
        name, n = f"{sid}-{n}{ext}", n + 1
    return name


def _trial_sources(root: Path, name: str, raw: bytes, manifest_text: str) -> Sources:
    """The sources of a throwaway copy of source/ with one new file (or InputError)."""
    with tempfile.TemporaryDirectory(prefix="statute-site-add-") as tmp:
        trial = Path(tmp)
        shutil.copytree(root / "source", trial / "source")
        (trial / "source" / name).write_bytes(raw)
        (trial / "source" / MANIFEST_NAME).write_text(manifest_text, encoding="utf-8")
        return load_sources(trial)


def _add_version(args, root: Path, files: list[Path]) -> int:
    """``add FILE --version-of ID --date D``: one file, another dated text of a statute."""
    if len(files) != 1 or not args.date:
        print("add: error: --version-of adds one file and needs --date YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    path = files[0]
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
    return run_version(args, root, path, raw, fmt, title or "", (_target_name, _encoding, _trial_sources))


def _trial(root: Path, candidates: list[Candidate], manifest_text: str) -> dict[str, Statute]:
    """Load the sources of a throwaway copy of source/ with the new files: the statutes as
    the build would see them, or InputError."""
    with tempfile.TemporaryDirectory(prefix="statute-site-add-") as tmp:
        trial = Path(tmp)
        shutil.copytree(root / "source", trial / "source")
        for c in candidates:
            (trial / "source" / c.new.file).write_bytes(c.raw)
        (trial / "source" / MANIFEST_NAME).write_text(manifest_text, encoding="utf-8")
        statutes = load_sources(trial).statutes
        return {c.new.id: statutes[c.new.id] for c in candidates}


def _manifest_with(existing: str, candidates: list[Candidate]) -> str:
    return add_statutes(existing, [c.new for c in candidates])


def _settle(root: Path, existing: str, candidates: list[Candidate]
            ) -> tuple[list[Candidate], dict[str, Statute], list[tuple[Candidate, list[Diagnostic]]]]:
    """The candidates that build (with their statutes) and those that do not (with why).
    One trial for all; the statutes whose files have errors are set aside and the rest
    tried again."""
    refused: list[tuple[Candidate, list[Diagnostic]]] = []
    while candidates:
        try:
            return candidates, _trial(root, candidates, _manifest_with(existing, candidates)), refused
        except InputError as exc:
            by_file = {f"source/{c.new.file}": c for c in candidates}
            blamed = {id(c): c for d in exc.diagnostics for path, c in by_file.items() if d.path == path}
            if not blamed:                      # an error not in any new file: report it whole
                refused.extend((c, exc.diagnostics) for c in candidates)
                return [], {}, refused
            for c in blamed.values():
                # Name the file the editor gave, not its would-be copy in source/.
                refused.append((c, [replace(d, path=str(c.path)) for d in exc.diagnostics
                                    if d.path == f"source/{c.new.file}"]))
            candidates = [c for c in candidates if id(c) not in blamed]
    return [], {}, refused


def _record_authority(new: NewStatute, statute: Statute, explicit_rank: bool) -> None:
    """Rank and jurisdiction as the history line shows them (``parse/authority.py``), written
    with the line they were read from; a rank given with --rank, or a draft's, is kept."""
    found = authority_of(statute.title, statute.events)
    if found is None:
        return
    evidence = f"read from the history line ({found.evidence}); correct it if wrong"
    if not explicit_rank and new.rank is None:
        new.rank = found.rank
        new.comments["rank"] = evidence
    new.extra["jurisdiction"] = found.jurisdiction
    if found.jurisdiction_en:
        new.extra["jurisdiction_en"] = found.jurisdiction_en
    if "rank" not in new.comments:
        new.comments["jurisdiction"] = evidence


def _report(statute: Statute, c: Candidate) -> None:
    articles = statute.present_articles()
    paragraphs = sum(len(a.paragraphs) for a in articles)
    items = sum(len(p.items) for a in articles for p in a.paragraphs)
    sections = sum(len(ch.sections) for ch in statute.chapters)
    books = sum(1 for b in statute.books if b.number)
    print(f"add: {statute.title} ({statute.id}), read as {c.new.format} from source/{c.new.file}"
          + (f" ({c.new.encoding})" if c.new.encoding != "utf-8" else ""), file=sys.stderr)
    print(f"add: {books} books, {len(statute.chapters)} chapters, {sections} sections, {len(articles)} articles, "
          f"{paragraphs} paragraphs, {items} items" + (f", {len(statute.appendices)} appendices"
                                                        if statute.appendices else ""), file=sys.stderr)
    for event in statute.events:
        print(f"add: {event.date} {event.kind}" + (f" — {event.body}" if event.body else ""), file=sys.stderr)
    print_diagnostics(statute.diagnostics, min_severity="warning")
    print(f"add: {summary(statute.diagnostics)}", file=sys.stderr)


def _ids(args, files: list[Path]) -> list[str] | None:
    if len(files) == 1:
        sid = args.id or id_from_name(files[0].name)
        return [sid] if ID_RE.match(sid) else None
    if args.id or args.title or args.title_en:
        return None
    return [id_from_name(f.name) for f in files]


def run(args) -> int:
    root = project_root(args)
    files = _collect(args.files)
    if args.version_of:
        return _add_version(args, root, files)
    ids = _ids(args, files)
    if not files or ids is None:
        print("add: error: " + ("no statute files found" if not files else
              f"'{args.id}' is not a statute id: use lowercase letters, digits and '-' (e.g. pipl-2021)"
              if len(files) == 1 else "--id, --title and --title-en name one statute: give one file"),
              file=sys.stderr)
        return EXIT_USAGE
    taken: set[str] = set()
    candidates: list[Candidate] = []
    unusable = 0
    for path, sid in zip(files, ids):
        try:
            candidates.append(_candidate(path, sid, args, taken, root / "source"))
        except InputError as exc:
            print_diagnostics(exc.diagnostics)
            unusable += 1
    if len(files) == 1 and unusable:
        return EXIT_USAGE
    manifest_path = root / "source" / MANIFEST_NAME
    existing = manifest_path.read_text(encoding="utf-8")
    accepted, statutes, refused = _settle(root, existing, candidates)
    for c, diags in refused:
        print_diagnostics(diags)
        print(f"add: {c.path}: {summary(diags)}; it would not build, so it was not added", file=sys.stderr)
    for c in accepted:
        _record_authority(c.new, statutes[c.new.id], explicit_rank=bool(args.rank))
    for c in accepted:
        write_atomic(root / "source" / c.new.file, c.raw)
    if accepted:
        write_atomic(manifest_path, _manifest_with(existing, accepted).encode("utf-8"))
    for c in accepted:
        _report(statutes[c.new.id], c)
    if accepted:
        print(f"add: added {len(accepted)} statute(s) to source/ and source/{MANIFEST_NAME}; "
              "run `statute-site build` to publish", file=sys.stderr)
    if refused or unusable:
        print(f"add: {len(refused) + unusable} file(s) not added; nothing of them was written", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK
