"""Reconciliation: the authoritative copy is published; other copies become variants."""

from __future__ import annotations

from generator.model import Article, Paragraph
from generator.parse.statute import parse_statute
from generator.reconcile.variants import apply_paragraph_guide, compare_copies
from tests.conftest import SHENZHEN


def test_authoritative_text_is_003_and_paragraph_breaks_come_from_000(project):
    statute = project.statutes[SHENZHEN]
    assert statute.source.spec.file.startswith("003_")
    art6 = statute.article(6)
    assert len(art6.paragraphs) == 2
    # 003 uses half-width punctuation; the published text keeps it (it is the authoritative copy's)
    assert art6.paragraphs[0].text.startswith("市工业和信息化部门是人工智能产业主管部门(以下简称市产业主管部门),")
    art72 = statute.article(72)
    assert [len(p.items) for p in art72.paragraphs] == [0, 7, 0]
    assert art72.paragraphs[1].text == "开展人工智能研究和应用活动,不得从事下列行为:"
    assert any(d.code == "paragraph-guide" for d in statute.diagnostics)


def test_variants_list_both_readings(project):
    variants = project.statutes[SHENZHEN].variants
    wording = [v for v in variants if v.kind == "wording"]
    assert {(v.article, v.copy[:3]) for v in wording} == {(57, "000"), (57, "002")}
    v = wording[0]
    a0, a1 = v.auth_mark
    r0, r1 = v.read_mark
    assert v.authoritative[a0:a1] == "作" and v.reading[r0:r1] == "做"
    labels = [v for v in variants if v.kind == "item-label"]
    assert [(v.article, v.where, v.reading[v.read_mark[0]:v.read_mark[1]]) for v in labels] == [
        (65, "art_65__para_1__item_1", "1"), (65, "art_65__para_1__item_2", "2")]
    layout = [v for v in variants if v.kind == "layout"]
    assert any("articles 28–30 run together" in v.reading and v.line == 55 for v in layout)
    assert any("chapter 4 heading glued" in v.reading and v.line == 63 for v in layout)


def test_paragraphing_differences_are_variants():
    auth = parse_statute("第一条 甲。乙。\n第二条 丙。\n第三条 丁。\n")
    other = parse_statute("第一条 甲。\n乙。\n第二条 丙。\n第三条 戊。\n")
    variants = compare_copies("x", auth, "copy#statute", "copy.txt", other)
    kinds = sorted((v.article, v.kind) for v in variants)
    assert kinds == [(1, "paragraphing"), (3, "wording")]
    para = next(v for v in variants if v.kind == "paragraphing")
    assert "this copy starts a new paragraph" in para.note


def test_width_and_whitespace_differences_are_not_variants():
    auth = parse_statute("第一条 甲,乙(丙)。\n")
    other = parse_statute("第一条  甲，乙（丙）。\n")
    assert compare_copies("x", auth, "c#s", "c.txt", other) == []


def test_missing_and_extra_articles_are_variants():
    auth = parse_statute("第一条 甲。\n第二条 乙。\n")
    other = parse_statute("第一条 甲。\n第三条 丙。\n")
    kinds = sorted((v.article, v.kind) for v in compare_copies("x", auth, "c#s", "c.txt", other))
    assert kinds == [(2, "missing"), (3, "extra")]


def test_paragraph_guide_never_changes_characters_and_never_splits_mid_sentence():
    auth = Article(1, paragraphs=[Paragraph(1, "甲乙丙。丁戊己,庚辛。")])
    guide = Article(1, paragraphs=[Paragraph(1, "甲乙丙。丁戊"), Paragraph(2, "己,庚辛。")])
    result, count = apply_paragraph_guide(auth, guide)
    assert count == 0 and [p.text for p in result.paragraphs] == ["甲乙丙。丁戊己,庚辛。"]
    guide = Article(1, paragraphs=[Paragraph(1, "甲乙丙。"), Paragraph(2, "丁戊已,庚辛。")])  # 已 ≠ 己
    result, count = apply_paragraph_guide(auth, guide)
    assert count == 1 and [p.text for p in result.paragraphs] == ["甲乙丙。", "丁戊己,庚辛。"]
    assert result.paragraphs[1].eid == "art_1__para_2"
