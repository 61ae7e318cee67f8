"""``statute-site bundle``: the whole site as one zip that works offline, from ``file://``.

For trainers: unzip on a laptop with no network, open ``index.html``; every page, the
navigation, search and the styling work, and nothing is fetched from another host.

How:

1. the same generator run as ``statute-site build`` (load, render), written to a staging
   directory under ``build/`` — ``build/docs`` and ``site/`` are not touched;
2. ``mkdocs build`` for ``file://`` (``page.html`` links instead of ``page/``); the
   search index is already a set of scripts (``search/data/``), which load from ``file://``;
3. a check that no HTML or CSS file loads anything from another host (a web font, a
   CDN script, a remote image): any such reference fails the bundle, naming file and line;
4. a deterministic zip (sorted entries, fixed timestamps and permissions) with one top
   folder ``<name>-offline/``, written to a temporary file in ``dist/`` and renamed into
   place, so ``dist/`` never holds a half-written zip.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from generator import __version__
from generator.site.audit import site_diagnostics
from generator.site.build import BuildError, run_mkdocs, write_tree
from generator.site.mkdocs_settings import online_url, served_path, setting
from generator.site.publish import BuildLocked, build_lock
from generator.diagnostics import Diagnostic
from generator.pipeline import load_project
from generator.project import Project
from generator.render.site import render_site

DEFAULT_NAME = "statute-site"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
# Not shipped: crawler files whose content depends on the build date, and the web server's
# error page (its links are absolute, /assets/..., which mean nothing under file://).
EXCLUDED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})
ZIP_DATE = (1980, 1, 1, 0, 0, 0)          # the earliest date a zip can hold: no build time leaks in
REMOTE = re.compile(r"^\s*(?:https?:|wss?:|ftp:|//)", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)
# <link rel=...> values that make the browser fetch nothing.
INERT_LINK_RELS = frozenset({"canonical", "alternate", "author", "license", "me", "help", "search", "bookmark",
                             "prev", "next"})


class BundleError(Exception):
    """The bundle could not be made (a remote reference, an unwritable dist/ ...)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = problems or []
        super().__init__(message)


@dataclass
class BundleReport:
    path: Path
    name: str
    files: int = 0
    size: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- naming

def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).lower())
    return "-".join(words)[:60].strip("-")


def default_name(mkdocs_yml: Path) -> str:
    """From mkdocs.yml's ``site_name`` (its Latin-script words), else ``statute-site``."""
    return slug(setting(mkdocs_yml, "site_name")) or DEFAULT_NAME


def selection_name(base: str, statutes: list[str] | None) -> str:
    """The default name of a bundle of some statutes: the first id, and how many more."""
    if not statutes:
        return base
    ids = list(dict.fromkeys(statutes))
    more = f"-and-{len(ids) - 1}-more" if len(ids) > 1 else ""
    return f"{ids[0][:60]}{more}"


def check_name(name: str) -> str:
    if not NAME_RE.match(name):
        raise ValueError(f"bundle name {name!r}: use letters, digits, '.', '_' and '-' "
                         "(it becomes the zip's file and folder name)")
    return name


# --------------------------------------------------------------------------- remote references

