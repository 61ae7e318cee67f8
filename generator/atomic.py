"""Writing a file all at once: readers (and a killed process) see the old file or the new one.

Every command that changes an editor's file (``add``, ``annotate``, ``confirm``,
``import-translations``, ``translate``) writes through :func:`write_atomic`, so a crash or a
full disk never leaves a half-written manifest, annotation or translation memory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one rename.

    The temporary file sits beside the target (same file system), is flushed to disk before
    the rename, keeps the target's permission bits, and is removed if anything fails."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
