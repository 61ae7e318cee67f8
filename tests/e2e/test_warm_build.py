"""Warm builds (generator/site/incremental.py): after an edit only the pages whose Markdown
changed are rendered again, the result is the same as a cold build of the same inputs,
and the published site is never written to."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache
from generator.render import search_index
from generator.site import build as build_mod
from generator.site.build import build_site
from generator.site.publish import current_build
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy

AUTHORITATIVE = "003_fb396ab0a1b6b464.txt"      # the Shenzhen copy the site reproduces


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def identities(site: Path) -> dict[str, tuple[int, str]]:
    """Each file's inode and SHA-256: a file a build wrote anew gets a new inode."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(site.rglob("*")) if p.is_file()}


def html_of(md: str) -> str:
    """Where MkDocs (directory URLs) writes the page of a docs file."""
    if md == "index.md" or md.endswith("/index.md"):
        return md[:-3] + ".html"
    return md[:-3] + "/index.html"


def changed_markdown(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {p for p in after if p.endswith(".md") and before.get(p) != after[p]}


def assert_same_as_cold(root: Path) -> None:
    warm = tree(root / "site")
    report = build_site(root, full=True)
    assert not report.warm
    cold = tree(root / "site")
    assert warm.keys() == cold.keys()
    different = sorted(p for p in cold if warm[p] != cold[p])
    assert different == [], f"a warm build differs from a cold build of the same inputs in {different[:10]}"


def edit_source(root: Path, old: str, new: str, file: str = AUTHORITATIVE) -> None:
    """Edit a raw source (the authoritative Shenzhen copy), and record its new SHA-256 as an
    editor would."""
    source = root / "source" / file
    data = source.read_bytes()
    assert data.count(old.encode()) == 1
    edited = data.replace(old.encode(), new.encode())
    source.write_bytes(edited)
    manifest = root / "source" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    old_sha, new_sha = hashlib.sha256(data).hexdigest(), hashlib.sha256(edited).hexdigest()
    assert text.count(old_sha) == 1
    manifest.write_text(text.replace(old_sha, new_sha), encoding="utf-8")


@pytest.fixture
def built(tmp_path):
    root = make_project_copy(tmp_path / "p")
    report = build_site(root)
    assert not report.warm
    return root


def test_a_note_edit_renders_only_the_pages_it_changed_and_matches_a_cold_build(built, monkeypatch):
    root = built
    old_build = current_build(root / "site")
    old_files = identities(old_build)
    docs_before = tree(root / "build" / "docs")
    note = root / "annotations" / SHENZHEN / "article-65.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "The committee is set up by", "The ethics committee is set up by", 1), encoding="utf-8")

    published_untouched = []
    real_publish = build_mod.publish

    def checking_publish(*args, **kwargs):
        # The moment before the atomic switch: the published build is still exactly as it was.
        published_untouched.append(identities(old_build) == old_files)
        return real_publish(*args, **kwargs)

    monkeypatch.setattr(build_mod, "publish", checking_publish)
    report = build_site(root)
    assert report.warm and published_untouched == [True]
    page = (root / "site" / SHENZHEN / "article-65" / "index.html").read_text(encoding="utf-8")
    assert "The ethics committee is set up by" in page

    edited = changed_markdown(docs_before, tree(root / "build" / "docs"))
    assert f"{SHENZHEN}/article-65.md" in edited
    new_files = identities(current_build(root / "site"))
    rewritten = {p for p, (ino, _) in new_files.items() if p.endswith(".html") and old_files[p][0] != ino}
    # Only the pages whose Markdown changed (and the theme's 404 page, always written) were rendered.
    assert rewritten == {html_of(md) for md in edited} | {"404.html"}
    assert len(rewritten) < len([p for p in new_files if p.endswith(".html")]) / 10
    assert_same_as_cold(root)


def test_a_new_process_reuses_remembered_terms_and_builds_what_a_fresh_computation_builds(built, monkeypatch):
    """Search and similarity terms of unchanged text come from build/.cache (cache.memo) in a
    new process; a full build computes every one again, and the two sites are identical."""
    root = built
    shards = {p: p.stat().st_mtime_ns for p in (root / "build" / ".cache").glob("memo-*.pickle")}
    assert {p.name.rpartition("-")[0] for p in shards} == {
        "memo-search-terms", "memo-search-postings", "memo-related-terms", "memo-related-bigrams",
        "memo-text-keys", "memo-checked-yaml"}
    note = root / "annotations" / SHENZHEN / "article-65.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "The committee is set up by", "The ethics committee is set up by", 1), encoding="utf-8")
    cache.forget_memos(None)                 # as in a new process: nothing remembered in memory
    # The index is made in a second process (site/later_files.py): the texts scanned are
    # written to a file, which that process appends to as well.
    log = root.parent / "scanned.jsonl"
    real_scan = search_index.scan

    def logged_scan(text, *a):
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(text) + "\n")
        return real_scan(text, *a)

    def scanned() -> list[str]:
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    monkeypatch.setattr(search_index, "scan", logged_scan)
    report = build_site(root)
    assert report.warm
    docs = sum(1 for p in (root / "site").glob(f"{SHENZHEN}/article-*/index.html"))
    assert 0 < len(scanned()) < docs / 4       # only the edited paragraphs' text was scanned again
    assert any("ethics committee" in text for text in scanned())
    # The remembered terms are stored in shards: the edit rewrote a few of them, not all;
    # similarity terms, not needed (the related provisions' Chinese scores were cached), stay.
    rewritten = {p.name for p, mtime in shards.items() if p.stat().st_mtime_ns != mtime}
    assert 0 < len(rewritten) <= 6, rewritten
    assert all(name.startswith(("memo-search-terms-", "memo-search-postings-")) for name in rewritten), rewritten
    log.unlink()
    assert_same_as_cold(root)                # forgets every memo: all terms computed afresh
    assert len(scanned()) > docs


