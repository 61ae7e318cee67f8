"""Live preview for editors: ``statute-site serve``.

The preview is a real build, made (and checked) the way ``build`` makes one but published
as ``build/preview/site`` (:func:`generator.site.build.build_site` with ``preview=True``;
the first one starts warm from the published ``site`` when it can), so an edit is shown
through the same warm path: the Markdown is regenerated, and only the
pages whose Markdown changed are rendered again by MkDocs (:mod:`.incremental`).  The
parsed sources are reused while ``source/`` is unchanged, so an annotation edit costs only
the annotation stages, rendering and the changed pages.

MkDocs's live-reload server serves the preview, watches ``source/``, ``annotations/``,
``site_config/`` and ``mkdocs.yml``, runs :func:`rebuild` after a burst of changes and
reloads the browser (the server leaves out the pages' Content-Security-Policy meta, which
would block its inline reload script).  An edit that breaks something prints the problems in the terminal;
the last good preview stays in place until the file is fixed.

When the edit is to article annotation files or source files only, the edited pages are shown on their own
first (:mod:`generator.site.quick_preview`: within a second at any library size) and the
browser reloads; the whole warm build follows and the browser reloads again.

Between rebuilds the objects the last one left (the project: gigabytes of them in a large
library) are frozen out of the garbage collector (``gc.freeze``), so a collection during
the next quick preview does not walk them all (half a second at the corpus); they are
unfrozen before the whole build, so what that build drops is collected as usual (and
collected once more before the freeze).
"""

from __future__ import annotations

import gc
import re
import sys
import time
from pathlib import Path

from generator.diagnostics import Diagnostic, InputError
from generator.pipeline import load_project
from generator.project import Paths
from generator.site import quick_preview
from generator.site.build import BuildError, build_site

_CACHE: dict = {}
_LAST_PROJECT: dict = {}      # root -> (the project of the last good preview build, inputs it was made from)
CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')


def preview_site(root: Path) -> Path:
    return Paths(root).build / "preview" / "site"


def quick_pages(root: Path, inputs: dict, out=sys.stderr) -> bool:
    """Show the edited article pages alone first, when annotation files of articles and
    source files are all that changed since the last good preview
    (:mod:`generator.site.quick_preview`)."""
    started = time.perf_counter()
    project, before = _LAST_PROJECT.get(root, (None, None))
    plan = quick_preview.plan_edit(root, before, inputs, project) if project is not None else None
    if plan is None:
        return False
    shown = quick_preview.show_edits(root, *plan)
    if shown:
        print(f"serve: showing {', '.join(shown)} after {time.perf_counter() - started:.2f}s; "
              "the whole site follows", file=out, flush=True)
    return bool(shown)


def rebuild(root: Path, out=sys.stderr, shown=None) -> bool:
    """Rebuild the preview; on bad input print why and leave the last good preview.
    ``shown``: called when the edited pages alone are in the preview (the browser reloads),
    before the whole build."""
    started = time.perf_counter()
    inputs = quick_preview.snapshot(root)
    if shown is not None and quick_pages(root, inputs, out):
        shown()
    gc.unfreeze()
    try:
        return _rebuild_whole(root, out, started, inputs)
    finally:
        gc.collect()         # nothing the build dropped stays frozen
        gc.freeze()          # until the next edit's quick preview (the module's docstring)


def _rebuild_whole(root: Path, out, started: float, inputs) -> bool:
    try:
        project = load_project(root, _CACHE.get(root), use_cache=True)
        _CACHE[root] = project.sources
        report = build_site(root, strict=False, project=project, preview=True)
        _LAST_PROJECT[root] = (project, inputs)
    except InputError as exc:
        for d in sorted(exc.diagnostics, key=Diagnostic.sort_key):
            print(d.format(), file=out)
        print("serve: the preview keeps showing the last good version until this is fixed", file=out, flush=True)
        return False
    except BuildError as exc:
        for problem in exc.problems:
            print(f"mkdocs: {problem}", file=out)
        print(f"serve: {exc}; the preview keeps showing the last good version until this is fixed",
              file=out, flush=True)
        return False
    print(f"serve: rebuilt in {time.perf_counter() - started:.2f}s ({report.pages_written} pages changed, "
          f"{'only those rendered again' if report.warm else 'every page rendered'})", file=out, flush=True)
    return True


def _preview_server_class():
    from mkdocs.livereload import LiveReloadServer, _timestamp

    class PreviewServer(LiveReloadServer):
        """Serves the built pages as they are, except the Content-Security-Policy meta: the
        live-reload script the server adds is inline (the published site keeps its policy)."""

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            return super()._inject_js_into_html(CSP_META.sub(b"", content, count=1), epoch)

        quick_shown = False

        def reload_now(self) -> None:
            """The quick pages are in the preview: browsers reload now, and pages are
            served while the whole build runs (the server holds pages back while the
            version being built is not the version shown)."""
            with self._epoch_cond:
                self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()
            self.quick_shown = True

        def new_version(self) -> None:
            """After the whole build that followed quick pages: a newer version, so the
            browsers reload once more."""
            if self.quick_shown:
                with self._rebuild_cond:
                    self._wanted_epoch = max(_timestamp(), self._visible_epoch + 1)
                self.quick_shown = False

    return PreviewServer


def serve(root: Path, dev_addr: str = "127.0.0.1:8000", open_browser: bool = False) -> int:
    _PreviewServer = _preview_server_class()
    paths = Paths(root)
    if not rebuild(root) and not preview_site(root).is_dir():
        print("serve: no good version to show yet; fix the errors above and run serve again", file=sys.stderr)
        return 1
    host, _, port = dev_addr.rpartition(":")
    host = host or "127.0.0.1"
    # The server reads files through the ``site`` link at each request, so it always serves
    # the last published preview (the link is switched atomically).
    def build_preview() -> None:
        rebuild(root, shown=server.reload_now)
        server.new_version()

    server = _PreviewServer(builder=build_preview, host=host, port=int(port), root=str(preview_site(root)))

    def error_page(code: int) -> bytes | None:
        page = preview_site(root) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    for folder in (paths.source, paths.annotations):
        folder.mkdir(exist_ok=True)
    for watched in (paths.source, paths.annotations, paths.site_config, paths.mkdocs_yml):
        if watched.exists():
            server.watch(str(watched))
    print(f"serve: previewing at http://{host}:{port}/ (edits show on save; Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    try:
        server.serve(open_in_browser=open_browser)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
