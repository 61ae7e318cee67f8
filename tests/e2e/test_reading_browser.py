"""Reading in a real browser: copying a pinpoint citation from the keyboard, the print
margins, and phone width (390 px)."""

from __future__ import annotations

import pytest

from tests.conftest import SHENZHEN

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
