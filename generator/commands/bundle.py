"""``statute-site bundle``: the offline zip for trainers."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from generator.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics, project_root, summary
from generator.diagnostics import InputError
from generator.project import Paths
from generator.site.build import BuildError
from generator.sources.manifest import load_manifest
from generator.site.bundle import BundleError, build_bundle, check_name


def register(sub) -> None:
    p = sub.add_parser("bundle", help="build the offline zip dist/<name>-offline.zip (works from file://)")
    p.add_argument("--name", help="zip and folder name (default: from mkdocs.yml's site_name, else statute-site)")
    p.add_argument("--statute", action="append", metavar="ID", dest="statutes",
                   help="only this statute (repeat for several): its pages, search data and the assets, as if "
                        "the library held nothing else (default: every statute)")
    p.add_argument("--no-strict", action="store_true", help="let MkDocs warnings through")
    p.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    p.set_defaults(func=run)


def unknown_statutes(root: Path, ids: list[str]) -> str | None:
    """A usage message when an id is not a statute of the project (read from the manifest
    alone, before any parsing), else None."""
    try:
        known = load_manifest(Paths(root).source).statutes
    except InputError:
        return None                   # the build reports the manifest's errors in full
    unknown = [sid for sid in ids if sid not in known]
    if not unknown:
        return None
    hints = []
    for sid in unknown:
        close = difflib.get_close_matches(sid, list(known), n=3)
        hints.append(f"'{sid}'" + (f" (did you mean {', '.join(close)}?)" if close else ""))
    return (f"--statute: no statute {', '.join(hints)} in this project; an id is a key under `statutes:` "
            f"in source/manifest.yaml ({len(known)} there)")


def run(args) -> int:
    root = project_root(args)
    if args.name:
        try:
            check_name(args.name)
        except ValueError as exc:
            print(f"bundle: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.statutes:
        problem = unknown_statutes(root, args.statutes)
        if problem:
            print(f"bundle: {problem}", file=sys.stderr)
            return EXIT_USAGE
    try:
        report = build_bundle(root, name=args.name, strict=not args.no_strict, statutes=args.statutes)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print(f"bundle: {summary(exc.diagnostics)}; no bundle was written", file=sys.stderr)
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
        print_diagnostics(report.diagnostics, min_severity="warning")
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
