"""Generated HTML that MkDocs's Markdown step need not read.

Python-Markdown passes a raw HTML block through, but only after parsing it with
``html.parser`` to find where it ends: for the print view (every article's text, a
quarter of a megabyte of HTML for a long statute) that parsing was most of the time
MkDocs spent on the page, in every build and again after every edit to the statute.

:func:`verbatim` marks a block the generator made whole (its text escaped here, no
Markdown inside); the MkDocs hooks (:mod:`generator.site.verbatim_blocks`) take it out of
the page's Markdown before conversion and put it back, byte for byte, in the HTML after.
The markers are HTML comments, which no input can produce (every input string reaches
the page escaped, and note bodies are sanitised with comments stripped); without the
hooks they are harmless comments around the same HTML.
"""

from __future__ import annotations

OPEN = "<!-- statute-site:verbatim -->"
CLOSE = "<!-- /statute-site:verbatim -->"


def verbatim(html: str) -> str:
    """``html`` (one or more complete HTML blocks, no Markdown) as a block the Markdown step skips."""
    return f"{OPEN}\n{html.strip()}\n{CLOSE}\n\n"
