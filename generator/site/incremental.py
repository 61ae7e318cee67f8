"""Warm builds: render again only the pages whose Markdown changed.

A cold build renders every page with MkDocs into an empty directory.  A warm build starts
from the published build instead and lets MkDocs's *dirty* build render only the pages
whose Markdown is newer than their HTML (:meth:`mkdocs.structure.files.File.is_modified`):

1. the new build directory is filled with **hard links** to the files of the published
   build (cheap at any size; nothing is copied);
2. while MkDocs runs, :func:`unlink_before_write` makes every file MkDocs writes a new
   file: ``mkdocs.utils.write_file``/``copy_file`` unlink their destination first, and the
   theme's templates written with a plain ``open`` (``sitemap.xml``, ``sitemap.xml.gz``,
   ``404.html``) are unlinked beforehand.  So a link shared with the published build is
   never written through: the published site is not modified, and a failing warm build
   only leaves a directory that is thrown away;
3. pages whose Markdown did not change keep their HTML (the links), and their Markdown
   keeps its old modification time because :func:`generator.site.build.write_tree` only
   rewrites files whose bytes changed.

A warm build is only sound when nothing a page's HTML depends on changed except its own
Markdown.  :class:`WarmState` records, for the published build, everything else: the
navigation (titles, order, previous/next links, and ``.library.json``, which says which
entries each statute's pages show), the set of pages, MkDocs's configuration,
the templates and overrides under ``site_config/``, the hooks' code and the MkDocs and
Material versions.  If any of these differ, or ``site`` is not the build the state
describes, the build is cold (:func:`warm_base`).  Search data and linked pages need no
special case: they are Markdown and files in ``build/docs`` written by the generator, so a
change to them makes them newer than their output.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from generator.site.publish import current_build

STATE_FILE = "warm-state.json"
THEME_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
_HOOK_MODULES = ("mkdocs_hooks.py", "csp.py")
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class WarmState:
    """What the published build was made from, besides the pages' own Markdown."""

    build: str              # the directory under .site-builds/ that ``site`` named
    config: str             # digest of mkdocs.yml, site_config/, the hooks, MkDocs/Material versions
    nav: str                # digest of the navigation
    files: list[str]        # every file of the docs tree (sorted)
    strict: bool


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def config_digest(root: Path) -> str:
    parts = [(root / "mkdocs.yml").read_bytes()]
    config_dir = root / "site_config"
    for path in sorted(config_dir.rglob("*")) if config_dir.is_dir() else ():
        if path.is_file():
            parts += [path.relative_to(config_dir).as_posix().encode(), path.read_bytes()]
    here = Path(__file__).resolve().parent
    parts += [(here / name).read_bytes() for name in _HOOK_MODULES]
    for dist in ("mkdocs", "mkdocs-material"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            parts.append(f"{dist}=={metadata.version(dist)}".encode())
    return _digest(*parts)


def state_for(root: Path, build: Path, files: list[str], nav: str, strict: bool) -> WarmState:
    """``files``: every path of the docs tree; ``nav``: the navigation file's text (and the
    library file's, which scopes it)."""
    return WarmState(build.name, config_digest(root), _digest(nav.encode("utf-8")), sorted(files), strict)


def load_state(cache: Path) -> WarmState | None:
    try:
        return WarmState(**json.loads((cache / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def save_state(cache: Path, state: WarmState) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(asdict(state)), encoding="utf-8")
    os.replace(tmp, cache / STATE_FILE)


def forget_state(cache: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (cache / STATE_FILE).unlink()


def warm_base(site: Path, old: WarmState | None, new: WarmState) -> Path | None:
    """The published build to start from, or None when the build must be cold (and why not
    is one of: no state, another build published, configuration, navigation or the set of
    pages changed, strictness changed)."""
    published = current_build(site)
    if old is None or published is None or not published.is_dir() or published.name != old.build:
        return None
    if (old.config, old.nav) != (new.config, new.nav):
        return None
    if new.strict and not old.strict:        # unchanged pages were never checked strictly
        return None
    pages = lambda files: {f for f in files if f.endswith(".md")}          # noqa: E731
    if pages(old.files) != pages(new.files):
        return None
    return published


def link_tree(source: Path, target: Path) -> None:
    """``target`` gets a hard link to every file of ``source`` (directories are made).
    Plain strings and ``os.scandir``: at the library's size this is 30,000 files and 25,000
    folders each warm build, where pathlib's parsing cost more than the links."""
    os.makedirs(target, exist_ok=True)
    stack = [(os.fspath(source), os.fspath(target))]
    while stack:
        src, out = stack.pop()
        with os.scandir(src) as entries:
            for entry in entries:
                dest = out + os.sep + entry.name
                if entry.is_dir(follow_symlinks=False):
                    os.mkdir(dest)
                    stack.append((entry.path, dest))
                else:
                    os.link(entry.path, dest)


def remove_dropped(build: Path, old: WarmState, new: WarmState) -> None:
    """Static files (search data) the docs tree no longer has leave the new build too."""
    for rel in sorted(set(old.files) - set(new.files)):
        if not rel.endswith(".md") and not rel.startswith("."):
            with contextlib.suppress(FileNotFoundError):
                (build / rel).unlink()


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def replace_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it holds those bytes already; a new file replaces
    the old one (never written through a hard link shared with another tree).  Returns
    whether it wrote."""
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def remove_unwanted(target: Path, wanted: set[str], later: set[str] = frozenset()) -> int:
    """Files under ``target`` that are not ``wanted`` (paths relative to it) are removed, and
    the folders left empty; returns how many files.  The ``later`` folders are left as they
    are (their files are made later: :mod:`generator.site.later_files`)."""
    removed = 0
    top = os.fspath(target)
    for folder, dirs, names in os.walk(top, topdown=False):
        rel = os.path.relpath(folder, top)
        if rel in later or any(rel.startswith(f + os.sep) for f in later):
            continue
        for name in names:
            if (name if rel == "." else os.path.join(rel, name)) not in wanted:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != top and not os.listdir(folder):
            os.rmdir(folder)
    return removed


@contextlib.contextmanager
def unlink_before_write(site_dir: Path):
    """While MkDocs runs a dirty build into ``site_dir``: every file it writes is a new file
    (never written through a hard link), and its warning about dirty builds is dropped
    (a warm build is sound, see the module's docstring; strict mode would stop on it)."""
    from mkdocs import utils

    for name in THEME_FILES:
        with contextlib.suppress(FileNotFoundError):
            (site_dir / name).unlink()
    write_file, copy_file = utils.write_file, utils.copy_file

    def _unlink(path: str) -> None:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            if not os.path.isdir(path):
                os.unlink(path)

    def fresh_write(content: bytes, output_path: str) -> None:
        _unlink(output_path)
        write_file(content, output_path)

    def fresh_copy(source_path: str, output_path: str) -> None:
        target = os.path.join(output_path, os.path.basename(source_path)) \
            if os.path.isdir(output_path) else output_path
        _unlink(target)
        copy_file(source_path, target)

    build_logger = logging.getLogger("mkdocs.commands.build")
    dirty_filter = _DropDirtyWarning()
    utils.write_file, utils.copy_file = fresh_write, fresh_copy
    build_logger.addFilter(dirty_filter)
    try:
        yield
    finally:
        utils.write_file, utils.copy_file = write_file, copy_file
        build_logger.removeFilter(dirty_filter)
