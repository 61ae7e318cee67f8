"""Commentary on the built site: document pages, article-page sections linking to paragraph
anchors, editors' overrides, and nothing from a hostile news page reaching the HTML.

One strict build of a project copy to which a hostile HTML news page (as a new source and
document) and link overrides (in the copy's annotations) were added.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.diagnostics import InputError
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy

EVIL = """---
title: '<script>alert("title")</script> 深圳出台人工智能条例'
author: '某某报 [click](javascript:alert(9)) *bold*'
date: 2022-09-07
headimg: 'http://evil.example/head.png'
---
<html><head><script>alert('head')</script><link rel="stylesheet" href="http://evil.example/x.css"></head>
<body onload="alert(0)">
<p onclick="alert(1)">条例规定，市政府应当设立人工智能伦理委员会，研究制定人工智能领域的伦理安全规范。<img src="http://evil.example/t.png" onerror="alert(2)"></p>
<p><a href="javascript:alert(3)">点击这里</a>了解更多。</p>
<iframe src="http://evil.example/frame"></iframe>
<div>&lt;script&gt;alert(4)&lt;/script&gt; [链接](javascript:alert(6)) **粗体**</div>
<p style="display:none">隐藏文字</p>
<svg onload="alert(5)"><text>图</text></svg>
</body></html>
"""

OVERRIDES = """links:
  suppress:
    - document: shenzhen-ai-2022-interpretation
      paragraph: 0
      note: the lead states the law's purpose, not article 1
  add:
    - document: shenzhen-ai-2022-stcn-report
      paragraph: 3
      note: editor's judgement [x](javascript:alert(7))
