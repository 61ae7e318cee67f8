"""The statute model: the contract between parse, reconcile, translate, annotate and render.

Structure follows Akoma Ntoso naming (as Laws.Africa's cobalt does):
Statute > Chapter (章) > Section (节) > Article (条) > Paragraph (款) > Item (项).

Element ids (``eid``) are built only from numbers, so the same text always gets the same
id: ``chp_3``, ``chp_2__sec_1``, ``art_65``, ``art_65__para_1``, ``art_65__para_1__item_3``.
They are the HTML anchors and the keys of translations and annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from generator.diagnostics import Diagnostic
from generator.textnorm import source_hash


def chapter_eid(chapter: int) -> str:
    return f"chp_{chapter}"


def section_eid(chapter: int, section: int) -> str:
    return f"chp_{chapter}__sec_{section}"


def article_eid(article: int) -> str:
    return f"art_{article}"


def paragraph_eid(article: int, paragraph: int) -> str:
    return f"art_{article}__para_{paragraph}"


def item_eid(article: int, paragraph: int, item: int) -> str:
    return f"art_{article}__para_{paragraph}__item_{item}"


@dataclass
class Item:
    number: int
    label: str
    text: str
    line: int | None = None
    eid: str = ""

    def to_json(self) -> dict:
        return {"label": self.label, "text": self.text}


@dataclass
class Paragraph:
    number: int
    text: str
    items: list[Item] = field(default_factory=list)
    line: int | None = None
    eid: str = ""

    def to_json(self) -> dict:
        return {"text": self.text, "items": [i.to_json() for i in self.items]}


@dataclass
class Article:
    number: int
    title: str | None = None
    chapter: int | None = None
    section: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    line: int | None = None
    # "present": text from the source; "missing": the source copy lacks it (placeholder page).
    status: str = "present"
    missing_reason: str | None = None

    @property
    def eid(self) -> str:
        return article_eid(self.number)

    def assign_ids(self) -> None:
        for p_index, para in enumerate(self.paragraphs, start=1):
            para.number = p_index
            para.eid = paragraph_eid(self.number, p_index)
            for i_index, item in enumerate(para.items, start=1):
                item.number = i_index
                item.eid = item_eid(self.number, p_index, i_index)

    def text_blocks(self) -> Iterator[tuple[str, str, str]]:
        """(eid, label, text) for every paragraph and item, in reading order."""
        for para in self.paragraphs:
            if para.text:
                yield para.eid, "", para.text
            for item in para.items:
                yield item.eid, item.label, item.text

    def plain_text(self) -> str:
        return "".join(label + text for _, label, text in self.text_blocks())

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "chapter": self.chapter,
            "section": self.section,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


@dataclass
class Section:
    number: int
    title: str
    chapter: int
    line: int | None = None

    @property
    def eid(self) -> str:
        return section_eid(self.chapter, self.number)

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title}


@dataclass
class Chapter:
    number: int
    title: str
    sections: list[Section] = field(default_factory=list)
    line: int | None = None

    @property
    def eid(self) -> str:
        return chapter_eid(self.number)

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title,
                "sections": [s.to_json() for s in self.sections]}


@dataclass
class ParsedStatute:
    """What the parser makes of one statute text, with everything it noticed."""

    title: str | None
    preamble: str
    chapters: list[Chapter]
    articles: list[Article]
    diagnostics: list[Diagnostic]
    path: str | None = None

    def article(self, number: int) -> Article | None:
        for article in self.articles:
            if article.number == number:
                return article
        return None

    def chapter(self, number: int | None) -> Chapter | None:
        for chapter in self.chapters:
            if chapter.number == number:
                return chapter
        return None

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "chapters": [c.to_json() for c in self.chapters],
            "articles": [a.to_json() for a in self.articles],
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


@dataclass(frozen=True)
class Segment:
    """The unit of translation: one piece of Chinese with a stable id and a source hash."""

    eid: str
    kind: str  # "title" | "chapter-heading" | "section-heading" | "article-heading" | "paragraph" | "item"
    text: str
    article: int | None = None

    @property
    def source_hash(self) -> str:
        return source_hash(self.text)


def statute_segments(title: str, chapters: list[Chapter], articles: list[Article]) -> list[Segment]:
    """Every translatable segment of a statute, in reading order."""
    segments = [Segment("title", "title", title)]
    by_chapter: dict[int | None, list[Article]] = {}
    for article in articles:
        by_chapter.setdefault(article.chapter, []).append(article)
    for chapter in chapters:
        segments.append(Segment(f"{chapter.eid}__heading", "chapter-heading", chapter.title))
        for section in chapter.sections:
            segments.append(Segment(f"{section.eid}__heading", "section-heading", section.title))
    for article in articles:
        if article.status != "present":
            continue
        segments.extend(article_segments(article))
    return segments


def article_segments(article: Article) -> list[Segment]:
    out = []
    if article.title:
        out.append(Segment(f"{article.eid}__heading", "article-heading", article.title, article.number))
    for para in article.paragraphs:
        if para.text:
            out.append(Segment(para.eid, "paragraph", para.text, article.number))
        for item in para.items:
            out.append(Segment(item.eid, "item", item.text, article.number))
    return out
