"""Run the hand-made query set (tests/data/search_queries.yaml) through the results page.

Shared by the served-site test (tests/e2e/test_search.py) and the offline bundle test
(tests/e2e/test_offline_bundle.py).  ``results(browser, page_url, query)`` opens
``<page_url>?q=QUERY`` and returns the links of the ``[data-search-result]`` elements in
order, or ``None`` when the page shows ``[data-search-empty]``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml

QUERIES = Path(__file__).resolve().parent.parent / "data" / "search_queries.yaml"
PASS_FIRST = 0.9          # the share of queries whose first result must be the right article


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def results(browser, page_url: str, query: str) -> list[str] | None:
    browser.get(f"{page_url}?q={quote(query)}")
    browser.wait(lambda d: d.execute_script(
        "const p = document.querySelector('[data-search-page]');"
        "return p && p.getAttribute('data-search-state') === 'done'"), 30, f"results for {query!r}")
    d = browser.driver
    if d.find_elements("css selector", "[data-search-empty]"):
        return None
    return d.execute_script(
        "return [...document.querySelectorAll('[data-search-result]')].map(r => r.querySelector('a[href]').href)")


def target_of(link: str) -> tuple[str, str, str]:
    """(statute, article number, fragment) of a result link, for either URL style."""
    parts = urlsplit(link)
    path = unquote(parts.path).removesuffix(".html").rstrip("/").split("/")
    if len(path) >= 2 and path[-1].startswith("article-"):
        return path[-2], path[-1].removeprefix("article-"), unquote(parts.fragment)
    return "/".join(path[-2:]), "", unquote(parts.fragment)


def judge(query: dict, links: list[str] | None) -> tuple[int | None, str]:
    """(rank of the right article from 1, or None; what was found first) for one query."""
    if query.get("expect") == "none":
        return (1 if links is None else None), ("no result" if links is None else links[0])
    if not links:
        return None, "no result"
    want = (query["statute"], str(query["article"]))
    for rank, link in enumerate(links[:3], 1):
        statute, article, fragment = target_of(link)
        if (statute, article) == want and (rank > 1 or not query.get("anchor") or fragment == query["anchor"]):
            return rank, target_of(links[0])
    return None, str(target_of(links[0]))


def run_query_set(browser, page_url: str) -> tuple[list, list]:
    """Every query: (firsts, failures) where failures are queries not in the first three."""
    firsts, failures = [], []
    for query in load_queries():
        rank, first = judge(query, results(browser, page_url, query["q"]))
        if rank == 1:
            firsts.append(query["q"])
        if rank is None:
            failures.append((query["q"], query.get("statute"), query.get("article"), query.get("anchor"), first))
    return firsts, failures
