"""What every command shares: exit statuses, printing diagnostics, finding the project."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.project import find_root, is_project_root

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_MT = 0, 1, 2, 3
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class NotAProject(Exception):
    """The command needs a project and there is none where it was asked for."""


# Terminal escape sequences (CSI, OSC, single-character escapes), then any other control
# or bidi character: text from an input must not move the cursor, retitle the window,
# hide itself or reorder what the reader sees.
_ESCAPE_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                              r"|\x1b[@-_]?")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` without terminal escape sequences; other controls shown as U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", _ESCAPE_SEQUENCE.sub("", text))


def print_diagnostics(diags: list[Diagnostic], *, min_severity: str = "warning", stream=None) -> None:
    stream = stream or sys.stderr
    for d in sorted(diags, key=Diagnostic.sort_key):
        if SEVERITY_ORDER[d.severity] <= SEVERITY_ORDER[min_severity]:
            print(terminal_safe(d.format()), file=stream)


def summary(diags: list[Diagnostic]) -> str:
    e = sum(d.severity == "error" for d in diags)
    w = sum(d.severity == "warning" for d in diags)
    i = sum(d.severity == "info" for d in diags)
    return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}, {i} note{'s' * (i != 1)}"


def project_root(args, *, required: bool = True) -> Path | None:
    """The project the command works on: ``--root`` or the nearest one above the current
    folder.  Raises :class:`NotAProject` (or gives None when not ``required``)."""
    if args.root:
        root = Path(args.root).resolve()
        if is_project_root(root):
            return root
        if not required:
            return None
        raise NotAProject(f"{args.root} is not a statute-site project (it has no source/manifest.yaml "
                          "and mkdocs.yml)")
    root = find_root()
    if root is None and required:
        raise NotAProject(f"not in a statute-site project: neither {Path.cwd()} nor any folder above it has "
                          "source/manifest.yaml and mkdocs.yml; run the command inside a project or pass "
                          "--root DIR")
    return root
