"""Commands that write editors' files: ``annotate``, ``confirm``, ``import-translations``."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.annotations.edit import confirm, import_translations, new_file
from generator.commands.common import EXIT_INPUT, EXIT_OK, print_diagnostics, project_root
from generator.diagnostics import InputError
from generator.pipeline import load_statutes


def register(sub) -> None:
    p = sub.add_parser("confirm", help="mark stale notes/translations of an article as checked against the current Chinese")
    p.add_argument("target", help="<statute-id>/article-<n> (or <statute-id> for statute.yaml)")
    p.set_defaults(func=run_confirm)

    p = sub.add_parser("annotate", help="create an article's annotation file (annotations/<statute>/article-<n>.yaml)")
    p.add_argument("target", help="<statute-id>/article-<n>")
    p.set_defaults(func=run_annotate)

    p = sub.add_parser("import-translations", help="import English from JSON {segment-id: {en, note}}, "
                       "labelled with its translator (not as reviewed)")
    p.add_argument("statute")
    p.add_argument("file")
    p.add_argument("--translator", required=True, help="who or what drafted the English")
    p.add_argument("--ai-assisted", action="store_true", help="the English was drafted with AI assistance")
    p.add_argument("--date", required=True, help="YYYY-MM-DD, when the English was drafted")
    p.add_argument("--replace", action="store_true", help="overwrite translations already in the files")
    p.set_defaults(func=run_import_translations)


def run_confirm(args) -> int:
    root = project_root(args)
    try:
        result = confirm(root, load_statutes(root), args.target)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_INPUT
    rel = result.path.relative_to(root)
    if not result.items:
        print(f"{rel}: nothing to confirm (no stale note or translation)", file=sys.stderr)
    for item in result.items:
        print(f"{rel}: confirmed {item} against the current Chinese", file=sys.stderr)
    return EXIT_OK


def run_annotate(args) -> int:
    root = project_root(args)
    try:
        path = new_file(root, load_statutes(root), args.target)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_INPUT
    print(f"created {path.relative_to(root)}", file=sys.stderr)
    return EXIT_OK


def run_import_translations(args) -> int:
    root = project_root(args)
    try:
        counts = import_translations(root, load_statutes(root), args.statute, Path(args.file),
                                     args.translator, args.date, replace=args.replace,
                                     ai_assisted=args.ai_assisted)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_INPUT
    print(f"import: {counts['added']} added, {counts['replaced']} replaced, {counts['kept']} kept "
          f"(already translated; --replace to overwrite) in {counts['files']} files", file=sys.stderr)
    return EXIT_OK
