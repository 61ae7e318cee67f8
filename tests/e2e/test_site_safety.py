"""The post-build check (generator/site/audit.py) and the Content-Security-Policy
(generator/site/csp.py) on the real built site and on hand-made hostile pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.audit import audit_page, audit_site, blame, site_diagnostics
from generator.site.csp import script_hash
from tests.conftest import SHENZHEN

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_the_real_site_passes_and_every_page_has_a_policy(built_site):
    site = built_site / "site"
    assert audit_site(site) == []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policy = CSP.search(text)
        assert policy, page
        assert "script-src 'self' 'sha256-" in policy.group(1) and "'unsafe-inline'" not in policy.group(1).split(
            "style-src")[0]
        assert "object-src 'none'" in policy.group(1) and "base-uri 'none'" in policy.group(1)
        assert text.index("Content-Security-Policy") < text.index("<script")


def _page(tmp_path: Path, body: str, scripts: tuple[str, ...] = ()) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "own.js").write_text("1")
    hashes = " ".join(f"'{script_hash(s)}'" for s in scripts)
    (site / "p.html").write_text(
        f'<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\' {hashes}">'
        + "".join(f"<script>{s}</script>" for s in scripts) + f"</head><body>{body}</body></html>")
    return site


@pytest.mark.parametrize("body, what", [
    ('<img src=x onerror=alert(1)>', "event-handler attribute 'onerror'"),
    ('<a href="#" autofocus onfocus=alert(1)>x</a>', "event-handler attribute 'onfocus'"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: URL"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript: URL"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "javascript: URL"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data: URL"),
    ('<img src="https://example.org/x.png">', "resource from another host"),
    ('<img src="//example.org/x.png">', "resource from another host"),
    ('<script src="https://example.org/x.js"></script>', "not one of the site's own assets"),
    ('<script src="../elsewhere.js"></script>', "not one of the site's own assets"),
    ('<script>alert(1)</script>', "inline <script> that is not the theme's"),
    ('<iframe src="p.html"></iframe>', "<iframe> element"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta http-equiv=refresh>"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', "<link> to another host"),
    ('<div style="background:url(https://example.org/x.png)">x</div>', "style attribute with url()"),
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "javascript: URL"),
    ('<form action="https://example.org/"><input></form>', "<form> that submits somewhere"),
])
def test_each_kind_of_unsafe_markup_is_found(tmp_path, body, what):
    site = _page(tmp_path, body)
    problems = audit_page(site, site / "p.html")
    assert any(what in p.what for p in problems), (body, [p.what for p in problems])


def test_own_assets_hashed_inline_scripts_and_plain_links_pass(tmp_path):
    site = _page(tmp_path, '<script src="assets/own.js"></script><a href="https://example.org/">out</a>'
                           '<a href="mailto:a@b.c">mail</a><img src="assets/own.js">', scripts=("var a=1",))
    assert audit_page(site, site / "p.html") == []


@pytest.mark.parametrize("src, base, own", [
    ("/assets/own.js", "/", True),
    ("/laws/assets/own.js", "/laws/", True),       # MkDocs's 404.html under site_url https://host/laws/
    ("/laws/assets/own.js", "/", False),
    ("/other/assets/own.js", "/laws/", False),     # another site on the same host
    ("/assets/own.js", "/laws/", False),
    ("/laws/assets/missing.js", "/laws/", False),
    ("/laws/sub/../assets/own.js", "/laws/", True),
    ("/laws/../assets/own.js", "/laws/", False),   # that is /assets/own.js: not under /laws/
])
def test_root_absolute_scripts_are_own_only_under_the_served_path(tmp_path, src, base, own):
    site = _page(tmp_path, f'<script src="{src}"></script>')
    problems = [p.what for p in audit_page(site, site / "p.html", base=base)]
    assert (problems == []) is own, problems


def test_a_site_served_under_a_path_builds_and_bundles(tmp_path):
    """site_url with a path: MkDocs writes 404.html's links as /laws/assets/...; the check
    accepts them (it refused them as other sites' scripts before)."""
    from tests.conftest import make_project_copy
    from tests.e2e.test_publish import _env
    import subprocess
    import sys
    root = make_project_copy(tmp_path / "p")
    yml = root / "mkdocs.yml"
    yml.write_text("site_url: https://example.org/laws/\n" + yml.read_text(encoding="utf-8"), encoding="utf-8")
    for command in (["build"], ["bundle", "--statute", SHENZHEN]):
        out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *command],
                             capture_output=True, text=True, env=_env())
        assert out.returncode == 0, out.stderr
    assert 'src="/laws/assets/javascripts/' in (root / "site" / "404.html").read_text(encoding="utf-8")


