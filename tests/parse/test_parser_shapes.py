"""The parser on small texts of every shape a user may bring.

Each test writes the shape by hand and checks the structure the parser must recover.
"""

from __future__ import annotations

from generator.parse.statute import parse_statute


def codes(parsed) -> list[str]:
    return [d.code for d in parsed.diagnostics]


def texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


def test_one_article_per_line_with_chapters():
    text = ("某某条例\n\n（2020年1月1日通过）\n第一章  总则\n"
            "第一条  为了规范管理，制定本条例。\n"
            "第二条  本条例适用于本市。\n本市各区参照执行。\n"
            "第二章  附则\n第三条  本条例自2020年1月1日起施行。\n")
    parsed = parse_statute(text)
    assert parsed.title == "某某条例"
    assert [(c.number, c.title) for c in parsed.chapters] == [(1, "总则"), (2, "附则")]
    assert [a.number for a in parsed.articles] == [1, 2, 3]
    assert [a.chapter for a in parsed.articles] == [1, 1, 2]
    assert texts(parsed.articles[1]) == ["本条例适用于本市。", "本市各区参照执行。"]
    assert not [d for d in parsed.diagnostics if d.severity != "info"]


def test_several_articles_merged_on_one_line_and_chapter_glued_to_a_paragraph():
    text = ("第一章 总则\n第一条 甲。 第二条 乙。 第三条 丙。\n"
            "第四条 丁。 第二章 附则\n第五条 戊。\n")
    parsed = parse_statute(text)
    assert [a.number for a in parsed.articles] == [1, 2, 3, 4, 5]
    assert texts(parsed.article(4)) == ["丁。"]
    assert parsed.article(5).chapter == 2
    assert parsed.chapters[1].line == 3


def test_run_on_statute_with_notice_and_table_of_contents_before_it():
    text = ("某市人大常委会公 告第六十四号《某某条例》经某市第七届人民代表大会常务委员会第十一次会议通过,"
            "现予公布。某某条例(2022年8月30日通过)目 录第一章 总则第二章 附则第一章 总则"
            "第一条 为了规范。第二条 依照本条例第十条规定处理。第二章 附则第三条 本条例自公布之日起施行。")
    parsed = parse_statute(text)
    assert [(c.number, c.title) for c in parsed.chapters] == [(1, "总则"), (2, "附则")]
    assert [a.number for a in parsed.articles] == [1, 2, 3]
    # inline references and other numbers never start an article
    assert texts(parsed.article(2)) == ["依照本条例第十条规定处理。"]
    assert "table-of-contents" in codes(parsed)
    assert parsed.title == "某某条例"


def test_run_on_paragraphs_and_inline_items():
    text = ("第一条 市人民政府设立委员会,履行下列职责:(一)研究规范;(二)建立制度;"
            "(三)其他活动。委员会日常工作由市产业主管部门承担。\n")
    article = parse_statute(text).article(1)
    assert texts(article) == ["市人民政府设立委员会,履行下列职责:", "委员会日常工作由市产业主管部门承担。"]
    assert [(i.label, i.text) for i in article.paragraphs[0].items] == [
        ("(一)", "研究规范;"), ("(二)", "建立制度;"), ("(三)", "其他活动。")]


def test_item_label_styles():
    text = ("第一条 下列事项：\n（一）甲；\n（二）乙。\n"
            "第二条 下列事项:\n(1) 甲;\n(2) 乙。\n"
            "第三条 下列事项：\n1. 甲；\n2. 乙。\n")
    parsed = parse_statute(text)
    assert [i.label for i in parsed.article(1).paragraphs[0].items] == ["（一）", "（二）"]
    assert [(i.label, i.text) for i in parsed.article(2).paragraphs[0].items] == [("(1)", "甲;"), ("(2)", "乙。")]
    assert [i.label for i in parsed.article(3).paragraphs[0].items] == ["1.", "2."]
    assert "item-style" not in codes(parsed)


def test_mixed_item_numbering_is_reported():
    parsed = parse_statute("第一条 职责：\n（1） 甲；\n（2） 乙；\n（三）丙。\n")
    items = parsed.article(1).paragraphs[0].items
    assert [i.number for i in items] == [1, 2, 3]
    assert "item-style" in codes(parsed)


def test_traditional_characters_and_bracketed_titles():
    text = "第一章 總則\n第一條【立法目的】為了促進產業發展，制定本條例。\n第二條 【適用範圍】本條例適用於本市。\n"
    parsed = parse_statute(text)
    assert [(c.number, c.title) for c in parsed.chapters] == [(1, "總則")]
    assert [(a.number, a.title) for a in parsed.articles] == [(1, "立法目的"), (2, "適用範圍")]
    assert texts(parsed.article(1)) == ["為了促進產業發展，制定本條例。"]


