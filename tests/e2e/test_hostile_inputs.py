"""Every payload of tests/data/hostile_inputs.yaml through every input channel
(tests/e2e/hostile.py): the build succeeds, the post-build check finds nothing, the
payloads show as text, and in headless Chromium nothing runs (no dialog, no script error,
no Content-Security-Policy violation) and nothing is requested from another host."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.site.audit import audit_site
from tests.e2e.search_queries import results as search_results
from tests.conftest import REPO, SHANGHAI, SHENZHEN
from tests.e2e.hostile import CHANNELS, PAYLOADS, hostile_project, one_line

# Pages where each channel's payloads land (relative to site/).
PAGES = {
    "annotations": ["index.html", f"{SHENZHEN}/article-1/index.html", f"{SHENZHEN}/article-3/index.html",
                    f"{SHENZHEN}/article-10/index.html", f"{SHENZHEN}/article-30/index.html",
                    f"{SHENZHEN}/article-31/index.html", "glossary/index.html", "reference/source-issues/index.html",
                    "tags/index.html", f"{SHENZHEN}/print/index.html"],
    "manifest": ["index.html", f"{SHENZHEN}/index.html", f"{SHENZHEN}/article-5/index.html", "commentary/index.html",
                 "reference/sources/index.html", f"{SHANGHAI}/article-1/index.html"],
    "source": [f"{SHENZHEN}/index.html", f"{SHENZHEN}/article-4/index.html", f"{SHENZHEN}/article-5/index.html",
               f"{SHENZHEN}/article-6/index.html", f"{SHENZHEN}/article-70/index.html",
               "reference/source-variants/index.html", "reference/source-issues/index.html"],
    "commentary": ["commentary/index.html", f"{SHENZHEN}/article-10/index.html", f"{SHENZHEN}/article-11/index.html",
                   "reference/source-issues/index.html"],
}


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory):
    """One hostile project per channel, built in parallel subprocesses."""
    base = tmp_path_factory.mktemp("hostile")
    roots = {ch: hostile_project(base / ch, ch) for ch in CHANNELS}
    procs = {ch: subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for ch, root in roots.items()}
    results = {ch: (p.wait(timeout=900), p.stderr.read()) for ch, p in procs.items()}
    return roots, results


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_hostile_channel_builds_and_the_site_is_clean(hostile_sites, channel):
    roots, results = hostile_sites
    code, stderr = results[channel]
    assert code == 0, stderr[-3000:]
    site = roots[channel] / "site"
    assert audit_site(site) == []
    for page in PAGES[channel]:
        assert (site / page).is_file(), page


def _text(site: Path, page: str) -> str:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").get_text(" ")


def test_payloads_show_as_text(hostile_sites):
    roots, _ = hostile_sites
    ann = roots["annotations"] / "site"
    # payload i is article i+1's reviewed English, translator's note, reviewer and see-also note
    for i in (0, 1, 4, 20, 32):
        text = " ".join(_text(ann, f"{SHENZHEN}/article-{i + 1}/index.html").split())
        assert f"English {one_line(PAYLOADS[i])} end" in text, (i, PAYLOADS[i])
    # the chapter heading English reaches the navigation of every page, as text
    soup = BeautifulSoup((ann / SHENZHEN / "article-40" / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav = " ".join(soup.select_one("nav.md-nav--primary").get_text(" ").split())
    assert "Heading <img src=x onerror=alert(1)>" in nav
    # manifest title_en in <title>/<meta description> and the header, as text
    man = roots["manifest"] / "site"
    soup = BeautifulSoup((man / SHENZHEN / "article-5" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert 'x"><script>alert(9)</script>' in soup.find("meta", attrs={"name": "description"})["content"]
    assert soup.find_all("script", string=lambda s: s and "alert(" in s) == []
    # documents' title_en reach the navigation of their statute's pages (the commentary on it), as text
    nav = " ".join(soup.select_one("nav.md-nav--primary").get_text(" ").split())
    assert f"Doc {one_line(PAYLOADS[2])}" in nav                 # the first document, Shenzhen's interpretation
    assert not soup.select("nav.md-nav--primary svg[onload], nav.md-nav--primary [onerror]")
    # source text: the article title in brackets is text on the page and in the nav
    src = roots["source"] / "site"
    assert "<svg/onload=alert(7)>" in _text(src, f"{SHENZHEN}/article-6/index.html")


def test_build_fails_naming_the_input_when_the_site_is_unsafe(tmp_path, monkeypatch):
    """The post-build check is a real gate: a page that carries a payload fails the build,
    naming the input file and line that holds it."""
    from generator.diagnostics import InputError
    from generator.site import build as build_module
    from generator.site.build import build_site
    from tests.conftest import make_project_copy
    root = make_project_copy(tmp_path / "p")
    path = root / "annotations" / SHENZHEN / "article-12.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("On the premise of", "On <img src=x onerror=alert(5)> the"),
                    encoding="utf-8")
    original = build_module.render_site

    def leaky_render(project, extra=(), reuse=None):     # an escaping bug, simulated
        site = original(project, extra, reuse)
        page = f"{SHENZHEN}/article-12.md"
        site.files[page] += '\n<p><img src=x onerror=alert(5)></p>\n'
        return site
    monkeypatch.setattr(build_module, "render_site", leaky_render)
    with pytest.raises(InputError) as exc:
        build_site(root)
    messages = [d.format() for d in exc.value.diagnostics]
    assert any(m.startswith(f"annotations/{SHENZHEN}/article-12.yaml:") and "event-handler attribute 'onerror'" in m
               for m in messages), messages
    assert not (root / "site").exists()


@pytest.mark.browser
def test_no_script_runs_and_nothing_loads_from_elsewhere(hostile_sites):
    from selenium.common.exceptions import NoAlertPresentException
    from tests.browser import Browser, serve

    roots, results = hostile_sites
    b = Browser()
    try:
        for channel, pages in PAGES.items():
            assert results[channel][0] == 0
            with serve(roots[channel] / "site") as base:
                for page in pages:
                    b.reset()
                    b.get(base + page.removesuffix("index.html"))
                    time.sleep(0.3)               # autofocus / onload handlers would have fired
                    try:
                        alert = b.driver.switch_to.alert
                        pytest.fail(f"{channel}: a dialog opened on {page}: {alert.text!r}")
                    except NoAlertPresentException:
                        pass
                    errors = [e for e in b.console_errors() if "favicon" not in e]
                    assert errors == [], (channel, page, errors)
                    remote = [u for u in b.collect() if not u.startswith((base, "data:", "blob:", "about:"))]
                    assert remote == [], (channel, page, remote)
                # search results render titles and text of the hostile pages
                b.reset()
                for query in ("onerror", "alert", "script"):
                    search_results(b, base + "search/", query)      # the results page, rendered in the browser
                    time.sleep(0.3)
                    try:
                        alert = b.driver.switch_to.alert
                        pytest.fail(f"{channel}: a dialog opened on searching {query!r}: {alert.text!r}")
                    except NoAlertPresentException:
                        pass
                assert [e for e in b.console_errors() if "favicon" not in e] == [], channel
                assert [u for u in b.collect() if not u.startswith((base, "data:", "blob:", "about:"))] == []
    finally:
        b.close()
