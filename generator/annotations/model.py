"""The annotations model: what editors' files hold, once validated (see :mod:`.load`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic
from generator.model import Article, Segment
from generator.textnorm import source_hash


def article_source_hash(article: Article) -> str:
    """The hash a note on an article is written against: all of the article's Chinese."""
    return source_hash(article.plain_text())


@dataclass
class Translation:
    """The English of one segment as an editor file holds it: who drafted it (``translator``,
    when: ``date``), and, only if someone else checked it, who reviewed it and when."""
    eid: str
    en: str
    source_hash: str
    translator: str
    date: str
    note: str | None
    line: int | None
    ai_assisted: bool = False
    reviewer: str | None = None
    reviewed_on: str | None = None

    @property
    def is_reviewed(self) -> bool:
        return bool(self.reviewer)

    def is_stale(self, segment: Segment) -> bool:
        """Made against other Chinese than the segment's current text."""
        return self.source_hash != segment.source_hash


@dataclass
class Note:
    index: int
    author: str
    date: str
    body: str
    source_hash: str
    title: str | None
    line: int | None

    def is_stale(self, article: Article) -> bool:
        """Written against other Chinese than the article's current text (a placeholder
        article, whose text the source lacks, has nothing to compare with)."""
        return article.status == "present" and self.source_hash != article_source_hash(article)


@dataclass
class SeeAlso:
    statute: str
    article: int
    note: str | None
    line: int | None


@dataclass
class RelatedOverride:
    action: str       # "add" | "suppress"
    statute: str
    article: int
    note: str | None
    line: int | None


@dataclass
class LinkOverride:
    action: str       # "add" | "suppress"
    document: str
    paragraph: int
    note: str | None
    line: int | None


@dataclass
class Term:
    zh: str
    en: str
    statute: str
    article: int | None
    definition_en: str | None
    path: str
    line: int | None


@dataclass
class AnnotationFile:
    path: str
    statute: str
    article: int | None
    status: str | None = None
    translations: dict[str, Translation] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    see_also: list[SeeAlso] = field(default_factory=list)
    related: list[RelatedOverride] = field(default_factory=list)
    links: list[LinkOverride] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass
class Annotations:
    files: dict[tuple[str, int | None], AnnotationFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def article(self, statute: str, number: int) -> AnnotationFile | None:
        return self.files.get((statute, number))

    def statute_file(self, statute: str) -> AnnotationFile | None:
        return self.files.get((statute, None))

    def translation(self, statute: str, segment: Segment) -> Translation | None:
        holder = self.files.get((statute, segment.article)) if segment.article else self.statute_file(statute)
        return holder.translations.get(segment.eid) if holder else None

    def terms(self) -> list[Term]:
        return [t for f in self.files.values() for t in f.terms]

    def all_files(self) -> list[AnnotationFile]:
        return [self.files[k] for k in sorted(self.files, key=lambda k: (k[0], k[1] or 0))]
