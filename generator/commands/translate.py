"""``statute-site translate``: fill machine drafts in the translation memory.

The machine-translation stack (argostranslate and its dependencies) is imported only when
there is something to translate, through :mod:`generator.english.argos`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands.common import (EXIT_INPUT, EXIT_MT, EXIT_OK, EXIT_USAGE, print_diagnostics, project_root,
                                       summary)
from generator.diagnostics import InputError
from generator.english import argos
from generator.english.memory import TM_RELPATH, TranslationMemory
from generator.english.run import Plan, plan, run as run_plan
from generator.english.terms import default_terms
from generator.pipeline import load_project

TM = TM_RELPATH.as_posix()


def register(sub) -> None:
    p = sub.add_parser("translate", help="fill machine drafts (Argos Translate zh->en) in the translation memory")
    p.add_argument("--statute", action="append", metavar="ID",
                   help="only this statute (repeatable; default: all)")
    p.add_argument("--install-model", metavar="PATH",
                   help="install a zh->en .argosmodel file first (offline route)")
    p.add_argument("--dry-run", action="store_true", help="list what would be translated; write nothing")
    p.add_argument("-v", "--verbose", action="store_true", help="report progress after every segment")
    p.set_defaults(func=run)


def _install(path: str) -> int | None:
    """Install a model package; an exit status on failure, None on success."""
    try:
        info = argos.install_model(Path(path))
    except argos.MissingExtra as exc:
        print(exc, file=sys.stderr)
        return EXIT_MT
    except argos.ArgosError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    print(f"translate: installed {info.name} {info.version} into {info.path}", file=sys.stderr)
    return None


def _print_dry_run(work: Plan) -> None:
    for job in work.jobs:
        why = "Chinese changed" if job.stale else "no draft"
        print(f"{job.statute} {job.segment.eid}: {why}")
    for entry in work.orphans:
        print(f"{entry.statute} {entry.eid}: draft of a segment that no longer exists (would be removed)")
    print(f"translate (dry run): would translate {len(work.jobs)} ({work.stale} with changed Chinese), "
          f"cached {work.cached}, would remove {len(work.orphans)}; nothing was written", file=sys.stderr)


def _translator(pending: int):
    """(the Argos translator, None) or (None, an exit status) when it cannot be had."""
    try:
        translator = argos.ArgosTranslator()
    except (argos.MissingExtra, argos.MissingModel) as exc:
        print(exc, file=sys.stderr)
        print(f"translate: {pending} segment(s) wait for a draft", file=sys.stderr)
        return None, EXIT_MT
    except argos.ArgosError as exc:
        print(exc, file=sys.stderr)
        return None, EXIT_MT
    print(f"translate: {pending} segment(s) to translate with {translator.model} {translator.model_version}",
          file=sys.stderr)
    return translator, None


def _translate(args, project, memory: TranslationMemory, work: Plan, translator) -> int:
    def progress(done: int, total: int) -> None:
        if args.verbose or done == total or done % 25 == 0:
            print(f"translate: {done}/{total}", file=sys.stderr)

    try:
        result = run_plan(work, memory, translator, default_terms(project), progress=progress)
    except argos.ArgosError as exc:
        print(exc, file=sys.stderr)
        print(f"translate: stopped; the drafts made before the failure are saved in {TM}", file=sys.stderr)
        return EXIT_MT
    except OSError as exc:
        print(f"translate: cannot write {TM}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for sid, eid, missing in result.terms_missing:
        names = ", ".join(f"{t['zh']} ({t['en']})" for t in missing)
        print(f"{TM}: warning: {sid} {eid}: the model lost the placeholder of {names}; "
              "the draft lacks the term (recorded as terms_missing) — review it", file=sys.stderr)
    for sid, eid, why in result.failed:
        print(f"translate: error: {sid} {eid}: {why}; no draft stored", file=sys.stderr)
    print(f"translate: {result.summary()}" + (f"; wrote {TM}" if result.written else ""), file=sys.stderr)
    return EXIT_MT if result.failed else EXIT_OK


def run(args) -> int:
    root = project_root(args)
    if args.install_model:
        status = _install(args.install_model)
        if status is not None:
            return status
    try:
        project = load_project(root)
        memory = TranslationMemory.for_project(root)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print(f"translate: {summary(exc.diagnostics)}; nothing was translated or written", file=sys.stderr)
        return EXIT_INPUT
    print_diagnostics(memory.diagnostics)
    unknown = [s for s in args.statute or () if s not in project.statutes]
    if unknown:
        print(f"translate: unknown statute {', '.join(unknown)}; known: {', '.join(project.statutes)}",
              file=sys.stderr)
        return EXIT_USAGE
    work = plan(project, memory, args.statute)
    if args.dry_run:
        _print_dry_run(work)
        return EXIT_OK
    if not work.jobs and not work.orphans:
        print(f"translate: translated 0, cached {work.cached}, stale replaced 0; {TM} is up to date",
              file=sys.stderr)
        return EXIT_OK
    translator = None
    if work.jobs:
        translator, status = _translator(len(work.jobs))
        if translator is None:
            return status
    return _translate(args, project, memory, work, translator)