def test_a_source_edit_updates_the_article_its_search_data_and_the_pages_linking_to_it(built):
    root = built
    edit_source(root, "负责实施、协调、督促本行政区域内人工智能产业发展工作。市发展改革",
                "负责实施、协调、监督本行政区域内人工智能产业发展工作。市发展改革")
    report = build_site(root)
    assert report.warm
    site = root / "site"
    page = (site / SHENZHEN / "article-6" / "index.html").read_text(encoding="utf-8")
    assert "协调、监督本行政区域内" in page and "协调、督促本行政区域内" not in page
    search = "".join(p.read_text(encoding="utf-8") for p in (site / "search" / "data").rglob("*.js"))
    assert "协调、监督本行政区域内" in search and "协调、督促本行政区域内" not in search
    assert_same_as_cold(root)      # every page linking to article 6, the overview, the exports


def test_an_added_article_puts_it_in_the_navigation_of_every_page(built):
    root = built
    # A new article 73; the commencement clause, still last, becomes article 74.
    edit_source(root, "第七十三条 本条例自2022年11月1日起施行。",
                "第七十三条 本条例由市人民政府负责解释。第七十四条 本条例自2022年11月1日起施行。")
    manifest = root / "source" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("articles: 73", "articles: 74", 1),
                        encoding="utf-8")
    report = build_site(root)
    assert not report.warm, "the navigation changed: every page's navigation must be rendered again"
    site = root / "site"
    assert "本条例自2022年11月1日起施行" in (site / SHENZHEN / "article-74" / "index.html").read_text(encoding="utf-8")
    # The navigation is pruned to the page's own chapter (navigation.prune): chapter 7 (附则)
    # now holds articles 73 and 74; article 73's navigation and "next" link lead to 74, and
    # article 72 (chapter 6) now leads on to the new article 73.
    page = (site / SHENZHEN / "article-73" / "index.html").read_text(encoding="utf-8")
    assert 'href="../article-74/" class="md-nav__link"' in page
    assert 'href="../article-74/" class="md-footer__link md-footer__link--next"' in page
    assert "本条例由市人民政府负责解释" in page
    assert 'href="../article-73/" class="md-footer__link md-footer__link--next"' in \
        (site / SHENZHEN / "article-72" / "index.html").read_text(encoding="utf-8")
    # And the next edit after it is warm again, and right.
    note = root / "annotations" / SHENZHEN / "article-65.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("day-to-day", "daily", 1), encoding="utf-8")
    assert build_site(root).warm
    assert_same_as_cold(root)


