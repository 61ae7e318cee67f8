"""``statute-site compare OLD_FILE NEW_FILE [--json]``: the article concordance of two
versions of a statute (any format ``parse`` reads)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics
from generator.diagnostics import Diagnostic, InputError
from generator.versions.compare import compare, summary_lines
from generator.versions.read import read_version


def register(sub) -> None:
    p = sub.add_parser("compare", help="pair the articles of two versions of a statute (新旧对照)")
    p.add_argument("old_file", metavar="OLD_FILE")
    p.add_argument("new_file", metavar="NEW_FILE")
    p.add_argument("--json", action="store_true",
                   help='print {"old": {...}, "new": {...}, "map": [{"old": [..], "new": [..], "kind": ..}]}')
    p.add_argument("--format", choices=["text", "markdown", "html", "docx"],
                   help="how to read both files (default: detected from each file's content)")
    p.set_defaults(func=run)


def run(args) -> int:
    versions = []
    for name in (args.old_file, args.new_file):
        path = Path(name)
        if not path.is_file():
            print(f"{path}: error: no such file", file=sys.stderr)
            return EXIT_USAGE
        try:
            version = read_version(path, args.format)
        except InputError as exc:
            print_diagnostics(exc.diagnostics)
            return EXIT_USAGE
        print_diagnostics(version.diagnostics)
        if not version.articles:
            print_diagnostics([Diagnostic("error", "no articles (第…条) found: nothing to compare", path=str(path),
                                          hint="check that this is the statute's text; "
                                               "`statute-site parse FILE` shows what was found")])
            return EXIT_INPUT
        versions.append(version)
    _, data = compare(*versions)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(data)))
    return EXIT_OK
