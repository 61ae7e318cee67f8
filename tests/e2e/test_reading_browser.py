"""Reading in a real browser: copying a pinpoint citation from the keyboard, the print
margins and a real PDF of the print view, phone width (390 px), and the English view in
English, the Chinese view in Chinese."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest

from tests.conftest import SHENZHEN
from tests.e2e.chinese_view import SAMPLE as CHINESE_VIEW_SAMPLE, english_only_hidden_text, visible_english
from tests.e2e.english_view import SAMPLE as ENGLISH_VIEW_SAMPLE, chinese_only_hidden_text, visible_chinese

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_site(built_site):
    from tests.browser import serve
    with serve(built_site / "site") as base:
        yield base


def test_citation_is_copied_from_the_keyboard(served_site, browser):
    from selenium.webdriver.common.keys import Keys
    driver = browser.driver
    driver.set_window_size(1280, 1000)
    browser.get(served_site + f"{SHENZHEN}/article-65/")
    button = driver.find_element("css selector", "#art_65__para_1__item_4 button.cite-copy")
    driver.execute_script("arguments[0].focus()", button)
    assert driver.switch_to.active_element == button
    button.send_keys(Keys.ENTER)
    browser.wait(lambda d: d.execute_script(
        "var s = document.getElementById('cite-status'); return s && s.textContent"), 5, "no announcement")
    status = driver.execute_script("return document.getElementById('cite-status').textContent")
    expected = ("《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项 / "
                "Shenzhen AI Industry Regulations, art. 65(1)(iv)")
    assert status.endswith(expected), status
    assert button.get_attribute("data-citation") == expected


def test_print_margins_carry_title_page_numbers_date_and_address(served_site, browser):
    browser.get(served_site + f"{SHENZHEN}/print/")
    css = browser.driver.execute_script("return document.getElementById('print-margins').textContent")
    assert "counter(page)" in css and "counter(pages)" in css and "Printed 20" in css
    assert f"{SHENZHEN}/print/" in css and "深圳经济特区人工智能产业促进条例" in css


def test_phone_width_keeps_everything_inside_the_screen(served_site, browser):
    driver = browser.driver
    driver.set_window_size(390, 900)
    try:
        width = driver.execute_script("return document.documentElement.clientWidth")
        browser.get(served_site + f"{SHENZHEN}/print/")
        table = driver.execute_script(
            "return document.querySelector('.print-facts').getBoundingClientRect().right")
        assert table <= width + 1
        browser.get(served_site + f"{SHENZHEN}/article-65/")
        term = driver.find_element("css selector", ".seg.zh .term")
        driver.execute_script("arguments[0].scrollIntoView(); arguments[0].focus()", term)
        box = driver.execute_script("""
            const s = getComputedStyle(arguments[0], '::after');
            return {position: s.position, left: s.left, right: s.right, font: s.fontFamily};""", term)
        assert box["position"] == "fixed" and box["left"] == box["right"]
        assert "Serif CJK" not in box["font"]
        # stacked Chinese and English are separated by a rule
        border = driver.execute_script(
            "return getComputedStyle(document.querySelector('.seg-row .seg.en')).borderTopStyle")
        assert border == "dashed"
    finally:
        driver.set_window_size(1280, 1000)


def _view(browser, base: str, view: str) -> None:
    browser.get(base)
    browser.driver.execute_script("localStorage.setItem('statute-site:view', arguments[0])", view)


def _pdf_text(browser, tmp_path, name: str) -> list[str]:
    """The page as Chromium prints it (A4 from the page's @page rule), one text per sheet."""
    if not shutil.which("pdftotext"):
        from tests.browser import _unavailable
        _unavailable("print test: needs pdftotext (poppler-utils; tests/setup.sh installs it)")
    pdf = base64.b64decode(browser.driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})["data"])
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.rstrip("\f").split("\f")


