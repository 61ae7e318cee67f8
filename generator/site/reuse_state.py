"""The files behind :mod:`generator.render.reuse`: digests of the inputs, and the record of
which statute pages the docs tree ``build/docs`` holds.

The record (``build/.cache/statute-pages.json``) describes ``build/docs``: it is written right
after a build swapped its docs tree in, and forgotten before (a build that fails in between
leaves no record, so the next build renders every statute).  ``build`` and ``serve``'s
preview share ``build/docs``, so they share the record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from generator import cache
from generator.project import Paths, Project
from generator.render.reuse import Recorded, Reuse

RECORD_FILE = "statute-pages.json"


def _statute_digests(folder: Path, sid: str) -> dict[str, str]:
    """``"<id>/<file>"`` -> SHA-256 of each file in a statute's folder, and ``"<id>/"`` -> of all."""
    out: dict[str, str] = {}
    whole = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = f"{sid}/{path.relative_to(folder).as_posix()}"
        with contextlib.suppress(OSError):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            whole.update(f"{rel}\x00{out[rel]}\x00".encode())
    out[f"{sid}/"] = whole.hexdigest()
    return out


def _tree_digest(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """Every file under ``folder`` (names and bytes), leaving out the top-level ``skip`` folders."""
    h = hashlib.sha256()
    for dirpath, dirs, names in os.walk(folder):
        rel = Path(dirpath).relative_to(folder)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in skip]
        dirs.sort()
        for name in sorted(names):
            path = Path(dirpath) / name
            h.update(f"{(rel / name).as_posix()}\x00".encode())
            with contextlib.suppress(OSError):
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _existing(docs: Path) -> frozenset[str]:
    out = []
    for dirpath, _dirs, names in os.walk(docs):
        rel = Path(dirpath).relative_to(docs)
        out.extend((rel / name).as_posix() if rel != Path(".") else name for name in names)
    return frozenset(out)


def load_reuse(project: Project, full: bool) -> Reuse | None:
    """What this build may reuse (nothing for a full build, which only records what it
    renders); None when the sources did not come through the cache (no digest of them)."""
    paths: Paths = project.paths
    if not project.sources.key:
        return None
    statutes = frozenset(project.statutes)
    annotations = paths.annotations
    base = hashlib.sha256(f"{cache.code_version()}\x00{list(project.statutes)!r}\x00".encode())
    base.update(_tree_digest(annotations, skip=statutes).encode() if annotations.is_dir() else b"")
    digests: dict[str, str] = {}
    for sid in statutes:
        if (annotations / sid).is_dir():
            digests.update(_statute_digests(annotations / sid, sid))
    previous = {} if full else _read_record(paths)
    existing = _existing(paths.docs) if previous and paths.docs.is_dir() else frozenset()
    return Reuse(base.hexdigest(), digests, previous, existing, sources=source_digests(project.sources.manifest))


def source_digests(manifest) -> dict[str, str]:
    """Statute id -> a digest of what ``source/`` gives its pages: its manifest entry, the
    entries of its commentary documents, and the entries of every raw file holding a part
    of either or named in its entry (a paragraph guide, a version's text).  A file's entry
    holds its SHA-256, which the build checks against the file's bytes."""
    doc_statute = {did: doc.statute for did, doc in manifest.documents.items() if doc.statute}
    entries = {sid: repr(spec) for sid, spec in manifest.statutes.items()}
    found: dict[str, list[str]] = {sid: [text] for sid, text in entries.items()}
    for did, doc in sorted(manifest.documents.items()):
        if doc.statute in found:
            found[doc.statute].append(repr(doc))
    for source in manifest.sources:
        touched = {p.statute for p in source.parts if p.statute} | {
            doc_statute[p.document] for p in source.parts if p.document in doc_statute}
        touched |= {sid for sid, text in entries.items() if source.file in text}
        text = repr(source)
        for sid in touched & found.keys():
            found[sid].append(text)
    return {sid: hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
            for sid, parts in found.items()}


def _read_record(paths: Paths) -> dict[str, Recorded]:
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        data = json.loads((paths.cache / RECORD_FILE).read_text(encoding="utf-8"))
        return {sid: Recorded(**entry) for sid, entry in data.items()}
    return {}


def forget_record(paths: Paths) -> None:
    with contextlib.suppress(FileNotFoundError):
        (paths.cache / RECORD_FILE).unlink()


def save_record(paths: Paths, reuse: Reuse | None) -> None:
    """After the docs tree was swapped in: what it holds, for the next build."""
    if reuse is None:
        return
    with contextlib.suppress(OSError):
        paths.cache.mkdir(parents=True, exist_ok=True)
        tmp = paths.cache / f".{RECORD_FILE}.tmp"
        tmp.write_text(json.dumps({sid: asdict(r) for sid, r in sorted(reuse.recorded.items())}), encoding="utf-8")
        os.replace(tmp, paths.cache / RECORD_FILE)
