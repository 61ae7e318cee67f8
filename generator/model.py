"""The statute model: the contract between parse, reconcile, translate, annotate and render.

Structure follows Akoma Ntoso naming (as Laws.Africa's cobalt does):
Statute > Book (编) > Part (分编) > Chapter (章) > Section (节) > Article (条) > Paragraph (款)
> Item (项) > Point (目), with appendices (附件, 附表) after the last article.

Element ids (``eid``) are built only from numbers, so the same text always gets the same
id: ``chp_3``, ``chp_2__sec_1``, ``art_65``, ``art_65__para_1``, ``art_65__para_1__item_3``,
``art_65__para_1__item_3__point_1``; in a code with books ``book_3__part_1__chp_2``; an
article inserted by amendment (第一百三十三条之一) ``art_133_1``.  They are the HTML anchors
and the keys of translations and annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from generator.diagnostics import Diagnostic
from generator.textnorm import source_hash


def _container_prefix(book: int | None, subbook: int | None) -> str:
    return (f"book_{book}__" if book is not None else "") + (f"part_{subbook}__" if subbook is not None else "")


def chapter_eid(chapter: int, book: int | None = None, subbook: int | None = None) -> str:
    return f"{_container_prefix(book, subbook)}chp_{chapter}"


def section_eid(chapter: int, section: int, book: int | None = None, subbook: int | None = None) -> str:
    return f"{_container_prefix(book, subbook)}chp_{chapter}__sec_{section}"


def article_ref(number: int, insert: int = 0) -> str:
    """How an article is named in ids and URLs: ``65``, or ``133-1`` for 第一百三十三条之一."""
    return f"{number}-{insert}" if insert else str(number)


def article_eid(article: int, insert: int = 0) -> str:
    return f"art_{article}_{insert}" if insert else f"art_{article}"




@dataclass(frozen=True)
class Event:
    """A dated event in a statute's history (from its preamble, or set in the manifest)."""

    kind: str                 # adopted | amended | revised | approved | promulgated | effective | unknown
    date: str | None          # YYYY-MM-DD
    text: str = ""            # the clause as written
    line: int | None = None
    body: str | None = None   # who acted: 第八届全国人民代表大会常务委员会第五次会议
    decision: str | None = None  # by which decision: 《关于修改〈…〉的决定》
    ordinal: str | None = None   # 第四次修正 -> 四

    def to_json(self) -> dict:
        return {"kind": self.kind, "date": self.date, "body": self.body, "decision": self.decision,
                "text": self.text, "line": self.line}


@dataclass
class Point:
    """目: a numbered point (1. 2. …) under an item."""

    number: int
    label: str
    text: str
    line: int | None = None

    def to_json(self) -> dict:
        return {"label": self.label, "text": self.text}


@dataclass
class Item:
    number: int
    label: str
    text: str
    line: int | None = None
    eid: str = ""
    points: list[Point] = field(default_factory=list)

    def to_json(self) -> dict:
        out = {"label": self.label, "text": self.text}
        if self.points:
            out["points"] = [p.to_json() for p in self.points]
        return out


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
    missing_reason_zh: str | None = None   # the same in Chinese, for the Chinese view
    insert: int = 0                 # 之一 -> 1: an article inserted after ``number`` by amendment
    book: int | None = None
    subbook: int | None = None

    @property
    def eid(self) -> str:
        return article_eid(self.number, self.insert)

    @property
    def ref(self) -> str:
        return article_ref(self.number, self.insert)

    @property
    def key(self) -> tuple[int, int]:
        """Unique within a statute, in reading order: (number, insert)."""
        return (self.number, self.insert)

    @property
    def chapter_key(self) -> tuple[int | None, int | None, int | None]:
        return (self.book, self.subbook, self.chapter)

    def assign_ids(self) -> None:
        for p_index, para in enumerate(self.paragraphs, start=1):
            para.number = p_index
            para.eid = f"{self.eid}__para_{p_index}"
            for i_index, item in enumerate(para.items, start=1):
                item.number = i_index
                item.eid = f"{para.eid}__item_{i_index}"

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
        out = {
            "number": self.number,
            "title": self.title,
            "chapter": self.chapter,
            "section": self.section,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }
        if self.insert:
            out["insert"] = self.insert
        if self.book is not None:
            out["book"] = self.book
        if self.subbook is not None:
            out["part"] = self.subbook
        return out


@dataclass
class Section:
    number: int
    title: str
    chapter: int
    line: int | None = None
    book: int | None = None
    subbook: int | None = None

    @property
    def eid(self) -> str:
        return section_eid(self.chapter, self.number, self.book, self.subbook)

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title}


@dataclass
class Chapter:
    number: int
    title: str
    sections: list[Section] = field(default_factory=list)
    line: int | None = None
    book: int | None = None
    subbook: int | None = None

    @property
    def eid(self) -> str:
        return chapter_eid(self.number, self.book, self.subbook)

    @property
    def key(self) -> tuple[int | None, int | None, int]:
        return (self.book, self.subbook, self.number)

    def to_json(self) -> dict:
        out = {"number": self.number, "title": self.title,
               "sections": [s.to_json() for s in self.sections]}
        if self.book is not None:
            out["book"] = self.book
        if self.subbook is not None:
            out["part"] = self.subbook
        return out


@dataclass
class SubBook:
    """分编: a part of a book (the Civil Code's 合同编 has 通则, 典型合同, 准合同)."""

    number: int | None
    title: str
    book: int | None
    line: int | None = None

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title}


@dataclass
class Book:
    """编: the largest division of a code (民法典 第三编 合同)."""

    number: int | None          # None: the copy gives the book's name only (# 物权编)
    title: str
    parts: list[SubBook] = field(default_factory=list)
    line: int | None = None

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title, "parts": [p.to_json() for p in self.parts]}


@dataclass
class UnnumberedHeading:
    """A heading the copy gives without a number (## 附则, or one the copy damaged)."""

    title: str
    line: int | None = None
    offset: int = 0              # where it stood in the parsed text (for ordering)
    before_article: tuple[int, int] | None = None   # the key of the article it precedes

    def to_json(self) -> dict:
        return {"title": self.title, "line": self.line,
                "before_article": list(self.before_article) if self.before_article else None}


@dataclass
class Appendix:
    """附件 / 附表 / 附录 after the last article: part of the statute, not of its last article."""

    title: str
    paragraphs: list[str]
    line: int | None = None
    tables: list[list[list[str]]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"title": self.title, "paragraphs": self.paragraphs, "tables": self.tables, "line": self.line}


@dataclass
class ParsedStatute:
    """What the parser makes of one statute text, with everything it noticed."""

    title: str | None
    preamble: str
    chapters: list[Chapter]
    articles: list[Article]
    diagnostics: list[Diagnostic]
    path: str | None = None
    books: list[Book] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    headings: list[UnnumberedHeading] = field(default_factory=list)
    kind: str = "statute"       # "statute", "amendment" (修正案), or "not-a-statute" (a guide, a table of standards)

    def article(self, number: int, insert: int = 0) -> Article | None:
        for article in self.articles:
            if article.number == number and article.insert == insert:
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
            "kind": self.kind,
            "books": [b.to_json() for b in self.books],
            "chapters": [c.to_json() for c in self.chapters],
            "articles": [a.to_json() for a in self.articles],
            "headings": [h.to_json() for h in self.headings],
            "appendices": [a.to_json() for a in self.appendices],
            "events": [e.to_json() for e in self.events],
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
