"""Publishing ``site/`` atomically, one build at a time.

``site`` is a symbolic link to a complete build in ``.site-builds/<build>/``.  A new build is
made in a fresh directory there; once MkDocs and the safety check (:mod:`.audit`) have
passed, a new link ``.site.link-<pid>`` to it is made and renamed over ``site``.  rename(2)
replaces a link atomically, so whatever moment the process is killed, ``site`` names
either the old complete build or the new one, never a half-written or missing tree.

Why a link and not ``renameat2(RENAME_EXCHANGE)`` of two directories: a link switch is
plain POSIX (any filesystem, Linux and macOS), and the published tree never moves, so a
web server reading it is never pointed at a directory being deleted.  The exchange is only
used once, to turn a ``site/`` directory from an older version into the link layout
(:func:`_adopt_directory`); where it is not available that one migration uses two renames.

One build at a time: :func:`build_lock` takes an exclusive ``flock`` on ``build/.lock``; a
second build (or bundle) stops with a clear message instead of racing the first.  Under
the lock, :func:`clean_leftovers` removes what killed builds left behind: build
directories ``site`` no longer names, staging directories, temporary links.

A tree the build is done with (the build ``site`` named before, the last docs) is not
deleted while the build waits: :func:`discard` renames it into ``build/.trash/`` (one
rename) and a background ``rm -rf`` deletes it; at the library's size that is tens of
thousands of files, seconds of every warm build.  Whatever is left in the trash (the
deleting process killed) is deleted again by the next build.

Tests pause a build at named points with ``STATUTE_SITE_PAUSE_AT=<point>`` (see
:func:`pause_point`) to kill it there.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import subprocess
import time
from pathlib import Path

BUILDS_DIR = ".site-builds"
LOCK_FILE = ".lock"
TRASH_DIR = ".trash"
PAUSE_ENV = "STATUTE_SITE_PAUSE_AT"


class BuildLocked(Exception):
    """Another build holds the lock."""


# The lock descriptors this process holds.  A forked child (the page check beside MkDocs,
# site/audit_overlap.py) would otherwise share the lock's open file description and keep
# the project locked after the build itself was killed, until the child noticed and quit.
_HELD: set[int] = set()


def _drop_locks_in_child() -> None:
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_locks_in_child)


@contextlib.contextmanager
def build_lock(build_dir: Path):
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
            raise BuildLocked(f"another build of this project is running (process {holder}, lock "
                              f"{path}); wait for it to finish, then build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        _HELD.add(fd)
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)          # closing the descriptor releases the lock, also when killed


def pause_point(name: str, build_dir: Path) -> None:
    """For the kill tests: with ``STATUTE_SITE_PAUSE_AT=name``, say so and wait to be killed."""
    if os.environ.get(PAUSE_ENV) != name:
        return
    (build_dir / f".paused-{name}").write_text(str(os.getpid()), encoding="ascii")
    time.sleep(3600)


def new_build_dir(root: Path) -> Path:
    builds = root / BUILDS_DIR
    builds.mkdir(exist_ok=True)
    target = builds / f"site-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
    target.mkdir()
    return target


def current_build(site: Path) -> Path | None:
    if site.is_symlink():
        return (site.parent / os.readlink(site)).resolve()
    return None


def _renameat2_exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _adopt_directory(site: Path, link: Path) -> None:
    """``site`` is a real directory (an older layout): exchange it with the link at once."""
    if _renameat2_exchange(link, site):
        shutil.rmtree(link, ignore_errors=True)        # link now names the old directory
        return
    old = site.with_name(f".site.old-{os.getpid()}")   # no renameat2: two renames, once
    os.replace(site, old)
    os.replace(link, site)
    shutil.rmtree(old, ignore_errors=True)


def publish(root: Path, build: Path, build_dir: Path) -> None:
    """Point ``root/site`` at ``build`` (a complete, checked build under .site-builds/)."""
    site = root / "site"
    link = root / f".site.link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(build, root), link)
    pause_point("linked", build_dir)
    if site.is_dir() and not site.is_symlink():
        _adopt_directory(site, link)
    else:
        os.replace(link, site)
    pause_point("published", build_dir)
    clean_leftovers(root, build_dir)


def clean_leftovers(root: Path, build_dir: Path) -> list[Path]:
    """Remove what earlier (killed) builds left behind; call with the lock held."""
    keep = current_build(root / "site")
    left = sorted((build_dir / TRASH_DIR).glob("*"))       # a deleting process was killed
    removed: list[Path] = []
    candidates = [*(root / BUILDS_DIR).glob("*"), *root.glob(".site.link-*"), *root.glob(".site.old-*"),
                  *root.glob(".site-staging-*"), *build_dir.glob(".docs-staging-*"),
                  *build_dir.glob(".docs.old-*"), *build_dir.glob(".bundle-staging-*"),
                  *build_dir.glob(".paused-*")]
    for path in candidates:
        if not path.is_symlink() and keep is not None and path.resolve() == keep:
            continue
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            discard(path, build_dir)
        removed.append(path)
    if left:
        _delete_in_background(left)
    return removed


def discard(tree: Path, build_dir: Path) -> None:
    """Take ``tree`` out of the way at once (renamed into ``build/.trash/``) and delete it
    in the background; where it cannot be renamed there (another file system), delete it now."""
    trash = build_dir / TRASH_DIR
    target = trash / f"{tree.name.lstrip('.')}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        os.rename(tree, target)
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)
        return
    _delete_in_background([target])


def _delete_in_background(paths: list[Path]) -> None:
    """``rm -rf`` of ``paths`` in a process of its own (not a child to wait for: the shell
    that starts it exits at once); if it cannot be started, delete them now."""
    try:
        subprocess.run(["sh", "-c", 'rm -rf -- "$@" </dev/null >/dev/null 2>&1 &', "sh", *map(str, paths)],
                       check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
