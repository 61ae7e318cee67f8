"""``serve``'s quick preview (generator/site/quick_preview.py): after an edit to an article's
annotation file, the edited page is published in the preview on its own, the same bytes the
whole build then makes; anything else (a source edit, a broken edit) waits for the whole build,
and the published ``site/`` is never written to."""

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


def test_edited_articles_reads_the_snapshot_difference(previewed):
    root = previewed
    project, before = serve._LAST_PROJECT[root]
    assert quick_preview.edited_articles(before, before, project) is None           # nothing changed
    after = dict(before)
    after[ANNOTATION] = (0, 0)
    assert quick_preview.edited_articles(before, after, project) == [(SHENZHEN, 65)]
    after[f"annotations/{SHENZHEN}/article-999.yaml"] = (1, 1)                        # no such article
    assert quick_preview.edited_articles(before, after, project) is None
    gone = {k: v for k, v in before.items() if k != ANNOTATION}                       # a deleted file
    assert quick_preview.edited_articles(before, gone, project) is None
