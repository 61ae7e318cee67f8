"""What the layout of a statute says beyond its numbered headings.

* **Appendices** (附件一, 附表, 附录, 附：…) after the last article are parts of the statute
  of their own, not text of its last article.
* **Headings without a number.**  A file's reader marks headings (Markdown ``##``, HTML
  ``<h2>``, Word heading styles).  One that reads 第…编/章/节 but was not taken as a heading
  contradicts the parse: an error.  One with no number (``## 附则``, or a bare short line
  ``市场培育`` between articles where a 第二节 heading stood before the copy damaged it) is
  kept out of the article text, kept in the structure as an unnumbered heading, and
  reported.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic
from generator.model import Appendix, UnnumberedHeading
from generator.textnorm import shorten, strip_all_ws
from generator.parse.cleaning import CleanText
from generator.parse.headings import Heading

APPENDIX_RE = re.compile(r"^(?:附件|附表|附录|附錄)[一二三四五六七八九十\d]*(?:[：:　 ]|$)|^附[：:]")
STRUCTURAL_RE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+(?:分编|分編|编|編|章|节|節)")
SENTENCE_MARKS = set("。；;，,：:！？!?、")
MAX_BARE_HEADING = 10      # chapter and section titles are short; a cut-off sentence is longer


def _lines_between(cleaned: CleanText, start: int, end: int):
    """(line index, line start offset, stripped text) of the non-blank lines in [start, end)."""
    index = cleaned.line_index(start)
    while True:
        offset = cleaned.line_offset(index)
        if offset >= end:
            return
        nl = cleaned.text.find("\n", offset)
        stop = min(end, nl if nl != -1 else len(cleaned.text))
        text = cleaned.text[max(offset, start):stop].strip()
        if text:
            yield index, max(offset, start), text
        index += 1


def appendix_start(cleaned: CleanText, last_article: Heading | None, end_limit: int) -> int | None:
    """Offset of the first appendix line after the last article's heading, if any."""
    if last_article is None:
        return None
    for _, offset, text in _lines_between(cleaned, last_article.end, end_limit):
        if APPENDIX_RE.match(text):
            return offset
    return None


def read_appendices(cleaned: CleanText, start: int, end: int) -> list[Appendix]:
    """The appendices in [start, end): each starts at an appendix line; every line kept."""
    appendices: list[Appendix] = []
    for _, offset, text in _lines_between(cleaned, start, end):
        if APPENDIX_RE.match(text) or not appendices:
            appendices.append(Appendix(title=text, paragraphs=[], line=cleaned.line_of(offset)))
        else:
            appendices[-1].paragraphs.append(text)
    return appendices


def _is_bare_heading(text: str, next_is_heading: bool) -> bool:
    return (next_is_heading and len(text) <= MAX_BARE_HEADING and not (SENTENCE_MARKS & set(text))
            and not text[0] in "（(0123456789①②③④⑤⑥⑦⑧⑨⑩")


def unnumbered_headings(cleaned: CleanText, headings: list[Heading], reader_headings: dict[int, str],
                        start: int, end: int, diags: list[Diagnostic]) -> list[UnnumberedHeading]:
    """Headings in [start, end) that carry no number: blanked out of ``cleaned.text`` (so no
    article swallows them) and returned; numbered ones the parse missed are errors."""
    heading_lines = {cleaned.line_index(h.start) for h in headings}
    found: list[UnnumberedHeading] = []
    lines = list(_lines_between(cleaned, start, end))
    for pos, (index, offset, text) in enumerate(lines):
        if index in heading_lines:
            continue
        line = cleaned.line_of(offset)
        next_is_heading = pos + 1 < len(lines) and lines[pos + 1][0] in heading_lines
        if index in reader_headings:
            if STRUCTURAL_RE.match(text):
                diags.append(Diagnostic(
                    "error", f"'{shorten(text, 30)}' is a heading in the file but was not read as one "
                    "(its numbering does not fit the headings around it)", path=cleaned.path, line=line,
                    code="heading-not-read", hint="check the heading's number against its neighbours"))
                continue
            how = "a heading without a number"
        elif _is_bare_heading(text, next_is_heading) and index not in heading_lines and _after_text(lines, pos):
            how = "a bare line that reads like a heading whose number the copy has lost"
        else:
            continue
        diags.append(Diagnostic(
            "warning", f"'{shorten(text, 30)}' is {how}; it is kept as an unnumbered heading, not as "
            "article text", path=cleaned.path, line=line, code="unnumbered-heading",
            hint="compare with an official copy; if a 第…章/节 number is missing, the copy is damaged here"))
        found.append(UnnumberedHeading(title=strip_all_ws(text), line=line, offset=offset))
        stop = cleaned.text.find("\n", offset)
        stop = len(cleaned.text) if stop == -1 else stop
        cleaned.text = cleaned.text[:offset] + " " * (stop - offset) + cleaned.text[stop:]
    return found


def _after_text(lines, pos: int) -> bool:
    """A bare line counts as a damaged heading only after running text (a line that ends
    a sentence), not inside a list."""
    return pos > 0 and lines[pos - 1][2][-1:] in "。；;"