def test_ocr_draft_shapes():
    text = ("上海市某条例(草案)(征求意见稿)\n\n上海市人大常委会办公厅公告\n\n"
            "市十五届人大常委会第四十三次会议进行了审议。\n\n-、公开征求意见的时间\n\n"
            "第一音 总则\n\n第一条 (立法目的)\n\n为了促进本市产业发展,结合本市实\n\n"
            "第二条 (基本定义) 本条例所称人工智能,是指模拟。\n\n"
            "第二章 基本要素\n\n第一节 算力\n\n第三条 (东数西算和长三角国家枢 纽节点建设)\n\n本市推进大型科\n\n"
            "学仪器共享。 第四条(科研组织管理方式改\n\n本市推动改革。\n\n"
            "第四条 (特色产业园区)\n\n第四宗(符号广亚图区), 本市打造园区。\n\n"
            "第五条 (资金支持) 本市统筹资金,重点支持 (下转 A8)\n\n智能产业发展与安全。二是明确规范。\n")
    parsed = parse_statute(text, expected_articles=10)
    got = {a.number: a for a in parsed.articles}
    assert sorted(got) == [1, 2, 3, 4, 5]
    assert parsed.chapters[0].title == "总则"
    assert parsed.chapters[1].sections[0].title == "算力"
    assert got[1].title == "立法目的"
    assert got[3].title == "东数西算和长三角国家枢纽节点建设"   # title broken across a line wrap
    assert texts(got[3]) == ["本市推进大型科学仪器共享。"]        # word split over two lines joined
    assert got[3].section == 1 and got[3].chapter == 2
    c = codes(parsed)
    assert "ocr-heading" in c                     # 第一音 read as 第一章, reported
    assert "title-cut" in c                       # (科研组织管理方式改 has no closing bracket
    assert "cut-short" in c                       # 结合本市实
    assert "layout-debris" in c and "flow-break" in c
    assert "missing-articles" in c                # 6-10 missing
    assert "numbering-repeat" in c                # the second 第四条
    # the comment notice before the text never becomes an article; debris after 下转 is not text
    assert all("审议" not in a.plain_text() and "二是明确" not in a.plain_text() for a in parsed.articles)
    assert texts(got[5]) == ["本市统筹资金,重点支持"]


def test_ocr_garbled_repeat_of_a_heading_is_removed_and_reported():
    text = "第一条 (甲)\n\n第一宗(乙丙), 本市打造园区。\n第二条 乙。\n"
    parsed = parse_statute(text)
    assert texts(parsed.article(1)) == ["本市打造园区。"]
    assert "ocr-duplicate-heading" in codes(parsed)


def test_numbers_that_are_not_headings():
    text = ("深圳市人民代表大会常务委员会公告第六十四号\n第十一次会议通过。\n"
            "第一条 依照本条例第十条规定,第二条、第五条至第十一条另有规定的除外。\n第二条 乙。\n")
    parsed = parse_statute(text)
    assert [a.number for a in parsed.articles] == [1, 2]
    assert texts(parsed.article(1)) == ["依照本条例第十条规定,第二条、第五条至第十一条另有规定的除外。"]


def test_stray_markup_and_whitespace_are_normalised_and_nothing_else_changes():
    text = ("\u3000\u3000第一条\u3000\u3000为了规范，\u3000制定本条例。\n"
            "    [bookmark: _GoBack]第二条  本条例自2022年11月1日起施行。\n")
    parsed = parse_statute(text)
    assert texts(parsed.article(1)) == ["为了规范， 制定本条例。"]
    assert texts(parsed.article(2)) == ["本条例自2022年11月1日起施行。"]
    assert "stray-markup" in codes(parsed)


def test_numbering_gaps_repeats_and_order_are_diagnosed_with_lines():
    # Numbering that contradicts the document is an error: a jump, a repeat, going back.
    parsed = parse_statute("第一条 甲。\n第三条 丙。\n第三条 丙。\n第二条 乙。\n")
    by_code = {d.code: d for d in parsed.diagnostics}
    assert by_code["numbering-gap"].line == 2 and by_code["numbering-gap"].severity == "error"
    assert by_code["numbering-repeat"].line == 3 and by_code["numbering-repeat"].severity == "error"
    assert by_code["numbering-order"].line == 4 and by_code["numbering-order"].severity == "error"


def test_text_that_is_not_a_statute_gives_a_diagnostic_not_an_exception():
    parsed = parse_statute("今天天气很好。\n")
    assert parsed.articles == []
    assert codes(parsed) == ["no-articles"]


def test_line_numbers_point_into_the_file():
    parsed = parse_statute("第一条 甲\n", first_line=40)
    assert parsed.articles[0].line == 40
    assert parsed.diagnostics[0].line == 40   # cut short


def test_trailing_document_after_the_last_article_is_not_law_text():
    text = "某某条例\n第一条 甲。\n第二条 本条例自公布之日起施行。《某某条例》解读 本条例共两条。\n"
    parsed = parse_statute(text)
    assert texts(parsed.article(2)) == ["本条例自公布之日起施行。"]
    assert "trailing-document" in codes(parsed)