class _ResourceRefs(HTMLParser):
    """Every URL in an HTML file that the browser would *load* (not links it would follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[int, str]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("src", "poster", "background", "data") or (name == "href" and tag == "link"):
                if tag == "link" and set((values.get("rel") or "").lower().split()) <= INERT_LINK_RELS \
                        and values.get("rel"):
                    continue
                self.refs.append((line, value))
            elif name in ("srcset", "imagesrcset"):
                self.refs.extend((line, part.strip().split(" ")[0]) for part in value.split(",") if part.strip())
            elif name == "style":
                self.refs.extend((line, url) for url in css_urls(value))
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.refs.extend((self.getpos()[0], url) for url in css_urls(data))


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def remote_references(site_dir: Path) -> list[str]:
    """``path:line: url`` for every HTML/CSS reference that would load from another host.

    JavaScript is not parsed (Material's bundle names CDNs for features this site does not
    use); the browser test records what the scripts actually request.
    """
    problems = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _ResourceRefs()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            refs = parser.refs
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            refs = [(text.count("\n", 0, m.start()) + 1, m.group(2) or m.group(4)) for m in CSS_URL.finditer(text)]
        else:
            continue
        problems.extend(f"{rel}:{line}: {url}" for line, url in refs if REMOTE.match(url))
    return problems


# --------------------------------------------------------------------------- zip

def bundle_files(site_dir: Path) -> list[Path]:
    return sorted((p for p in site_dir.rglob("*") if p.is_file() and p.name not in EXCLUDED_FILES),
                  key=lambda p: p.relative_to(site_dir).as_posix())


def readme_text(name: str) -> str:
    return (
        f"{name}-offline\n"
        f"{'=' * (len(name) + 8)}\n\n"
        "Open index.html in this folder with a web browser (double-click it).\n\n"
        "Everything works without a network connection: every page, the navigation, search,\n"
        "and the print view of each statute (use the browser's Print command on it).\n"
        "Keep the folder together: the pages load their styles and scripts from it.\n\n"
        f"Made with statute-site {__version__}.\n"
    )


def write_zip(site_dir: Path, target: Path, top: str) -> tuple[int, int]:
    """Zip ``site_dir`` as ``top/...`` into ``target`` deterministically; (files, bytes)."""
    files = bundle_files(site_dir)
    entries = [(f"{top}/{p.relative_to(site_dir).as_posix()}", p.read_bytes()) for p in files]
    entries.append((f"{top}/README.txt", readme_text(top.removesuffix("-offline")).encode("utf-8")))
    entries.sort(key=lambda e: e[0])
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3                           # Unix, so the permissions below apply
            info.external_attr = (0o100644 & 0xFFFF) << 16   # regular file, rw-r--r--
            zf.writestr(info, data, compresslevel=9)
    return len(entries), target.stat().st_size


# --------------------------------------------------------------------------- the command

def build_bundle(root: Path, *, name: str | None = None, strict: bool = True,
                 project: Project | None = None, statutes: list[str] | None = None) -> BundleReport:
    """``statutes``: only these (the project as if it held nothing else: their pages, search
    data and the site's assets; see :func:`generator.pipeline.subset_sources`)."""
    t0 = time.perf_counter()
    project = project or load_project(root, only=statutes or None)
    paths = project.paths
    if project.part_of is not None:
        project = replace(project, part_of=replace(project.part_of, site_url=online_url(paths.mkdocs_yml)))
    name = check_name(name) if name else selection_name(default_name(paths.mkdocs_yml), statutes)
    _prepare_dist(paths.dist)          # fail before the build, not after it
    t1 = time.perf_counter()
    site = render_site(project).complete()     # one MkDocs run, nothing to overlap with
    t2 = time.perf_counter()
    try:
        with build_lock(paths.build):
            report, warnings, t3, t4 = _bundle_locked(paths, site, name, strict)
    except BuildLocked as exc:
        raise BundleError(str(exc)) from None
    report.diagnostics = project.diagnostics + [
        Diagnostic("warning", f"MkDocs: {w}", code="mkdocs") for w in warnings]
    report.timings = {"load": t1 - t0, "render": t2 - t1, "mkdocs": t3 - t2, "zip": t4 - t3}
    return report


def _bundle_locked(paths, site, name: str, strict: bool):
    staging = Path(tempfile.mkdtemp(prefix=".bundle-staging-", dir=paths.build))
    try:
        write_tree(staging / "docs", site)
        warnings = run_mkdocs(paths, staging / "docs", staging / "site", strict=strict, offline=True)
        t3 = time.perf_counter()
        remote = remote_references(staging / "site")
        if remote:
            raise BundleError(f"the offline site would load {len(remote)} file(s) from other hosts; "
                              "vendor them under site_config/ (or drop the feature that adds them)", remote)
        unsafe = site_diagnostics(paths.root, staging / "site", label="offline bundle",
                                  cache=paths.cache / "audit-clean-bundle.json", base=served_path(paths.mkdocs_yml))
        if unsafe:
            raise BundleError("the offline site is unsafe (see above)", [d.format() for d in unsafe])
        report = _write_dist(paths.dist, staging / "site", name)
        t4 = time.perf_counter()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report, warnings, t3, t4


def _prepare_dist(dist: Path) -> None:
    try:
        dist.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BundleError(f"cannot write to {dist}: {exc.strerror or exc}") from None
    if not os.access(dist, os.W_OK):
        raise BundleError(f"cannot write to {dist}: permission denied")


def _write_dist(dist: Path, site_dir: Path, name: str) -> BundleReport:
    final = dist / f"{name}-offline.zip"
    try:
        _prepare_dist(dist)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=dist)
        os.close(fd)
    except OSError as exc:
        raise BundleError(f"cannot write to {dist}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        files, size = write_zip(site_dir, tmp, f"{name}-offline")
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
    except OSError as exc:
        raise BundleError(f"cannot write {final}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return BundleReport(path=final, name=name, files=files, size=size)


__all__ = ["BuildError", "BundleError", "BundleReport", "build_bundle", "default_name", "remote_references",
           "write_zip"]
