"""The post-build check run beside MkDocs: each page is checked as MkDocs writes it.

MkDocs renders pages one after another on one core.  While it does, a second process
checks each page it has finished (the MkDocs hook hands over the page's final bytes,
:func:`submit`) with the same function as the check after the build
(:func:`generator.site.audit.audit_html`), and answers the SHA-256 of the pages it found
clean.  The check after the build (:func:`generator.site.audit.audit_site`) still looks
at every file of the built site; it only skips parsing a page whose exact bytes were found
clean here.  So nothing goes unchecked: a page this process did not see, or saw with other
bytes, or found a problem in, is parsed after the build as before; on a machine with one
core the two processes share it and the build costs what it did.

Used only where processes can be forked (Linux, macOS); elsewhere the check runs after
MkDocs alone.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import queue
from pathlib import Path

from generator.site.audit import audit_html

_ACTIVE: dict[str, "OverlappedAudit"] = {}


def _worker(site: str, base: str, pages, answers, parent: int) -> None:
    gc.freeze()          # the build's objects, inherited: not this process's garbage (later_files)
    harmless: dict = {}
    clean: list[str] = []
    while True:
        try:
            item = pages.get(timeout=1)
        except queue.Empty:
            if os.getppid() != parent:       # the build was killed: nobody will ask
                return
            continue
        if item is None:
            break
        rel, data = item
        if not audit_html(Path(site), rel, data.decode("utf-8", errors="replace"), harmless, base):
            clean.append(hashlib.sha256(data).hexdigest())
    answers.put(clean)


class OverlappedAudit:
    """One build's checking process (a context manager around MkDocs's run)."""

    def __init__(self, site_dir: Path, base: str = "/") -> None:
        self.site_dir, self.base = os.path.realpath(site_dir), base
        self.process = None
        self.clean: frozenset[str] = frozenset()

    def __enter__(self) -> "OverlappedAudit":
        with contextlib.suppress(ValueError, OSError):
            context = multiprocessing.get_context("fork")
            self.pages, self.answers = context.Queue(maxsize=256), context.Queue()
            self.process = context.Process(target=_worker, args=(self.site_dir, self.base, self.pages, self.answers, os.getpid()),
                                           daemon=True)
            self.process.start()
            _ACTIVE[self.site_dir] = self
        return self

    def submit(self, rel: str, data: bytes) -> None:
        if self.process is not None:
            self.pages.put((rel, data))

    def finish(self) -> frozenset[str]:
        """The SHA-256 of the pages found clean (empty if the process failed)."""
        if self.process is None:
            return frozenset()
        self.pages.put(None)
        with contextlib.suppress(queue.Empty):
            self.clean = frozenset(self.answers.get(timeout=3600))
        self.process.join(timeout=10)
        return self.clean

    def __exit__(self, *exc) -> None:
        _ACTIVE.pop(self.site_dir, None)
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()


def submit(site_dir: str, dest_uri: str, html: str) -> None:
    """From the MkDocs hook: a page's final HTML, as MkDocs is about to write it."""
    audit = _ACTIVE.get(os.path.realpath(site_dir)) if _ACTIVE else None
    if audit is not None:
        audit.submit(dest_uri, html.encode("utf-8", errors="xmlcharrefreplace"))