"""


def add_evil_source(root: Path) -> None:
    name = "005_evil.html"
    (root / "source" / name).write_text(EVIL, encoding="utf-8")
    digest = hashlib.sha256((root / "source" / name).read_bytes()).hexdigest()
    manifest = root / "source" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    document = ("  evil-news:\n    kind: news\n    statute: shenzhen-ai-2022\n    title: 某报：深圳出台人工智能条例\n"
                "    language: zh-Hans\n\n")
    text = text.replace("\nsources:\n", "\n" + document + "sources:\n", 1)
    text += (f"\n  - file: {name}\n    sha256: {digest}\n    format: html-with-front-matter\n"
             "    parts:\n      - id: report\n        kind: news\n        document: evil-news\n"
             "        statute: shenzhen-ai-2022\n")
    manifest.write_text(text, encoding="utf-8")


def add_overrides(root: Path, text: str = OVERRIDES, article: int = 1) -> Path:
    path = root / "annotations" / SHENZHEN / f"article-{article}.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from generator.site.build import build_site
    from generator.pipeline import load_project
    root = make_project_copy(tmp_path_factory.mktemp("commentary") / "p")
    add_evil_source(root)
    add_overrides(root)
    project = load_project(root)
    build_site(root, strict=True, project=project)
    return root, project


def html(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_hostile_news_page_yields_text_only(site):
    root, project = site
    doc = project.documents["evil-news"]
    assert [p.text for p in doc.paragraphs] == [
        "条例规定，市政府应当设立人工智能伦理委员会，研究制定人工智能领域的伦理安全规范。",
        "点击这里了解更多。",
        "<script>alert(4)</script> [链接](javascript:alert(6)) **粗体**"]
    assert doc.date == "2022-09-07" and doc.title == "某报：深圳出台人工智能条例"
    assert [(l.paragraph, l.article) for l in project.links if l.document == "evil-news"] == [(0, 65)]


def test_nothing_of_it_reaches_the_built_pages(site):
    """As markup, nothing: no script of theirs, no handler, no javascript: URL, no remote
    resource.  As text (escaped), their words may appear: that is what they wrote."""
    root, _ = site
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(True):       # remote URLs never in markup (the Source issues
            for value in tag.attrs.values():  # page names them, as text, for the editor)
                assert "evil.example" not in str(value), (path, tag.name)
        for script in soup.find_all("script"):
            assert "alert" not in (script.string or ""), path
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (path, tag.name, name)
                values = value if isinstance(value, list) else [value]
                assert not any("javascript:" in str(v).lower() for v in values), (path, tag.name, name)
    for rel in ("commentary/evil-news", f"{SHENZHEN}/article-65", f"{SHENZHEN}/article-1"):
        soup = html(root, rel)
        main = soup.select_one("article")
        assert not main.select("img, iframe, object, svg, em, strong a, a[href^=javascript]")
    page = html(root, "commentary/evil-news").select_one("article")
    text = page.get_text()
    assert "<script>alert(4)</script> [链接](javascript:alert(6)) **粗体**" in text   # shown as text, inert
    assert "隐藏文字" not in text and "点击这里了解更多。" in text
    assert '<script>alert("title")' not in text                       # the manifest's title is used


def test_document_page_metadata_paragraph_anchors_and_links(site):
    root, project = site
    soup = html(root, "commentary/shenzhen-ai-2022-stcn-report")
    table = soup.select_one("article table").get_text(" ")
    assert "证券时报网" in table and "6 September 2022" in table and "News report" in table
    assert "001_c5332b351cc69fb6.txt" in table
    doc = project.documents["shenzhen-ai-2022-stcn-report"]
    for para in doc.paragraphs:
        block = soup.select_one(f"#p-{para.index}")
        assert block is not None and block.select_one("p")["lang"] == "zh-Hans"
    links = soup.select("#p-0 + .para-links a")
    assert [a["href"] for a in links] == ["../../shenzhen-ai-2022/article-44/"]
    interp = html(root, "commentary/shenzhen-ai-2022-interpretation").select_one("article table").get_text(" ")
    assert "003_fb396ab0a1b6b464.txt" in interp and "002_471ca8fd11cb6557.txt" in interp


def test_article_pages_quote_passages_and_link_to_paragraph_anchors(site):
    root, _ = site
    soup = html(root, f"{SHENZHEN}/article-44")
    assert soup.select_one("#commentary-interpretation") and soup.select_one("#commentary-news")
    entries = soup.select(".commentary-entry")
    # Only the Standing Committee's own text is quoted as the official interpretation; 002's
    # news lead (9月6日…正式公布) is news.  Each passage is quoted once: the news report's copy
    # of the interpretation's sentence, and the lead that repeats the report, are listed as
    # other places the same passage appears, not quoted again.
    official = soup.select("#commentary-interpretation ~ figure.commentary-entry")
    assert [e["data-document"] for e in entries] == ["shenzhen-ai-2022-interpretation",
                                                     "shenzhen-ai-2022-stcn-report"]
    assert official and not [q for q in soup.select("blockquote") if "9月6日" in q.get_text()]
    also = [a.get_text(" ") for a in soup.select(".commentary-also a")]
    assert len(also) == 2 and "paragraph 19" in also[0] and "新闻导语" in also[1]
    news = [e for e in entries if e["data-document"] == "shenzhen-ai-2022-stcn-report"]
    assert "先行先试" in news[0].select_one("blockquote").get_text()
    assert news[0].select_one("blockquote")["lang"] == "zh-Hans"
    assert "证券时报网" in news[0].get_text() and "6 September 2022" in news[0].get_text()
    for more in soup.select(".commentary-more a, .commentary-also a"):
        target, _, anchor = more["href"].partition("#")
        page = (root / "site" / SHENZHEN / "article-44" / target / "index.html").resolve()
        assert page.exists() and BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(f"#{anchor}")


def test_placeholder_articles_are_linked_and_resolve(site):
    root, _ = site
    soup = html(root, f"{SHANGHAI}/article-61")
    assert soup.select_one(".missing-article")
    [more] = soup.select(".commentary-more a")
    assert more["href"] == "../../commentary/shanghai-ai-2022-draft-explanation/#p-12"
    page = html(root, "commentary/shanghai-ai-2022-draft-explanation")
    hrefs = [a["href"] for a in page.select("#p-12 + .para-links a")]
    assert "../../shanghai-ai-2022-draft/article-61/" in hrefs
    assert "not in the source copy" in page.select_one("#p-12 + .para-links").get_text()


def test_editor_overrides_suppress_and_add(site):
    root, project = site
    keys = {(l.document, l.paragraph, l.article): l for l in project.links}
    assert ("shenzhen-ai-2022-interpretation", 0, 1) not in keys
    added = keys[("shenzhen-ai-2022-stcn-report", 3, 1)]
    assert added.method == "editor" and added.score == 1.0 and added.note.startswith("editor's judgement")
    soup = html(root, f"{SHENZHEN}/article-1")
    entry = soup.select_one('.commentary-entry[data-document="shenzhen-ai-2022-stcn-report"]')
    assert "added by an editor" in entry.get_text()
    assert not soup.select('.commentary-entry[data-document="shenzhen-ai-2022-interpretation"][data-paragraph="0"]')


def test_bad_override_is_an_error_with_file_and_line(tmp_path):
    from generator.pipeline import load_project
    root = make_project_copy(tmp_path / "p")
    path = add_overrides(root, "links:\n  add:\n    - document: shenzhen-ai-2022-stcn-report\n      paragraph: 99\n",
                         article=5)
    line = path.read_text(encoding="utf-8").splitlines().index("    - document: shenzhen-ai-2022-stcn-report") + 1
    with pytest.raises(InputError) as exc:
        load_project(root)
    [diag] = exc.value.diagnostics
    assert diag.path == f"annotations/{SHENZHEN}/article-5.yaml" and diag.line == line
    assert "no paragraph 99" in diag.message and "0–22" in diag.message


def test_override_for_another_statutes_document_is_an_error(tmp_path):
    from generator.pipeline import load_project
    root = make_project_copy(tmp_path / "p")
    add_overrides(root, "links:\n  add:\n    - document: shanghai-ai-2022-draft-explanation\n      paragraph: 4\n")
    with pytest.raises(InputError) as exc:
        load_project(root)
    assert "is about shanghai-ai-2022-draft" in exc.value.diagnostics[0].message


def test_commentary_nav_section(built_site):
    import json
    nav = json.loads((built_site / "build" / "docs" / ".nav.json").read_text(encoding="utf-8"))
    [section] = [e["Commentary · 解读与评论"] for e in nav if "Commentary · 解读与评论" in e]
    assert section[0] == {"Overview · 概览": "commentary/index.md"}
    assert len(section) == 6          # the overview and five documents (002's news lead is one)
