"""Search in Chinese and English: the index (no browser) and real searches in headless Chromium.

The site under test is the real project, with its reviewed English, built with two test-only
commentary sections added (see tests/conftest.py) to check that whatever later stages add
to an article page is searchable too.
"""

from __future__ import annotations

import json
import re

import jieba
import pytest

from generator.render.search_data import search_data
from generator.site.search_index import ZWSP, Segmenter, mark_excluded, read_user_dict, shape_index
from tests.conftest import REPO, SHANGHAI, SHENZHEN

USER_DICT = REPO / "site_config" / "search" / "userdict.txt"


def docs_at(index: dict, prefix: str) -> dict[str, dict]:
    return {d["location"]: d for d in index["docs"] if d["location"].startswith(prefix)}


def words(text: str) -> list[str]:
    """The index's words, split as the browser splits them (the separator in mkdocs.yml)."""
    return [w for w in SEPARATOR.split(re.sub(r"<[^>]+>", " ", text)) if w]


def _separator() -> re.Pattern:
    import yaml
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return re.compile(search["separator"])     # JavaScript and Python agree on this pattern


SEPARATOR = _separator()


# --------------------------------------------------------------------------- the index, no browser

def test_search_config_splits_chinese_words_and_english(search_index):
    config = search_index["config"]
    assert config["lang"] == ["en"]
    assert "\\u200b" in config["separator"]          # jieba's word boundaries
    assert config["separator"] == SEPARATOR.pattern


def test_article_text_is_indexed_per_paragraph_with_the_paragraph_anchor(search_index):
    docs = docs_at(search_index, f"{SHENZHEN}/article-65/")
    para1 = docs[f"{SHENZHEN}/article-65/#art_65__para_1"]
    para2 = docs[f"{SHENZHEN}/article-65/#art_65__para_2"]
    assert para1["title"].replace(ZWSP, "") == "第六十五条第一款 · Art. 65(1)"
    # Chinese of the paragraph and its six items, segmented; the English beside it.
    assert "伦理" in words(para1["text"]) and "委员会" in words(para1["text"])
    assert "（六）" not in para1["text"] and "(六)" in para1["text"].replace(ZWSP, "")
    assert "Ethics Committee" in para1["text"] and "(1) to study and formulate" in para1["text"]
    assert "市人工智能伦理委员会的日常工作由市产业主管部门承担。" in para2["text"].replace(ZWSP, "")
    # The page's own entry carries the title; no second copy of the text at #art_65.
    assert docs[f"{SHENZHEN}/article-65/"]["text"] == ""
    assert f"{SHENZHEN}/article-65/#art_65" not in docs


def test_article_short_titles_and_their_english_are_indexed(search_index):
    heading = search_index_doc(search_index, f"{SHANGHAI}/article-13/#art_13")
    assert "东数西算" in words(heading["title"]) and "Yangtze River Delta" in heading["title"]


def test_terms_from_running_text_are_words_in_the_index(search_index):
    text44 = docs_at(search_index, f"{SHENZHEN}/article-44/#art_44__para_1")
    assert "先行先试" in words(next(iter(text44.values()))["text"])       # site_config/search/userdict.txt
    text34 = next(iter(docs_at(search_index, f"{SHENZHEN}/article-34/#art_34__para_1").values()))["text"]
    assert words(text34).count("算力") == 2
    all_words = {w for d in search_index["docs"] for w in words(d["text"])}
    assert "算" not in all_words          # OCR's "算 法" (Shanghai copy) is indexed as 算法
    assert {"第七十一条", "第六章"} <= {w for d in search_index["docs"] for w in words(d["title"])}


def test_interpretation_news_and_notes_on_article_pages_are_indexed(search_index):
    interp = search_index_doc(search_index, f"{SHENZHEN}/article-44/#commentary-interpretation")
    assert "Official interpretation" in interp["title"] and "准入" in words(interp["text"])
    news = search_index_doc(search_index, f"{SHENZHEN}/article-44/#commentary-news")
    assert "先行先试" in words(news["text"])
    note = search_index_doc(search_index, f"{SHENZHEN}/article-65/#notes")
    assert "day-to-day work" in note["text"]


def search_index_doc(index: dict, location: str) -> dict:
    return next(d for d in index["docs"] if d["location"] == location)


