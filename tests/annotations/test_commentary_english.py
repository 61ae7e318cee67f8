"""English of commentary paragraphs (annotations/commentary/<document>.yaml): same provenance
rules as the law text, validated with file:line, shown beside the quotes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from generator.diagnostics import InputError
from generator.pipeline import load_project
from generator.render.site import render_site
from tests.conftest import SHENZHEN, make_project_copy

INTERP = "shenzhen-ai-2022-interpretation"
PROJECT = "Project translation, AI-assisted, not independently reviewed"


def test_official_quotes_have_labelled_english(project):
    english = project.commentary_english
    official = {(l.document, l.paragraph) for l in project.links
                if project.documents[l.document].kind in ("interpretation", "explanation")}
    done = official & set(english)
    assert {(INTERP, 17), (INTERP, 19), ("shanghai-ai-2022-draft-explanation", 12)} <= done
    for key in done:
        en = english[key]
        assert en.status == "translated" and en.ai_assisted and en.translator == "statute-site project"
        assert not en.stale and en.reviewer is None
    assert "sandbox regulation" in english[("shanghai-ai-2022-draft-explanation", 12)].text


def test_article_page_shows_the_english_beside_the_quote(project):
    soup = BeautifulSoup(render_site(project).files[f"{SHENZHEN}/article-44.md"], "html.parser")
    official = soup.select_one(f'.commentary-entry[data-document="{INTERP}"]')
    en = official.select_one(".commentary-en")
    assert en["lang"] == "en" and "tried out first on a pilot basis" in en.get_text()
    assert PROJECT in en.select_one(".provenance").get_text()
    news = soup.select_one('.commentary-entry[data-document="shenzhen-ai-2022-stcn-report"]')
    news_en = news.select_one(".commentary-en")
    assert "trials, pilot projects" in news_en.get_text() and PROJECT in news_en.get_text()
    assert not soup.select(".commentary-en.missing")
    # a quote with English is marked so (statute.css hides the Chinese in the English view)
    assert "has-en" in official["class"] and "has-en" in news["class"]


def test_every_commentary_paragraph_has_labelled_english(project):
    """Every paragraph of every document (shown on its page; quoted ones on article pages too)
    has English drafted by the project with AI assistance, made against today's Chinese, and
    nobody is named as its reviewer."""
    english = project.commentary_english
    for doc in project.documents.values():
        for para in doc.paragraphs:
            en = english.get((doc.id, para.index))
            assert en is not None, (doc.id, para.index, para.text[:30])
            assert en.status == "translated" and en.ai_assisted and en.translator == "statute-site project"
            assert en.reviewer is None and not en.stale, (doc.id, para.index)
    for link in project.links:
        assert (link.document, link.paragraph) in english


def test_lost_text_in_commentary_is_marked_not_translated_around(project):
    """Where the Shanghai scan breaks off mid-heading, the English ends with […] and says why."""
    en = project.commentary_english[("shanghai-ai-2022-draft-explanation", 3)]
    assert en.text.endswith("[…]") and "breaks off" in en.note
    assert project.documents["shanghai-ai-2022-draft-explanation"].paragraph(3).text.endswith("完善")


def test_commentary_page_shows_english_under_every_paragraph(project):
    files = render_site(project).files
    for doc in project.documents.values():
        soup = BeautifulSoup(files[f"commentary/{doc.id}.md"], "html.parser")
        paras = soup.select(".commentary-para")
        assert len(paras) == len(doc.paragraphs)
        for para in paras:
            text = para.select_one(".commentary-text")
            assert "has-en" in text["class"], para["id"]
            en = text.select_one(".commentary-en")
            assert en["lang"] == "en" and en.get_text().strip()
            assert en.select_one(".provenance") is None  # said once for the page, below
        extent = soup.select_one(".commentary-english-extent").get_text()
        assert f"English: all {len(doc.paragraphs)} paragraphs." in extent
        assert f"English on this page: {PROJECT}." in extent


def _write(root, text: str) -> None:
    (root / "annotations" / "commentary" / f"{INTERP}.yaml").write_text(text, encoding="utf-8")


def test_bad_commentary_english_is_an_error_with_its_line(tmp_path):
    root = make_project_copy(tmp_path / "p")
    path = root / "annotations" / "commentary" / f"{INTERP}.yaml"
    text = path.read_text(encoding="utf-8")
    _write(root, text.replace("    translator: statute-site project\n",
                              "    translator: statute-site project\n    reviewer: Statute-site project\n"
                              "    reviewed_on: 2026-12-02\n", 1)
           + "  99:\n    en: x\n    source_hash: " + "a" * 64 + "\n    translator: Li\n    date: 2026-12-01\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(InputError) as caught:
        load_project(root)
    found = {(d.line, d.code) for d in caught.value.diagnostics}
    assert found == {(lines.index("    reviewer: Statute-site project") + 1, "self-review"),
                     (lines.index("  99:") + 1, "unknown-paragraph")}
    assert all(d.path == f"annotations/commentary/{INTERP}.yaml" for d in caught.value.diagnostics)


def test_english_made_against_other_chinese_is_stale(tmp_path):
    root = make_project_copy(tmp_path / "p")
    path = root / "annotations" / "commentary" / f"{INTERP}.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("  17:")
    old_hash = next(l for l in lines[start:] if "source_hash" in l).split(": ")[1]
    _write(root, text.replace(old_hash, "b" * 64, 1))
    project = load_project(root)
    assert [(d.code, d.severity) for d in project.diagnostics if d.path and "commentary/" in d.path] == [
        ("stale-translation", "warning")]
    assert project.commentary_english[(INTERP, 17)].stale
    assert not project.commentary_english[(INTERP, 16)].stale