# What the page margins say in each view: print date and page number in the view's language.
MARGINS = {"en": r"Printed 20\d\d-\d\d-\d\d · page {n} / {total}",
           "zh": r"打印于 20\d\d-\d\d-\d\d · 第 {n} / {total} 页",
           "both": r"打印于 · Printed 20\d\d-\d\d-\d\d · 页 · page {n} / {total}"}


def _assert_margins(view: str, flat: str, number: int, total: int, address: str) -> None:
    assert re.search(MARGINS[view].format(n=number, total=total), flat), (view, number, flat[-200:])
    assert address in flat, (view, number)


def test_print_view_prints_numbered_pages_with_date_and_address(served_site, browser, tmp_path):
    sheets = {}
    for view in ("both", "en", "zh"):
        _view(browser, served_site, view)
        browser.get(served_site + f"{SHENZHEN}/print/")
        sheets[view] = _pdf_text(browser, tmp_path, view)
    for view, pages in sheets.items():
        total = len(pages)
        # 73 articles in 7 chapters, each chapter on a new sheet: more than 7, far fewer
        # than one sheet per article (the issue saw 48 sheets without any numbering).
        assert 8 <= total <= 40, (view, total)
        for number, text in enumerate(pages, start=1):
            _assert_margins(view, " ".join(text.split()), number, total, f"{SHENZHEN}/print/")
    both, english, chinese = (" ".join(" ".join(sheets[v]).split()) for v in ("both", "en", "zh"))
    art2_zh, art2_en = "本条例所称人工智能", "simulation, extension or expansion of human"
    assert art2_zh in both and art2_en in both
    assert art2_en in english and art2_zh not in english
    assert art2_zh in chinese and art2_en not in chinese
    # the running header follows the view: the English title alone in the English view
    assert sheets["en"][1].lstrip().startswith("Regulations of the Shenzhen Special Economic Zone")
    assert sheets["zh"][1].lstrip().startswith("深圳经济特区人工智能产业促进条例")


def test_an_article_page_prints_in_the_view_with_statute_and_article_in_the_margin(served_site, browser, tmp_path):
    """One article printed from its own page: the running header names the statute and the
    article, the margins speak the view's language, the site's menus and buttons are left out,
    and the Chinese view prints no English interface text (nor the English view Chinese)."""
    running = {"zh": "《深圳经济特区人工智能产业促进条例》第六十五条",
               "en": "Shenzhen AI Industry Regulations, art. 65",
               "both": "《深圳经济特区人工智能产业促进条例》第六十五条 · Shenzhen AI Industry Regulations, art. 65"}
    for view, header in running.items():
        _view(browser, served_site, view)
        browser.get(served_site + f"{SHENZHEN}/article-65/")
        pages = _pdf_text(browser, tmp_path, f"article-{view}")
        assert len(pages) <= 5, (view, len(pages))
        for number, text in enumerate(pages, start=1):
            assert text.lstrip().startswith(header), (view, number, text[:120])
            _assert_margins(view, " ".join(text.split()), number, len(pages), f"{SHENZHEN}/article-65/")
        flat = " ".join(" ".join(pages).split())
        for chrome in ("中国法规双语注释本", "Search", "对照 Both", "Cite"):     # header, search, view switch, buttons
            assert chrome not in flat.replace("CITE", ""), (view, chrome)
        if view == "zh":
            assert "Defined term" not in flat and "Printed" not in flat and "Related provisions" not in flat
            assert "定义术语，定义见第二条" in flat
        if view == "en":
            assert "定义术语" not in flat and "打印于" not in flat and "ethical and safety norms" in flat




def _visible_text(driver, selector: str) -> str:
    text = driver.execute_script("return document.querySelector(arguments[0]).innerText", selector)
    return " ".join(text.replace("¶", "").split())


def test_english_view_shows_no_chinese_captions_or_quotes(served_site, browser):
    _view(browser, served_site, "en")
    for path in ENGLISH_VIEW_SAMPLE:
        browser.get(served_site + path)
        assert visible_chinese(browser.driver) == [], path
        assert chinese_only_hidden_text(browser.driver) == [], path