def test_a_failing_warm_build_leaves_the_published_site_intact(built, monkeypatch):
    root = built
    old_build = current_build(root / "site")
    old_files = identities(old_build)
    docs_before = tree(root / "build" / "docs")
    note = root / "annotations" / SHENZHEN / "article-65.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("day-to-day", "daily", 1), encoding="utf-8")
    ran = []

    def failing_check(root_, site, **kwargs):
        ran.append(site)                 # MkDocs has written the warm build by now
        raise RuntimeError("check failed")

    monkeypatch.setattr(build_mod, "site_diagnostics", failing_check)
    with pytest.raises(RuntimeError):
        build_site(root)
    assert ran and not ran[0].exists(), "the failed build's directory is removed"
    assert current_build(root / "site") == old_build
    assert identities(old_build) == old_files
    assert tree(root / "build" / "docs") == docs_before
    monkeypatch.undo()
    assert build_site(root).warm          # the state still names the published build


def test_a_changed_template_makes_the_build_cold(built):
    root = built
    css = root / "site_config" / "overrides" / "assets" / "stylesheets" / "statute.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert not build_site(root).warm
    state = json.loads((root / "build" / ".cache" / "warm-state.json").read_text(encoding="utf-8"))
    assert state["build"] == current_build(root / "site").name
    assert os.path.samefile(root / "site", root / ".site-builds" / state["build"])


def test_the_preview_starts_warm_from_the_published_site_and_never_touches_it(built):
    root = built
    published = current_build(root / "site")
    before = identities(published)
    note = root / "annotations" / SHENZHEN / "article-65.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("day-to-day", "daily", 1), encoding="utf-8")
    report = build_site(root, strict=False, preview=True)
    assert report.warm and report.site_dir == root / "build" / "preview" / "site"
    assert "daily work" in (report.site_dir / SHENZHEN / "article-65" / "index.html").read_text(encoding="utf-8")
    assert current_build(root / "site") == published and identities(published) == before
    # The next `build` is warm from site/ (the preview has its own state) and shows the edit too.
    report = build_site(root)
    assert report.warm
    assert "daily work" in (root / "site" / SHENZHEN / "article-65" / "index.html").read_text(encoding="utf-8")


HONOURS_LAW = "宪法相关法/国家勋章和国家荣誉称号法(2015-12-27).md"


@pytest.fixture
def three_statutes(tmp_path):
    """The seeds and a short corpus law (generator/render/reuse.py: pages kept between builds)."""
    from tests.parse.test_corpus import CORPUS

    if not (CORPUS / HONOURS_LAW).is_file():
        pytest.skip("the corpus is not beside the clone")
    root = make_project_copy(tmp_path / "p")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "add", str(CORPUS / HONOURS_LAW),
                          "--id", "honours-law"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert not build_site(root).warm
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _relate_corpus_law_to_shanghai_7(root: Path) -> None:
    """The corpus law's editors add a related provision: its article 3 links to Shanghai's 7."""
    (root / "annotations" / "honours-law").mkdir()
    (root / "annotations" / "honours-law" / "article-3.yaml").write_text(
        "statute: honours-law\narticle: 3\nrelated:\n  add:\n    - target: shanghai-ai-2022-draft/article-7\n",
        encoding="utf-8")


def _rendered_statutes(monkeypatch) -> list[str]:
    """The statutes a build renders again (not kept from the last build), in order."""
    from generator.render import site as site_mod
    rendered: list[str] = []
    real_record = site_mod.record
    monkeypatch.setattr(site_mod, "record", lambda reuse, project, sid, *rest: (rendered.append(sid),
                                                                                real_record(reuse, project, sid, *rest)))
    return rendered


def test_a_statute_the_edit_does_not_touch_is_kept_and_the_site_matches_a_cold_build(three_statutes):
    root = three_statutes
    docs = root / "build" / "docs"
    # Its pages, and the pages made of it alone: its print view and its data export.
    kept = [docs / "honours-law" / "article-3.md", docs / "honours-law" / "print.md", docs / "data" / "honours-law.json"]
    inodes = [page.stat().st_ino for page in kept]
    _edit(root / "annotations" / SHENZHEN / "article-65.yaml", "The committee is set up by",
          "The ethics committee is set up by")
    report = build_site(root)
    assert report.warm
    honours_pages = list((docs / "honours-law").glob("*.md"))
    assert report.pages_kept >= len(honours_pages) + 1 > 10   # not rendered again: the same file
    assert [page.stat().st_ino for page in kept] == inodes
    assert "The ethics committee is set up by" in (root / "site" / SHENZHEN / "article-65" / "index.html").read_text()
    assert_same_as_cold(root)


