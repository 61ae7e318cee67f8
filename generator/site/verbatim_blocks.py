"""The MkDocs side of :mod:`generator.render.verbatim`: blocks taken out of a page's
Markdown before conversion (``on_page_markdown``) and put back in its HTML after
(``on_page_content``, before the page's ``md:`` links are resolved)."""

from __future__ import annotations

import re

from generator.render.verbatim import CLOSE, OPEN

_BLOCK = re.compile(re.escape(OPEN) + r"\n(.*?)\n" + re.escape(CLOSE), re.S)
_PLACEHOLDER = re.compile(r"<!-- statute-site:verbatim-([0-9]+) -->")


class VerbatimBlocks:
    """The blocks of the pages being converted, by page."""

    def __init__(self) -> None:
        self._pages: dict[str, list[str]] = {}

    def take(self, page: str, markdown: str) -> str:
        """``markdown`` with each verbatim block replaced by a placeholder comment."""
        if OPEN not in markdown:
            self._pages.pop(page, None)
            return markdown
        blocks: list[str] = []

        def keep(match: re.Match) -> str:
            blocks.append(match.group(1))
            return f"<!-- statute-site:verbatim-{len(blocks) - 1} -->"

        self._pages[page] = blocks
        return _BLOCK.sub(keep, markdown)

    def give_back(self, page: str, html: str) -> str:
        """``html`` with each placeholder replaced by its block."""
        blocks = self._pages.pop(page, None)
        if not blocks:
            return html
        return _PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)
