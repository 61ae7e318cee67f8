"""``serve``'s quick preview (generator/site/quick_preview.py, quick_source.py): after an edit
to an article's annotation file, the edited page is published in the preview on its own, the
same bytes the whole build then makes; after a correction of a statute's raw source (and its
SHA-256 in the manifest), the articles whose text changed are shown first; anything else
(statute.yaml, a commentary file, a broken edit) waits for the whole build, and the published
``site/`` is never written to."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.site import quick_preview, serve
from generator.site.build import build_site
from tests.conftest import SHENZHEN, make_project_copy

PAGE = f"{SHENZHEN}/article-65/index.html"
ANNOTATION = f"annotations/{SHENZHEN}/article-65.yaml"


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*.html"))}


@pytest.fixture
def previewed(tmp_path):
    """A project with a published site and serve's first preview build made in this process."""
    root = make_project_copy(tmp_path / "p")
    build_site(root)
    assert serve.rebuild(root)
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / ANNOTATION
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_quick_page_is_what_the_whole_build_makes(previewed):
    root = previewed
    preview = serve.preview_site(root)
    published = _digests(root / "site")
    before = _digests(preview)
    _edit(root, "shall be undertaken", "shall be carried out")
    assert serve.quick_pages(root, quick_preview.snapshot(root))
    quick = (preview / PAGE).read_bytes()
    assert b"shall be carried out" in quick and b"shall be undertaken" not in quick
    # Only the edited page changed so far; the published site is untouched.
    after_quick = _digests(preview)
    assert {p for p in after_quick if after_quick[p] != before[p]} == {PAGE}
    assert _digests(root / "site") == published
    # The whole build that follows renders the page again, to the same bytes.
    assert serve.rebuild(root)
    assert (preview / PAGE).read_bytes() == quick
    assert _digests(root / "site") == published


def test_only_article_annotation_edits_take_the_quick_path(previewed):
    root = previewed
    page = (serve.preview_site(root) / PAGE).read_bytes()
    statute_file = root / "annotations" / SHENZHEN / "statute.yaml"
    statute_file.write_text(statute_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _edit(root, "shall be undertaken", "shall be carried out")
    assert not serve.quick_pages(root, quick_preview.snapshot(root))
    assert (serve.preview_site(root) / PAGE).read_bytes() == page


def test_a_broken_edit_changes_nothing(previewed):
    root = previewed
    page = (serve.preview_site(root) / PAGE).read_bytes()
    docs = _digests(root / "build" / "docs")
    (root / ANNOTATION).write_text("statute: [unclosed\n", encoding="utf-8")
    assert not serve.quick_pages(root, quick_preview.snapshot(root))
    assert (serve.preview_site(root) / PAGE).read_bytes() == page
    assert _digests(root / "build" / "docs") == docs


def _planned(root, before, after, project):
    plan = quick_preview.plan_edit(root, before, after, project)
    return None if plan is None else [(sid, a.ref) for sid, a in plan[1]]


def test_plan_edit_reads_the_snapshot_difference(previewed):
    root = previewed
    project, before = serve._LAST_PROJECT[root]
    assert _planned(root, before, before, project) is None                  # nothing changed
    after = dict(before)
    after[ANNOTATION] = (0, 0)
    assert _planned(root, before, after, project) == [(SHENZHEN, "65")]
    after[f"annotations/{SHENZHEN}/article-999.yaml"] = (1, 1)              # no such article
    assert _planned(root, before, after, project) is None
    gone = {k: v for k, v in before.items() if k != ANNOTATION}             # a deleted file
    assert _planned(root, before, gone, project) is None


AUTHORITATIVE = "source/003_fb396ab0a1b6b464.txt"      # Shenzhen's authoritative copy
OLD_65 = "设立市人工智能伦理委员会"
NEW_65 = "设立深圳市人工智能伦理委员会"


def _correct_source(root: Path, old: str, new: str, file: str = AUTHORITATIVE, rehash: bool = True) -> None:
    """An editor's correction of a raw source: the text, then its SHA-256 in the manifest."""
    path = root / file
    raw = path.read_bytes()
    assert raw.count(old.encode()) == 1, old
    path.write_bytes(raw.replace(old.encode(), new.encode()))
    if rehash:
        manifest = root / "source" / "manifest.yaml"
        text = manifest.read_text(encoding="utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        assert text.count(digest) == 1
        manifest.write_text(text.replace(digest, hashlib.sha256(path.read_bytes()).hexdigest()), encoding="utf-8")


def test_a_source_correction_shows_the_changed_article_first(previewed):
    root = previewed
    preview = serve.preview_site(root)
    published = _digests(root / "site")
    before = _digests(preview)
    assert 'class="stale-note"' not in (preview / PAGE).read_text(encoding="utf-8")
    _correct_source(root, OLD_65, NEW_65)
    assert serve.quick_pages(root, quick_preview.snapshot(root))
    quick = (preview / PAGE).read_text(encoding="utf-8")
    assert NEW_65 in quick
    # The corrected article alone changed so far (no other article's text changed).
    after_quick = _digests(preview)
    assert {p for p in after_quick if after_quick[p] != before[p]} == {PAGE}
    # The note on article 65 was written against the old text: the quick page says so,
    # as the whole build does.
    assert 'class="stale-note"' in quick
    assert serve.rebuild(root)
    whole = (preview / PAGE).read_text(encoding="utf-8")
    assert NEW_65 in whole and OLD_65 not in whole
    assert 'class="stale-note"' in whole
    assert _digests(root / "site") == published


def test_a_source_edit_the_build_refuses_is_not_shown(previewed):
    root = previewed
    page = (serve.preview_site(root) / PAGE).read_bytes()
    _correct_source(root, OLD_65, NEW_65, rehash=False)           # the manifest still has the old SHA-256
    assert not serve.quick_pages(root, quick_preview.snapshot(root))
    assert (serve.preview_site(root) / PAGE).read_bytes() == page


def test_a_source_edit_without_a_text_change_waits_for_the_whole_build(previewed):
    root = previewed
    project, before = serve._LAST_PROJECT[root]
    manifest = root / "source" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert _planned(root, before, quick_preview.snapshot(root), project) is None


def test_the_last_build_is_frozen_out_of_the_collector_only_between_builds(previewed, monkeypatch):
    """serve's rebuild (generator/site/serve.py): between builds the objects the last one
    left are frozen (a collection during the next quick preview does not walk them); the
    whole build runs unfrozen, so what it drops is collected."""
    import gc
    root = previewed
    assert gc.get_freeze_count() > 0
    frozen_at: list[tuple[str, int]] = []
    for name in ("load_project", "build_site"):
        real = getattr(serve, name)
        monkeypatch.setattr(serve, name, lambda *a, _real=real, _name=name, **k: (
            frozen_at.append((_name, gc.get_freeze_count())), _real(*a, **k))[1])
    _edit(root, "shall be undertaken", "shall be carried out")
    assert serve.rebuild(root, shown=lambda: None)
    assert frozen_at == [("load_project", 0), ("build_site", 0)] and gc.get_freeze_count() > 0
    # A build that fails on bad input unfreezes and freezes again just the same.
    frozen_at.clear()
    _edit(root, "statute: shenzhen-ai-2022", "statute: no-such-statute")
    assert not serve.rebuild(root)
    assert frozen_at == [("load_project", 0)] and gc.get_freeze_count() > 0
    gc.unfreeze()
