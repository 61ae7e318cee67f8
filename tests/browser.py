"""Headless Chromium for the browser tests: start it, serve a site, record requests, search.

Uses Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them).  Tests that
need them are marked ``@pytest.mark.browser`` and skipped, with the reason, when either is
missing.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER_CANDIDATES = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")

# Requests that never leave the machine: the page's own files and in-memory documents.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def _first(paths) -> str | None:
    return next((p for p in paths if os.access(p, os.X_OK)), None)


def chromium_paths() -> tuple[str | None, str | None]:
    return (_first((os.environ.get("CHROMIUM_BINARY", ""), *CHROMIUM_CANDIDATES)),
            _first((os.environ.get("CHROMEDRIVER", ""), *CHROMEDRIVER_CANDIDATES)))


def _unavailable(reason: str):
    # CI sets STATUTE_SITE_REQUIRE_BROWSER=1 (.ci/run): there a missing browser is a failure,
    # not a quiet skip.
    if os.environ.get("STATUTE_SITE_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def require_chromium() -> tuple[str, str]:
    browser, driver = chromium_paths()
    if not browser or not driver:
        _unavailable("browser test: needs Chromium and chromedriver (/usr/bin/chromium, /usr/bin/chromedriver; "
                     "`.ci/run` installs Debian's chromium and chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        _unavailable("browser test: needs selenium (pip install -e '.[test]')")
    return browser, driver


class Browser:
    """One headless Chromium with a throwaway profile; records every network request."""

    def __init__(self, *, offline: bool = False):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        binary, driver_path = require_chromium()
        self.profile = tempfile.mkdtemp(prefix="statute-site-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--no-default-browser-check",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                    "--window-size=1280,1000", "--lang=en-US", f"--user-data-dir={self.profile}"):
            options.add_argument(arg)
        if offline:
            # No host name resolves, and anything addressed by IP goes to a proxy that is not
            # there (loopback included): nothing can reach another host.
            options.add_argument("--host-resolver-rules=MAP * ~NOTFOUND")
            options.add_argument("--proxy-server=http://127.0.0.1:9")
            options.add_argument("--proxy-bypass-list=<-loopback>")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.execute_cdp_cmd("Network.enable", {})
        if offline:
            # DevTools request blocking too.  URLPattern syntax (``urlPatterns``): the older
            # ``urls`` wildcards match anywhere in a URL, so they would also block Material's
            # inline ``data:image/svg+xml`` icons (they contain xmlns="http://...").
            self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urlPatterns": [
                {"urlPattern": p, "block": True}
                for scheme in ("http", "https", "ws", "wss") for p in (f"{scheme}://*:*/*", f"{scheme}://*")]})
        self.requests: list[str] = []
        self.failures: list[tuple[str, str]] = []
        self._ids: dict[str, str] = {}
        # Start from a blank page and forget what the browser loaded for itself on start-up.
        self.driver.get("about:blank")
        self.reset()

    def reset(self) -> None:
        self.collect()
        self.driver.get_log("browser")
        self.requests.clear()
        self.failures.clear()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    # ------------------------------------------------------------------ requests

    def collect(self) -> list[str]:
        """Drain the performance log: every URL requested so far (and failed loads)."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                self._ids[params["requestId"]] = url
                self.requests.append(url)
            elif method == "Network.loadingFailed":
                url = self._ids.get(params["requestId"], "?")
                self.failures.append((url, params.get("errorText", "") + (
                    f" (blocked: {params['blockedReason']})" if params.get("blockedReason") else "")))
        return self.requests

    def console_errors(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    # ------------------------------------------------------------------ pages

    def get(self, url: str) -> None:
        self.driver.get(url)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")

    def wait(self, condition, timeout: float = 20, message: str = ""):
        from selenium.webdriver.support.ui import WebDriverWait
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(condition, message)

    def search(self, query: str, *, timeout: float = 20) -> list[dict]:
        """Type ``query`` into Material's search box; the result groups, best first.

        Each group: ``{"page": href of the page, "links": [hrefs of page + sections]}``.
        """
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        d = self.driver
        # Open the search dialog the way a reader does, then type.
        box = _visible(d, "input.md-search__input")
        if box is None:                       # narrow window: the magnifier opens the search
            _visible(d, "label[for='__search']").click()
            box = self.wait(lambda d: _visible(d, "input.md-search__input"), timeout, "search box")
        box.click()
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE)
        box.send_keys(query)
        # Material searches on keyup; wait until the list is for this query and stable.
        meta = "return document.querySelector('.md-search-result__meta').textContent"

        def settled(d):
            text = d.execute_script(meta) or ""
            items = d.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
            if items or "No matching" in text:
                return True
            return False

        self.wait(settled, timeout, f"search results for {query!r}")
        time.sleep(0.3)
        groups = []
        for item in d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"):
            links = [a.get_attribute("href") for a in item.find_elements(By.CSS_SELECTOR, "a.md-search-result__link")]
            if links:
                groups.append({"page": links[0], "links": links})
        return groups


def _visible(driver, selector: str):
    from selenium.webdriver.common.by import By
    for el in driver.find_elements(By.CSS_SELECTOR, selector):
        if el.is_displayed():
            return el
    return None


def path_of(url: str) -> str:
    """The path of a result link without query (``?h=`` highlight) and fragment."""
    return unquote(urlsplit(url).path)


def fragment_of(url: str) -> str:
    return unquote(urlsplit(url).fragment)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
