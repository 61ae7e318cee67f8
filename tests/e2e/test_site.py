"""The built site: strict MkDocs build, one page per article, law text fidelity, atomic output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.numerals import parse_numeral
from tests.conftest import REPO, SHANGHAI, SHENZHEN, make_project_copy, seed_text

WS = re.compile(r"\s+")


def page(root: Path, rel: str) -> BeautifulSoup:
    path = root / "site" / rel / "index.html"
    assert path.exists(), rel
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def zh_text(soup: BeautifulSoup) -> str:
    body = soup.select_one(".article-text")
    return "".join(el.get_text() for el in body.select(".seg.zh"))


def authoritative_articles() -> dict[int, str]:
    """Article texts of 003, cut with a plain regex (independently of the parser).

    In 003 every article heading is 第…条 followed by a space, and the statute runs from the
    first 第一章 after the table of contents to 施行。 before the interpretation.
    """
    line = seed_text("003_").split("\n")[1]
    start = line.index("第一章 总则第一条")
    end = line.index("《深圳经济特区人工智能产业促进条例》解读")
    body = line[start:end]
    chapters = ["总则", "基础研究与技术开发", "产业基础设施建设", "应用场景拓展", "促进与保障", "治理原则与措施", "附则"]
    for n, title in zip("一二三四五六七", chapters):
        body = body.replace(f"第{n}章 {title}", "")
    pieces = re.split(r"第([一二三四五六七八九十]+)条 ", body)
    assert pieces[0] == ""
    return {parse_numeral(pieces[i]): WS.sub("", pieces[i + 1]) for i in range(1, len(pieces), 2)}


# The one change display makes: 003's half-width , ; : inside Chinese are shown full-width.
WIDTH = str.maketrans("，；：", ",;:")


def test_every_shenzhen_article_page_shows_the_authoritative_text_character_for_character(built_site):
    expected = authoritative_articles()
    assert sorted(expected) == list(range(1, 74))
    for number, text in expected.items():
        soup = page(built_site, f"{SHENZHEN}/article-{number}")
        shown = WS.sub("", zh_text(soup))
        assert shown.translate(WIDTH) == text.translate(WIDTH), f"article {number}"
        assert not re.search("[\u4e00-\u9fff][,;:]", shown), f"article {number}"


def test_half_width_punctuation_is_normalised_for_display_only(built_site, project):
    article = project.statutes[SHENZHEN].article(65)
    assert "规定,设立" in article.paragraphs[0].text            # the stored text is as collected
    row = page(built_site, f"{SHENZHEN}/article-65").select_one(".para .seg.zh")
    assert "规定，设立" in row.get_text() and "职责：" in row.get_text()


def test_article_pages_exist_for_both_statutes_with_placeholders(built_site):
    for n in range(1, 74):
        assert (built_site / "site" / SHENZHEN / f"article-{n}" / "index.html").exists()
    for n in range(1, 71):
        soup = page(built_site, f"{SHANGHAI}/article-{n}")
        assert soup.select_one(".draft-banner"), n            # draft banner on every page
        if n >= 32:
            note = soup.select_one(".missing-article").get_text(" ")
            assert "not in the source copy" in note and "stops after article 31" in note
            assert soup.select_one(".article-text") is None   # no invented text
        else:
            assert soup.select_one(".article-text")
    assert not page(built_site, f"{SHENZHEN}/article-1").select_one(".draft-banner")


def test_anchors_on_every_paragraph_and_item(built_site):
    soup = page(built_site, f"{SHENZHEN}/article-65")
    ids = {el["id"] for el in soup.select("[id]")}
    assert {"art_65", "art_65__para_1", "art_65__para_2"} <= ids
    assert {f"art_65__para_1__item_{i}" for i in range(1, 7)} <= ids
    assert soup.select_one("#art_65__para_1 .seg.zh")["lang"] == "zh-Hans"


def test_breadcrumb_pager_citation_and_english_slot(built_site):
    soup = page(built_site, f"{SHANGHAI}/article-13")
    crumb = soup.select_one(".breadcrumb").get_text(" ")
    assert "第二章 基本要素与科技创新" in crumb and "第一节 基本要素" in crumb and "第十三条" in crumb
    pager = soup.select_one(".article-pager")
    assert pager.select_one("a.prev")["href"] == "../article-12/"
    assert pager.select_one("a.next")["href"] == "../article-14/"
    cite = soup.select_one(".citation")
    assert "《上海市促进人工智能产业发展条例(草案)(征求意见稿)》第十三条" in cite.get_text()
    assert "art. 13" in cite.select_one(".cite-en").get_text()
    assert soup.select_one("h1 .short-title").get_text() == "（东数西算和长三角国家枢纽节点建设）"
    sz = page(built_site, f"{SHENZHEN}/article-73")
    assert sz.select_one(".article-pager a.next") is None
    assert "in force 1 November 2022" in sz.select_one(".cite-en").get_text()


def test_overview_pages(built_site):
    soup = page(built_site, SHENZHEN)
    text = soup.get_text(" ")
    assert "Regulations of the Shenzhen Special Economic Zone on Promoting the Artificial Intelligence Industry" in text
    assert "In force" in text and "30 August 2022" in text and "5 September 2022" in text and "1 November 2022" in text
    assert "003_fb396ab0a1b6b464.txt" in text
    assert [h.get("id") for h in soup.select("h3")][:7] == [f"chp_{i}" for i in range(1, 8)]
    assert len(soup.select('article.md-content__inner a[href^="article-"]')) == 73
    sh = page(built_site, SHANGHAI)
    text = sh.get_text(" ")
    assert "Draft for public comment" in text and "30 August 2022" in text and "13 September 2022" in text
    assert sh.select_one("#chp_2__sec_1") and sh.select_one("#missing-articles")
    assert "3 of 6 chapters, 31 of 70 articles" in text


def test_variants_and_issues_pages(built_site, project):
    variants = page(built_site, "reference/source-variants")
    rows = variants.select("table tbody tr")
    assert len(rows) == len(project.variants)
    assert any("作" in r.get_text() and "做" in r.get_text() for r in rows)
    issues = page(built_site, "reference/source-issues").get_text(" ")
    for d in project.diagnostics:
        assert d.message.split("'")[0][:40] in issues
    assert "第二十九宗" in issues and "下转 A8" in issues


def test_pages_say_plainly_that_english_is_not_yet_available_when_missing():
    from generator.english.model import NoEnglish
    from generator.pipeline import load_project
    from generator.render.site import render_site
    project = load_project(REPO)
    project.english = NoEnglish()
    soup = BeautifulSoup(render_site(project).files[f"{SHENZHEN}/article-65.md"], "html.parser")
    rows = soup.select(".seg-row")
    assert len(rows) == 8
    for row in rows:
        en = row.select_one(".seg.en")
        assert en["lang"] == "en" and en["data-provenance"] == "missing"
        assert "English translation not yet available." in en.get_text()
        assert not re.search(r"[\u4e00-\u9fff]", en.get_text())   # never filled with Chinese


def test_build_is_deterministic(project):
    from generator.pipeline import load_project
    from generator.render.site import render_site
    first = render_site(project).files
    second = render_site(load_project(REPO)).files
    assert first == second


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    from generator.site.build import build_site
    root = make_project_copy(tmp_path / "p")
    build_site(root)
    index = root / "site" / SHENZHEN / "article-1" / "index.html"
    before = index.read_bytes()
    docs_before = sorted(p.name for p in (root / "build" / "docs").rglob("*.md"))
    manifest = root / "source" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("articles: 73", "articles: seventy-three"),
                        encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "source/manifest.yaml:" in out.stderr and "site/ is unchanged" in out.stderr
    assert index.read_bytes() == before
    assert sorted(p.name for p in (root / "build" / "docs").rglob("*.md")) == docs_before
    assert not list(root.glob(".site-staging-*")) and not list((root / "build").glob(".docs-staging-*"))


def test_strict_mkdocs_failure_leaves_previous_site_untouched(tmp_path):
    from generator.site.build import BuildError, build_site
    from generator.pipeline import load_project
    from generator.render.extension import SiteExtension
    root = make_project_copy(tmp_path / "p")
    build_site(root)
    before = (root / "site" / "index.html").read_bytes()

    class BrokenLink(SiteExtension):
        def pages(self, project):
            return {"broken.md": "# Broken\n\n[nowhere](no-such-page.md)\n"}

    project = load_project(root)
    with pytest.raises(BuildError) as exc:
        build_site(root, project=project, extra=[BrokenLink()])
    assert any("no-such-page.md" in p for p in exc.value.problems)
    assert (root / "site" / "index.html").read_bytes() == before
    assert not (root / "site" / "broken").exists()


def test_cli_build_reports_counts(tmp_path):
    root = make_project_copy(tmp_path / "p")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert re.search(r"build: \d+ source variants listed", out.stderr)
    assert (root / "site" / SHENZHEN / "article-65" / "index.html").exists()
