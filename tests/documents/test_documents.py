"""Commentary documents: built from the manifest, both copies of the interpretation
recorded, no text dropped or reordered, HTML read as text only."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from generator.documents.build import read_commentary_text
from generator.documents.readers import html_blocks, split_front_matter, tidy_text
from tests.conftest import SHANGHAI, SHENZHEN

WS = re.compile(r"\s+")
INTERP = "shenzhen-ai-2022-interpretation"
NEWS = "shenzhen-ai-2022-stcn-report"
BACKGROUND = "shenzhen-ai-background"
EXPLANATION = "shanghai-ai-2022-draft-explanation"


def squeeze(text: str) -> str:
    return WS.sub("", text)


def test_the_five_documents_with_their_metadata(project):
    docs = project.documents
    assert set(docs) == {INTERP, NEWS, BACKGROUND, EXPLANATION, "shenzhen-ai-2022-news-lead"}
    assert [docs[d].kind for d in (INTERP, NEWS, BACKGROUND, EXPLANATION)] == [
        "interpretation", "news", "background", "explanation"]
    news = docs[NEWS]
    assert news.publisher == "证券时报网" and news.date == "2022-09-06" and news.statute == SHENZHEN
    assert docs[EXPLANATION].statute == SHANGHAI and docs[EXPLANATION].date == "2022-08-30"


def test_interpretation_is_one_document_with_both_sources_003_primary(project):
    doc = project.documents[INTERP]
    files = [s.file for s in doc.sources]
    assert files == ["003_fb396ab0a1b6b464.txt", "002_471ca8fd11cb6557.txt"]
    assert doc.sources[0].role == "text" and "paragraph breaks" in doc.sources[1].role
    texts = [p.text for p in doc.paragraphs]
    # 003's run-on line is cut at its section markers and where 002 breaks lines.
    for heading in ("一、立法必要性", "二、主要内容", "(一)明确人工智能及人工智能产业的界定",
                    "(六)确立人工智能治理机制"):
        para = doc.paragraphs[texts.index(heading)]
        assert para.heading
    assert "其主要内容:" in texts
    assert sum(t.startswith("制定《条例》是") for t in texts) == 3   # 立法必要性: three paragraphs
    # Every character of 003's part, in order, nothing added (the title is the page title).
    part = project.corpus.part("003_fb396ab0a1b6b464.txt#interpretation")
    primary = "".join(p.text for p in doc.paragraphs if p.source is None)
    assert squeeze(doc.source_title + primary) == squeeze(part.text())


def test_002s_news_lead_is_news_not_the_official_interpretation(project):
    # "9月6日…正式公布，并拟于…起实施" reports the publication: a journalist's words, not the
    # Standing Committee's.  It is filed as news, and the interpretation holds only what
    # the legislature's own copy (003) has.
    doc = project.documents[INTERP]
    assert not [p for p in doc.paragraphs if p.source]
    assert not [p for p in doc.paragraphs if "9月6日" in p.text or p.text.startswith("近年来")]
    lead = project.documents["shenzhen-ai-2022-news-lead"]
    assert lead.kind == "news" and [p.line for p in lead.paragraphs] == [1, 2]
    assert lead.paragraphs[0].text.startswith("9月6日,我国首部人工智能产业专项立法")
    assert [s.file for s in lead.sources] == ["002_471ca8fd11cb6557.txt"]
    assert not [d for d in project.diagnostics if d.code == "document-unmatched"]


def test_ocr_explanation_reading_order_sections_and_fidelity(project):
    doc = project.documents[EXPLANATION]
    headings = [p.text for p in doc.paragraphs if p.heading]
    assert headings == ["二、主要内容", "(一)明确人工智能产业范围,完善", "(二)优化要素资源配置,推动科技",
                        "(三)加大政策支持力度,促进产业", "(四)推动场景应用赋能,融合经济",
                        "(五)构建体系化治理框架,维护产业发展与安全", "三、征求意见的重点"]
    five = doc.paragraphs[[p.text for p in doc.paragraphs].index(headings[5]) + 1].text
    # Column fragments re-joined in the manifest's reading order, 一是 … 六是 in one paragraph.
    assert five.startswith("一是坚持总体国家安全观,统筹人工智能产业发展与安全。")
    assert "六是注意劳动者、老年人、残疾人等群体的保护。(第六十一条至第六十八条)" in five
    part = project.corpus.part("004_9f1126a30e32ca71.txt#explanation")
    assert squeeze(doc.source_title + "".join(p.text for p in doc.paragraphs)) == squeeze(part.text())


def test_background_one_paragraph_per_line(project):
    doc = project.documents[BACKGROUND]
    part = project.corpus.part("003_fb396ab0a1b6b464.txt#background")
    assert squeeze(doc.source_title + "".join(p.text for p in doc.paragraphs)) == squeeze(part.text())
    assert doc.paragraphs[0].line == 3 and doc.paragraphs[-1].line == 64
    assert [p.text for p in doc.paragraphs if p.heading][:3] == [
        "政策驱动,深圳创建人工智能创新应用先导区", "人工智能产业优势突出,跻身全国第三", "深圳人工智能产业集群优势"]


def test_news_html_body_as_text_only(project):
    doc = project.documents[NEWS]
    part = project.corpus.part("001_c5332b351cc69fb6.txt#report")
    _, body, _, _ = split_front_matter(part.text(), "x")
    expected = BeautifulSoup(body, "html.parser").get_text()
    assert squeeze("".join(p.text for p in doc.paragraphs)) == squeeze(expected)
    assert len(doc.paragraphs) == 23
    assert [p.text for p in doc.paragraphs if p.heading][:2] == ["首次立法明确人工智能概念和产业边界",
                                                                 "建立面向产业的算力算法开放平台"]
    assert doc.paragraphs[0].line == 16


MALICIOUS = """<html><head><script>alert('head')</script><style>p{color:red}</style>
<link rel="stylesheet" href="http://evil.example/x.css"><title>t</title></head>
<body onload="alert(0)">
<p onclick="alert(1)">市政府应当设立人工智能伦理委员会。<img src="http://evil.example/t.png" onerror="alert(2)"></p>
<p><a href="javascript:alert(3)">点击这里</a>了解先行先试。</p>
<iframe src="http://evil.example/frame">框架</iframe>
<p style="display: none">隐藏的噪声</p><span hidden>也隐藏</span>
<div>&lt;script&gt;alert(4)&lt;/script&gt; 是一段文字。<br>第二行</div>
<object data="http://evil.example/x.swf">对象</object><svg onload="alert(5)"><text>图</text></svg>
<noscript>不要</noscript><form action="http://evil.example"><input value="表单"></form>
</body></html>"""


def test_html_reader_drops_scripts_handlers_remote_resources_and_hidden_text():
    blocks = html_blocks(MALICIOUS)
    texts = [tidy_text(b.text) for b in blocks]
    assert texts == ["市政府应当设立人工智能伦理委员会。", "点击这里了解先行先试。",
                     "<script>alert(4)</script> 是一段文字。第二行"]
    joined = " ".join(texts)
    for bad in ("alert('head')", "alert(0)", "alert(1)", "alert(2)", "alert(3)", "alert(5)", "evil.example",
                "javascript", "onerror", "onclick", "隐藏", "框架", "对象", "不要", "表单", "color:red"):
        assert bad not in joined


def test_commentary_file_reader_plain_and_html():
    plain = read_commentary_text("第一段\n续行。\n\n\n第二段。\n\nEnglish paragraph\nwraps here.\n", path="x.txt")
    assert [p.text for p in plain.paragraphs] == ["第一段续行。", "第二段。", "English paragraph wraps here."]
    assert [p.line for p in plain.paragraphs] == [1, 5, 7]
    html = read_commentary_text("---\ntitle: T\ndate: 2022-09-07\nauthor: 某报\n---\n<p>一</p><p>二</p>",
                                path="x.html", filename="x.html")
    assert [p.text for p in html.paragraphs] == ["一", "二"]
    assert html.date == "2022-09-07" and html.author == "某报"
