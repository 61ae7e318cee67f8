"""Write the generated docs and run MkDocs, never leaving half-written output.

Order of work for ``statute-site build``:

1. load the project (every input checked; errors -> :class:`InputError`, nothing written);
2. render all pages in memory;
3. write them to a fresh staging docs directory (only changed files rewritten) and run
   ``mkdocs build`` into a fresh build directory under ``.site-builds/``: a cold build
   renders every page; a warm one (:mod:`generator.site.incremental`) starts from hard
   links to the published build and renders only the pages whose Markdown changed;
   meanwhile a second process makes the search index (:mod:`generator.site.later_files`),
   whose files are placed in both trees after MkDocs;
4. check the built site (:mod:`generator.site.audit`, most of it while MkDocs runs,
   :mod:`generator.site.audit_overlap`: no script, event handler,
   ``javascript:``/``data:`` URL or remote resource that is not the theme's own);
5. only if all of that passed, swap the staging docs into ``build/docs`` and point the
   ``site`` link at the new build (:mod:`generator.site.publish`: atomic, one build at a
   time, leftovers of killed builds cleaned up).

On any failure the previous ``build/docs`` and ``site/`` are left exactly as they were.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from generator import cache
from generator.diagnostics import Diagnostic, InputError
from generator.site.audit import site_diagnostics
from generator.site.audit_overlap import OverlappedAudit
from generator.site import incremental
from generator.site.incremental import link_tree, remove_unwanted, replace_if_changed, unlink_before_write
from generator.site.later_files import LaterFiles, place
from generator.site.mkdocs_hooks import NAV_FILE
from generator.site.mkdocs_settings import served_path
from generator.site.reuse_state import forget_record, load_reuse, save_record
from generator.site.publish import (BuildLocked, build_lock, clean_leftovers, discard, new_build_dir, pause_point,
                                    publish)
from generator.pipeline import load_project
from generator.project import Paths, Project
from generator.render.extension import SiteExtension
from generator.render.site import RenderedSite, render_site
from generator.render.urls import LIBRARY_FILE


class BuildError(Exception):
    """MkDocs refused to build (e.g. a broken link in strict mode)."""

    def __init__(self, message: str, problems: list[str]):
        self.problems = problems
        super().__init__(message)


@dataclass
class BuildReport:
    pages: int = 0
    pages_written: int = 0
    variants: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    site_dir: Path | None = None
    warm: bool = False          # only the changed pages were rendered again
    pages_kept: int = 0         # statute pages not rendered again (render.reuse)
    later_files: int = 0        # files made beside MkDocs (the search index)
    later_seconds: float = 0.0  # their making's own time, beside MkDocs (site.later_files)


def _nav_text(site: RenderedSite) -> str:
    return json.dumps(site.nav, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_tree(target: Path, site: RenderedSite, nav: str | None = None) -> int:
    """Make ``target`` hold exactly the rendered files; only changed files are rewritten.

    ``nav``: the navigation file's text, when the caller has made it already.  Returns the
    number of files written or removed (so a warm rebuild can skip MkDocs work).
    """
    target.mkdir(parents=True, exist_ok=True)
    files = dict(site.files)
    files[NAV_FILE] = _nav_text(site) if nav is None else nav
    changed = 0
    missing = sorted(p for p in site.kept if not (target / p).is_file())
    if missing:          # render.reuse keeps only pages the docs tree has: never half a site
        raise RuntimeError(f"pages to keep are not in {target}: {missing[:5]}")
    for rel_path, content in sorted(files.items()):
        changed += replace_if_changed(target / rel_path, content.encode("utf-8"))
    return changed + remove_unwanted(target, {os.path.normpath(p) for p in (*files, *site.kept)},
                                      {os.path.normpath(folder) for folder in site.later})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(paths: Paths, docs_dir: Path, site_dir: Path, *, strict: bool = True,
               offline: bool = False, dirty: bool = False) -> list[str]:
    """Build with MkDocs's own API; returns warnings, raises :class:`BuildError` on failure.

    ``dirty=True`` (a warm build, :mod:`generator.site.incremental`): ``site_dir`` holds hard
    links to the published build; only pages whose Markdown is newer than their HTML are
    rendered, and every file written replaces its link instead of writing through it.

    ``offline=True`` builds for ``file://``: links to ``page.html`` instead of ``page/``
    (``use_directory_urls`` off, as Material's offline plugin would do; the site's search
    loads its index with script tags, so it needs nothing more).
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    previous_propagate = logger.propagate
    logger.propagate = False
    try:
        config = load_config(config_file=str(paths.mkdocs_yml), docs_dir=str(docs_dir),
                             site_dir=str(site_dir), strict=strict)
        if offline:
            config.use_directory_urls = False
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            with unlink_before_write(site_dir) if dirty else contextlib.nullcontext():
                mkdocs_build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except exceptions.Abort as exc:
        raise BuildError(f"MkDocs stopped: {exc}", collector.messages) from None
    except exceptions.ConfigurationError as exc:
        raise BuildError(f"mkdocs.yml is invalid: {exc}", collector.messages) from None
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)
        logger.propagate = previous_propagate
    return collector.messages


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` (build/docs, a working copy) by ``staging``; the old tree discarded."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        discard(old, final.parent)


def build_site(root: Path, *, strict: bool = True, project: Project | None = None,
               extra: Sequence[SiteExtension] = (), full: bool = False, preview: bool = False) -> BuildReport:
    """Build site/ from the project at ``root`` (or an already loaded ``project``);
    ``extra`` site extensions are rendered after the built-in ones.  A warm build (only the
    changed pages rendered again) is made whenever it is sound; ``full=True`` forces a cold one.

    ``preview=True`` is ``serve``'s build: the same build, published as ``build/preview/site``
    (its own builds and warm state; the first one starts warm from the published ``site``)."""
    paths = Paths(root) if project is None else project.paths
    if full and project is None:
        cache.forget_memos(paths.cache)      # a full build computes everything again
    try:
        with build_lock(paths.build):
            target = _Target(paths, preview)
            target.root.mkdir(parents=True, exist_ok=True)
            clean_leftovers(target.root, paths.build)
            return _build_locked(root, strict, project, extra, full, target)
    except BuildLocked as exc:
        raise BuildError(str(exc), []) from None


@dataclass
class _Target:
    """Where a build is published: ``site`` in the project, or ``serve``'s preview."""

    paths: Paths
    preview: bool

    @property
    def root(self) -> Path:
        return self.paths.build / "preview" if self.preview else self.paths.root

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.paths.cache / "preview" if self.preview else self.paths.cache


def _warm_start(target: _Target, new_state: incremental.WarmState, full: bool):
    """The state and build a warm build starts from, or ``(None, None)``: cold.  ``serve``'s
    preview starts from its own last build, else from the published site."""
    if full:
        return None, None
    sites = [(target.site, target.cache)]
    if target.preview:
        sites.append((target.paths.site, target.paths.cache))
    for site, cache_dir in sites:
        old_state = incremental.load_state(cache_dir)
        base = incremental.warm_base(site, old_state, new_state)
        if base is not None:
            return old_state, base
    return None, None


def _fresh_dirs(paths: Paths, target: _Target) -> tuple[Path, Path]:
    docs_staging = Path(tempfile.mkdtemp(prefix=".docs-staging-", dir=paths.build))
    site_build = new_build_dir(target.root)
    umask = os.umask(0)
    os.umask(umask)
    for staging in (docs_staging, site_build):
        staging.chmod(0o777 & ~umask)  # mkdtemp makes 0700; the published site must be readable
    return docs_staging, site_build


def _build_locked(root: Path, strict: bool, project: Project | None,
                  extra: Sequence[SiteExtension], full: bool, target: _Target) -> BuildReport:
    report = BuildReport()
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        clock.append(time.perf_counter())
        report.timings[name] = clock[-1] - clock[-2]

    project = project or load_project(root, use_cache=True)
    paths = project.paths
    lap("load")
    reuse = load_reuse(project, full)
    site = render_site(project, extra, reuse)
    lap("render")
    with LaterFiles(site.later, paths.cache) as later:   # the search index, beside what follows
        docs_staging, site_build = _fresh_dirs(paths, target)
        try:
            new_state = _write_docs(paths, target, site, docs_staging, site_build, report, strict, full)
            lap("write")
            warnings = _mkdocs_and_check(paths, site, later, docs_staging, site_build, report, strict, lap)
            _publish(paths, target, reuse, docs_staging, site_build, new_state)
            lap("publish")
        except BaseException:
            shutil.rmtree(docs_staging, ignore_errors=True)
            if site_build.resolve() != (target.site.resolve() if target.site.exists() else None):
                shutil.rmtree(site_build, ignore_errors=True)
            raise
    report.pages = len(site.files) + len(site.kept) + report.later_files
    report.pages_kept = len(site.kept)
    report.variants = len(project.variants)
    report.diagnostics = project.diagnostics + [
        Diagnostic("warning", f"MkDocs: {w}", code="mkdocs") for w in warnings]
    report.site_dir = target.site
    return report


def _write_docs(paths: Paths, target: _Target, site: RenderedSite, docs_staging: Path, site_build: Path,
                report: BuildReport, strict: bool, full: bool) -> incremental.WarmState:
    """The docs tree written to ``docs_staging``; ``site_build`` started from the published
    build if the build can be warm.  Returns the state to record for the next build."""
    if paths.docs.exists():
        # Start from the last good docs (hard links: write_tree replaces, never writes
        # through) so only what changed is rewritten and keeps a new modification time.
        link_tree(paths.docs, docs_staging)
    nav = _nav_text(site)
    report.pages_written = write_tree(docs_staging, site, nav)
    # The navigation each page shows also depends on .library.json (site/nav_scope.py).
    new_state = incremental.state_for(paths.root, site_build, [*site.files, *site.kept, NAV_FILE],
                                      nav + site.files[LIBRARY_FILE], strict)
    old_state, base = _warm_start(target, new_state, full)
    if base is not None:
        link_tree(base, site_build)
        incremental.remove_dropped(site_build, old_state, new_state)
    report.warm = base is not None
    return new_state


def _mkdocs_and_check(paths: Paths, site: RenderedSite, later: LaterFiles, docs_staging: Path, site_build: Path,
                      report: BuildReport, strict: bool, lap) -> list[str]:
    """MkDocs renders the docs into ``site_build``; the later files (made meanwhile) are
    placed in both trees; the built site is checked.  Returns MkDocs's warnings."""
    served = served_path(paths.mkdocs_yml)
    with OverlappedAudit(site_build, served) as overlap:
        warnings = run_mkdocs(paths, docs_staging, site_build, strict=strict, dirty=report.warm)
        lap("mkdocs")
        files = later.result()
        report.pages_written += place(docs_staging, site.later, files)
        place(site_build, site.later, files, linked_from=docs_staging)
        report.later_files, report.later_seconds = len(files), later.seconds
        lap("index")
        pause_point("built", paths.build)
        unsafe = site_diagnostics(paths.root, site_build, cache=paths.cache / "audit-clean.json",
                                  found_clean_during=overlap.finish(), base=served)
    if unsafe:
        raise InputError(unsafe)
    lap("audit")
    return warnings


def _publish(paths: Paths, target: _Target, reuse, docs_staging: Path, site_build: Path,
             new_state: incremental.WarmState) -> None:
    forget_record(paths)
    _swap(docs_staging, paths.docs)
    save_record(paths, reuse)
    pause_point("docs-swapped", paths.build)
    incremental.forget_state(target.cache)
    publish(target.root, site_build, paths.build)
    incremental.save_state(target.cache, new_state)
    cache.save_memos(paths.cache)


__all__ = ["BuildError", "BuildReport", "InputError", "build_site", "run_mkdocs", "write_tree"]