def test_an_edit_elsewhere_that_shows_on_a_kept_statute_renders_it_again(three_statutes):
    """What another statute's edit brings to a statute's pages: a see-also added to a seed
    article shows as "referred to from" on the corpus law's page; a related provision the
    corpus law's editors added shows the seed article's English title, which then changes."""
    root = three_statutes
    shanghai_7 = root / "annotations" / SHANGHAI / "article-7.yaml"
    page = root / "site" / "honours-law" / "article-3" / "index.html"
    build_site(root)                                       # a record of every statute now
    shanghai_7.write_text(shanghai_7.read_text(encoding="utf-8") + "see_also:\n  - target: honours-law/article-3\n"
                          "    note: kept-statute test\n", encoding="utf-8")
    assert build_site(root).warm
    assert f"{SHANGHAI}/article-7/" in page.read_text(encoding="utf-8")   # the backlink
    assert_same_as_cold(root)
    _relate_corpus_law_to_shanghai_7(root)
    build_site(root)
    assert "Expert Committee" in page.read_text(encoding="utf-8")
    build_site(root)                                       # every statute recorded again
    _edit(shanghai_7, "    en: Expert Committee\n", "    en: Expert Committee of Record\n")
    assert build_site(root).warm
    assert "Expert Committee of Record" in page.read_text(encoding="utf-8")
    assert_same_as_cold(root)


def test_an_edit_no_caption_shows_keeps_the_statute_that_links_to_the_article(three_statutes, monkeypatch):
    """The corpus law's page links to a seed article (a related provision its editors added),
    whose caption shows that article's English title.  An edit to the article's text
    translation changes nothing the caption shows: the corpus law is not rendered again;
    an edit to its title's English is shown (test above)."""
    root = three_statutes
    _relate_corpus_law_to_shanghai_7(root)
    build_site(root)
    assert "Expert Committee" in (root / "site" / "honours-law" / "article-3" / "index.html").read_text(encoding="utf-8")
    rendered = _rendered_statutes(monkeypatch)
    _edit(root / "annotations" / SHANGHAI / "article-7.yaml", "Advisory Expert Committee to provide advisory opinions",
          "Advisory Expert Committee to give advisory opinions")
    assert build_site(root).warm
    assert SHANGHAI in rendered and "honours-law" not in rendered
    assert "to give advisory opinions" in (root / "site" / SHANGHAI / "article-7" / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(root)


def test_a_source_correction_renders_its_statute_again_not_the_library(three_statutes, monkeypatch):
    root = three_statutes
    build_site(root)                                       # every statute recorded
    rendered = _rendered_statutes(monkeypatch)
    edit_source(root, "负责实施、协调、督促本行政区域内", "负责实施、协调、监督本行政区域内")
    report = build_site(root)
    assert report.warm and SHENZHEN in rendered and "honours-law" not in rendered
    assert report.pages_kept > 10
    assert "协调、监督本行政区域内" in (root / "site" / SHENZHEN / "article-6" / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(root)


def test_a_source_correction_a_caption_shows_renders_the_statute_linking_to_it(three_statutes, monkeypatch):
    """The corpus law's page links to a seed article (a related provision its editors
    added); its caption shows the article's Chinese title, which a source correction changes."""
    root = three_statutes
    _relate_corpus_law_to_shanghai_7(root)
    build_site(root)
    page = root / "site" / "honours-law" / "article-3" / "index.html"
    assert "（专家委员会）" in page.read_text(encoding="utf-8")
    rendered = _rendered_statutes(monkeypatch)
    edit_source(root, "第七条 (专家委员会)", "第七条 (专家咨询委员会)", file="004_9f1126a30e32ca71.txt")
    build_site(root)                  # (MkDocs's part is cold: the article's title is in the navigation)
    assert SHANGHAI in rendered and "honours-law" in rendered
    assert "（专家咨询委员会）" in page.read_text(encoding="utf-8")
    assert_same_as_cold(root)
