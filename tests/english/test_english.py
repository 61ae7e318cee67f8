"""English beside every segment: reviewed translations, provenance, staleness, glossary."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from generator.site.build import build_site
from generator.pipeline import load_project
from generator.render.site import render_site
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy

CJK = re.compile(r"[\u4e00-\u9fff]")


def soup_of(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_segment_has_english_labelled_as_the_unreviewed_project_translation_it_is(project):
    # Nobody but the project (drafting with AI assistance) has checked the English: no
    # segment may claim a review.
    for sid, statute in project.statutes.items():
        segments = statute.segments()
        assert segments
        for seg in segments:
            en = project.english.english(sid, seg)
            assert en.status == "translated", (sid, seg.eid)
            assert en.text and not CJK.search(en.text), (sid, seg.eid)
            assert en.translator == "statute-site project" and en.ai_assisted and en.translated_on
            assert en.reviewer is None and en.reviewed_on is None and not en.stale


def test_pages_show_english_with_provenance_and_lang(built_site, project):
    for sid, statute in project.statutes.items():
        for article in statute.present_articles():
            soup = soup_of(built_site, f"{sid}/article-{article.number}")
            rows = soup.select(".article-text .seg-row")
            assert rows
            for row in rows:
                zh, en = row.select_one(".seg.zh"), row.select_one(".seg.en")
                assert zh["lang"] == "zh-Hans" and en["lang"] == "en"
                assert en["data-provenance"] == "translated"
                assert en.select_one(".provenance") is None      # said once for the article, below
                assert "not yet available" not in en.get_text()
            summary = soup.select(".provenance-summary")
            assert len(summary) == 1, (sid, article.number)
            text = summary[0].get_text(" ")
            assert ("Project translation, AI-assisted, not independently reviewed" in text
                    and "statute-site project, 2026-11-23" in text), text
            assert "Reviewed by" not in soup.get_text()


def test_ocr_defects_are_noted_not_guessed_over(project):
    statute = project.statutes[SHANGHAI]
    seg = next(s for s in statute.segments() if s.eid == "art_1__para_1")
    en = project.english.english(SHANGHAI, seg)
    assert en.text.endswith("[…]") and "OCR" in en.note


def test_headings_and_title_in_english_on_overview(built_site):
    soup = soup_of(built_site, SHENZHEN)
    assert "Chapter 6 Governance Principles and Measures" in soup.select_one("#chp_6").get_text(" ")
    sh = soup_of(built_site, SHANGHAI)
    assert "Section 1" in sh.select_one("#chp_2__sec_1").get_text(" ")


def _replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_corrected_source_line_makes_the_review_stale_until_confirmed(tmp_path):
    root = make_project_copy(tmp_path / "p")
    # An editor corrects the OCR'd draft: article 1 gets its missing last characters.
    src = root / "source" / "004_9f1126a30e32ca71.txt"
    raw = src.read_bytes().replace("结合本市实\n".encode(), "结合本市实际,制定本条例。\n".encode())
    src.write_bytes(raw)
    manifest = root / "source" / "manifest.yaml"
    _replace_in(manifest, "1342c26bb9d5ad16b123f7b6542281bd6c3f9c04a078280e100a9cb6d1b4f5ca",
                hashlib.sha256(raw).hexdigest())
    ann = root / "annotations" / SHANGHAI / "article-1.yaml"
    ann_before = ann.read_bytes()
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                         capture_output=True, text=True)
    assert out.returncode == 0
    stale = [l for l in out.stderr.splitlines() if "is stale" in l]
    assert len(stale) == 1 and "art_1__para_1" in stale[0]
    line = ann.read_text(encoding="utf-8").splitlines().index("  art_1__para_1:") + 1
    assert stale[0].startswith(f"annotations/{SHANGHAI}/article-1.yaml:{line}: warning:")
    assert ann.read_bytes() == ann_before            # check never touches an editor's file
    build_site(root)
    soup = soup_of(root, f"{SHANGHAI}/article-1")
    en = soup.select_one("#art_1__para_1 .seg.en")
    assert "stale" in en["class"] and "the Chinese has changed" in en.get_text()
    # The editor rereads it and confirms: one command; comments and layout survive.
    ann.write_text("# checked against the printed draft\n" + ann.read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "confirm", f"{SHANGHAI}/article-1"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "confirmed translation art_1__para_1" in out.stderr
    text = ann.read_text(encoding="utf-8")
    assert text.startswith("# checked against the printed draft\n# yaml-language-server:")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                         capture_output=True, text=True)
    assert "is stale" not in out.stderr


def test_term_consistency_check_names_the_line(tmp_path):
    root = make_project_copy(tmp_path / "p")
    ann = root / "annotations" / SHENZHEN / "article-65.yaml"
    _replace_in(ann, "by the municipal industry authority.", "by the municipal department in charge.")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                         capture_output=True, text=True)
    assert out.returncode == 0
    lines = [l for l in out.stderr.splitlines() if "glossary English" in l]
    assert len(lines) == 1
    line = ann.read_text(encoding="utf-8").splitlines().index("  art_65__para_2:") + 1
    assert lines[0].startswith(f"annotations/{SHENZHEN}/article-65.yaml:{line}: warning: art_65__para_2:")
    assert "市产业主管部门" in lines[0] and "'the municipal industry authority'" in lines[0]


def test_glossary_terms_are_extracted_with_their_defining_article(project):
    terms = {t.zh: t for t in project.glossary.for_statute(SHENZHEN)}
    assert set(terms) == {"人工智能", "人工智能产业", "市产业主管部门"}
    assert (terms["人工智能"].article, terms["人工智能"].en) == (2, "artificial intelligence")
    assert (terms["市产业主管部门"].article, terms["市产业主管部门"].kind) == (6, "abbreviation")
    assert terms["市产业主管部门"].en == "the municipal industry authority"
    sh = {t.zh: t for t in project.glossary.for_statute(SHANGHAI)}
    assert sh["长三角"].en == "the Yangtze River Delta" and sh["长三角"].article == 10


def test_glossary_page_and_tooltips(built_site):
    soup = soup_of(built_site, "glossary")
    table = soup.select("table")[0].get_text(" ")
    assert "市产业主管部门" in table and "the municipal industry authority" in table
    assert soup.select_one('a[href="../shenzhen-ai-2022/article-6/#art_6__para_1"]')
    art = soup_of(built_site, f"{SHENZHEN}/article-65")
    term = art.select_one(".seg.zh .term")
    assert term.get_text() in {"人工智能", "市产业主管部门", "人工智能产业"}
    assert term["tabindex"] == "0" and "defined in Article" in term["data-tip"]
    described = art.select_one(f"#{term['aria-describedby']}")
    assert described is not None and term.get_text() in described.get_text()


def test_missing_english_is_never_filled_with_chinese(tmp_path):
    root = make_project_copy(tmp_path / "p", with_annotations=False)
    project = load_project(root)
    page = render_site(project).files[f"{SHENZHEN}/article-44.md"]
    soup = BeautifulSoup(page, "html.parser")
    en = soup.select_one(".seg.en")
    assert en["data-provenance"] == "missing" and not CJK.search(en.get_text())


def test_machine_draft_is_shown_marked_unreviewed_and_the_annotations_english_wins(tmp_path):
    import json
    root = make_project_copy(tmp_path / "p")
    project = load_project(root)
    statute = project.statutes[SHENZHEN]
    seg44 = next(s for s in statute.segments() if s.eid == "art_44__para_1")
    seg45 = next(s for s in statute.segments() if s.eid == "art_45__para_1")
    entries = [{"statute": SHENZHEN, "eid": seg.eid, "source_hash": seg.source_hash, "zh": seg.text,
                "en": f"MACHINE DRAFT {seg.eid}", "engine": "argostranslate", "model": "translate-zh_en",
                "model_version": "1.9", "terms_protected": [], "terms_missing": []} for seg in (seg44, seg45)]
    (root / "annotations" / "translation-memory.jsonl").write_text(
        "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries), encoding="utf-8")
    # article 45 loses its reviewed translation: the machine draft shows, marked as such
    ann = root / "annotations" / SHENZHEN / "article-45.yaml"
    ann.write_text(f"statute: {SHENZHEN}\narticle: 45\n", encoding="utf-8")
    build_site(root)
    page45 = soup_of(root, f"{SHENZHEN}/article-45")
    en45 = page45.select_one("#art_45__para_1 .seg.en")
    assert en45["data-provenance"] == "machine" and "machine" in en45["class"]
    assert "MACHINE DRAFT art_45__para_1" in en45.get_text()
    # article 45 has one segment: its label is said once, under the text
    assert ("Machine draft (argostranslate translate-zh_en 1.9), not reviewed"
            in page45.select_one(".provenance-summary").get_text())
    en44 = soup_of(root, f"{SHENZHEN}/article-44").select_one("#art_44__para_1 .seg.en")
    assert en44["data-provenance"] == "translated" and "MACHINE" not in en44.get_text()


def test_a_corrupt_translation_memory_line_is_an_error_with_its_line(tmp_path):
    root = make_project_copy(tmp_path / "p")
    (root / "annotations" / "translation-memory.jsonl").write_text('{"statute": "x"\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.startswith("annotations/translation-memory.jsonl:1: error:")
