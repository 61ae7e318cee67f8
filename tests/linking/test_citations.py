"""Explicit citations: forms, ranges, lists, Traditional, other laws, OCR truncation."""

from __future__ import annotations

import pytest

from generator.linking.citations import completions, find_citations

TITLE = "深圳经济特区人工智能产业促进条例"


def cite(text: str, upto: int = 73):
    return [(c.text_of(text), c.articles, c.other_law) for c in find_citations(text, TITLE, upto)]


@pytest.mark.parametrize("text, articles", [
    ("《条例》第四十四条规定", [44]),
    ("根据第十二条至第二十五条", list(range(12, 26))),
    ("(第二条、第五条至第十一条)", [2] + list(range(5, 12))),
    ("第五至第十一条", list(range(5, 12))),
    ("第六十五条第一款第（三）项", [65]),
    ("第四十四條規定", [44]),                       # Traditional
    ("第十二條至第二十五條", list(range(12, 26))),
    ("第４４条", [44]),                             # full-width digits
    ("第 44 条", [44]),
    ("本条例第七十三条", [73]),
    ("《深圳经济特区人工智能产业促进条例》第二条", [2]),
    ("第二条和第三条", [2, 3]),
    ("第\u200b四十\u200b四※条", [44]),             # noise injected into the citation
])
def test_own_citations(text, articles):
    found = cite(text)
    assert len(found) == 1 and found[0][1] == articles and found[0][2] is None


@pytest.mark.parametrize("text", ["第十一次会议", "第三“极”", "第一名和第二名", "第一章 总则", "公告第六十四号"])
def test_not_citations(text):
    assert cite(text) == []


@pytest.mark.parametrize("text, law", [
    ("依照《中华人民共和国民法典》第十条、第十二条", "《中华人民共和国民法典》"),
    ("民法典第一千一百六十五条", "民法典"),
    ("《上海市促进人工智能产业发展条例》第十条", "《上海市促进人工智能产业发展条例》"),
    ("Article 1165 of the Civil Code", "Civil Code"),
])
def test_other_laws_are_recognised_and_not_linked(project, text, law):
    found = find_citations(text, TITLE, 73)
    assert found and found[0].other_law == law
    from generator.linking.link import StatuteLinker
    linker = StatuteLinker(project.statutes["shenzhen-ai-2022"])
    assert [l for l in linker.link_text(text).links if l.method == "citation"] == []


def test_english_citations():
    text = "Article 44 and Articles 12 to 14; Art. 65(1); Arts 2-3"
    found = [c.articles for c in find_citations(text, TITLE, 73)]
    assert found == [[44, 12, 13, 14], [65], [2, 3]]


def test_truncated_range_links_what_is_certain_and_reports_the_rest():
    text = "等高质量发展。(第二十六条至第四 (四) 推动场景应用赋能"
    [c] = find_citations(text, "上海市促进人工智能产业发展条例", 70)
    assert c.articles == list(range(26, 41))           # every reading (第四十…条) includes 26–40
    assert c.uncertain == list(range(41, 50))
    assert "cut short" in c.message and "40–49" in c.message
    [c] = find_citations("应用等。(第四十三条、第四十八条至第六", "上海市促进人工智能产业发展条例", 70)
    assert c.articles == [43] + list(range(48, 61))
    assert c.uncertain == list(range(61, 70))


def test_truncated_list_item_links_nothing_uncertain():
    [c] = find_citations("第四十三条、第四十", TITLE, 73)
    assert c.articles == [43] and 40 in c.uncertain and 49 in c.uncertain and "none linked" in c.message


def test_completions():
    assert completions("四", 70) == [4] + list(range(40, 50))
    assert completions("六", 70) == [6] + list(range(60, 70))
    assert completions("七", 73) == [7] + list(range(70, 74))


def test_out_of_range_citation_is_reported_not_linked():
    [c] = find_citations("第九十九条", TITLE, 73)
    assert c.articles == [] and "73 articles" in c.message


def test_the_explanations_cut_short_citations_are_warnings_with_file_and_line(project):
    cut = [d for d in project.diagnostics if d.code == "citation-cut-short"]
    assert [(d.path, d.line) for d in cut] == [("source/004_9f1126a30e32ca71.txt", 249),
                                               ("source/004_9f1126a30e32ca71.txt", 255)]
    assert all(d.severity == "warning" for d in cut)
