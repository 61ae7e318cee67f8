"""A library: twenty laws of the corpus added with `add DIR` and built end to end; the home
page, each statute's pages, navigation scoped to its statute, search data, and bundles of
one statute from it.

The slice is chosen by hand (deterministic, and each for a reason): 物权编 of the Civil Code
(a book in five parts, 分编, with chapters and sections; articles 205-462), two laws with
sections (国家赔偿法, 婚姻家庭编), laws with chapters only, laws without chapters, two
versions of one law (国务院组织法 1982 and 2024), and a constitutional amendment added
apart (its rank, like the laws', read by `add` from its history line).  About 750 articles; the build takes about 20 s of CPU.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, make_project_copy

CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook-national"
LAWS = [
    "民法典/物权编.md", "宪法相关法/国家赔偿法(2012-10-26).md", "民法典/婚姻家庭编.md",
    "宪法相关法/国务院组织法(1982-12-10).md", "宪法相关法/国务院组织法(2024-03-11).md",
    "宪法相关法/反分裂国家法(2005-03-14).md", "经济法/印花税法(2021-06-10).md", "宪法相关法/国歌法(2017-09-01).md",
    "宪法相关法/国徽法(2020-10-17).md", "宪法相关法/国旗法(2020-10-17).md", "宪法相关法/国籍法(1980-09-10).md",
    "宪法相关法/居民身份证法(2011-10-29).md", "宪法相关法/戒严法(1996-03-01).md", "民法商法/电子签名法(2019-04-23).md",
    "社会法/反家庭暴力法(2015-12-27).md", "经济法/反不正当竞争法(2019-04-23).md",
    "宪法相关法/反外国制裁法(2021-06-10).md", "宪法相关法/领海及毗连区法(1992-02-25).md",
    "经济法/个人所得税法(2018-08-31).md",
]
AMENDMENT = "宪法/宪法修正案（2004年）.md"
# An article heading as the corpus writes it (independent of the parser): 第…条 at a line's start.
ARTICLE_LINE = re.compile(r"^\s*(?:\*\*)?第[一二三四五六七八九十百千零〇两]+条", re.M)
CHAPTER_LINE = re.compile(r"^#+\s*第[一二三四五六七八九十百]+章", re.M)
PART_LINE = re.compile(r"^#+\s*第[一二三四五六七八九十]+分编", re.M)
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
ONE = "guogefa-2017-09-01"            # 国歌法: the statute bundled alone below

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason=f"needs the corpus at {CORPUS}")


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True)


def empty_project(dest: Path) -> Path:
    root = make_project_copy(dest, with_annotations=False)
    shutil.rmtree(root / "source")
    (root / "source").mkdir()
    (root / "source" / "manifest.yaml").write_text("statutes: {}\n", encoding="utf-8")
    return root


def add_folder(root: Path, folder: Path, files: list[str], *extra: str) -> None:
    folder.mkdir()
    for name in files:
        shutil.copy(CORPUS / name, folder / Path(name).name)
    out = cli(root, "add", str(folder), *extra)
    assert out.returncode == 0, out.stderr[-3000:]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    base = tmp_path_factory.mktemp("library")
    root = empty_project(base / "project")
    add_folder(root, base / "laws", LAWS)            # rank and jurisdiction read from the history lines
    add_folder(root, base / "other", [AMENDMENT])
    out = cli(root, "build")
    assert out.returncode == 0, out.stderr[-3000:]
    return root


def manifest_ids(root: Path) -> list[str]:
    from generator.sources.manifest import load_manifest
    return list(load_manifest(root / "source").statutes)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_statute_has_its_overview_and_one_page_per_article(library):
    from generator.sources.manifest import load_manifest
    manifest = load_manifest(library / "source")
    assert len(manifest.statutes) == 20
    by_file = {s.file: s.parts[0].statute for s in manifest.sources}
    for source in manifest.sources:
        sid = by_file[source.file]
        text = (library / "source" / source.file).read_text(encoding="utf-8")
        site = library / "site" / sid
        assert (site / "index.html").is_file(), sid
        pages = [p for p in site.glob("article-*/index.html")]
        assert len(pages) == len(ARTICLE_LINE.findall(text)), sid


def test_a_code_s_overview_lists_its_book_parts_chapters_and_sections(library):
    text = (CORPUS / "民法典/物权编.md").read_text(encoding="utf-8")
    page = soup(library / "site" / "wuquanbian" / "index.html")
    content = page.select_one("article")
    assert "物权编" in content.select_one("h3").get_text()
    parts = [p.get_text(" ", strip=True) for p in content.select(".subbook-heading")]
    assert len(parts) == len(PART_LINE.findall(text)) == 5 and parts[0].startswith("第一分编 通则")
    chapters = [h for h in content.select("h4") if re.match(r"第.+章", h.get_text(strip=True))]
    assert len(chapters) == len(CHAPTER_LINE.findall(text)) == 20
    assert content.select("h5")                                   # 第…节 sections under their chapters
    assert len(content.select('a[href^="../wuquanbian/article-"], a[href^="article-"]')) >= 258
    assert "20 chapters, 258 articles (arts. 205–462)" in content.select_one("table").get_text(" ")


def test_home_page_lists_every_statute_grouped_by_rank_and_jurisdiction(library):
    page = soup(library / "site" / "index.html")
    entries = page.select("li.library-entry")
    assert len(entries) == 20
    groups = {h.get("id"): h.get_text(" ", strip=True) for h in page.select(".library-group > h2")}
    # `add` read every law's maker from its history line (全国人民代表大会…): the Constitution
    # first, then the laws, all of the People's Republic of China.
    assert list(groups) == ["rank-constitution", "rank-law"]
    assert "宪法" in groups["rank-constitution"] and "(1)" in groups["rank-constitution"]
    assert "法律" in groups["rank-law"] and "(19)" in groups["rank-law"]
    summary = page.select_one(".library-summary").get_text(" ", strip=True)
    assert "中华人民共和国 · People's Republic of China (20)" in summary
    manifest = (library / "source" / "manifest.yaml").read_text(encoding="utf-8")
    assert manifest.count("rank: law  # read from the history line (") == 19
    links = {e.select_one("a.library-title")["href"] for e in entries}
    for href in links:                                      # each entry leads to its overview
        assert (library / "site" / unquote(href) / "index.html").is_file(), href
    # The corpus gives no English titles: said plainly, not invented.
    assert all(e.select_one(".library-en").get_text() == "No English title yet" for e in entries)
    # Two books of the Civil Code, each titled 中华人民共和国民法典 by its file: told apart by the book.
    books = sorted(e.select_one(".library-book").get_text() for e in entries if e.select_one(".library-book"))
    assert books == ["婚姻家庭编", "物权编"]
    # 国务院组织法 of 1982 and of 2024, both in the library: the older one points at the newer.
    older = next(e for e in entries if e.select_one("a")["href"].rstrip("/").endswith("guowuyuanzuzhifa-1982-12-10"))
    newer_link = older.select_one(".library-later a")
    assert newer_link["href"].rstrip("/").endswith("guowuyuanzuzhifa-2024-03-11")
    assert newer_link.get_text() == "2024-03-11"
    newer = next(e for e in entries if e.select_one("a")["href"].rstrip("/").endswith("guowuyuanzuzhifa-2024-03-11"))
    assert newer.select_one(".library-later") is None
    guoge = next(e for e in entries if "国歌法" in e.select_one("a").get_text())
    dates = guoge.select(".library-date time")
    assert [t["datetime"] for t in dates][:1] == ["2017-09-01"]        # adopted, from the text's history
    assert "In force" in guoge.select_one(".status").get_text()
    assert "guogefa" in guoge["data-filter"] and "国歌法" in guoge["data-filter"]
    assert page.select_one(".library-filter")["hidden"] is not None       # shown by library.js only


def test_article_pages_carry_only_their_own_statute_in_the_navigation(library):
    ids = manifest_ids(library)
    page = soup(library / "site" / ONE / "article-3" / "index.html")
    nav_links = [a["href"] for a in page.select("nav.md-nav--primary a[href]")]
    others = [h for h in nav_links for sid in ids if sid != ONE and f"/{sid}/" in f"/{h.lstrip('./')}"]
    assert not others
    assert any("article-1/" in h for h in nav_links)
    home_nav = [a["href"] for a in soup(library / "site" / "index.html").select("nav.md-nav--primary a[href]")]
    assert not [h for h in home_nav for sid in ids if sid in h]      # 20 > SMALL_LIBRARY: the home page lists them
    not_found = [a["href"] for a in soup(library / "site" / "404.html").select("nav.md-nav--primary a[href]")]
    assert not_found and not [h for h in not_found for sid in ids if sid in h]


def test_search_data_holds_every_statute(library):
    text = (library / "site" / "search" / "data" / "manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(text[text.index("(") + 1: text.rindex(")")])
    assert {c["id"] for c in manifest["collections"]} >= set(manifest_ids(library))


def test_the_built_library_passes_the_audit(library):
    from generator.site.audit import site_diagnostics
    assert site_diagnostics(library, library / "site", label="library") == []


# --------------------------------------------------------------------------- bundles of some statutes

def unzip(zip_path: Path, dest: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)
        top = zf.namelist()[0].split("/")[0]
    return dest / top


def broken_links(top: Path) -> list[str]:
    broken = []
    for page in sorted(top.rglob("*.html")):
        for ref in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(html.unescape(ref))
            if parts.scheme or ref.startswith(("#", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if parts.path.endswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(top)}: {ref}")
    return broken


@pytest.fixture(scope="module")
def bundles(library, tmp_path_factory):
    base = tmp_path_factory.mktemp("bundles")
    out = cli(library, "bundle", "--statute", ONE)
    assert out.returncode == 0, out.stderr
    from_library = library / "dist" / f"{ONE}-offline.zip"
    alone = empty_project(base / "alone")
    add_folder(alone, base / "one", ["宪法相关法/国歌法(2017-09-01).md"], "--rank", "law")
    out = cli(alone, "bundle", "--statute", ONE)
    assert out.returncode == 0, out.stderr
    return from_library, alone / "dist" / f"{ONE}-offline.zip", base


def test_a_bundle_of_one_statute_is_the_size_of_that_statute_alone(bundles):
    from_library, alone, base = bundles
    a, b = from_library.stat().st_size, alone.stat().st_size
    assert abs(a - b) <= 0.02 * b, (a, b)
    with zipfile.ZipFile(from_library) as za, zipfile.ZipFile(alone) as zb:
        assert za.namelist() == zb.namelist()
        names = za.namelist()
    assert not [n for n in names if "wuquanbian" in n or "guoqifa" in n]
    top = unzip(from_library, base / "unzipped")
    assert broken_links(top) == []
    home = soup(top / "index.html")
    assert [e.select_one("a").get_text() for e in home.select("li.library-entry")] == ["中华人民共和国国歌法"]
    # The trainer is told the other nineteen are not in this copy: a count, not a list.
    note = home.select_one("p.library-part")
    assert note["data-library-total"] == "20"
    assert "holds 1 of the library's 20 statutes; the other 19 are not in it." in note.get_text(" ")
    assert "全库 20 部法规中的 1 部；其余 19 部不在本副本中" in note.get_text()
    alone_top = unzip(alone, base / "unzipped-alone")
    assert soup(alone_top / "index.html").select_one("p.library-part") is None     # the whole of its library


def test_a_bundle_of_several_statutes_holds_exactly_those(library, tmp_path):
    out = cli(library, "bundle", "--statute", ONE, "--statute", "guoqifa-2020-10-17", "--name", "flags")
    assert out.returncode == 0, out.stderr
    top = unzip(library / "dist" / "flags-offline.zip", tmp_path)
    assert (top / ONE / "article-1.html").is_file() and (top / "guoqifa-2020-10-17" / "article-1.html").is_file()
    assert not (top / "wuquanbian").exists()
    assert len(soup(top / "index.html").select("li.library-entry")) == 2
    assert broken_links(top) == []


def test_an_unknown_statute_is_a_usage_error_naming_the_close_id(library):
    out = cli(library, "bundle", "--statute", "guogefa-2017")
    assert out.returncode == 2
    assert "no statute 'guogefa-2017'" in out.stderr and "guogefa-2017-09-01" in out.stderr


@pytest.mark.browser
def test_the_filter_box_narrows_the_list_as_you_type(library):
    from selenium.webdriver.common.by import By
    from tests.browser import Browser, serve
    from tests.e2e.test_accessibility import RUN_AXE, _axe_source
    browser = Browser()
    try:
        with serve(library / "site") as base:
            source = _axe_source()
            browser.driver.set_script_timeout(60)
            for page in ("", f"{ONE}/article-3/", "wuquanbian/"):       # axe: no serious or critical violation
                browser.get(base + page)
                browser.driver.execute_script(source)
                assert json.loads(browser.driver.execute_async_script(RUN_AXE)) == [], page
            browser.get(base)
            box = browser.driver.find_element(By.ID, "library-filter-input")
            assert box.is_displayed()
            visible = "return [...document.querySelectorAll('li.library-entry')].filter(e => e.offsetParent).length"
            assert browser.driver.execute_script(visible) == 20
            for query, expected in (("国旗", 1), ("guowuyuan", 2), ("ＧＵＯＷＵＹＵＡＮ", 2), ("國務院", 2),
                                    ("國旗", 1), ("zzz", 0)):
                box.clear()
                box.send_keys(query)
                browser.wait(lambda d, n=expected: d.execute_script(visible) == n, message=query)
            assert browser.driver.find_element(By.CSS_SELECTOR, ".library-none").is_displayed()
            assert not browser.console_errors()
    finally:
        browser.close()


def test_the_seed_site_keeps_both_statutes_where_no_statute_is_current(built_site):
    """Two statutes (a small library): pages outside a statute list both in the navigation;
    a statute's pages carry only their own."""
    from tests.conftest import SHANGHAI, SHENZHEN

    def nav_links(rel: str) -> list[str]:
        return [a["href"] for a in soup(built_site / "site" / rel / "index.html").select("nav.md-nav--primary a[href]")]

    home = nav_links(".")
    assert any(SHENZHEN in h for h in home) and any(SHANGHAI in h for h in home)
    article = nav_links(f"{SHENZHEN}/article-3")
    assert not any(SHANGHAI in h for h in article)
    assert any(h.endswith("print/") for h in article)               # its own print view stays
    assert len(soup(built_site / "site" / "index.html").select("li.library-entry")) == 2


