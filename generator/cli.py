"""``statute-site`` command line (also ``python -m generator``).

Exit status: 0 success; 1 the inputs have errors (nothing written); 2 usage error or an
unreadable file; 3 ``translate``: the machine-translation extra or model is missing (nothing
written) or failed (the drafts made before the failure are kept).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, InputError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_MT = 0, 1, 2, 3


def _print_diagnostics(diags: list[Diagnostic], *, min_severity: str = "warning", stream=None) -> None:
    stream = stream or sys.stderr
    order = {"error": 0, "warning": 1, "info": 2}
    for d in sorted(diags, key=Diagnostic.sort_key):
        if order[d.severity] <= order[min_severity]:
            print(d.format(), file=stream)


def _summary(diags: list[Diagnostic]) -> str:
    e = sum(d.severity == "error" for d in diags)
    w = sum(d.severity == "warning" for d in diags)
    i = sum(d.severity == "info" for d in diags)
    return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}, {i} note{'s' * (i != 1)}"


def _root(args) -> Path:
    from .pipeline import find_root
    return Path(args.root).resolve() if args.root else find_root()


# --------------------------------------------------------------------------- parse

def read_text_any(path: Path) -> tuple[str, list[Diagnostic], bytes]:
    """Decode a user's statute file: UTF-8 (BOM tolerated), else GB18030, with a note."""
    raw = path.read_bytes()
    diags: list[Diagnostic] = []
    shown = str(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw_text = raw[3:]
        diags.append(Diagnostic("info", "UTF-8 byte-order mark ignored", path=shown, line=1, code="bom"))
    else:
        raw_text = raw
    try:
        text = raw_text.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw_text[:exc.start].count(b"\n") + 1
        try:
            text = raw_text.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(Diagnostic("error", f"not valid UTF-8 or GB18030 (byte 0x{raw_text[exc.start]:02X})",
                                        path=shown, line=line, code="encoding",
                                        hint="save the file as UTF-8")) from None
        diags.append(Diagnostic("warning", f"the file is not UTF-8 (first bad byte at line {line}); "
                                "decoded as GB18030/GBK", path=shown, line=line, code="encoding",
                                hint="convert it: iconv -f GB18030 -t UTF-8"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, diags, raw


def _known_statute_part(raw: bytes, root: Path):
    """If ``raw`` is one of the project's source files, its statute part and expected count."""
    from .manifest import load_manifest
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


def cmd_parse(args) -> int:
    from .parse import parse_statute

    path = Path(args.file)
    if not path.is_file():
        print(f"{path}: error: no such file", file=sys.stderr)
        return EXIT_USAGE
    try:
        text, diags, raw = read_text_any(path)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    expected = args.expected_articles
    known = None if args.whole_file else _known_statute_part(raw, _root(args))
    if known:
        from .ingest import read_source, locate_parts
        manifest, part_spec = known
        source, problems = read_source(manifest.source(part_spec.file), path.parent, str(path.parent),
                                       manifest.path)
        parts, problems = locate_parts(source, manifest.path) if source else ([], problems)
        part = next((p for p in parts if p.spec.id == part_spec.id), None)
        if part is not None:
            text = part.masked_text()
            expected = expected or manifest.statutes[part_spec.statute].articles
            diags.append(Diagnostic("info", f"this file is {part_spec.file} in the project's sources; "
                                    f"parsed its statute part ({part_spec.ref}) as source/manifest.yaml "
                                    "describes it (use --whole-file to parse everything)",
                                    path=str(path), line=part.first_line, code="manifest-part"))
    parsed = parse_statute(text, path=str(path), expected_articles=expected)
    parsed.diagnostics[:0] = diags
    if args.json:
        print(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_tree(parsed)
        _print_diagnostics(parsed.diagnostics, min_severity="info", stream=sys.stdout)
    return EXIT_INPUT if any(d.is_error for d in parsed.diagnostics) else EXIT_OK


def _print_tree(parsed) -> None:
    from .numerals import article_label_zh, chapter_label_zh, section_label_zh
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
    print(f"{len(parsed.articles)} articles, {len(parsed.chapters)} chapters; {_summary(parsed.diagnostics)}")


# --------------------------------------------------------------------------- check / build

def cmd_check(args) -> int:
    from .pipeline import load_project
    root = _root(args)
    try:
        project = load_project(root)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics, min_severity="info" if args.verbose else "warning")
        print(f"check: {_summary(exc.diagnostics)}; fix the errors above", file=sys.stderr)
        return EXIT_INPUT
    diags = project.diagnostics
    if args.verbose:
        _print_diagnostics(diags, min_severity="info")
    else:
        # Editors act on their own files; defects of the raw sources are summarised (they are
        # listed in full on the Source issues page and with -v).
        source_warnings = [d for d in diags if d.severity == "warning" and (d.path or "").startswith("source/")]
        _print_diagnostics([d for d in diags if d not in source_warnings], min_severity="warning")
        if source_warnings:
            files = sorted({d.path for d in source_warnings})
            print(f"check: {len(source_warnings)} warnings about defects in the raw sources "
                  f"({', '.join(files)}); see the Source issues page or run `statute-site check -v`",
                  file=sys.stderr)
    print(f"check: {_summary(diags)}; {len(project.variants)} source variants", file=sys.stderr)
    return EXIT_OK


def cmd_build(args) -> int:
    from .build import BuildError, build_site
    root = _root(args)
    try:
        report = build_site(root, strict=not args.no_strict)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        print(f"build: {_summary(exc.diagnostics)}; nothing was written and site/ is unchanged",
              file=sys.stderr)
        return EXIT_INPUT
    except BuildError as exc:
        for problem in exc.problems:
            print(f"mkdocs: {problem}", file=sys.stderr)
        print(f"build: {exc}; site/ is unchanged", file=sys.stderr)
        return EXIT_INPUT
    if args.verbose:
        _print_diagnostics(report.diagnostics, min_severity="warning")
    t = report.timings
    print(f"build: {report.pages} pages ({report.pages_written} changed since the last build) "
          f"built into {report.site_dir}", file=sys.stderr)
    print(f"build: {report.variants} source variants listed on the Source variants page", file=sys.stderr)
    print(f"build: {_summary(report.diagnostics)} (listed on the Source issues page; -v to print them)",
          file=sys.stderr)
    print(f"build: generator {t['load'] + t['render']:.2f}s, mkdocs {t['mkdocs']:.2f}s", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .serve import serve
    return serve(_root(args), dev_addr=args.dev_addr, open_browser=args.open)


# --------------------------------------------------------------------------- annotations

def _statutes_for_editing(args):
    from .pipeline import load_statutes
    return load_statutes(_root(args))


def cmd_confirm(args) -> int:
    from .annotations.edit import confirm
    root = _root(args)
    try:
        statutes = _statutes_for_editing(args)
        result = confirm(root, statutes, args.target)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_INPUT
    rel = result.path.relative_to(root)
    if not result.items:
        print(f"{rel}: nothing to confirm (no stale note or translation)", file=sys.stderr)
    for item in result.items:
        print(f"{rel}: confirmed {item} against the current Chinese", file=sys.stderr)
    return EXIT_OK


def cmd_annotate(args) -> int:
    from .annotations.edit import new_file
    root = _root(args)
    try:
        path = new_file(root, _statutes_for_editing(args), args.target)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_INPUT
    print(f"created {path.relative_to(root)}", file=sys.stderr)
    return EXIT_OK


def cmd_import_translations(args) -> int:
    from .annotations.edit import import_translations
    root = _root(args)
    try:
        counts = import_translations(root, _statutes_for_editing(args), args.statute, Path(args.file),
                                     args.reviewer, args.date, replace=args.replace)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_INPUT
    print(f"import: {counts['added']} added, {counts['replaced']} replaced, {counts['kept']} kept "
          f"(already reviewed; --replace to overwrite) in {counts['files']} files", file=sys.stderr)
    return EXIT_OK
# --------------------------------------------------------------------------- translate

def cmd_translate(args) -> int:
    """Fill machine drafts; the MT stack is imported only when there is work for it."""
    from .pipeline import load_project
    from .translate.memory import TM_RELPATH, TranslationMemory
    from .translate import argos
    from .translate.run import plan, run
    from .translate.terms import default_terms

    root = _root(args)
    if args.install_model:
        try:
            info = argos.install_model(Path(args.install_model))
        except argos.MissingExtra as exc:
            print(exc, file=sys.stderr)
            return EXIT_MT
        except argos.ArgosError as exc:
            print(exc, file=sys.stderr)
            return EXIT_USAGE
        print(f"translate: installed {info.name} {info.version} into {info.path}", file=sys.stderr)

    try:
        project = load_project(root)
        memory = TranslationMemory.for_project(root)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        print(f"translate: {_summary(exc.diagnostics)}; nothing was translated or written", file=sys.stderr)
        return EXIT_INPUT
    _print_diagnostics(memory.diagnostics)

    if args.statute:
        unknown = [s for s in args.statute if s not in project.statutes]
        if unknown:
            print(f"translate: unknown statute {', '.join(unknown)}; known: {', '.join(project.statutes)}",
                  file=sys.stderr)
            return EXIT_USAGE
    work = plan(project, memory, args.statute)
    pending = len(work.jobs)

    if args.dry_run:
        for job in work.jobs:
            why = "Chinese changed" if job.stale else "no draft"
            print(f"{job.statute} {job.segment.eid}: {why}")
        for entry in work.orphans:
            print(f"{entry.statute} {entry.eid}: draft of a segment that no longer exists (would be removed)")
        print(f"translate (dry run): would translate {pending} ({work.stale} with changed Chinese), "
              f"cached {work.cached}, would remove {len(work.orphans)}; nothing was written",
              file=sys.stderr)
        return EXIT_OK

    if not pending and not work.orphans:
        print(f"translate: translated 0, cached {work.cached}, stale replaced 0; "
              f"{TM_RELPATH.as_posix()} is up to date", file=sys.stderr)
        return EXIT_OK

    translator = None
    if pending:
        try:
            translator = argos.ArgosTranslator()
        except argos.MissingExtra as exc:
            print(exc, file=sys.stderr)
            print(f"translate: {pending} segment(s) wait for a draft", file=sys.stderr)
            return EXIT_MT
        except argos.MissingModel as exc:
            print(exc, file=sys.stderr)
            print(f"translate: {pending} segment(s) wait for a draft", file=sys.stderr)
            return EXIT_MT
        except argos.ArgosError as exc:
            print(exc, file=sys.stderr)
            return EXIT_MT
        print(f"translate: {pending} segment(s) to translate with {translator.model} "
              f"{translator.model_version}", file=sys.stderr)

    def progress(done: int, total: int) -> None:
        if args.verbose or done == total or done % 25 == 0:
            print(f"translate: {done}/{total}", file=sys.stderr)

    terms = default_terms(project)
    try:
        result = run(work, memory, translator, terms, progress=progress)
    except argos.ArgosError as exc:
        print(exc, file=sys.stderr)
        print(f"translate: stopped; the drafts made before the failure are saved in "
              f"{TM_RELPATH.as_posix()}", file=sys.stderr)
        return EXIT_MT
    except OSError as exc:
        print(f"translate: cannot write {TM_RELPATH.as_posix()}: {exc}", file=sys.stderr)
        return EXIT_INPUT

    for sid, eid, missing in result.terms_missing:
        names = ", ".join(f"{t['zh']} ({t['en']})" for t in missing)
        print(f"{TM_RELPATH.as_posix()}: warning: {sid} {eid}: the model lost the placeholder of {names}; "
              "the draft lacks the term (recorded as terms_missing) — review it", file=sys.stderr)
    for sid, eid, why in result.failed:
        print(f"translate: error: {sid} {eid}: {why}; no draft stored", file=sys.stderr)
    print(f"translate: {result.summary()}"
          + (f"; wrote {TM_RELPATH.as_posix()}" if result.written else ""), file=sys.stderr)
    return EXIT_MT if result.failed else EXIT_OK
def cmd_bundle(args) -> int:
    from .build import BuildError
    from .bundle import BundleError, build_bundle, check_name
    root = _root(args)
    if args.name:
        try:
            check_name(args.name)
        except ValueError as exc:
            print(f"bundle: {exc}", file=sys.stderr)
            return EXIT_USAGE
    try:
        report = build_bundle(root, name=args.name, strict=not args.no_strict)
    except InputError as exc:
        _print_diagnostics(exc.diagnostics)
        print(f"bundle: {_summary(exc.diagnostics)}; no bundle was written", file=sys.stderr)
        return EXIT_INPUT
    except (BuildError, BundleError) as exc:
        for problem in exc.problems:
            print(f"bundle: {problem}", file=sys.stderr)
        print(f"bundle: {exc}; no bundle was written (dist/ is unchanged)", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"bundle: {exc.filename or ''}: {exc.strerror or exc}; no bundle was written (dist/ is unchanged)",
              file=sys.stderr)
        return EXIT_INPUT
    if args.verbose:
        _print_diagnostics(report.diagnostics, min_severity="warning")
    t = report.timings
    try:
        shown = report.path.relative_to(Path.cwd())
    except ValueError:
        shown = report.path
    print(f"bundle: {shown} ({report.files} files, {report.size / 1e6:.1f} MB); unzip it and open "
          f"{report.name}-offline/index.html, no network needed", file=sys.stderr)
    print(f"bundle: generator {t['load'] + t['render']:.2f}s, mkdocs {t['mkdocs']:.2f}s, zip {t['zip']:.2f}s",
          file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------- link

def cmd_link(args) -> int:
    from .linking.command import cmd_link as run
    return run(args, root=_root(args), read_text=read_text_any, print_diagnostics=_print_diagnostics)


# --------------------------------------------------------------------------- main

def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="statute-site", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"statute-site {__version__}")
    parser.add_argument("--root", help="project directory (default: the nearest one holding source/manifest.yaml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="generate the Markdown and build site/ with MkDocs")
    p.add_argument("--strict", action="store_true", default=True,
                   help="fail on any MkDocs warning (broken link, missing page); the default")
    p.add_argument("--no-strict", action="store_true", help="let MkDocs warnings through")
    p.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="live preview: edits in source/ or annotations/ show in the browser")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    p.add_argument("--open", action="store_true", help="open the preview in a browser")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("bundle", help="build the offline zip dist/<name>-offline.zip (works from file://)")
    p.add_argument("--name", help="zip and folder name (default: from mkdocs.yml's site_name, else statute-site)")
    p.add_argument("--no-strict", action="store_true", help="let MkDocs warnings through")
    p.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("check", help="validate sources and annotations; errors as path:line: message")
    p.add_argument("-v", "--verbose", action="store_true", help="print notes too")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("parse", help="parse a statute text file and print its structure")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON (chapters, articles, diagnostics)")
    p.add_argument("--expected-articles", type=int, help="how many articles the statute has (reports missing ones)")
    p.add_argument("--whole-file", action="store_true",
                   help="parse the whole file even if the manifest splits it into parts")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("link", help="link a commentary file (plain text or HTML) to the articles it discusses")
    p.add_argument("--statute", required=True, metavar="ID", help="the statute the commentary is about")
    p.add_argument("file", help="plain text (paragraphs separated by blank lines) or HTML")
    p.add_argument("--json", action="store_true", help="print JSON: {statute, paragraphs: [{index, text, links}]}")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("confirm", help="mark stale notes/translations of an article as checked against the current Chinese")
    p.add_argument("target", help="<statute-id>/article-<n> (or <statute-id> for statute.yaml)")
    p.set_defaults(func=cmd_confirm)

    p = sub.add_parser("annotate", help="create an article's annotation file (annotations/<statute>/article-<n>.yaml)")
    p.add_argument("target", help="<statute-id>/article-<n>")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("import-translations", help="import reviewed English from JSON {segment-id: {en, note}}")
    p.add_argument("statute")
    p.add_argument("file")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--replace", action="store_true", help="overwrite translations already in the files")
    p.set_defaults(func=cmd_import_translations)
    p = sub.add_parser("translate", help="fill machine drafts (Argos Translate zh->en) in the translation memory")
    p.add_argument("--statute", action="append", metavar="ID",
                   help="only this statute (repeatable; default: all)")
    p.add_argument("--install-model", metavar="PATH",
                   help="install a zh->en .argosmodel file first (offline route)")
    p.add_argument("--dry-run", action="store_true", help="list what would be translated; write nothing")
    p.add_argument("-v", "--verbose", action="store_true", help="report progress after every segment")
    p.set_defaults(func=cmd_translate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