def test_tags_remembered_from_earlier_pages_never_hide_a_problem(tmp_path):
    """audit_site skips a start tag whose exact text was harmless on an earlier page; what
    depends on more than the tag's text (a script's path, the page's policy) is always checked."""
    site = _page(tmp_path, '<a href="x.html" class="nav">x</a><script src="assets/own.js"></script>')
    text = (site / "p.html").read_text()
    (site / "sub").mkdir()
    (site / "sub" / "q.html").write_text(text.replace(
        "</body>", '<a href="x.html" class="nav" onclick=alert(1)>y</a><a href="x.html" class="nav">z</a></body>'))
    (site / "sub" / "r.html").write_text(re.sub(r"<meta[^>]*>", "", text))
    problems = audit_site(site)
    assert [(p.page, p.what) for p in problems] == [
        ("sub/q.html", "<script> that is not one of the site's own assets"),   # assets/ is not under sub/
        ("sub/q.html", "event-handler attribute 'onclick' on <a>"),
        ("sub/r.html", "<script> that is not one of the site's own assets"),
        ("sub/r.html", "no Content-Security-Policy")]
    each_alone = [p.message() for page in sorted(site.rglob("*.html")) for p in audit_page(site, page)]
    assert [p.message() for p in problems] == each_alone


def test_blame_names_the_input_file_and_line(tmp_path):
    site = _page(tmp_path, '<p><img src=x onerror=alert(4242)></p>')
    (tmp_path / "annotations" / SHENZHEN).mkdir(parents=True)
    (tmp_path / "annotations" / SHENZHEN / "article-3.yaml").write_text(
        "statute: x\nnotes:\n  - body: hi <img src=x onerror=alert(4242)>\n", encoding="utf-8")
    (tmp_path / "source").mkdir()
    diags = site_diagnostics(tmp_path, site)
    assert [(d.path, d.line) for d in diags] == [(f"annotations/{SHENZHEN}/article-3.yaml", 3)]
    assert "event-handler attribute 'onerror' on <img> in p.html" in diags[0].message
    assert blame(audit_page(site, site / "p.html")[0], {"x.txt": "nothing"}) is None


def test_problem_lines_are_the_lines_of_the_page(tmp_path):
    site = _page(tmp_path, '\n\n<p>\nok</p>\n<a href="x.html"\n   onclick=alert(1)>y</a>\n<i>x</i></b>\n'
                           '<img src="javascript:alert(2)">')
    text = (site / "p.html").read_text()
    lines = {p.what: p.line for p in audit_page(site, site / "p.html")}
    start = text.index('<a href="x.html"')
    assert lines["event-handler attribute 'onclick' on <a>"] == text.count("\n", 0, start) + 1
    assert lines["javascript: URL in src= of <img>"] == text.count("\n", 0, text.index("<img")) + 1


def test_pages_checked_beside_mkdocs_only_skip_what_was_found_clean(tmp_path):
    """generator/site/audit_overlap.py: the process beside MkDocs answers only the pages it
    found clean, and the check after the build still finds every problem."""
    from generator.site.audit_overlap import OverlappedAudit, submit

    site = _page(tmp_path, '<a href="x.html">fine</a>')
    (site / "bad.html").write_text((site / "p.html").read_text().replace("fine", '<b onclick="x()">bad</b>'))
    with OverlappedAudit(site) as overlap:
        for name in ("p.html", "bad.html"):
            submit(str(site), name, (site / name).read_text())
        clean = overlap.finish()
    import hashlib
    assert clean == {hashlib.sha256((site / "p.html").read_bytes()).hexdigest()}
    problems = audit_site(site, found_clean_during=clean)
    assert [(p.page, p.what) for p in problems] == [("bad.html", "event-handler attribute 'onclick' on <b>")]
    assert overlap.process is not None and not overlap.process.is_alive()
