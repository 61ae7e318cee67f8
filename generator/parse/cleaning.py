"""Remove extraction debris from statute text without moving anything.

Every removal replaces the removed characters with spaces of the same length, so an
offset in the cleaned text is the same offset in the original: line numbers in
diagnostics always point at the source file as the editor sees it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic

# Word-processor artefacts left by text extraction: [bookmark: _GoBack], [footnoteRef:1] ...
STRAY_MARKUP = re.compile(
    r"\[(?:bookmark|footnoteRef|endnoteRef|footnote|endnote|comment|annotation)\s*:?[^\]\n]{0,80}\]"
    r"|</?(?:p|br|span|div|font|b|i|u|strong|em|o:p)(?:\s[^<>\n]{0,200})?/?>",
    re.IGNORECASE,
)
# Newspaper layout debris: continuation markers and page numbers.
PAGE_JUMP = re.compile(r"[（(][ \t\u3000]*[下上][ \t\u3000]*转[ \t\u3000]*(?:第[ \t\u3000]*)?[A-Za-z]?[ \t\u3000]*\d{1,3}[ \t\u3000]*版?[ \t\u3000]*[)）]")
PAGE_CONT = re.compile(r"[（(][ \t\u3000]*(?:转|接)(?:第|自)?[ \t\u3000]*[A-Za-z]?\d{1,3}[ \t\u3000]*版[ \t\u3000]*[)）]")
PAGE_NUMBER_LINE = re.compile(r"(?m)^[ \t\u3000]*[-—–][ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–][ \t\u3000]*$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class CleanText:
    """Cleaned text of the same length as the original, plus a line map."""

    original: str
    text: str
    path: str | None = None
    first_line: int = 1
    # Offsets (into text) where a page jump marker was: the reading flow breaks there.
    flow_breaks: list[int] = field(default_factory=list)
    # For text made from a structured file's blocks: the file line of each line of the text.
    line_map: list[int] | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        assert len(self.original) == len(self.text)
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(self.original) if ch == "\n"]

    def line_index(self, offset: int) -> int:
        """0-based line of ``offset`` in the text."""
        return bisect.bisect_right(self._line_starts, max(offset, 0)) - 1

    def line_of(self, offset: int) -> int:
        """The line of the file ``offset`` comes from (what diagnostics name)."""
        index = self.line_index(offset)
        if self.line_map:
            return self.line_map[min(index, len(self.line_map) - 1)]
        return index + self.first_line

    def line_offset(self, index: int) -> int:
        """Offset of the start of 0-based line ``index``."""
        return self._line_starts[index] if index < len(self._line_starts) else len(self.text)

    def line_start(self, offset: int) -> int:
        """Offset of the start of the line containing ``offset``."""
        idx = bisect.bisect_right(self._line_starts, max(offset, 0)) - 1
        return self._line_starts[idx]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def clean(text: str, *, path: str | None = None, first_line: int = 1,
          line_map: list[int] | None = None) -> tuple[CleanText, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    work = CONTROL.sub(" ", text)
    cleaned = CleanText(original=text, text=work, path=path, first_line=first_line, line_map=line_map)

    def note(severity: str, match: re.Match, message: str, code: str, message_zh: str = "") -> None:
        found = match.group(0)
        diags.append(Diagnostic(severity, message.format(found=found), path=path,
                                line=cleaned.line_of(match.start()), code=code,
                                message_zh=message_zh.format(found=found)))

    for match in list(STRAY_MARKUP.finditer(work)):
        note("info", match, "removed stray markup '{found}' left by text extraction", "stray-markup",
             "已删除文字提取留下的标记“{found}”")
        work = _blank(work, match.start(), match.end())
    for pattern in (PAGE_JUMP, PAGE_CONT):
        for match in list(pattern.finditer(work)):
            note("warning", match,
                 "removed layout debris '{found}' (a newspaper page-jump marker); the text that "
                 "followed it on this page belongs elsewhere", "layout-debris",
                 "已删除版面残留“{found}”（报纸转版标记）；本版此后的文字属于别处")
            work = _blank(work, match.start(), match.end())
            if pattern is PAGE_JUMP and "下" in match.group(0):
                cleaned.flow_breaks.append(match.start())
    for match in list(PAGE_NUMBER_LINE.finditer(work)):
        note("info", match, "removed page number '{found}'", "layout-debris", "已删除页码“{found}”")
        work = _blank(work, match.start(), match.end())

    cleaned.text = work
    return cleaned, diags