def test_the_project_of_one_seed_statute_drops_what_points_at_the_other():
    """load_project(only=…) (bundle --statute): the seed statutes refer to each other (see also,
    related provisions); the Shenzhen-only project keeps its own annotations, drops those
    references, and holds only its own documents and raw files."""
    from dataclasses import replace

    from generator.diagnostics import InputError
    from generator.pipeline import load_project, restrict_annotations
    from tests.conftest import SHANGHAI, SHENZHEN
    full = load_project(REPO)
    assert any(s.statute == SHANGHAI for f in full.annotations.all_files() if f.statute == SHENZHEN
               for s in f.see_also)
    one = load_project(REPO, sources=full.sources, only=[SHENZHEN])
    assert list(one.statutes) == [SHENZHEN]
    files = one.annotations.all_files()
    assert files and {f.statute for f in files} == {SHENZHEN}
    assert not [s for f in files for s in [*f.see_also, *f.related] if s.statute != SHENZHEN]
    assert {d.statute for d in one.documents.values()} == {SHENZHEN}
    assert {p.statute for s in one.manifest.sources for p in s.parts if p.statute} == {SHENZHEN}
    assert not [r for rel in one.related.values() for r in rel if r.statute != SHENZHEN]
    # A note whose text links to the statute left out cannot be shown: the error names the note.
    with_note = next(f for f in full.annotations.all_files() if f.statute == SHENZHEN and f.notes)
    note = replace(with_note.notes[0], body=f"See [art. 5]({SHANGHAI}/article-5).")
    broken = replace(full.annotations, files={**full.annotations.files,
                                              (SHENZHEN, with_note.article): replace(with_note, notes=[note])})
    with pytest.raises(InputError) as caught:
        restrict_annotations(broken, {SHENZHEN})
    assert SHANGHAI in caught.value.diagnostics[0].message and caught.value.diagnostics[0].path == with_note.path
