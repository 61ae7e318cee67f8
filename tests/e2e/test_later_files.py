"""The search index made beside MkDocs (generator/site/later_files.py): the files and the
memo entries come back from the second process, which saves the build's memos; nothing
depends on that process."""

from __future__ import annotations

import os

import pytest

from generator import cache
from generator.render import search_index
from generator.render.search_data import collections
from generator.render.search_index import DATA_DIR, build_index
from generator.site.later_files import LaterFiles, place

PARENT = os.getpid()


def _stored(cache_dir, key) -> bool:
    found = cache.load(cache_dir, f"memo-search-terms-{cache._shard(key):02d}", cache.memo_key())
    return isinstance(found, dict) and key in found


def test_the_files_come_back_and_the_second_process_saves_the_memos(tmp_path):
    before, child, after = (f"第{os.getpid()}号测试文本 {when}" for when in ("before", "child", "after"))
    search_index.text_terms(before, "")          # the build's own entry, used before the fork

    def make():
        assert os.getpid() != PARENT            # made in the second process
        search_index.text_terms(child, "")
        return {"folder/a.js": "a", "folder/b/c.js": "c"}

    with LaterFiles({"folder": make}, tmp_path) as later:
        search_index.text_terms(after, "")       # used here while the second process works
        assert later.result() == {"folder/a.js": "a", "folder/b/c.js": "c"}
    assert later.seconds > 0
    used = cache._USED["search-terms"]
    # the build's entry and the second process's are in build/.cache, and not written again here
    assert _stored(tmp_path, (before, "")) and _stored(tmp_path, (child, ""))
    assert (child, "") in cache._MEMOS["search-terms"]          # remembered here too (serve)
    assert (before, "") not in used and (child, "") not in used
    # an entry used after the fork is this process's to save
    assert not _stored(tmp_path, (after, "")) and (after, "") in used
    cache.save_memos(tmp_path)
    assert _stored(tmp_path, (after, ""))


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_when_the_second_process_fails_the_files_are_made_here(tmp_path, how):
    def make():
        if os.getpid() != PARENT:
            if how == "dies":
                os._exit(3)
            raise RuntimeError("only in the second process")
        return {"folder/a.js": "made here"}

    with LaterFiles({"folder": make}, tmp_path) as later:
        assert later.result() == {"folder/a.js": "made here"}


def test_an_error_making_the_files_is_raised_here(tmp_path):
    def make():
        raise ValueError("a real bug in the index")

    with LaterFiles({"folder": make}, tmp_path) as later:
        with pytest.raises(ValueError, match="a real bug"):
            later.result()


def test_place_rewrites_only_changed_files_never_through_a_link_and_removes_stale_ones(tmp_path):
    published, build = tmp_path / "published", tmp_path / "build"
    for root in (published,):
        (root / "data" / "s").mkdir(parents=True)
        (root / "data" / "same.js").write_text("same")
        (root / "data" / "changed.js").write_text("old")
        (root / "data" / "s" / "stale.js").write_text("stale")
        (root / "page.html").write_text("not ours")
    for path in published.rglob("*"):                     # a warm build: hard links to the published files
        target = build / path.relative_to(published)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    same_inode = (build / "data" / "same.js").stat().st_ino
    changed = place(build, ["data"], {"data/same.js": "same", "data/changed.js": "new", "data/new/x.js": "x"})
    assert changed == 3                                   # changed.js, new/x.js written; stale.js removed
    assert (build / "data" / "same.js").stat().st_ino == same_inode
    assert (build / "data" / "changed.js").read_text() == "new"
    assert (published / "data" / "changed.js").read_text() == "old"       # not written through
    assert not (build / "data" / "s" / "stale.js").exists() and (published / "data" / "s" / "stale.js").exists()
    assert (build / "page.html").read_text() == "not ours"                 # outside the folder: untouched
    assert (build / "data" / "new" / "x.js").read_text() == "x"


def test_the_built_site_holds_the_index_the_project_makes(built_site, project):
    """The files placed after MkDocs are the index of the project, byte for byte, and the
    docs tree holds the same."""
    expected = build_index(collections(project))
    site, docs = built_site / "site", built_site / "build" / "docs"
    for tree in (site, docs):
        found = {p.relative_to(tree).as_posix(): p.read_text(encoding="utf-8")
                 for p in (tree / DATA_DIR).rglob("*") if p.is_file()}
        assert found == expected


def test_placed_in_the_built_site_as_links_to_the_docs_tree_never_through_the_published_site(tmp_path):
    docs, published, build = tmp_path / "docs", tmp_path / "published", tmp_path / "build"
    (docs / "data").mkdir(parents=True)
    (published / "data").mkdir(parents=True)
    (docs / "data" / "same.js").write_text("same")
    os.link(docs / "data" / "same.js", published / "data" / "same.js")     # linked by the last build
    (published / "data" / "changed.js").write_text("old")
    (published / "data" / "stale.js").write_text("stale")
    build.mkdir()
    for path in (published / "data").iterdir():                             # a warm build's start
        (build / "data").mkdir(exist_ok=True)
        os.link(path, build / "data" / path.name)
    files = {"data/same.js": "same", "data/changed.js": "new", "data/new/x.js": "x"}
    place(docs, ["data"], files)
    assert place(build, ["data"], files, linked_from=docs) == 3             # changed, new/x linked; stale removed
    for rel in files:
        assert os.path.samefile(build / rel, docs / rel) and (build / rel).read_text() == files[rel]
    assert (published / "data" / "changed.js").read_text() == "old"        # not written through
    assert (published / "data" / "stale.js").exists() and not (build / "data" / "stale.js").exists()
    assert place(build, ["data"], files, linked_from=docs) == 0             # all linked already


def test_where_no_link_can_be_made_the_file_is_written(tmp_path, monkeypatch):
    docs, build = tmp_path / "docs", tmp_path / "build"
    place(docs, ["data"], {"data/a.js": "a"})

    def refuse(*args, **kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    assert place(build, ["data"], {"data/a.js": "a"}, linked_from=docs) == 1
    assert (build / "data" / "a.js").read_text() == "a" and not os.path.samefile(build / "data" / "a.js", docs / "data" / "a.js")
