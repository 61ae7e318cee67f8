"""``statute-site check [-v]``: validate sources and annotations only; write nothing."""

from __future__ import annotations

import sys

from generator.commands.common import EXIT_INPUT, EXIT_OK, print_diagnostics, project_root, summary
from generator.diagnostics import InputError
from generator.pipeline import load_project


def register(sub) -> None:
    p = sub.add_parser("check", help="validate sources and annotations; errors as path:line: message")
    p.add_argument("-v", "--verbose", action="store_true", help="print notes too")
    p.set_defaults(func=run)


def run(args) -> int:
    root = project_root(args)
    try:
        project = load_project(root)
    except InputError as exc:
        print_diagnostics(exc.diagnostics, min_severity="info" if args.verbose else "warning")
        print(f"check: {summary(exc.diagnostics)}; fix the errors above", file=sys.stderr)
        return EXIT_INPUT
    diags = project.diagnostics
    if args.verbose:
        print_diagnostics(diags, min_severity="info")
    else:
        # Editors act on their own files; defects of the raw sources are summarised (they are
        # listed in full on the Source issues page and with -v).
        source_warnings = [d for d in diags if d.severity == "warning" and (d.path or "").startswith("source/")]
        print_diagnostics([d for d in diags if d not in source_warnings], min_severity="warning")
        if source_warnings:
            files = sorted({d.path for d in source_warnings})
            print(f"check: {len(source_warnings)} warnings about defects in the raw sources "
                  f"({', '.join(files)}); see the Source issues page or run `statute-site check -v`",
                  file=sys.stderr)
    print(f"check: {summary(diags)}; {len(project.variants)} source variants", file=sys.stderr)
    return EXIT_OK
