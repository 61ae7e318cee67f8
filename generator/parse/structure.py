"""Build the structure of a statute from its accepted headings: books (编), parts (分编),
chapters, sections and articles, each article with its paragraphs and items."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic
from generator.model import Article, Book, Chapter, Section, SubBook
from generator.textnorm import shorten, strip_all_ws
from generator.parse.body import split_body
from generator.parse.cleaning import CleanText
from generator.parse.headings import Heading


@dataclass
class Place:
    """Where the parser is in the structure: the current book, part, chapter, section."""

    book: Book | None = None
    subbook: SubBook | None = None
    chapter: Chapter | None = None
    section: Section | None = None

    @property
    def book_number(self) -> int | None:
        return self.book.number if self.book else None

    @property
    def subbook_number(self) -> int | None:
        return self.subbook.number if self.subbook else None


def _open_container(h: Heading, place: Place, structure: Structure, diags: list[Diagnostic],
                    path: str | None) -> None:
    """A book, part, chapter or section heading: the containers it opens and closes."""
    title = h.title or ""
    if h.kind == "book":
        place.book, place.subbook, place.chapter, place.section = Book(h.number, title, [], h.line), None, None, None
        structure.books.append(place.book)
    elif h.kind == "subbook":
        place.subbook = SubBook(h.number, title, place.book_number, h.line)
        place.chapter = place.section = None
        if place.book is None:
            diags.append(Diagnostic("warning", f"part (分编) {h.number} is not inside any book (编)",
                                    path=path, line=h.line, code="structure"))
        else:
            place.book.parts.append(place.subbook)
    elif h.kind == "chapter":
        place.chapter = Chapter(h.number, title, [], h.line, place.book_number, place.subbook_number)
        place.section = None
        structure.chapters.append(place.chapter)
    else:
        chapter_number = place.chapter.number if place.chapter else 0
        place.section = Section(h.number, title, chapter_number, h.line, place.book_number, place.subbook_number)
        if place.chapter is None:
            diags.append(Diagnostic("warning", f"section {h.number} is not inside any chapter",
                                    path=path, line=h.line, code="structure"))
        else:
            place.chapter.sections.append(place.section)


@dataclass
class Structure:
    books: list[Book] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


def build_structure(cleaned: CleanText, real: list[Heading], end_limit: int, diags: list[Diagnostic],
                     path: str | None, place: Place | None = None) -> Structure:
    """Books, parts, chapters (with their sections) and articles from the accepted headings."""
    structure = Structure()
    place = place or Place()
    if place.book is not None:
        structure.books.append(place.book)
    for idx, h in enumerate(real):
        body_end = real[idx + 1].start if idx + 1 < len(real) else end_limit
        if h.kind == "article":
            structure.articles.append(_build_article(cleaned, h, body_end, place, diags, path))
            continue
        _open_container(h, place, structure, diags, path)
        _leftover(cleaned, h.end, body_end, diags, f"{h.kind} {h.number} heading")
    return structure


def _build_article(cleaned: CleanText, h: Heading, body_end: int, place: Place,
                   diags: list[Diagnostic], path: str | None) -> Article:
    """One article: its heading, its place in the structure and its paragraphs."""
    article = Article(
        number=h.number, title=h.title,
        chapter=place.chapter.number if place.chapter else None,
        section=place.section.number if place.section else None,
        line=h.line, insert=h.insert, book=place.book_number, subbook=place.subbook_number,
    )
    article.paragraphs = split_body(cleaned, h.end, body_end, h.number, diags)
    if not article.paragraphs:
        diags.append(Diagnostic("warning", f"article {h.number} has no text", path=path,
                                line=h.line, code="empty-article",
                                hint="check the source copy for lost text"))
    article.assign_ids()
    return article


def _leftover(cleaned: CleanText, start: int, end: int, diags: list[Diagnostic], what: str) -> None:
    rest = strip_all_ws(cleaned.text[start:end])
    if rest:
        diags.append(Diagnostic(
            "warning", f"text between the {what} and the next heading is not inside any article: "
            f"'{shorten(rest, 300)}'", path=cleaned.path, line=cleaned.line_of(start),
            code="stray-text", hint="check the source copy; it is shown on the Source issues page"))
