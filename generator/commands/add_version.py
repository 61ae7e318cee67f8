"""``statute-site add FILE --version-of ID --date YYYY-MM-DD``: another dated version of a
statute (see :mod:`generator.commands.add`).  An earlier date adds a past text; a later date
makes the file the current text and the previous one a version."""

from __future__ import annotations

import datetime
import hashlib
import sys
from pathlib import Path

from generator.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostics, summary
from generator.diagnostics import InputError
from generator.pipeline import load_sources
from generator.project import Sources
from generator.sources.manifest import MANIFEST_NAME
from generator.atomic import write_atomic
from generator.sources.manifest_edit import NewStatute, add_version
from generator.versions.build import current_version


def _date(text: str | None) -> str | None:
    try:
        return datetime.date.fromisoformat(text).isoformat() if text and len(text) == 10 else None
    except ValueError:
        return None


def report(sources: Sources, sid: str, date: str) -> None:
    versions = sources.versions.get(sid)
    if versions is None:
        return
    listed = ", ".join(f"{v.date} {v.event or ''}".strip() + (" (current)" if v.current else "")
                       for v in versions.versions)
    print(f"add: {sid} has {len(versions.versions)} versions: {listed}", file=sys.stderr)
    for pair in versions.pairs:
        if date in (pair.old.date, pair.new.date):
            counts = ", ".join(f"{n} {k}" for k, n in pair.counts().items())
            print(f"add: {pair.old.date} → {pair.new.date}: {counts}", file=sys.stderr)


def run_version(args, root: Path, path: Path, raw: bytes, fmt: str, title: str, helpers) -> int:
    """``helpers``: (target_name, encoding, trial_sources) from the add command."""
    target_name, encoding, trial_sources = helpers
    sid, date = args.version_of, _date(args.date)
    if date is None:
        print(f"add: error: --version-of needs --date YYYY-MM-DD (a real date), not {args.date!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        sources = load_sources(root)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print("add: the project has errors; fix them first (statute-site check)", file=sys.stderr)
        return EXIT_INPUT
    statute = sources.statutes.get(sid)
    if statute is None:
        print(f"add: error: no statute '{sid}' in source/{MANIFEST_NAME} (known: "
              f"{', '.join(sorted(sources.statutes)) or 'none'}); add it first with --id", file=sys.stderr)
        return EXIT_USAGE
    current = current_version(statute)
    known = {v.date for v in statute.spec.versions} | {current.date}
    if date in known:
        print(f"add: error: {sid} already has a version dated {date}", file=sys.stderr)
        return EXIT_USAGE
    later = current.date is None or date > current.date
    if later and current.date is None:
        print(f"add: error: the current text of {sid} has no date, so it is not known whether {date} is earlier "
              f"or later; set `text_as_of:` for {sid} in source/{MANIFEST_NAME}", file=sys.stderr)
        return EXIT_USAGE
    event = args.event or ("draft" if any(w in title for w in ("草案", "征求意见稿", "送审稿")) else "amended")
    name = target_name(root / "source", f"{sid}-{date}", fmt)
    new = NewStatute(id=sid, file=name, sha256=hashlib.sha256(raw).hexdigest(), format=fmt,
                     original_name=path.name, title=title, status=statute.spec.status, encoding=encoding(raw, fmt))
    new.authoritative = later
    manifest_path = root / "source" / MANIFEST_NAME
    previous = (statute.source.ref, current.date, current.event or "amended")
    manifest_text = add_version(manifest_path.read_text(encoding="utf-8"), new, date, event, previous)
    try:
        trial = trial_sources(root, name, raw, manifest_text)
    except InputError as exc:
        print_diagnostics(exc.diagnostics)
        print(f"add: {summary(exc.diagnostics)}; the version would not build, so nothing was changed",
              file=sys.stderr)
        return EXIT_INPUT
    write_atomic(root / "source" / name, raw)
    write_atomic(manifest_path, manifest_text.encode("utf-8"))
    report(trial, sid, date)
    role = "the current text" if later else "an earlier version"
    print(f"add: wrote source/{name} as {role} of {sid} ({date} {event}) and its entry in "
          f"source/{MANIFEST_NAME}; run `statute-site build` to publish it", file=sys.stderr)
    return EXIT_OK
