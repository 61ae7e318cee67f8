"""What readers are told about the English: labels, said once or per segment, the
unofficial-translation notice on every page with English, the About the English page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.diagnostics import InputError
from generator.english.model import English
from generator.pipeline import load_project
from generator.render.provenance import provenance_label
from generator.render.site import render_site
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy

PROJECT = "Project translation, AI-assisted, not independently reviewed"


def test_labels_say_what_the_english_is():
    assert provenance_label(English("translated", "x", translator="statute-site project",
                                    translated_on="2026-11-23", ai_assisted=True)) == PROJECT
    assert provenance_label(English("translated", "x", translator="Li Ming", translated_on="2026-11-20")) == \
        "Translation by Li Ming, 2026-11-20; not independently reviewed"
    reviewed = English("reviewed", "x", translator="statute-site project", translated_on="2026-11-23",
                       ai_assisted=True, reviewer="Wang Fang", reviewed_on="2026-11-24")
    assert provenance_label(reviewed) == \
        "Reviewed by Wang Fang, 2026-11-24 (translated by statute-site project with AI assistance)"
    assert provenance_label(English("machine", "x", engine="argos", model_version="1.9")) == \
        "Machine draft (argos 1.9), not reviewed"
    assert provenance_label(English("missing")) == ""


def _review(path: Path, eid: str, reviewer: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"  {eid}:")
    date_at = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("    date:"))
    lines[date_at + 1:date_at + 1] = [f"    reviewer: {reviewer}", "    reviewed_on: 2026-11-30"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_one_reviewed_segment_makes_each_segment_carry_its_own_label(tmp_path):
    root = make_project_copy(tmp_path / "p")
    _review(root / "annotations" / SHENZHEN / "article-65.yaml", "art_65__para_1__item_4", "Wang Fang")
    project = load_project(root)
    assert not [d for d in project.diagnostics if d.is_error]
    soup = BeautifulSoup(render_site(project).files[f"{SHENZHEN}/article-65.md"], "html.parser")
    assert soup.select_one(".provenance-summary") is None
    labels = {row["data-eid"]: row.select_one(".seg.en .provenance").get_text() for row in soup.select(".seg-row")}
    assert len(labels) == 8
    assert labels.pop("art_65__para_1__item_4").startswith("Reviewed by Wang Fang, 2026-11-30")
    assert set(labels.values()) == {PROJECT}
    # An article whose English all reads the same says it once.
    soup = BeautifulSoup(render_site(project).files[f"{SHENZHEN}/article-64.md"], "html.parser")
    assert not soup.select(".seg.en .provenance")
    assert PROJECT in soup.select_one(".provenance-summary").get_text()


def test_a_translator_cannot_review_their_own_english(tmp_path):
    root = make_project_copy(tmp_path / "p")
    path = root / "annotations" / SHENZHEN / "article-65.yaml"
    _review(path, "art_65__para_2", "Statute-Site  Project")
    line = path.read_text(encoding="utf-8").splitlines().index("    reviewer: Statute-Site  Project") + 1
    with pytest.raises(InputError) as caught:
        load_project(root)
    errors = caught.value.diagnostics
    assert [(d.path, d.line, d.code) for d in errors] == [
        (f"annotations/{SHENZHEN}/article-65.yaml", line, "self-review")]
    assert "is also the translator" in errors[0].message


def test_every_page_with_english_says_it_is_unofficial(built_site):
    pages = sorted((built_site / "site").rglob("*.html"))
    with_english = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup
        if not article.select(".seg.en, .title-en, .en-text"):
            continue
        with_english += 1
        notice = article.select_one("[data-english-notice]")
        assert notice is not None, page
        text = notice.get_text(" ")
        assert "only the Chinese text has legal force" in text and "not an official translation" in text, page
        link = notice.select_one("a")
        assert link.get_text() == "About the English"
        assert (page.parent / link["href"]).resolve() == (built_site / "site" / "about-english").resolve(), page
    # every article page with text, both overviews, both print views at least
    assert with_english >= 73 + 2 + 2


def test_about_the_english_explains_labels_and_brackets(built_site):
    soup = BeautifulSoup((built_site / "site" / "about-english" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = " ".join(soup.select_one("article").get_text(" ").split())
    for phrase in (PROJECT, "Reviewed by", "other than the translator", "Machine draft",
                   "Only the Chinese text has legal force", "[…]", "supplied"):
        assert phrase in text, phrase
    shanghai_65 = BeautifulSoup((built_site / "site" / SHANGHAI / "article-7" / "index.html")
                                .read_text(encoding="utf-8"), "html.parser")
    assert "[major] […]" in shanghai_65.select_one("#art_7__para_1 .seg.en").get_text()