def test_english_view_captions_and_commentary(served_site, browser):
    driver = browser.driver
    _view(browser, served_site, "en")
    browser.get(served_site + f"{SHENZHEN}/article-65/")
    assert _visible_text(driver, "article h1") == "Article 65"
    assert _visible_text(driver, "nav.breadcrumb") == (
        "Shenzhen AI Industry Regulations › Chapter 6 Governance Principles and Measures › Article 65")
    assert _visible_text(driver, "nav.article-pager") == "← Article 64 Contents Article 66 →"
    assert _visible_text(driver, "a.md-nav__link--active") == "Art. 65"
    # the official interpretation: its English with the truthful label, the Chinese quote hidden
    entry = '.commentary-entry[data-document="shenzhen-ai-2022-interpretation"]'
    shown = driver.execute_script("""
        const e = document.querySelector(arguments[0]);
        return [getComputedStyle(e.querySelector('blockquote')).display, e.querySelector('.commentary-en').innerText];""",
        entry)
    assert shown[0] == "none"
    assert "Artificial Intelligence Ethics Committee" in shown[1]
    assert "Project translation, AI-assisted, not independently reviewed" in shown[1]
    news = _visible_text(driver, '.commentary-entry[data-document="shenzhen-ai-2022-stcn-report"]')
    assert "Securities Times (stcn.com)" in news and "not independently reviewed" in news
    # the same captions in the other views
    for view, heading, crumb in (("zh", "第六十五条", "深圳经济特区人工智能产业促进条例 › 第六章 治理原则与措施 › 第六十五条"),
                                 ("both", "第六十五条 Article 65", None)):
        _view(browser, served_site, view)
        browser.get(served_site + f"{SHENZHEN}/article-65/")
        assert _visible_text(driver, "article h1") == heading
        if crumb:
            assert _visible_text(driver, "nav.breadcrumb") == crumb


def test_sandbox_finds_the_shanghai_explanation_in_english(served_site, browser):
    """The issue: "sandbox" found nothing although the Shanghai explanation says 沙盒监管."""
    _view(browser, served_site, "en")
    browser.get(served_site + "search/?q=sandbox")
    browser.wait(lambda d: d.execute_script(
        "return document.querySelector('[data-search-result], [data-search-empty]') !== null"), 20, "no results")
    titles = browser.driver.execute_script(
        "return [...document.querySelectorAll('[data-search-result] .search-result__title')].map(a => a.innerText)")
    assert any(t.startswith("Explanation of the Call for Comments") for t in titles), titles
    assert visible_chinese(browser.driver) == []


def test_chinese_view_shows_no_english_interface_sentences(served_site, browser):
    """The issue: interface text in both languages.  In the Chinese view no English caption,
    label, notice or intro is left visible (the law's English is hidden there already)."""
    _view(browser, served_site, "zh")
    for path in CHINESE_VIEW_SAMPLE:
        browser.get(served_site + path)
        assert visible_english(browser.driver) == [], path
        assert english_only_hidden_text(browser.driver) == [], path
    for query in ("伦理委员会", "zzqqxx"):           # search results and "no results"
        browser.get(served_site + "search/?q=" + query)
        browser.wait(lambda d: d.execute_script(
            "return document.querySelector('[data-search-page]').getAttribute('data-search-state') === 'done'"), 30)
        assert visible_english(browser.driver) == [], query
        assert english_only_hidden_text(browser.driver) == [], query
    # What the reader sees instead: the Chinese halves.
    browser.get(served_site + f"{SHENZHEN}/article-65/")
    text = _visible_text(browser.driver, "article")
    for phrase in ("非官方译文。英文译文仅供参考，以中文文本为准。", "其他法规中主题相同的条文。", "编辑细节",
                   "查看上下文：第20段", "每一款、每一项都有各自的引文"):
        assert phrase in text, phrase
    for phrase in ("Unofficial translation", "Editorial details", "In context", "Provisions of other statutes"):
        assert phrase not in text, phrase


