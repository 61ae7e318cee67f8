"""Pickled stage results in build/.cache, keyed by everything they were made from.

Every key includes :func:`code_version`, a hash of the generator's own code, so a cache
can never serve a result an older generator made.  A cache that cannot be read or written
only costs time: :func:`load` answers None and :func:`store` does nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path


@functools.lru_cache(maxsize=None)
def code_version() -> str:
    """Changes whenever the generator's own code changes (so caches never go stale)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def new_key() -> "hashlib._Hash":
    """A digest already seeded with the code version; update it with the inputs."""
    return hashlib.sha256(code_version().encode())


def load(cache_dir: Path | None, name: str, key: str | None):
    if cache_dir is None or key is None:
        return None
    try:
        with (cache_dir / f"{name}.pickle").open("rb") as fh:
            stored_key, value = pickle.load(fh)
        return value if stored_key == key else None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError, ImportError):
        return None


def store(cache_dir: Path | None, name: str, key: str | None, value) -> None:
    if cache_dir is None or key is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        path = cache_dir / f"{name}.pickle"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


# --------------------------------------------------------------------------- memos

_MEMOS: dict[str, dict] = {}
_USED: dict[str, set] = {}
_STORED: dict[tuple, frozenset] = {}    # (cache dir, memo): the entries stored there, as this process knows
# Besides the generator's code, the memoised text functions read Python's Unicode tables and
# these libraries' data (OpenCC's conversion tables, the Snowball stemmer).
_MEMO_LIBRARIES = ("OpenCC", "snowballstemmer")


@functools.lru_cache(maxsize=None)
def memo_key() -> str:
    """The key remembered results are stored under: code, Python and the libraries' versions."""
    digest = new_key()
    digest.update(sys.version.encode())
    for dist in _MEMO_LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{dist}=={metadata.version(dist)}".encode())
    return digest.hexdigest()


def memo(name: str):
    """Decorator: remember a **pure** function's results by its (hashable) arguments, in this
    process and, through :func:`load_memos`/:func:`save_memos`, from one build to the next
    (under :func:`memo_key`: the code version, like every cache here, and the versions of
    Python and of the libraries whose data the functions read).  The function must return a value
    nobody mutates (a tuple, a string).  Used for the few text functions a build calls for
    every article and paragraph (search terms, similarity terms), whose inputs mostly repeat
    from build to build: a warm build computes them only for the text that changed."""
    def wrap(fn):
        table = _MEMOS.setdefault(name, {})
        used = _USED.setdefault(name, set())

        @functools.wraps(fn)
        def remembered(*args):
            used.add(args)
            try:
                return table[args]
            except KeyError:
                value = table[args] = fn(*args)
                return value
        remembered.uncached = fn
        return remembered
    return wrap


def load_memos(cache_dir: Path | None) -> None:
    """Fill the memos from build/.cache (entries another generator made are never loaded);
    what the last build did not use is forgotten, so they hold one build's working set."""
    for name, table in _MEMOS.items():
        used = _USED[name]
        for args in [a for a in table if a not in used]:
            del table[args]
        used.clear()
        if table:                        # a long-running process (serve) has them already
            continue
        stored = load(cache_dir, f"memo-{name}", memo_key())
        if isinstance(stored, dict):
            for args, value in stored.items():
                table.setdefault(args, value)
            _STORED[(cache_dir, name)] = frozenset(stored)


def save_memos(cache_dir: Path | None) -> None:
    """Keep the entries this build used (since :func:`load_memos`) for the next one (not
    written again when they are the ones already stored)."""
    for name, table in _MEMOS.items():
        keep = frozenset(a for a in _USED[name] if a in table)
        if cache_dir is not None and _STORED.get((cache_dir, name)) != keep:
            store(cache_dir, f"memo-{name}", memo_key(), {a: table[a] for a in keep})
            _STORED[(cache_dir, name)] = keep


def forget_memos(cache_dir: Path | None) -> None:
    """Drop every memo, in this process and in build/.cache (a full build recomputes all)."""
    for name, table in _MEMOS.items():
        table.clear()
        _USED[name].clear()
        for stored in [k for k in _STORED if k[1] == name]:
            del _STORED[stored]
        if cache_dir is not None:
            with contextlib.suppress(OSError):
                (cache_dir / f"memo-{name}.pickle").unlink(missing_ok=True)
