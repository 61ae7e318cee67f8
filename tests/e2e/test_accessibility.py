"""Accessibility in a real browser: axe-core on every page, keyboard use of the controls.

axe-core comes from the npm registry (tests/js/package.json; `npm ci --prefix tests/js`
installs it, `.ci/run` does so).  Every built page must have no serious or critical
violation; Chinese and English carry their lang; the language switch and the term
tooltips work from the keyboard.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO, SHANGHAI, SHENZHEN

AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = pytest.mark.browser


def _axe_source() -> str:
    if not AXE.exists():
        reason = "accessibility test: needs axe-core; run `npm ci --prefix tests/js`"
        if os.environ.get("STATUTE_SITE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served_site(built_site):
    from tests.browser import serve
    with serve(built_site / "site") as base:
        yield base


def all_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(
  r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))
  .catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e)}])));
"""


def test_every_page_has_no_serious_or_critical_axe_violation(built_site, served_site, browser):
    source = _axe_source()
    driver = browser.driver
    driver.set_script_timeout(60)
    pages = all_pages(built_site / "site")
    assert len(pages) > 150
    failures = {}
    for page in pages:
        browser.get(served_site + page)
        driver.execute_script(source)
        violations = json.loads(driver.execute_async_script(RUN_AXE))
        if violations:
            failures[page] = violations
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)[:4000]


def test_english_view_has_no_serious_or_critical_axe_violation(built_site, served_site, browser):
    """The English view hides the Chinese halves of captions and quotes: the pages must stay
    accessible that way too."""
    from tests.e2e.english_view import SAMPLE
    source = _axe_source()
    driver = browser.driver
    driver.set_script_timeout(60)
    browser.get(served_site)
    driver.execute_script("localStorage.setItem('statute-site:view', 'en')")
    failures = {}
    try:
        for page in SAMPLE:
            browser.get(served_site + page)
            driver.execute_script(source)
            violations = json.loads(driver.execute_async_script(RUN_AXE))
            if violations:
                failures[page] = violations
    finally:
        driver.execute_script("localStorage.clear()")
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)[:4000]


def test_chinese_and_english_carry_their_lang(built_site, served_site, browser):
    browser.get(served_site + f"{SHANGHAI}/article-13/")
    wrong = browser.driver.execute_script("""
        const bad = [];
        document.querySelectorAll('.seg.zh, .seg.en').forEach(el => {
          const want = el.classList.contains('zh') ? 'zh-Hans' : 'en';
          if (el.closest('[lang]').getAttribute('lang') !== want) bad.push(el.outerHTML.slice(0, 80));
        });
        return bad;""")
    assert wrong == []


def test_language_switch_and_term_tooltips_work_from_the_keyboard(served_site, browser):
    from selenium.webdriver.common.keys import Keys
    driver = browser.driver
    browser.get(served_site + f"{SHENZHEN}/article-65/")
    driver.execute_script("localStorage.clear()")
    browser.get(served_site + f"{SHENZHEN}/article-65/")
    body = driver.find_element("tag name", "body")
    # Tab until the first view button has focus, then move with the arrow key and press Enter.
    for _ in range(80):
        body.send_keys(Keys.TAB) if driver.switch_to.active_element == body else \
            driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element.get_attribute("data-view-choice"):
            break
    active = driver.switch_to.active_element
    assert active.get_attribute("data-view-choice") == "zh", "the view switch is not reachable with Tab"
    active.send_keys(Keys.ARROW_RIGHT)
    active = driver.switch_to.active_element
    assert active.get_attribute("data-view-choice") == "en"
    active.send_keys(Keys.ENTER)
    assert driver.execute_script("return document.documentElement.dataset.view") == "en"
    assert active.get_attribute("aria-pressed") == "true"
    hidden_zh = driver.execute_script(
        "return [...document.querySelectorAll('.seg.zh')].every(e => e.offsetParent === null)")
    assert hidden_zh
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    driver.switch_to.active_element.send_keys(Keys.SPACE)
    assert driver.execute_script("return document.documentElement.dataset.view") == "both"
    # Keep tabbing: the first defined term is focusable and shows its explanation on focus.
    for _ in range(40):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if "term" in (driver.switch_to.active_element.get_attribute("class") or ""):
            break
    term = driver.switch_to.active_element
    assert "term" in term.get_attribute("class"), "no defined term reachable with Tab"
    tip = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", term)
    assert term.get_attribute("data-tip")[:10] in tip
    term.send_keys(Keys.ESCAPE)
    assert "term" not in (driver.switch_to.active_element.get_attribute("class") or "")
