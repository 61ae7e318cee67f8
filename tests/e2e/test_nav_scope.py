"""Each page's navigation scoped to its statute (generator/site/nav_scope.py), commentary
included: a statute's pages list the commentary documents that discuss it, and no others.

A small case (MkDocs's own navigation of a docs tree written here: a large library of
thirteen statutes, commentary on some of them) and the seed site (two statutes, five
documents).
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import SHANGHAI, SHENZHEN

STATUTES = [f"law-{n}" for n in range(13)]          # more than SMALL_LIBRARY
BELONGS_TO = {"commentary/about-0.md": ["law-0"],
              "commentary/about-0-and-1.md": ["law-0", "law-1"],
              "commentary/about-1.md": ["law-1"]}


def small_case_nav(tmp_path: Path, statutes: list[str]):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    docs = tmp_path / "docs"
    pages = ["index.md", "commentary/index.md", *BELONGS_TO]
    nav: list = [{"Home": "index.md"}]
    for sid in statutes:
        pages += [f"{sid}/index.md", f"{sid}/article-1.md"]
        nav.append({sid: [{"Overview": f"{sid}/index.md"}, {"Art. 1": f"{sid}/article-1.md"}]})
    nav.append({"Commentary": [{"Overview": "commentary/index.md"},
                               *({Path(p).stem: p} for p in BELONGS_TO)]})
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(f"# {page}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(json.dumps({"site_name": "t", "docs_dir": "docs", "nav": nav}),
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = get_files(config)
    return get_navigation(files, config), files


def commentary_of(navigation):
    section = next(item for item in navigation.items if item.title == "Commentary")
    return section, [child.file.src_uri for child in section.children]


def test_a_statute_s_pages_list_the_commentary_on_it_and_no_other(tmp_path):
    from generator.site.nav_scope import NavScope
    nav, files = small_case_nav(tmp_path, STATUTES)
    scope = NavScope(nav, frozenset(STATUTES), BELONGS_TO)
    section, docs = commentary_of(scope.for_page(files.get_file_from_path("law-0/article-1.md").page))
    assert docs == ["commentary/index.md", "commentary/about-0.md", "commentary/about-0-and-1.md"]
    assert section.active                  # shown open: Material's prune would hide the documents
    _, docs = commentary_of(scope.for_statute("law-1"))
    assert docs == ["commentary/index.md", "commentary/about-0-and-1.md", "commentary/about-1.md"]
    # A statute no document discusses: the commentary index alone, the section closed as before.
    section, docs = commentary_of(scope.for_statute("law-7"))
    assert docs == ["commentary/index.md"] and not section.active
    assert [item.title for item in scope.for_statute("law-7").items] == ["Home", "law-7", "Commentary"]
    # The site's navigation itself is left whole.
    assert len(commentary_of(nav)[1]) == 4 and len(nav.items) == 15


def test_outside_any_statute_a_large_library_keeps_only_the_commentary_index(tmp_path):
    from generator.site.nav_scope import NavScope
    nav, files = small_case_nav(tmp_path, STATUTES)
    scope = NavScope(nav, frozenset(STATUTES), BELONGS_TO)
    home = scope.for_page(files.get_file_from_path("index.md").page)
    assert [item.title for item in home.items] == ["Home", "Commentary"]
    section, docs = commentary_of(home)
    assert docs == ["commentary/index.md"] and not section.active
    # A document's own page is scoped to its statute (the first it belongs to): it lists itself.
    page = files.get_file_from_path("commentary/about-0-and-1.md").page
    assert scope.page_statute(page) == "law-0"
    assert "commentary/about-0-and-1.md" in commentary_of(scope.for_page(page))[1]


def test_outside_any_statute_a_small_library_keeps_everything(tmp_path):
    from generator.site.nav_scope import NavScope
    nav, files = small_case_nav(tmp_path, STATUTES[:2])
    scope = NavScope(nav, frozenset(STATUTES[:2]), BELONGS_TO)
    home = scope.for_page(files.get_file_from_path("index.md").page)
    assert [item.title for item in home.items] == ["Home", "law-0", "law-1", "Commentary"]
    assert len(commentary_of(home)[1]) == 4


# --------------------------------------------------------------------------- the seed site

def nav_links(root: Path, rel: str) -> list[str]:
    page = BeautifulSoup((root / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in page.select("nav.md-nav--primary a[href]")]


def documents_of(statute: str) -> set[str]:
    """The seed manifest's documents about ``statute`` (read here, not by the generator)."""
    from ruamel.yaml import YAML
    from tests.conftest import REPO
    manifest = YAML(typ="safe").load((REPO / "source" / "manifest.yaml").read_text(encoding="utf-8"))
    return {doc_id for doc_id, doc in manifest["documents"].items() if doc["statute"] == statute}


def linked_documents(links: list[str]) -> set[str]:
    return {h.rstrip("/").rsplit("/", 1)[-1] for h in links if "/commentary/" in h and not h.endswith("/commentary/")}


def test_the_seed_article_pages_list_their_own_statute_s_commentary(built_site):
    shenzhen_docs, shanghai_docs = documents_of(SHENZHEN), documents_of(SHANGHAI)
    assert len(shenzhen_docs) == 4 and len(shanghai_docs) == 1
    for rel in (f"{SHENZHEN}/article-3", SHENZHEN):
        links = nav_links(built_site, rel)
        assert linked_documents(links) == shenzhen_docs, rel
        assert any(h.endswith("/commentary/") for h in links)        # the commentary index stays reachable
    links = nav_links(built_site, f"{SHANGHAI}/article-3")
    assert linked_documents(links) == shanghai_docs                  # none of Shenzhen's four
    assert any(h.endswith("/commentary/") for h in links)
    # The commentary index, outside any statute in a small library, lists every document.
    index = nav_links(built_site, "commentary")
    assert {h.rstrip("/") for h in index} >= shenzhen_docs | shanghai_docs
