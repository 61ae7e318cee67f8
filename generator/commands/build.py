"""``statute-site build``: generate the Markdown, run MkDocs, write site/ (or leave it as it was)."""

from __future__ import annotations

import sys

from generator.commands.common import EXIT_INPUT, EXIT_OK, print_diagnostics, project_root, summary
from generator.diagnostics import InputError
from generator.site.build import BuildError, build_site


def register(sub) -> None:
    p = sub.add_parser("build", help="generate the Markdown and build site/ with MkDocs")
    p.add_argument("--strict", action="store_true", default=True,
                   help="fail on any MkDocs warning (broken link, missing page); the default")
    p.add_argument("--no-strict", action="store_true", help="let MkDocs warnings through")
    p.add_argument("--full", action="store_true",
                   help="render every page again and recompute every remembered result (a cold build); "
                        "by default only the pages whose input "
                        "changed are, when the navigation, the page set and the configuration are unchanged")
    p.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    p.set_defaults(func=run)


def run(args) -> int:
    root = project_root(args)
    try:
        report = build_site(root, strict=not args.no_strict, full=args.full)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print(f"build: {summary(exc.diagnostics)}; nothing was written and site/ is unchanged",
              file=sys.stderr)
        return EXIT_INPUT
    except BuildError as exc:
        for problem in exc.problems:
            print(f"mkdocs: {problem}", file=sys.stderr)
        print(f"build: {exc}; site/ is unchanged", file=sys.stderr)
        return EXIT_INPUT
    if args.verbose:
        print_diagnostics(report.diagnostics, min_severity="warning")
    t = report.timings
    print(f"build: {report.pages} pages ({report.pages_written} changed since the last build) "
          f"built into {report.site_dir}", file=sys.stderr)
    print(f"build: {report.variants} source variants listed on the Source variants page", file=sys.stderr)
    print(f"build: {summary(report.diagnostics)} (listed on the Source issues page; -v to print them)",
          file=sys.stderr)
    generator = t["load"] + t["render"] + t["write"] + t["index"] + t["audit"] + t["publish"]
    print(f"build: {'warm (changed pages only)' if report.warm else 'cold (every page)'}: generator "
          f"{generator:.2f}s (load {t['load']:.2f}, render {t['render']:.2f}, write {t['write']:.2f}, "
          f"search index {t['index']:.2f} after MkDocs, {report.later_seconds:.2f} beside it, "
          f"check {t['audit']:.2f}, publish {t['publish']:.2f}), mkdocs {t['mkdocs']:.2f}s", file=sys.stderr)
    return EXIT_OK
