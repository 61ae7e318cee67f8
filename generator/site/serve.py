"""Live preview for editors: ``statute-site serve``.

A watcher regenerates the Markdown whenever a file in source/, annotations/ or the
manifest changes; MkDocs's own livereload server notices the changed pages, rebuilds them
(dirty build: only what changed) and reloads the browser.  An edit that breaks something
prints the problems in the terminal and the last good pages stay in place, so the
preview keeps showing the last good site until the file is fixed.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from generator.site.build import write_tree
from generator.diagnostics import Diagnostic, InputError
from generator.pipeline import load_project
from generator.project import Paths
from generator.render.site import render_site

DEBOUNCE_SECONDS = 0.15


_CACHE: dict = {}


def regenerate(root: Path, out=sys.stderr) -> bool:
    """Regenerate build/docs; on bad input print why and leave the last good pages.

    The parsed sources are reused while source/ is unchanged, so an annotation edit costs
    only the annotation stages and rendering.
    """
    started = time.perf_counter()
    try:
        project = load_project(root, _CACHE.get(root), use_cache=True)
        _CACHE[root] = project.sources
        site = render_site(project)
    except InputError as exc:
        for d in sorted(exc.diagnostics, key=Diagnostic.sort_key):
            print(d.format(), file=out)
        print("serve: the preview keeps showing the last good version until this is fixed", file=out)
        return False
    changed = write_tree(Paths(root).docs, site)
    print(f"serve: regenerated in {time.perf_counter() - started:.2f}s ({changed} pages changed)", file=out)
    return True


class _Regenerator:
    """Collapses bursts of file events (editors' save dances) into one regeneration."""

    def __init__(self, root: Path):
        self.root = root
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def poke(self, path: str) -> None:
        name = Path(path).name
        if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, regenerate, args=(self.root,))
            self._timer.daemon = True
            self._timer.start()


def watch(root: Path):
    """Start watching source/ and annotations/; returns the observer (call .stop())."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    regen = _Regenerator(root)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type in ("created", "modified", "deleted", "moved") and not event.is_directory:
                regen.poke(getattr(event, "dest_path", None) or event.src_path)

    observer = Observer()
    paths = Paths(root)
    for folder in (paths.source, paths.annotations):
        folder.mkdir(exist_ok=True)
        observer.schedule(Handler(), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def serve(root: Path, dev_addr: str = "127.0.0.1:8000", open_browser: bool = False) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    if not regenerate(root) and not (Paths(root).docs / "index.md").exists():
        print("serve: no good version to show yet; fix the errors above and run serve again", file=sys.stderr)
        return 1
    observer = watch(root)
    host, _, port = dev_addr.rpartition(":")
    print(f"serve: previewing at http://{host or '127.0.0.1'}:{port}/ (edits show on save; Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    try:
        mkdocs_serve(config_file=str(Paths(root).mkdocs_yml), livereload=True, build_type="dirty",
                     watch=[str(Paths(root).site_config)], dev_addr=dev_addr, open_in_browser=open_browser)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
    return 0
