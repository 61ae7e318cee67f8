"""Reading input files safely: only regular files inside the project, never through a
symbolic link, never bigger than a limit.

* A FIFO, socket or device under ``source/`` or ``annotations/`` would block or never end
  a read; it is refused without being opened (``lstat`` first, then ``O_NONBLOCK`` so even
  a file swapped for a FIFO in between cannot hang the read).
* A symbolic link could point out of the project (``/etc/...``) or make an editor's files
  silently vanish from the site when it dangles: refused, with what to do.
* A file over :data:`MAX_FILE_BYTES` is refused before it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.diagnostics import Diagnostic

MAX_FILE_BYTES = 32 * 1024 * 1024      # no statute, commentary or annotation file comes near it


def file_problem(path: Path, display: str) -> Diagnostic | None:
    """Why ``path`` may not be read as an input, or None."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return Diagnostic("error", f"cannot read the file: {exc.strerror}", path=display, code="io")
    if stat.S_ISLNK(info.st_mode):
        return Diagnostic("error", f"is a symbolic link (to {os.readlink(path)}); links are not followed",
                          path=display, code="symlink",
                          hint="put the file itself here (inputs must live inside the project)")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
        return Diagnostic("error", f"is {kind}", path=display, code="not-a-file",
                          hint="inputs must be ordinary files")
    if info.st_size > MAX_FILE_BYTES:
        return Diagnostic("error", f"is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                          path=display, code="too-large",
                          hint="split the file, or check it is the file you meant")
    return None


def read_input(path: Path, display: str) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a regular input file, or the reason it is refused."""
    problem = file_problem(path, display)
    if problem is not None:
        return None, problem
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        return None, Diagnostic("error", f"cannot read the file: {exc.strerror}", path=display, code="io")
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None, Diagnostic("error", "is not a regular file", path=display, code="not-a-file")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return None, Diagnostic("error", f"is over the limit of {MAX_FILE_BYTES:,} bytes", path=display,
                                code="too-large", hint="split the file")
    return data, None


def refused_dir(path: Path, display: str) -> Diagnostic | None:
    """A folder that must be a real folder (not a link)."""
    if path.is_symlink():
        return Diagnostic("error", f"is a symbolic link (to {os.readlink(path)}); links are not followed",
                          path=display, code="symlink", hint="put the folder itself here")
    return None
