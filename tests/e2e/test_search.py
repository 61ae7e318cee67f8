"""The site search in headless Chromium: the query set, the results page contract, the header's
search box, and search.js reading text exactly as the index builder does.

The site under test is the real project, with its reviewed English (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from generator.render.search_data import collections
from generator.render.search_text import normalise, stem, terms
from tests.conftest import REPO, SHANGHAI, SHENZHEN
from tests.e2e.search_queries import PASS_FIRST, load_queries, results, run_query_set, target_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(search_site):
    from tests.browser import serve
    with serve(search_site / "site") as base:
        yield base


def wait_done(browser) -> None:
    browser.wait(lambda d: d.execute_script(
        "return document.querySelector('[data-search-page]').getAttribute('data-search-state') === 'done'"), 30)


def run_js(browser, script: str, *args):
    browser.driver.set_script_timeout(30)
    return browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"StatuteSearch.load('manifest.js').then(() => StatuteSearch.load('t2s.js')).then(() => done(({script})));",
        *args)


def test_the_query_set_finds_the_right_article_first(browser, served):
    queries = load_queries()
    assert len(queries) >= 40
    firsts, failures = run_query_set(browser, served + "search/")
    assert not failures, failures                      # every query: the article within the first three
    assert len(firsts) >= PASS_FIRST * len(queries), (len(firsts), len(queries))
    assert not browser.console_errors()


def test_results_page_contract_and_empty_state(browser, served):
    links = results(browser, served + "search/", "伦理委员会")
    assert links and target_of(links[0]) == (SHENZHEN, "65", "art_65__para_1")
    assert len(links) < 20 and not browser.driver.find_element("css selector", ".search-more").is_displayed()
    links = results(browser, served + "search/", "《上海市促进人工智能产业发展条例》")   # a name alone: the overview
    assert links and links[0].endswith(f"/{SHANGHAI}/")
    assert results(browser, served + "search/", "量子引力波") is None
    assert browser.driver.find_element("css selector", "[data-search-empty]").is_displayed()
    assert not browser.driver.find_elements("css selector", "[data-search-result]")
    browser.get(served + "search/")                     # no query: neither results nor "nothing found"
    wait_done_or_idle = "return document.querySelector('[data-search-page]').getAttribute('data-search-state')"
    assert browser.driver.execute_script(wait_done_or_idle) == "idle"
    assert not browser.driver.find_elements("css selector", "[data-search-empty], [data-search-result]")


def test_header_search_box_leads_to_the_results_page_and_the_result_to_the_item(browser, served):
    from selenium.webdriver.common.keys import Keys
    from tests.browser import fragment_of, path_of
    browser.get(served + f"{SHANGHAI}/article-3/")
    box = browser.driver.find_element("css selector", "header form[role=search] input[name=q]")
    box.send_keys("白皮书", Keys.ENTER)
    browser.wait(lambda d: path_of(d.current_url) == "/search/")
    wait_done(browser)
    first = browser.driver.find_element("css selector", "[data-search-result] a[href]")
    first.click()
    browser.wait(lambda d: path_of(d.current_url) == f"/{SHENZHEN}/article-65/")
    assert fragment_of(browser.driver.current_url) == "art_65__para_1__item_4"
    in_view = browser.driver.execute_script(
        "const r = document.getElementById('art_65__para_1__item_4').getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight;")
    assert in_view


def test_snippets_are_short_in_the_readers_language_with_whole_words_marked(browser, served):
    d = browser.driver
    browser.get(served + "search/")
    d.execute_script("localStorage.setItem('statute-site:view', 'en')")
    browser.get(served + "search/?q=" + quote("ethics committees"))
    wait_done(browser)
    first = d.find_element("css selector", "[data-search-result]")
    snippets = first.find_elements("css selector", ".search-result__snippet")
    assert [s.get_attribute("lang") for s in snippets] == ["en"]
    assert [m.text for m in first.find_elements("css selector", "mark")] == ["Ethics", "Committee"]
    assert len(snippets[0].text) <= 230
    # the English view: the result's title and statute in English only
    assert "Shenzhen AI Industry Regulations" in first.text and "深圳经济特区人工智能产业促进条例" not in first.text
    assert first.text.startswith("Article 65")
    d.execute_script("localStorage.setItem('statute-site:view', 'both')")
    browser.get(served + "search/?q=" + quote("伦理委员会"))
    wait_done(browser)
    first = d.find_element("css selector", "[data-search-result]")
    assert "深圳经济特区人工智能产业促进条例" in first.text and "Shenzhen AI Industry Regulations" in first.text
    assert [s.get_attribute("lang") for s in first.find_elements("css selector", ".search-result__snippet")] == [
        "zh-Hans", "en"]
    assert {m.text for m in first.find_elements("css selector", "mark")} == {"伦理委员会"}
    d.execute_script("localStorage.setItem('statute-site:view', 'zh')")
    browser.get(served + "search/?q=" + quote("倫理委員會"))     # Traditional query, Simplified text marked
    wait_done(browser)
    first = d.find_element("css selector", "[data-search-result]")
    assert [s.get_attribute("lang") for s in first.find_elements("css selector", ".search-result__snippet")] == [
        "zh-Hans"]
    assert {m.text for m in first.find_elements("css selector", "mark")} == {"伦理委员会"}
    d.execute_script("localStorage.removeItem('statute-site:view')")


def test_filter_by_statute(browser, served):
    both = results(browser, served + "search/", "新型研发机构")
    assert {SHENZHEN, SHANGHAI} <= {target_of(link)[0] for link in both}
    browser.get(served + f"search/?q={quote('新型研发机构')}&s={SHANGHAI}")
    wait_done(browser)
    named = browser.driver.execute_script(
        "return [...document.querySelectorAll('[data-search-result] .search-result__statute')].map(e => e.textContent)")
    assert named and all(n.startswith("上海市促进人工智能产业发展条例") for n in named), named
    assert browser.driver.find_element("id", "search-s").get_attribute("value") == SHANGHAI


def test_a_query_downloads_the_manifest_its_shards_and_the_shown_chunks_only(browser, served, search_site):
    browser.reset()
    results(browser, served + "search/", "人工智能伦理委员会")
    loaded = [u for u in browser.collect() if "/search/data/" in u]
    data = search_site / "site" / "search" / "data"
    assert any(u.endswith("/manifest.js") for u in loaded) and any("/s/" in u for u in loaded)
    shards = len(list((data / "s").iterdir()))
    assert len([u for u in loaded if "/s/" in u]) < shards / 2
    size = sum((data / u.split("/search/data/", 1)[1]).stat().st_size for u in set(loaded))
    assert size < 1_000_000


# --------------------------------------------------------------------------- search.js = the index's rules

SAMPLES = ["市人工智能伦理委员会", "职务 科技成果所有权", "５Ｇ、物联网和智能汽车", "倫理委員會（草案）",
           "Minor violations not subject to penalties; the Ethics Committee's duties.",
           "Art. 65(1)(iv) 第六十五条第一款第（四）项", "东数西算 East Data, West Computing 2022年11月1日"]


def test_search_js_cuts_text_into_the_same_terms_as_the_index(browser, served):
    browser.get(served + "search/")
    js = run_js(browser, "arguments[0].map(t => StatuteSearch.terms(StatuteSearch.normalise(t), 0)"
                         ".map(x => [x.key, x.pos, x.positional]))", SAMPLES)
    py = [[[t.key, t.pos, t.positional] for t in terms(s)[0]] for s in SAMPLES]
    assert js == py
    assert run_js(browser, "arguments[0].map(StatuteSearch.normalise)", SAMPLES) == [normalise(s) for s in SAMPLES]


def test_search_js_stems_every_english_word_of_the_site_as_the_index_does(browser, served, project):
    words = set()
    for c in collections(project):
        for group in c.groups():
            for doc in group.docs:
                words.update(re.findall(r"[a-z]+", normalise(doc.en)))
    assert len(words) > 1000
    for doc in ("README.md", "DEVELOPERS.md", "EDITORS.md"):          # more English, to test more rules
        words.update(re.findall(r"[a-z]+", (REPO / doc).read_text(encoding="utf-8").lower()))
    words.update(["generalization", "oscillators", "hopefully", "agreed", "feed", "sky", "happy", "probate",
                  "controlling", "relational", "conditional", "electricity", "adjustable", "goodness"])
    words = sorted(words)
    assert len(words) > 2000
    browser.get(served + "search/")
    js = run_js(browser, "arguments[0].map(StatuteSearch.stem)", words)
    mismatches = [(w, j, stem(w)) for w, j in zip(words, js) if j != stem(w)]
    assert not mismatches, mismatches[:20]


CITATIONS = [
    ("第六十五条", [65, None, None]), ("第65条", [65, None, None]), ("65条", [65, None, None]),
    ("第六十五条第一款第（四）项", [65, 1, 4]), ("第七十二条第二款第(六)项", [72, 2, 6]),
    ("第三十三条第二款", [33, 2, None]), ("第六十五条（四）", [65, None, 4]), ("第９条第３款", [9, 3, None]), ("第一百零五条", [105, None, None]),
    ("Art. 65", [65, None, None]), ("art 44", [44, None, None]), ("Ａｒｔ．４４", [44, None, None]),
    ("Article 65(1)(iv)", [65, 1, 4]), ("Article 66(2)", [66, 2, None]), ("Art. 30(2)", [30, 2, None]),
    ("第六十五", None), ("条例", None), ("article", None), ("65", None),
]


def test_search_js_reads_citations(browser, served):
    browser.get(served + "search/")
    got = run_js(browser, "arguments[0].map(q => { const c = StatuteSearch.citation(StatuteSearch.normalise(q));"
                          "return c && [c.article, c.paragraph, c.item]; })", [q for q, _ in CITATIONS])
    assert dict(zip([q for q, _ in CITATIONS], got)) == dict(CITATIONS)


def test_statute_names_scope_a_query(browser, served):
    browser.get(served + "search/")
    cases = ["深圳 第四十四条", "上海市促进人工智能产业发展条例第十二条", "Shanghai AI Industry Regulations (draft) Art. 30(2)",
             "上海数据交易所", "国家超级计算深圳中心", "上海 新型研发机构",
             "深圳条例第65条", "Shenzhen regulations art. 10", "人工智能条例第3条"]
    got = run_js(browser, "arguments[0].map(q => { const p = StatuteSearch.parseQuery(q, StatuteSearch.store.manifest);"
                          "return [p.scope, p.rest]; })", cases)
    assert got == [[[SHENZHEN], "第四十四条"], [[SHANGHAI], "第十二条"], [[SHANGHAI], "art. 30(2)"],
                   [None, "上海数据交易所"], [None, "国家超级计算深圳中心"], [[SHANGHAI], "新型研发机构"],
                   # loosely named: the statute whose names share most with the words, if one does
                   [[SHENZHEN], "第65条"], [[SHENZHEN], "art. 10"], [None, "人工智能条例第3条"]]


@pytest.mark.parametrize("query, article, anchor", [
    ("深圳人工智能伦理委员会", 65, "art_65__para_1"),     # not the text's exact words: most of its pairs
    ("AI ethics committee", 65, "art_65__para_1"),       # "AI" is not in the English: two words of three
    ("第六十五条（四）", 65, "art_65__para_1__item_4"),   # an item without its paragraph: the one that has it
    ("Art. 65(iv)", 65, "art_65__para_1__item_4"),
])
def test_near_misses_still_open_the_provision(browser, served, query, article, anchor):
    links = results(browser, served + "search/", query)
    assert links and target_of(links[0]) == (SHENZHEN, str(article), anchor), links


def test_results_page_has_no_serious_axe_violation(browser, served):
    from tests.e2e.test_accessibility import RUN_AXE, _axe_source
    source = _axe_source()
    for q in ("伦理委员会", "xyzzyqq"):
        browser.get(served + "search/?q=" + quote(q))
        wait_done(browser)
        browser.driver.execute_script(source)
        violations = json.loads(browser.driver.execute_async_script(RUN_AXE))
        assert violations == [], violations


def test_commentary_english_is_searchable(browser, served):
    # "sandbox" finds the Shanghai explanation, whose Chinese says 沙盒监管 (its English is a
    # project translation of the paragraph).
    found = results(browser, served + "search/", "sandbox")
    assert any("commentary/shanghai-ai-2022-draft-explanation" in href for href in found), found