def test_page_chrome_is_not_indexed_but_still_on_the_page(search_site, search_index):
    # statute pages only: the editor guide quotes some of these phrases on purpose
    statute_docs = [d for d in search_index["docs"] if d["location"].startswith((SHENZHEN, SHANGHAI))]
    blob = json.dumps(statute_docs, ensure_ascii=False).replace(ZWSP, "")
    assert len(statute_docs) > 200
    for chrome in ("English translation not yet available", "not independently reviewed", "Cite", "引用",
                   "Draft for public comment</", "not in the source copy", "← 第"):
        assert chrome not in blob, chrome
    page = (search_site / "site" / SHENZHEN / "article-64" / "index.html").read_text(encoding="utf-8")
    assert "Project translation, AI-assisted, not independently reviewed" in page and 'class="citation"' in page
    assert "data-search-exclude" not in page      # Material strips the marker after indexing


def test_print_view_is_not_in_the_index(search_index):
    assert not [d for d in search_index["docs"] if "/print" in d["location"]]


def test_law_in_force_ranks_before_draft_and_reference_pages(search_index):
    boosts = {d["location"]: d.get("boost", 1) for d in search_index["docs"]}
    assert boosts[f"{SHENZHEN}/article-34/#art_34__para_1"] == 1
    assert boosts[f"{SHANGHAI}/article-12/#art_12__para_1"] == 0.5
    assert boosts["reference/source-issues/"] == 0.25


def test_the_search_dictionary_does_not_change_how_the_parser_segments(search_site):
    # search_site has built with the user dictionary: jieba's global tokenizer (the parser's)
    # must still cut 先行先试 as it always did.
    assert "先行先试" not in jieba.lcut("开展先行先试") + jieba.lcut("开展先行先试", HMM=False)
    assert Segmenter(USER_DICT).words("开展先行先试") == ["开展", "先行先试"]


# --------------------------------------------------------------------------- units

def test_segmenter_keeps_statute_numbering_and_drops_ocr_gaps():
    seg = Segmenter(USER_DICT)
    assert seg.words("依照第七十一条规定") == ["依照", "第七十一条", "规定"]
    assert seg.segment("降低算 法模型交易风险") == ZWSP.join(["降低", "算法", "模型", "交易", "风险"])
    assert seg.segment("Art. 65 算力") == f"Art. 65 {ZWSP}算力"
    assert seg.segment(f"伦{ZWSP}理") == "伦理"        # earlier segmentation is redone


