"""The commentary model: documents that discuss a statute, cut into numbered paragraphs.

A :class:`Document` is what the linker reads and what the commentary pages show.  Its
paragraphs are numbered from 0 in reading order; the number is the paragraph's anchor
(``p-<index>``) on the document's page and the key editors use in ``links:`` overrides,
so it must not change while the text does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic

KINDS = ("interpretation", "explanation", "news", "background", "commentary")

# What a reader is told a document is (zh, en).
KIND_LABEL = {
    "interpretation": ("官方解读", "Official interpretation"),
    "explanation": ("起草说明", "Official explanation"),
    "news": ("新闻报道", "News report"),
    "background": ("背景文章", "Background article"),
    "commentary": ("评论", "Commentary"),
}


@dataclass(frozen=True)
class SourceRef:
    """Where (part of) a document's text was read from."""

    path: str                      # display path, e.g. source/003_fb396ab0a1b6b464.txt
    part: str | None               # the manifest part id ("interpretation"), if any
    lines: tuple[int, int]         # first and last line in that file
    role: str = "text"             # "text" (the published words) | "paragraph breaks" | ...

    @property
    def file(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class DocParagraph:
    index: int
    text: str
    line: int | None = None        # line in ``source`` (or the document's first source)
    heading: bool = False          # a (section) heading rather than running text
    source: str | None = None      # display path, when not the document's primary source


@dataclass
class Document:
    id: str
    kind: str
    title: str
    paragraphs: list[DocParagraph]
    sources: list[SourceRef] = field(default_factory=list)
    statute: str | None = None
    title_en: str | None = None
    publisher: str | None = None
    publisher_en: str | None = None
    date: str | None = None        # YYYY-MM-DD
    language: str = "zh-Hans"
    version: str | None = None     # the date of the statute version it discusses (None: the current text)
    author: str | None = None
    source_title: str | None = None  # the title as the primary copy wrote it, when its text began with it
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def paragraph(self, index: int) -> DocParagraph | None:
        return self.paragraphs[index] if 0 <= index < len(self.paragraphs) else None

    @property
    def primary_source(self) -> SourceRef | None:
        return self.sources[0] if self.sources else None
