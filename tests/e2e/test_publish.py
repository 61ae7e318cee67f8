"""Publishing is atomic: a build killed (SIGKILL) at any moment leaves site/ the old whole
site or the new one; one build at a time; leftovers of killed builds are cleaned up."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site.publish import BUILDS_DIR, PAUSE_ENV
from tests.conftest import REPO, SHENZHEN, make_project_copy


def _build_cmd(root: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(root), "build"]


def _env(**extra) -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def listing(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project_copy(tmp_path_factory.mktemp("publish") / "p")
    out = subprocess.run(_build_cmd(root), capture_output=True, text=True, env=_env())
    assert out.returncode == 0, out.stderr
    return root, listing(root / "site")


def assert_whole(root: Path, expected: set[str], marker: str | None = None) -> str:
    site = root / "site"
    assert site.is_symlink() and site.is_dir(), "site/ must always name a complete build"
    assert listing(site) == expected
    page = (site / SHENZHEN / "article-12" / "index.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")
    return "new" if marker and marker in page else "old"


def _edit(root: Path, marker: str) -> None:
    """A visible change (a reviewed translation) so old and new sites differ."""
    path = root / "annotations" / SHENZHEN / "article-12.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("On the premise of")
    rest = text[len(head):].split("\n", 1)[1]
    path.write_text(f"{head}{marker} On the premise of\n{rest}", encoding="utf-8")


@pytest.mark.parametrize("point", ["built", "docs-swapped", "linked", "published"])
def test_killed_at_a_named_point_leaves_a_whole_site(built, tmp_path, point):
    template, expected = built
    root = tmp_path / "p"
    shutil.copytree(template, root, symlinks=True)
    marker = f"Marker{point.replace('-', '')}"
    _edit(root, marker)
    proc = subprocess.Popen(_build_cmd(root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=_env(**{PAUSE_ENV: point}))
    flag = root / "build" / f".paused-{point}"
    deadline = time.monotonic() + 300
    while not flag.exists():
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    version = assert_whole(root, expected, marker)
    # Before the link is switched the old site stays; after it, the new one.
    assert version == ("new" if point == "published" else "old")
    # The next build cleans up what the killed one left and publishes the new site.
    out = subprocess.run(_build_cmd(root), capture_output=True, text=True, env=_env())
    assert out.returncode == 0, out.stderr
    assert assert_whole(root, expected, marker) == "new"
    assert len(list((root / BUILDS_DIR).iterdir())) == 1
    assert not list(root.glob(".site.link-*")) and not list((root / "build").glob(".docs-staging-*"))
    assert not list((root / "build").glob(".paused-*"))


def test_killed_at_random_moments_leaves_a_whole_site(built, tmp_path):
    template, expected = built
    root = tmp_path / "p"
    shutil.copytree(template, root, symlinks=True)
    rng = random.Random(13)
    for attempt in range(5):
        _edit(root, f"Random{attempt}")
        proc = subprocess.Popen(_build_cmd(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
        time.sleep(rng.uniform(0.5, 12.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_whole(root, expected)


def test_a_second_build_is_refused_while_one_runs(built, tmp_path):
    template, _ = built
    root = tmp_path / "p"
    shutil.copytree(template, root, symlinks=True)
    with open(root / "build" / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242")
        held.flush()
        out = subprocess.run(_build_cmd(root), capture_output=True, text=True, env=_env())
    assert out.returncode == 1
    assert "another build of this project is running (process 4242" in out.stderr, out.stderr
    assert (root / "site" / "index.html").is_file()


def test_an_old_site_directory_is_taken_over_atomically(built, tmp_path):
    """A site/ folder from before the link layout is exchanged for the link at once."""
    template, expected = built
    root = tmp_path / "p"
    shutil.copytree(template, root, symlinks=False, ignore=shutil.ignore_patterns(BUILDS_DIR))
    shutil.rmtree(root / "generator")
    (root / "generator").symlink_to(REPO / "generator", target_is_directory=True)
    assert (root / "site").is_dir() and not (root / "site").is_symlink()
    out = subprocess.run(_build_cmd(root), capture_output=True, text=True, env=_env())
    assert out.returncode == 0, out.stderr
    assert_whole(root, expected)
    assert not list(root.glob(".site*old*")) and not list(root.glob(".site.link-*"))


_HOLDER = """
import multiprocessing, sys, time
from pathlib import Path
from generator.site.publish import build_lock

def child(flag):
    Path(flag).write_text("started")
    time.sleep(60)

with build_lock(Path(sys.argv[1])):
    proc = multiprocessing.get_context("fork").Process(target=child, args=(sys.argv[2],), daemon=True)
    proc.start()
    time.sleep(3600)
"""


def test_a_forked_helper_does_not_keep_a_killed_build_locked(tmp_path):
    """The page check beside MkDocs is a forked process; killing the build frees the lock at
    once even while that process still runs (it was the cause of a flaky CI failure)."""
    from generator.site.publish import BuildLocked, build_lock

    flag = tmp_path / "child-started"
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path / "build"), str(flag)], env=_env())
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        with pytest.raises(BuildLocked):
            with build_lock(tmp_path / "build"):
                pass
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with build_lock(tmp_path / "build"):      # the child is still sleeping: the lock is free
            pass
    finally:
        proc.kill()
        subprocess.run(["pkill", "-f", str(flag)], check=False)


def _gone(path: Path, within: float = 20.0) -> bool:
    deadline = time.monotonic() + within
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def test_a_discarded_tree_leaves_at_once_and_is_deleted_in_the_background(tmp_path):
    from generator.site.publish import TRASH_DIR, discard
    build_dir = tmp_path / "build"
    tree = tmp_path / ".site-builds" / "site-old"
    (tree / "a" / "b").mkdir(parents=True)
    for i in range(200):
        (tree / "a" / "b" / f"{i}.html").write_text("x")
    discard(tree, build_dir)
    assert not tree.exists()                            # out of the way before discard returns
    assert all(_gone(p) for p in list((build_dir / TRASH_DIR).iterdir()))
    assert list((build_dir / TRASH_DIR).iterdir()) == []


def test_a_tree_that_cannot_be_moved_to_the_trash_is_deleted_at_once(tmp_path, monkeypatch):
    from generator.site import publish
    tree = tmp_path / "docs.old"
    (tree / "x").mkdir(parents=True)
    (tree / "x" / "p.md").write_text("x")

    def cross_device(*_args):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(publish.os, "rename", cross_device)
    publish.discard(tree, tmp_path / "build")
    assert not tree.exists()


def test_the_next_build_empties_what_a_killed_deleter_left_in_the_trash(tmp_path):
    from generator.site.publish import TRASH_DIR, clean_leftovers
    build_dir = tmp_path / "build"
    left = build_dir / TRASH_DIR / "site-20260101-1-2"
    (left / "sub").mkdir(parents=True)
    (left / "sub" / "index.html").write_text("x")
    clean_leftovers(tmp_path, build_dir)
    assert _gone(left)
