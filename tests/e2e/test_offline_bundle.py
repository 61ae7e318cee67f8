"""`statute-site bundle`: a zip that works offline from file://, with no request to any other host."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy

NAME = "chinese-statutes-bilingual-and-annotated"      # from mkdocs.yml's site_name
TOP = f"{NAME}-offline"
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
REMOTE_HOSTS = re.compile(r"unpkg\.com|jsdelivr|cdnjs|fonts\.googleapis|fonts\.gstatic|googletagmanager", re.I)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The real project bundled once; yields (project root, zip path, unzipped top folder)."""
    from generator.site.bundle import build_bundle
    root = make_project_copy(tmp_path_factory.mktemp("bundle") / "project")
    report = build_bundle(root)
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(report.path) as zf:
        zf.extractall(unzipped)
    return root, report.path, unzipped / TOP


def html_files(top: Path) -> list[Path]:
    return sorted(top.rglob("*.html"))


# --------------------------------------------------------------------------- the zip

def test_bundle_is_one_folder_with_index_html_and_a_deterministic_zip(bundle):
    root, zip_path, top = bundle
    assert zip_path == root / "dist" / f"{TOP}.zip"
    with zipfile.ZipFile(zip_path) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {n.split("/")[0] for n in names} == {TOP}
    assert f"{TOP}/index.html" in names and f"{TOP}/README.txt" in names
    # Not shipped: the sitemaps (dated, for crawlers) and the web server's 404 page.
    assert not [n for n in names if n.endswith(("sitemap.xml", "sitemap.xml.gz", f"{TOP}/404.html"))]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
    assert not list((root / "dist").glob(".*.tmp"))


def test_bundle_leaves_the_served_site_alone(bundle):
    root, _, _ = bundle
    assert not (root / "site").exists() and not (root / "build" / "docs").exists()
    assert not list((root / "build").glob(".bundle-staging-*"))


def test_bundle_pages_link_to_html_files_that_exist(bundle):
    """Every page and every local link or resource in it resolves to a file in the bundle."""
    _, _, top = bundle
    pages = html_files(top)
    assert (top / SHENZHEN / "article-65.html").exists() and (top / SHANGHAI / "print.html").exists()
    assert len(pages) > 150
    broken = []
    for page in pages:
        for ref in LINK.findall(page.read_text(encoding="utf-8")):
            ref = html.unescape(ref)
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("#", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if parts.path.endswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(top)}: {ref}")
    assert not broken, broken[:20]


def test_bundle_makes_no_request_to_another_host_statically(bundle):
    from generator.site.bundle import remote_references
    _, _, top = bundle
    assert remote_references(top) == []
    for path in [*html_files(top), *top.rglob("*.css")]:
        assert not REMOTE_HOSTS.search(path.read_text(encoding="utf-8")), path
    # The search index is scripts the results page loads from file:// (no fetch, no worker).
    assert (top / "search" / "data" / "manifest.js").read_text(encoding="utf-8").startswith("__searchManifest(")
    assert (top / "search" / "index.html").exists()
    page = (top / SHENZHEN / "article-65.html").read_text(encoding="utf-8")
    assert 'action="../search/index.html"' in page            # the header's search box


def test_cli_bundle_rebuilds_the_same_zip_byte_for_byte(bundle):
    root, zip_path, _ = bundle
    before = zip_path.read_bytes()
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "bundle"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"{TOP}.zip" in out.stderr and f"open {TOP}/index.html" in out.stderr
    assert zip_path.read_bytes() == before


