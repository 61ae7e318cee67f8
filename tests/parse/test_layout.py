"""Structure beyond numbered headings: titles, events, appendices, unnumbered and damaged
headings, headings the parse missed, books and parts, inserted articles, points."""

from __future__ import annotations

from generator.glossary import extract_terms
from generator.parse.preamble import history_events
from generator.parse.statute import parse_statute
from generator.sources.ingest import blocks_to_text
from generator.sources.readers import read_document


def parse_md(md: str):
    document = read_document(md, "law.md")
    text, line_map, headings = blocks_to_text(document)
    return parse_statute(text, path="law.md", line_map=line_map, title=document.title, reader_headings=headings)


def codes(parsed, severity=None):
    return [d.code for d in parsed.diagnostics if severity is None or d.severity == severity]


MD = """# 中华人民共和国某某法

2001年1月1日 第九届全国人民代表大会常务委员会第二十次会议通过

2010年5月6日 第十一届全国人民代表大会常务委员会第十四次会议《关于修改〈中华人民共和国某某法〉的决定》修正

<!-- INFO END -->

## 第一章 总则

第一条 为了规范某某，制定本法。

第二条 本法所称某某，是指甲。

## 第二章 附则

第三条 本法下列用语的含义：

（一）乙，是指丙。

（二）“丁”，是指戊。

第四条 本法自2001年3月1日起施行。

附件：某某目录

一、甲类
"""


def test_markdown_title_events_chapters_appendix():
    parsed = parse_md(MD)
    assert parsed.title == "中华人民共和国某某法"
    assert [(e.kind, e.date) for e in parsed.events] == [("adopted", "2001-01-01"), ("amended", "2010-05-06")]
    assert parsed.events[1].decision == "《关于修改〈中华人民共和国某某法〉的决定》"
    assert [c.title for c in parsed.chapters] == ["总则", "附则"]
    assert [a.number for a in parsed.articles] == [1, 2, 3, 4]
    assert parsed.articles[-1].paragraphs[0].text == "本法自2001年3月1日起施行。"
    assert [(a.title, a.paragraphs, a.line) for a in parsed.appendices] == [("附件：某某目录", ["一、甲类"], 25)]
    # Lines are the Markdown file's.
    assert parsed.chapters[1].line == 15 and parsed.articles[3].line == 23
    assert "error" not in {d.severity for d in parsed.diagnostics}


def test_a_heading_the_file_marks_but_the_parse_cannot_take_is_an_error():
    parsed = parse_md(MD.replace("## 第二章 附则", "## 第五章 附则"))
    errors = [d for d in parsed.diagnostics if d.is_error]
    assert errors and errors[0].line == 15 and "chapter 5 follows chapter 1" in errors[0].message


def test_a_chapter_heading_is_never_article_text():
    parsed = parse_md(MD)
    assert all("附则" not in p.text for a in parsed.articles for p in a.paragraphs)


def test_an_article_number_repeated_is_an_error_not_a_merge():
    parsed = parse_statute("某某条例\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第三条 丁。\n")
    repeat = [d for d in parsed.diagnostics if d.code == "numbering-repeat"]
    assert repeat and repeat[0].severity == "error" and repeat[0].line == 4
    # Nothing is merged away: every article's text is still there.
    assert "".join(p.text for a in parsed.articles for p in a.paragraphs) == "甲。乙。丙。丁。"


def test_a_damaged_heading_is_reported_and_kept_out_of_the_article():
    text = "某某条例\n第一章 总则\n第一条 甲。\n市场培育\n第二条 乙。\n"
    parsed = parse_statute(text)
    assert [p.text for p in parsed.articles[0].paragraphs] == ["甲。"]
    assert [(h.title, h.line, h.before_article) for h in parsed.headings] == [("市场培育", 4, (2, 0))]
    assert "unnumbered-heading" in codes(parsed, "warning")


def test_books_parts_inserted_articles_and_points():
    md = ("# 某法典\n\n## 第一编 总则\n\n### 第一章 一般规定\n\n第一条 甲。\n\n"
          "## 第二编 合同\n\n### 第一分编 通则\n\n#### 第一章 一般规定\n\n第二条 乙：\n\n（一）丙；\n\n"
          "1．丁；\n\n2．戊。\n\n第二条之一 己。\n\n第三条 （删去）\n")
    parsed = parse_md(md)
    assert [(b.number, b.title, [p.title for p in b.parts]) for b in parsed.books] == [
        (1, "总则", []), (2, "合同", ["通则"])]
    assert [(c.book, c.subbook, c.number, c.eid) for c in parsed.chapters] == [
        (1, None, 1, "book_1__chp_1"), (2, 1, 1, "book_2__part_1__chp_1")]
    item = parsed.article(2).paragraphs[0].items[0]
    assert (item.text, [p.text for p in item.points]) == ("丙；", ["丁；", "戊。"])
    inserted = parsed.article(2, 1)
    assert (inserted.eid, inserted.ref, inserted.paragraphs[0].text) == ("art_2_1", "2-1", "己。")
    assert parsed.article(3).paragraphs[0].text == "（删去）" and parsed.article(3).title is None
    assert not [d for d in parsed.diagnostics if d.is_error]


def test_local_regulation_history_in_brackets():
    events = history_events([(1, "（2022年8月30日深圳市第七届人民代表大会常务委员会第十一次会议通过）"),
                             (2, "根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议"),
                             (3, "《关于修改部分法律的决定》第一次修正")])
    assert [(e.kind, e.date, e.line) for e in events] == [("adopted", "2022-08-30", 1), ("amended", "2009-08-27", 2)]
    assert events[0].body == "深圳市第七届人民代表大会常务委员会第十一次会议"


def test_title_is_never_an_amendment_decision():
    text = ("根据《关于修改〈中华人民共和国某某法〉的决定》修正\n第一章 总则\n第一条 甲。\n")
    assert parse_statute(text).title is None


class _NoEnglish:
    def english(self, statute_id, segment):
        from generator.english.model import MISSING
        return MISSING


class _Statute:
    def __init__(self, parsed):
        self.id = "x"
        self._articles = parsed.articles

    def present_articles(self):
        return self._articles


def test_glossary_finds_definitions_in_every_common_form():
    terms = {t.zh: (t.kind, t.article) for t in extract_terms(_Statute(parse_md(MD)), _NoEnglish())}
    assert terms == {"某某": ("definition", 2), "乙": ("definition", 3), "丁": ("definition", 3)}
