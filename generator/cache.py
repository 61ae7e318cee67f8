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
import zlib
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
_USED: dict[str, set] = {}              # memo -> entries this build asked for
_SHARDS: dict[tuple, list] = {}         # (cache dir, memo) -> each shard file's entries
_KNOWN: dict[tuple, set] = {}           # (cache dir, memo) -> every entry stored there
# A memo is stored in SHARDS files by a stable hash of its arguments, so a build that
# needed a few new entries rewrites a few files, not all of the memo (tens of MB at the
# library's size, seconds to write).
SHARDS = 16
# Besides the generator's code, the memoised functions read Python's Unicode tables and
# these libraries' data (OpenCC's conversion tables, the Snowball stemmer, pure or compiled)
# and code (the YAML parser and the schema checker of sources/yamlfile.py).
_MEMO_LIBRARIES = ("OpenCC", "snowballstemmer", "PyStemmer", "PyYAML", "jsonschema")


@functools.lru_cache(maxsize=None)
def memo_key() -> str:
    """The key remembered results are stored under: code, Python and the libraries' versions."""
    digest = new_key()
    digest.update(sys.version.encode())
    for dist in _MEMO_LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{dist}=={metadata.version(dist)}".encode())
    return digest.hexdigest()


def memo(name: str, key=None):
    """Decorator: remember a **pure** function's results by its (hashable) arguments, in this
    process and, through :func:`load_memos`/:func:`save_memos`, from one build to the next
    (under :func:`memo_key`: the code version, like every cache here, and the versions of
    Python and of the libraries whose data the functions read).  The function must return a value
    nobody mutates (a tuple, a string).  Used for the few text functions a build calls for
    every article and paragraph (search terms, similarity terms), whose inputs mostly repeat
    from build to build: a warm build computes them only for the text that changed.

    Entries are kept until a full build (``build --full``, :func:`forget_memos`): a build
    that did not need some of them (a cache above answered) says nothing about whether
    they are stale, and what edits leave behind (the terms of a paragraph's earlier
    wording) is small beside the library's own.

    ``key``: a function of the arguments giving the entry's key (a digest of what the result
    depends on), where the arguments themselves are too large to keep or not hashable."""
    def wrap(fn):
        table = _MEMOS.setdefault(name, {})
        used = _USED.setdefault(name, set())

        @functools.wraps(fn)
        def remembered(*args):
            entry = args if key is None else key(*args)
            used.add(entry)
            try:
                return table[entry]
            except KeyError:
                value = table[entry] = fn(*args)
                return value
        remembered.uncached = fn
        return remembered
    return wrap


def _shard(args: tuple) -> int:
    return zlib.crc32(repr(args).encode("utf-8", "surrogatepass")) % SHARDS


def load_memos(cache_dir: Path | None) -> None:
    """Fill the memos from build/.cache (entries another generator made are never loaded),
    once per process: a long-running one (serve) has them in memory already."""
    for name, table in _MEMOS.items():
        if (cache_dir, name) in _SHARDS:
            continue
        shards = _SHARDS[(cache_dir, name)] = [set() for _ in range(SHARDS)]
        known = _KNOWN[(cache_dir, name)] = set()
        for shard in range(SHARDS):
            stored = load(cache_dir, f"memo-{name}-{shard:02d}", memo_key())
            if isinstance(stored, dict):
                for args, value in stored.items():
                    table.setdefault(args, value)
                shards[shard].update(stored)
                known.update(stored)


def save_memos(cache_dir: Path | None) -> None:
    """Keep the entries this build asked for that ``cache_dir`` does not hold yet for the
    next build: only the shard files they belong to are written again."""
    for name, table in _MEMOS.items():
        used = set(_USED[name])
        _USED[name].clear()              # (the set itself: the memo's wrapper holds it)
        if cache_dir is None:
            continue
        touched = _note_stored(cache_dir, name, used)
        for shard in sorted(touched):
            store(cache_dir, f"memo-{name}-{shard:02d}", memo_key(),
                  {a: table[a] for a in _SHARDS[(cache_dir, name)][shard] if a in table})
        if touched:
            with contextlib.suppress(OSError):
                (cache_dir / f"memo-{name}.pickle").unlink(missing_ok=True)      # the unsharded form


def _note_stored(cache_dir: Path, name: str, entries) -> set[int]:
    """Count ``entries`` of memo ``name`` as held by ``cache_dir``; returns the shards that
    gained entries (the files :func:`save_memos` writes)."""
    table = _MEMOS[name]
    shards = _SHARDS.setdefault((cache_dir, name), [set() for _ in range(SHARDS)])
    known = _KNOWN.setdefault((cache_dir, name), set())
    touched = set()
    for args in entries:
        if args not in known and args in table:
            shard = _shard(args)
            shards[shard].add(args)
            known.add(args)
            touched.add(shard)
    return touched


def usage() -> dict[str, set]:
    """The entries this process has used so far (a copy; see :func:`stored_elsewhere`)."""
    return {name: set(used) for name, used in _USED.items()}


def note_used(used: dict[str, set]) -> None:
    """Count entries (a :func:`usage`) as used by this process's build."""
    for name, entries in used.items():
        if name in _USED:
            _USED[name].update(entries)


def stored_elsewhere(cache_dir: Path | None, used: dict[str, set]) -> None:
    """A process forked from this one saved the memos (:func:`save_memos` there), the
    entries ``used`` (its :func:`usage` when it was forked) among them: they count as held
    by ``cache_dir``, so this process does not write them again."""
    for name, entries in used.items():
        if name not in _USED:
            continue
        _USED[name].difference_update(entries)
        if cache_dir is not None:
            _note_stored(cache_dir, name, entries)


def forget_usage() -> None:
    """This process has used no memo entry yet (in a process forked to compute a part of
    the build: :func:`fresh_entries` then says what that part used)."""
    for used in _USED.values():
        used.clear()


def fresh_entries(cache_dir: Path | None) -> dict[str, dict]:
    """The entries this process used that ``cache_dir`` does not hold yet (what
    :func:`save_memos` would write), to hand to the process that saves them (:func:`adopt`)."""
    out: dict[str, dict] = {}
    for name, table in _MEMOS.items():
        known = _KNOWN.get((cache_dir, name), set())
        fresh = {args: table[args] for args in _USED[name] if args not in known and args in table}
        if fresh:
            out[name] = fresh
    return out


def adopt(entries: dict[str, dict], stored_in: Path | None = None) -> None:
    """Entries another process computed for this build (:func:`fresh_entries`): remembered
    here, and saved with this build's own, unless that process stored them in ``stored_in``
    already."""
    for name, fresh in entries.items():
        if name in _MEMOS:
            _MEMOS[name].update(fresh)
            if stored_in is not None:
                _note_stored(stored_in, name, fresh)
            else:
                _USED[name].update(fresh)


def forget_memos(cache_dir: Path | None) -> None:
    """Drop every memo, in this process and in build/.cache (a full build recomputes all)."""
    for name, table in _MEMOS.items():
        table.clear()
        _USED[name].clear()
        for key in [k for k in _SHARDS if k[1] == name]:
            del _SHARDS[key], _KNOWN[key]
        if cache_dir is not None:
            for path in [cache_dir / f"memo-{name}.pickle", *cache_dir.glob(f"memo-{name}-*.pickle")]:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