def test_remote_resources_fail_the_bundle_and_no_zip_is_written(tmp_path, monkeypatch):
    import generator.site.bundle as bundle_mod
    from generator.site.bundle import BundleError, build_bundle

    def fake_mkdocs(paths, docs_dir, site_dir, *, strict=True, offline=False):
        assert offline
        (site_dir / "assets").mkdir(parents=True)
        (site_dir / "index.html").write_text(
            '<html><head>\n<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">\n'
            '<link rel="canonical" href="https://example.org/">\n</head><body>\n'
            '<a href="https://example.org/">a link is fine</a>\n<img src="//cdn.example.com/x.png">\n</body></html>',
            encoding="utf-8")
        (site_dir / "assets" / "x.css").write_text("a{}\n@import url('https://cdn.example.com/y.css');\n")
        return []

    root = make_project_copy(tmp_path / "p")
    (root / "dist").mkdir()
    (root / "dist" / f"{TOP}.zip").write_bytes(b"previous bundle")
    monkeypatch.setattr(bundle_mod, "run_mkdocs", fake_mkdocs)
    with pytest.raises(BundleError) as exc:
        build_bundle(root)
    assert exc.value.problems == ["assets/x.css:2: https://cdn.example.com/y.css",
                                  "index.html:2: https://fonts.googleapis.com/css?family=Roboto",
                                  "index.html:6: //cdn.example.com/x.png"]
    assert sorted(p.name for p in (root / "dist").iterdir()) == [f"{TOP}.zip"]
    assert (root / "dist" / f"{TOP}.zip").read_bytes() == b"previous bundle"
    assert not list((root / "build").glob(".bundle-staging-*"))


def test_cli_bundle_errors_are_readable(tmp_path):
    root = make_project_copy(tmp_path / "p")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "bundle", "--name", "my bundle"],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "bundle name 'my bundle'" in out.stderr
    (root / "dist").write_text("a file where dist/ should be")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "bundle", "--name", "x"],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "cannot write to" in out.stderr and "no bundle was written" in out.stderr
    assert "Traceback" not in out.stderr


def test_zip_does_not_depend_on_file_times(tmp_path):
    import os
    from generator.site.bundle import write_zip
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>")
    (site / "b" / "a.css").write_text("a{}")
    write_zip(site, tmp_path / "one.zip", "t-offline")
    for path in site.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    write_zip(site, tmp_path / "two.zip", "t-offline")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_default_name_comes_from_site_name(tmp_path):
    from generator.site.bundle import default_name
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 法规 · Laws of Shenzhen\n", encoding="utf-8")
    assert default_name(config) == "laws-of-shenzhen"
    config.write_text("site_name: 中国法规\n", encoding="utf-8")
    assert default_name(config) == "statute-site"


def test_online_url_is_an_absolute_http_address_or_nothing(tmp_path):
    from generator.site.mkdocs_settings import online_url
    config = tmp_path / "mkdocs.yml"
    for value, expected in (("https://laws.example.org/zh/", "https://laws.example.org/zh/"),
                            ("javascript:alert(1)", None), ("/laws/", None), ("https:///no-host", None)):
        config.write_text(f"site_name: x\nsite_url: {json.dumps(value)}\n", encoding="utf-8")
        assert online_url(config) == expected, value
    config.write_text("site_name: x\n", encoding="utf-8")
    assert online_url(config) is None


