"""The benchmark's live-preview figures (:mod:`generator.bench`): ``statute-site serve`` in its
own process, timed from an editor's save to the preview serving the changed page, after an
annotation edit and after a correction of a statute's raw source."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.sources.manifest import load_manifest

REPO = Path(__file__).resolve().parent.parent


def edit_annotation(root: Path, old: str, new: str) -> Path:
    """An editor changes one reviewed translation (the seed statute's article 65)."""
    target = sorted((root / "annotations").rglob("article-65.yaml"))[0]
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{target}: {old!r} not found"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    statute = target.parent.name
    return Path(statute) / "article-65"


SOURCE_OLD, SOURCE_NEW = "设立市人工智能伦理委员会", "设立深圳市人工智能伦理委员会"   # article 65's text


def _correct_source(root: Path, statute: str, old: str, new: str) -> None:
    """An editor corrects the statute's authoritative raw source and records its new SHA-256
    in the manifest (under that file's entry only: copies of it elsewhere stay as they are)."""
    manifest = load_manifest(root / "source")
    spec = manifest.source(manifest.authoritative_part(statute).file)
    path = root / "source" / spec.file
    raw = path.read_bytes()
    assert old.encode() in raw, f"{path}: {old!r} not found"
    path.write_bytes(raw.replace(old.encode(), new.encode(), 1))
    digest = hashlib.sha256(raw).hexdigest()
    manifest_path = root / "source" / "manifest.yaml"
    lines = manifest_path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i in range(spec.line - 1, len(lines)) if digest in lines[i])
    lines[at] = lines[at].replace(digest, hashlib.sha256(path.read_bytes()).hexdigest())
    manifest_path.write_text("".join(lines), encoding="utf-8")


def preview_latency(root: Path, page: Path, old: str, new: str) -> dict[str, float]:
    """Of ``statute-site serve`` on ``root``, in its own process: start-up seconds; seconds
    from saving an annotation edit to the preview serving the new page, and to the whole
    preview rebuilt; the same two after a source correction (:func:`_correct_source`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{page.as_posix()}/"
    started = time.perf_counter()
    log = root / "build" / "bench-serve.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "-a",
                                 f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=err, cwd=REPO)

    def rebuilds() -> int:
        return log.read_text(encoding="utf-8", errors="replace").count("serve: rebuilt in")

    def wait_for(needle: str, limit: float) -> float:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            try:
                if needle in urllib.request.urlopen(url, timeout=60).read().decode("utf-8"):
                    return time.perf_counter()
            except OSError:
                pass
            time.sleep(0.02)
        raise TimeoutError(f"serve did not show {needle!r} at {url} within {limit:.0f}s")

    def edit_then_wait(edit, needle: str) -> tuple[float, float]:
        done = rebuilds()
        edited = time.perf_counter()
        edit()
        shown = wait_for(needle, 600) - edited
        deadline = time.perf_counter() + 3600
        while rebuilds() == done and time.perf_counter() < deadline:
            time.sleep(0.05)
        return shown, time.perf_counter() - edited

    try:
        out = {"preview_startup_s": wait_for(old, 3600) - started}
        out["preview_latency_s"], out["preview_whole_s"] = edit_then_wait(
            lambda: edit_annotation(root, old, new), new)
        out["preview_source_s"], out["preview_source_whole_s"] = edit_then_wait(
            lambda: _correct_source(root, page.parts[0], SOURCE_OLD, SOURCE_NEW), SOURCE_NEW)
        return {k: round(v, 2) for k, v in out.items()}
    finally:
        proc.terminate()
        proc.wait(timeout=60)
