"""Which files under annotations/ are annotation files: every entry is accounted for.

Nothing is skipped in silence: a file whose name is not exactly one the loader reads, a
folder where none belongs, a symbolic link, a FIFO: each is reported with its path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.sources.files import file_problem, refused_dir

ARTICLE_FILE = re.compile(r"^article-([1-9][0-9]*)\.yaml$")
STATUTE_FILE = "statute.yaml"
COMMENTARY_FOLDER = "commentary"           # English of commentary paragraphs, per document
DOCUMENT_FILE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$")
TM_FILE = "translation-memory.jsonl"       # generator/english/memory.py reads it
CONCORDANCE_FILE = "concordance.yaml"      # corrections of the concordance (generator/annotations/concordance.py)


def annotation_files(root: Path, base: Path):
    """Every entry under annotations/, without following links: (path, None) for a file to
    load, (path, diagnostic) for anything else there.  Nothing is skipped in silence:
    ``article-12.YAML``, ``article-12.yaml `` (a trailing space), a stray file, a link, a
    FIFO are all reported (hidden files, such as ``.gitkeep``, as warnings)."""
    problem = refused_dir(base, "annotations")
    if problem is not None:
        yield base, problem
        return
    for folder, dirs, files in os.walk(base, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            sub = here / name
            rel = sub.relative_to(root).as_posix()
            if sub.is_symlink():
                yield sub, refused_dir(sub, rel)
            elif here != base:
                yield sub, Diagnostic("error", "unexpected folder: annotation files live directly in "
                                      "annotations/<statute-id>/", path=rel, code="annotation-location",
                                      hint="move its files up into annotations/<statute-id>/")
        dirs[:] = [d for d in sorted(dirs) if here == base and not (here / d).is_symlink()]
        for name in sorted(files):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if here == base and name == TM_FILE:
                continue
            problem = file_problem(path, rel)
            commentary = here.parent == base and here.name == COMMENTARY_FOLDER
            expected = name.endswith(".yaml") and here != base and (
                commentary and DOCUMENT_FILE.match(name) or ARTICLE_FILE.match(name) or name == STATUTE_FILE
                or not commentary and name == CONCORDANCE_FILE)
            if problem is None and not expected:
                severity = "warning" if name.startswith(".") else "error"
                problem = Diagnostic(severity, f"unexpected file {name!r} (it is not read)", path=rel,
                                     code="unexpected-file",
                                     hint="annotation files are annotations/<statute-id>/article-<n>.yaml, "
                                          "statute.yaml or concordance.yaml, or annotations/commentary/<document-id>.yaml, named "
                                          "exactly so (lower case, no spaces); rename or remove this one")
            yield path, problem