def test_the_whole_library_s_bundle_does_not_call_itself_a_part(bundle):
    from bs4 import BeautifulSoup
    _, _, top = bundle
    home = BeautifulSoup((top / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("p.library-part") is None
    assert "2 statutes" in home.select_one("p.library-count").get_text()


def test_a_bundle_of_one_seed_statute_says_it_holds_one_of_two(tmp_path):
    """The home page of `bundle --statute SHENZHEN` says, in both languages, that the copy
    holds one of the library's two statutes, names the online site (mkdocs.yml's site_url,
    hostile here) as inert text and link, and lists nothing of the statute left out."""
    from bs4 import BeautifulSoup
    from generator.site.bundle import build_bundle
    root = make_project_copy(tmp_path / "project")
    url = "https://example.org/?q=\"><script>alert(1)</script>&x='y'"
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write(f"\nsite_url: {json.dumps(url)}\n")
    report = build_bundle(root, statutes=[SHENZHEN])
    with zipfile.ZipFile(report.path) as zf:
        raw = zf.read(f"{SHENZHEN}-offline/index.html").decode("utf-8")
    home = BeautifulSoup(raw, "html.parser")
    note = home.select_one("p.library-part")
    assert note["data-library-total"] == "2" and note["role"] == "note"
    english = " ".join(s.get_text(" ", strip=True) for s in note.select('span[lang="en"]'))
    chinese = "".join(s.get_text() for s in note.select('span[lang="zh-Hans"]'))
    assert "This offline copy holds 1 of the library's 2 statutes; the other one is not in it." in english
    assert "本副本只收录全库 2 部法规中的 1 部；其余 1 部不在本副本中。" in chinese
    assert [a["href"] for a in note.select("a")] == [url, url]
    assert [a.get_text() for a in note.select("a")] == [url, url]
    assert "<script>alert" not in raw and not [s for s in home.select("script") if "alert(1)" in s.get_text()]
    assert "This offline copy: 1 statute, 73 articles" in home.select_one("p.library-count").get_text()
    assert len(home.select("li.library-entry")) == 1
    shanghai_title = "上海市促进人工智能产业发展条例（草案）"
    assert SHANGHAI not in raw and shanghai_title not in raw


# --------------------------------------------------------------------------- in a browser, network blocked

@pytest.fixture(scope="module")
def offline_browser():
    from tests.browser import Browser, require_chromium
    require_chromium()
    b = Browser(offline=True)
    yield b
    b.close()


def assert_all_local(browser) -> None:
    from tests.browser import LOCAL_SCHEMES
    requests = browser.collect()
    assert requests, "no request recorded: the performance log is not working"
    remote = sorted({r for r in requests if not r.startswith(LOCAL_SCHEMES)})
    assert not remote, f"requests to other hosts: {remote}"
    assert not browser.failures, f"failed loads (missing files?): {browser.failures[:10]}"
    assert not browser.console_errors()


def uri(top: Path, rel: str) -> str:
    return (top / rel).as_uri()


def click(browser, selector: str) -> None:
    from selenium.webdriver.common.by import By
    el = browser.driver.find_element(By.CSS_SELECTOR, selector)
    browser.driver.execute_script("arguments[0].click()", el)      # also when in a collapsed nav section
    browser.wait(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.mark.browser
def test_offline_bundle_works_from_file_with_the_network_blocked(bundle, offline_browser):
    from tests.browser import fragment_of, path_of
    _, _, top = bundle
    b, d = offline_browser, offline_browser.driver
    b.reset()
    b.get(uri(top, "index.html"))
    assert "中国法规双语注释本" in d.title
    # Styling: Material's stylesheet and the site's own.
    assert d.execute_script("return getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    # Navigation: home (the library list) -> overview -> first article -> next -> home (sidebar;
    # a statute's pages carry only their own statute) -> the other statute -> print view.
    click(b, f'a.library-title[href="{SHENZHEN}/index.html"]')
    click(b, 'article a[href="article-1.html"]')
    assert d.current_url.endswith(f"/{SHENZHEN}/article-1.html")
    assert d.execute_script("return getComputedStyle(document.querySelector('.seg-row')).display") == "grid"
    click(b, ".article-pager a.next")
    assert d.current_url.endswith(f"/{SHENZHEN}/article-2.html")
    assert not d.find_elements("css selector", f'nav.md-nav a[href^="../{SHANGHAI}/"]')
    click(b, 'nav.md-nav a.md-nav__link[href="../index.html"]')
    click(b, f'a.library-title[href="{SHANGHAI}/index.html"]')
    assert d.current_url.endswith(f"/{SHANGHAI}/index.html") and "Draft for public comment" in d.page_source
    click(b, "a.print-link")
    assert d.current_url.endswith(f"/{SHANGHAI}/print.html")
    assert len(d.find_elements("css selector", "h2.print-chapter")) == 4
    # Every kind of page opens and is styled.
    for rel in ("index.html", f"{SHENZHEN}/index.html", f"{SHENZHEN}/print.html", f"{SHENZHEN}/article-65.html",
                f"{SHANGHAI}/article-40.html", "reference/sources.html", "reference/source-variants.html",
                "reference/source-issues.html"):
        b.get(uri(top, rel))
        assert d.find_elements("css selector", "article.md-content__inner h1"), rel
    # Search, from file://: the header's box, the results page, the paragraph.
    b.get(uri(top, f"{SHENZHEN}/index.html"))
    box = d.find_element("css selector", "header form[role=search] input[name=q]")
    box.send_keys("伦理委员会\n")
    b.wait(lambda d: path_of(d.current_url).endswith("/search/index.html"))
    b.wait(lambda d: d.execute_script(
        "return document.querySelector('[data-search-page]').getAttribute('data-search-state') === 'done'"))
    click(b, "[data-search-result] a[href]")
    assert path_of(d.current_url).endswith(f"/{SHENZHEN}/article-65.html")
    assert fragment_of(d.current_url) == "art_65__para_1"
    assert_all_local(b)


@pytest.mark.browser
def test_offline_search_answers_the_query_set_from_file(bundle, offline_browser):
    from tests.e2e.search_queries import PASS_FIRST, load_queries, run_query_set
    _, _, top = bundle
    offline_browser.reset()
    firsts, failures = run_query_set(offline_browser, uri(top, "search/index.html"))
    assert not failures, failures
    assert len(firsts) >= PASS_FIRST * len(load_queries())
    assert_all_local(offline_browser)


@pytest.mark.browser
def test_offline_language_switch_works_from_file(bundle, offline_browser):
    """[data-view-choice=zh|en|both] buttons set document.documentElement.dataset.view and
    persist it in localStorage, also from file://."""
    _, _, top = bundle
    b, d = offline_browser, offline_browser.driver
    b.reset()
    b.get(uri(top, f"{SHENZHEN}/article-65.html"))
    visible = ("return [...document.querySelectorAll(arguments[0])].some(e => e.offsetParent !== null)")
    for choice, zh_shown, en_shown in (("en", False, True), ("zh", True, False), ("both", True, True)):
        click(b, f'[data-view-choice="{choice}"]')
        assert d.execute_script("return document.documentElement.dataset.view") == choice
        assert d.execute_script(visible, ".seg.zh") is zh_shown and d.execute_script(visible, ".seg.en") is en_shown
    click(b, '[data-view-choice="en"]')
    assert "en" in d.execute_script("return Object.values(localStorage)")
    b.get(uri(top, f"{SHENZHEN}/article-66.html"))                 # persists across pages under file://
    assert d.execute_script("return document.documentElement.dataset.view") == "en"
    click(b, '[data-view-choice="both"]')
    assert_all_local(b)


@pytest.mark.browser
def test_offline_glossary_tooltips_work_from_file(bundle, offline_browser):
    """Defined terms (span.term, focusable) show their explanation on hover and on focus."""
    from selenium.webdriver.common.action_chains import ActionChains
    _, _, top = bundle
    b, d = offline_browser, offline_browser.driver
    b.reset()
    b.get(uri(top, f"{SHENZHEN}/article-65.html"))
    term = d.find_element("css selector", "article .seg.zh .term[data-tip]")
    explanation = term.get_attribute("data-tip")
    assert "defined in Article" in explanation
    shown = """
        const el = arguments[0], text = arguments[1];
        const c = getComputedStyle(el, '::after').content;
        return !!c && c !== 'none' && c !== 'normal' && c.includes(text.slice(0, 12));"""
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", term)
    ActionChains(d).move_to_element(term).perform()
    b.wait(lambda d: d.execute_script(shown, term, explanation), 5, "tooltip on hover")
    ActionChains(d).move_by_offset(0, 300).perform()
    d.execute_script("arguments[0].focus()", term)
    b.wait(lambda d: d.execute_script(shown, term, explanation), 5, "tooltip on focus")
    assert_all_local(b)
