"""Pickled stage results in build/.cache, keyed by everything they were made from.

Every key includes :func:`code_version`, a hash of the generator's own code, so a cache
can never serve a result an older generator made.  A cache that cannot be read or written
only costs time: :func:`load` answers None and :func:`store` does nothing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
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