def test_user_dictionary_format(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("# comment\n\n先行先试 20 l  # idiom\n东数西算\n算力 n\n", encoding="utf-8")
    entries = read_user_dict(path)
    assert [(e.word, e.freq, e.tag) for e in entries] == [("先行先试", 20, "l"), ("东数西算", None, None),
                                                          ("算力", None, "n")]
    assert all(read_user_dict(USER_DICT)), "the shipped dictionary parses"


def test_mark_excluded_reaches_every_cell_of_nested_article_text():
    page = ('<nav class="breadcrumb"><a href="x">A</a></nav>'
            '<div class="article-text"><div class="para" id="p1"><div class="seg-row para-text">'
            '<a class="seg-anchor" href="#p1">1</a><div class="seg zh" lang="zh-Hans">中文</div>'
            '<div class="seg en missing"><span class="missing-note">none</span></div></div></div></div>'
            '<p class="keep">after</p>')
    marked = mark_excluded(page)
    assert marked.count('data-search-exclude="statute-site"') == 4   # nav; anchor, zh, en cells
    assert '<p class="keep">' in marked
    assert re.sub(r' data-search-exclude="statute-site"', "", marked) == page


def test_shape_index_adds_paragraphs_and_drops_empty_article_heading_entries():
    data = {"config": {}, "docs": [
        {"location": "s/article-1/", "title": "第一条 · Article 1 | 条例", "text": "", "boost": 0.5},
        {"location": "s/article-1/#art_1", "title": "第一条 Article 1", "text": " "},
        {"location": "s/article-1/#interpretation", "title": "解读", "text": "先行先试"},
    ]}
    paras = {"s/article-1/": [{"anchor": "art_1__para_1", "title": "第一条 · Art. 1", "text": "开展先行先试"}]}
    data["docs"].append({"location": "s/article-2/#art_2", "title": "第二条 （定义） Article 2", "text": ""})
    shaped = shape_index(data, paras, Segmenter(USER_DICT))
    assert [d["location"] for d in shaped["docs"]] == [
        "s/article-1/", "s/article-1/#art_1__para_1", "s/article-1/#interpretation", "s/article-2/#art_2"]
    assert shaped["docs"][1]["text"] == f"开展{ZWSP}先行先试" and shaped["docs"][1]["boost"] == 0.5


def test_search_data_from_the_model(project):
    data = search_data(project)
    entries = data["paragraphs"][f"{SHENZHEN}/article-65.md"]
    assert [e["anchor"] for e in entries] == ["art_65__para_1", "art_65__para_2"]
    assert entries[0]["text"].startswith("市人民政府应当按照国家人工智能治理相关规定")
    assert f"{SHANGHAI}/article-40.md" not in data["paragraphs"]        # not in the source copy
    assert data["boost"][0] == {"prefix": f"{SHANGHAI}/", "boost": 0.5, "why": "draft: not law in force"}


# --------------------------------------------------------------------------- real searches in Chromium

@pytest.fixture(scope="module")
def served(search_site):
    from tests.browser import serve
    with serve(search_site / "site") as base:
        yield base


def result_pages(groups) -> list[str]:
    from tests.browser import path_of
    return [path_of(g["page"]) for g in groups]


def open_result(browser, groups, page: str) -> str:
    """Click the first section link of ``page``'s result group; the fragment landed on."""
    from selenium.webdriver.common.by import By
    from tests.browser import fragment_of, path_of
    group = next(g for g in groups if path_of(g["page"]) == page)
    target = next((link for link in group["links"] if fragment_of(link)), group["links"][0])
    link = browser.driver.find_element(By.CSS_SELECTOR, f'a.md-search-result__link[href="{target}"]')
    link.click()
    browser.wait(lambda d: path_of(d.current_url) == page, message=f"navigate to {page}")
    browser.wait(lambda d: d.execute_script("return document.readyState") == "complete")
    return fragment_of(browser.driver.current_url)


def assert_landed_on(browser, anchor: str) -> None:
    in_view = browser.driver.execute_script(
        "const el = document.getElementById(arguments[0]); if (!el) return null;"
        "const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", anchor)
    assert in_view, f"#{anchor} is not on screen after following the result"


@pytest.mark.browser
@pytest.mark.parametrize("query, article", [("伦理委员会", 65), ("先行先试", 44), ("算力", 34)])
def test_chinese_search_finds_words_inside_running_text(browser, served, query, article):
    browser.get(served)
    groups = browser.search(query)
    page = f"/{SHENZHEN}/article-{article}/"
    assert page in result_pages(groups)[:3], (query, result_pages(groups))
    anchor = open_result(browser, groups, page)
    assert re.fullmatch(rf"art_{article}__para_\d+", anchor), anchor
    assert_landed_on(browser, anchor)


@pytest.mark.browser
def test_english_search_finds_article_65_through_its_reviewed_english(browser, served):
    browser.get(served + f"{SHENZHEN}/")
    groups = browser.search("ethics committee")
    page = f"/{SHENZHEN}/article-65/"
    # Listed among the first results (a title match on the Shanghai draft's "Expert
    # Committee" can come first: Material ranks title words above body words).
    assert page in result_pages(groups)[:3], result_pages(groups)
    anchor = open_result(browser, groups, page)
    assert anchor in ("art_65__para_1", "art_65__para_2")
    assert_landed_on(browser, anchor)
    assert "Ethics Committee" in browser.driver.find_element("id", anchor).text


@pytest.mark.browser
def test_search_finds_interpretation_sections_and_article_numbers(browser, served):
    browser.get(served)
    # 准入制度 is in the interpretation and the press report quoted on article 44's page,
    # not in the article's own text.
    # Since near-duplicate quotes are shown once (issue 14), article 44's page holds the
    # phrase twice instead of four times, and ranks below the documents that say it and
    # pages that say 制度 often (measured: 10th of 10).
    groups = browser.search("准入制度")
    assert f"/{SHENZHEN}/article-44/" in result_pages(groups)[:10], result_pages(groups)
    groups = browser.search("第七十一条")
    assert result_pages(groups)[0] == f"/{SHENZHEN}/article-71/"
    assert not browser.console_errors()


def test_commentary_english_is_searchable(search_index):
    # "sandbox" finds the Shanghai explanation, whose Chinese says 沙盒监管.
    hits = [d["location"] for d in search_index["docs"] if "sandbox" in d["text"].lower()]
    assert any(h.startswith("commentary/shanghai-ai-2022-draft-explanation/") for h in hits), hits
