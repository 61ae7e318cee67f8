"""Files made beside MkDocs: the search index is computed while MkDocs renders the pages.

No page's Markdown depends on the search index (the results page loads it in the browser),
so MkDocs need not wait for it.  :class:`LaterFiles` forks a process as soon as the pages
are rendered; it makes the files of :attr:`RenderedSite.later` while this process writes
the docs tree and MkDocs renders it on the other core.  After MkDocs, :meth:`result` takes
the files (and the memo entries the process computed, :func:`generator.cache.adopt`, so a
long-running ``serve`` remembers them as if they had been computed here); the process has
saved the build's memos to build/.cache meanwhile (:func:`generator.cache.save_memos`: the
build need not write them after MkDocs), and :func:`place` writes
them into the docs tree and the built site before the site is checked and published.

Nothing depends on the second process succeeding: if it cannot be forked, fails, or dies,
the files are made here instead (a real error then surfaces as it would have anyway).
On a machine with one core the two processes share it and the build costs what it did.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import time
from pathlib import Path
from typing import Callable

from generator import cache
from generator.site.incremental import remove_unwanted, replace_if_changed

Makers = dict[str, Callable[[], dict[str, str]]]


def _make(makers: Makers) -> dict[str, str]:
    files: dict[str, str] = {}
    for make in makers.values():
        files.update(make())
    return files


def _worker(makers: Makers, cache_dir: Path | None, conn) -> None:
    # The build's objects, inherited, are never this process's garbage: frozen, a collection
    # here does not walk them (nor copy their pages, shared with the build's).
    gc.freeze()
    try:
        inherited = cache.usage()
        cache.forget_usage()
        start = time.perf_counter()
        files = _make(makers)
        entries = cache.fresh_entries(cache_dir)
        # The memos are saved here, beside MkDocs, not by the build after it: this
        # process holds the build's entries (inherited) and its own.
        cache.note_used(inherited)
        stored = False
        with contextlib.suppress(OSError):
            cache.save_memos(cache_dir)
            stored = cache_dir is not None
        conn.send((files, entries, stored, time.perf_counter() - start))
    except BaseException:         # the parent makes the files itself and reports the error
        conn.send(None)
    finally:
        conn.close()


class LaterFiles:
    """One build's later files, made in a second process where one can be forked."""

    def __init__(self, makers: Makers, cache_dir: Path | None) -> None:
        self.makers, self.cache_dir = dict(makers), cache_dir
        self.process = self.conn = None
        self.used: dict[str, set] = {}   # the memo entries the build had used when it forked
        self.seconds = 0.0        # the second process's own time (beside MkDocs)

    def __enter__(self) -> "LaterFiles":
        if self.makers:
            with contextlib.suppress(ValueError, OSError):
                context = multiprocessing.get_context("fork")
                self.conn, child = context.Pipe(duplex=False)
                self.used = cache.usage()
                self.process = context.Process(target=_worker, args=(self.makers, self.cache_dir, child),
                                               daemon=True)
                self.process.start()
                child.close()
        return self

    def result(self) -> dict[str, str]:
        """The files (waiting for the second process if it is still at work)."""
        found = None
        if self.process is not None:
            with contextlib.suppress(EOFError, OSError):
                found = self.conn.recv()
            self.process.join()
        if found is None:
            return _make(self.makers)
        files, entries, stored, self.seconds = found
        if stored:
            cache.adopt(entries, stored_in=self.cache_dir)
            cache.stored_elsewhere(self.cache_dir, self.used)
        else:
            cache.adopt(entries)
        return files

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        if self.conn is not None:
            self.conn.close()


def place(root: Path, folders, files: dict[str, str], linked_from: Path | None = None) -> int:
    """Make the ``folders`` under ``root`` hold exactly ``files`` (docs paths): a file whose
    bytes are unchanged is left alone, a changed one replaced (never written through a hard
    link shared with the published build), one no longer made removed.  Returns how many
    files were written or removed.

    ``linked_from``: a tree the files were just placed in (the docs tree): each is taken as
    a hard link to its file there instead of being written again (tens of megabytes at the
    library's size); where a link cannot be made (another file system) it is written."""
    changed = 0
    for rel, content in files.items():
        linked = _link(linked_from / rel, root / rel) if linked_from is not None else None
        if linked is None:
            changed += replace_if_changed(root / rel, content.encode("utf-8"))
        else:
            changed += linked
    for folder in folders:
        inside = {os.path.relpath(os.path.normpath(rel), folder) for rel in files}
        changed += remove_unwanted(root / folder, inside)
    return changed


def _link(source: Path, dest: Path) -> bool | None:
    """``dest`` becomes a hard link to ``source`` (replacing, never writing through, what was
    there): True if linked now, False if it was that file already, None if no link could be
    made (the caller writes the file)."""
    with contextlib.suppress(OSError):
        if os.path.samefile(source, dest):
            return False
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.tmp")
        tmp.unlink(missing_ok=True)
        os.link(source, tmp)
        os.replace(tmp, dest)
        return True
    except OSError:
        return None