def test_labels_and_tooltips_follow_the_view(served_site, browser):
    """aria-labels, titles and the search placeholder: the view's half, both side by side, and
    the other half as soon as the reader switches."""
    driver = browser.driver
    query = ("return [document.getElementById('site-search-q').placeholder, "
             "document.querySelector('#art_65__para_1__item_4 button.cite-copy').getAttribute('aria-label'), "
             "document.querySelector('.view-switch [data-view-choice=en]').title]")
    expected = {"zh": ["搜索", "复制第1款第4项的引文", "只显示英文"],
                "en": ["Search", "Copy citation of paragraph 1, item 4", "English only"],
                "both": ["Search · 搜索", "复制第1款第4项的引文 · Copy citation of paragraph 1, item 4",
                         "只显示英文 · English only"]}
    page_lang = {"zh": "zh-Hans", "en": "en", "both": "en"}
    for view, values in expected.items():
        _view(browser, served_site, view)
        browser.get(served_site + f"{SHENZHEN}/article-65/")
        assert driver.execute_script(query) == values, view
        assert driver.execute_script("return document.documentElement.lang") == page_lang[view], view
    driver.find_element("css selector", ".view-switch [data-view-choice=zh]").click()
    assert driver.execute_script(query) == expected["zh"]
    assert driver.execute_script("return document.documentElement.lang") == "zh-Hans"
    # A defined term's tooltip (CSS content from data-tip-zh / data-tip) in the view's language.
    tip = ("const t = document.querySelector('article .seg.zh .term'); t.focus();"
           "return getComputedStyle(t, '::after').content")
    zh_tip = driver.execute_script(tip)
    assert "定义见第二条" in zh_tip and "defined in" not in zh_tip, zh_tip
    driver.find_element("css selector", ".view-switch [data-view-choice=both]").click()
    both_tip = driver.execute_script(tip)
    assert "定义见第二条" in both_tip and "defined in Article 2" in both_tip, both_tip


def test_side_by_side_translators_note_takes_a_row_of_its_own(served_site, browser):
    """The issue: Shanghai art. 7's long translator's note stretched the English cell and left a
    hole beside the Chinese.  The note is a row under the pair, the width of both columns."""
    _view(browser, served_site, "both")
    browser.driver.set_window_size(1280, 1000)
    browser.get(served_site + "shanghai-ai-2022-draft/article-7/")
    zh, en, note = browser.driver.execute_script(
        "const row = document.querySelector('#art_7__para_1 .seg-row');"
        "return ['.seg.zh', '.seg.en', '.seg-note'].map(s => {"
        "  const r = row.querySelector(':scope > ' + s).getBoundingClientRect();"
        "  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; })")
    assert "OCR" in browser.driver.execute_script("return document.querySelector('.seg-note').innerText")
    assert abs((zh["bottom"] - zh["top"]) - (en["bottom"] - en["top"])) < 60, (zh, en)
    assert note["top"] >= max(zh["bottom"], en["bottom"]) - 1
    assert abs(note["left"] - zh["left"]) < 2 and abs(note["right"] - en["right"]) < 2, (note, zh, en)
    _view(browser, served_site, "zh")
    browser.get(served_site + "shanghai-ai-2022-draft/article-7/")
    assert browser.driver.execute_script("return document.querySelector('.seg-note').getClientRects().length") == 0


def test_side_by_side_view_gives_interface_text_in_both_languages(served_site, browser):
    _view(browser, served_site, "both")
    browser.get(served_site + f"{SHENZHEN}/article-64/")
    summary = _visible_text(browser.driver, ".provenance-summary")
    assert ("English on this page: Project translation, AI-assisted, not independently reviewed" in summary
            and "本页英文：项目译文（人工智能辅助），未经独立审校。" in summary), summary
    notice = _visible_text(browser.driver, "[data-english-notice]")
    assert "only the Chinese text has legal force" in notice and "以中文文本为准" in notice
    _view(browser, served_site, "en")
    browser.get(served_site + f"{SHENZHEN}/article-64/")
    assert "项目译文" not in _visible_text(browser.driver, "article")
