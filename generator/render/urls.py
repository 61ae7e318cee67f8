"""Where every page lives in the generated docs tree (and so in the built site).

Article pages are ``<statute-id>/article-<n>.md`` which MkDocs publishes as
``<statute-id>/article-<n>/index.html`` (URL ``<statute-id>/article-<n>/``).
"""

from __future__ import annotations

HOME = "index.md"
SOURCES = "reference/sources.md"
VARIANTS = "reference/source-variants.md"
ISSUES = "reference/source-issues.md"
# Not published (a dot file): the statute ids, for the navigation hook (generator/site/nav_scope.py).
LIBRARY_FILE = ".library.json"


def statute_page(statute_id: str) -> str:
    return f"{statute_id}/index.md"


def article_page(statute_id: str, ref: int | str) -> str:
    """``ref``: an article's number, or its ref (``17-1`` for 第十七条之一)."""
    return f"{statute_id}/article-{ref}.md"


def print_page(statute_id: str) -> str:
    """The whole statute on one page, for printing (see :mod:`generator.render.print_view`)."""
    return f"{statute_id}/print.md"


def source_anchor(file: str) -> str:
    return "src-" + file.split("_")[0].split(".")[0]
