"""Assemble each statute from its copies: parse all, reconcile, add placeholders.

The result, :class:`Statute`, is what translation, annotation, linking and rendering
work from.  Its articles run 1..N (N from the manifest); an article the authoritative
copy lacks is a placeholder (``status == "missing"``) whose page says so and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.diagnostics import Diagnostic
from generator.textnorm import shorten
from generator.sources.ingest import Corpus, Part
from generator.sources.manifest import RANK_LABELS, StatuteSpec
from generator.model import (Appendix, Article, Book, Chapter, Event, ParsedStatute, Segment, UnnumberedHeading,
                             statute_segments)
from generator.parse.statute import detect_title, parse_statute
from generator.reconcile.variants import Variant, apply_paragraph_guide, compare_copies, reconcile_diagnostics


@dataclass
class Statute:
    spec: StatuteSpec
    title: str
    adoption_note: str
    chapters: list[Chapter]
    articles: list[Article]
    source: Part
    copies: list[Part]
    parsed: dict[str, ParsedStatute]
    variants: list[Variant] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    books: list[Book] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    headings: list[UnnumberedHeading] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.spec.id

    def metadata(self) -> dict:
        """What the statute is: rank, jurisdiction, enacting body, number, status, dates."""
        spec = self.spec
        rank = RANK_LABELS.get(spec.rank) if spec.rank else None
        return {key: value for key, value in (
            ("rank", {"code": spec.rank, "zh": rank[0], "en": rank[1]} if rank else None),
            ("jurisdiction", spec.jurisdiction), ("jurisdiction_en", spec.jurisdiction_en),
            ("enacted_by", spec.enacted_by), ("enacted_by_en", spec.enacted_by_en),
            ("document_number", spec.document_number or spec.promulgation_notice),
            ("status", spec.status), ("text_as_of", spec.text_as_of),
            ("events", [e.to_json() for e in self.events]),
        ) if value}

    @property
    def is_draft(self) -> bool:
        return self.spec.is_draft

    def article(self, number: int, insert: int = 0) -> Article | None:
        if 1 <= number <= len(self.articles):
            candidate = self.articles[number - 1]
            if candidate.key == (number, insert):
                return candidate
        return next((a for a in self.articles if a.key == (number, insert)), None)

    def chapter(self, ref: int | tuple | None) -> Chapter | None:
        """A chapter by number, or by key (book, part, number) in a code whose books each
        count their chapters from one."""
        if isinstance(ref, tuple):
            return next((c for c in self.chapters if c.key == ref), None)
        return next((c for c in self.chapters if c.number == ref), None)

    def present_articles(self) -> list[Article]:
        return [a for a in self.articles if a.status == "present"]

    def missing_articles(self) -> list[Article]:
        return [a for a in self.articles if a.status != "present"]

    def segments(self) -> list[Segment]:
        return statute_segments(self.title, self.chapters, self.articles)


def _parse_part(part: Part, spec: StatuteSpec) -> ParsedStatute:
    source = part.source
    title = source.document.title if source.document is not None else None
    return parse_statute(part.masked_text(), path=part.display_path, expected_articles=spec.articles,
                         line_map=source.line_map, title=title, reader_headings=source.heading_lines)


MAX_PARAGRAPH_CHARS = 20_000   # a paragraph of law text runs to hundreds of characters, not tens of thousands


def _overlong_paragraphs(articles: list[Article], path: str) -> list[Diagnostic]:
    return [Diagnostic(
        "error", f"article {a.number}, paragraph {i}: {len(p.text):,} characters, over the limit of "
        f"{MAX_PARAGRAPH_CHARS:,} for one paragraph of law text", path=path, line=a.line, code="too-long",
        hint="article headings (第N条) are probably missing from the text, or other text was pasted into it")
        for a in articles for i, p in enumerate(a.paragraphs, start=1) if len(p.text) > MAX_PARAGRAPH_CHARS]


# The commencement clause (本条例自2022年11月1日起施行) is a statute's last article.
COMMENCEMENT = re.compile(r"^本(?:条例|法|规定|办法|决定|细则|规则)自.{0,40}(?:施行|生效)。?$")


def _count_contradiction(spec: StatuteSpec, last: Article | None, manifest_path: str) -> Diagnostic | None:
    """The manifest's article count contradicts the text: it ends with its commencement
    clause at article N, yet the manifest promises more (``articles: 730`` for 73)."""
    if last is None or spec.articles <= last.number:
        return None
    text = "".join(p.text for p in last.paragraphs).strip()
    if not COMMENCEMENT.match(text):
        return None
    return Diagnostic(
        "error", f"{spec.id}: the manifest says {spec.articles} articles, but the text ends with its commencement "
        f"clause at article {last.number} ({shorten(text, 30)})", path=manifest_path, line=spec.line,
        code="article-count", hint=f"set `articles: {last.number}` for {spec.id} in the manifest")


def _with_placeholders(articles: list[Article], by_number: dict[int, Article], first: int, spec: StatuteSpec,
                       source: Part, last_present: int) -> list[Article]:
    """Articles ``first``..N in order, each inserted article (第N条之一) right after article N,
    and a placeholder for every number the authoritative copy lacks."""
    inserted: dict[int, list[Article]] = {}
    for article in articles:
        if article.insert:
            inserted.setdefault(article.number, []).append(article)
    missing = [n for n in range(first, spec.articles + 1) if n not in by_number]
    full: list[Article] = []
    reason, reason_zh = _missing_reason(spec, source, missing, last_present)
    for number in range(first, max(spec.articles, last_present) + 1):
        full.append(by_number.get(number) or Article(
            number=number, status="missing", missing_reason=reason, missing_reason_zh=reason_zh))
        full.extend(inserted.get(number, []))
    return full


def _missing_reason(spec: StatuteSpec, source: Part, numbers: list[int], last_present: int) -> tuple[str, str]:
    """Why the articles are missing, in English and Chinese (the manifest's notes, which editors
    write in English, are shown beside it by the pages)."""
    file = source.display_path
    if numbers and numbers[0] > last_present:
        other = ("", "") if spec.notes else (" No other copy has been collected.", "尚未收集到其他副本。")
        return (f"The only source copy ({file}) stops after article {last_present}; articles "
                f"{numbers[0]}–{spec.articles} are not in it.{other[0]}",
                f"唯一的来源副本（{file}）在第{last_present}条之后中断，第{numbers[0]}条至第{spec.articles}条"
                f"不在其中。{other[1]}")
    return (f"The source copy ({file}) has no text for this article (a gap in its numbering).",
            f"来源副本（{file}）没有本条的文字（其条文序号在此中断）。")


def build_statute(spec: StatuteSpec, corpus: Corpus) -> Statute:
    manifest = corpus.manifest
    auth_spec = manifest.authoritative_part(spec.id)
    auth_part = corpus.part(auth_spec.ref)
    copies = [corpus.part(p.ref) for p in manifest.statute_parts(spec.id) if p.ref != auth_spec.ref]
    parsed = {auth_part.ref: _parse_part(auth_part, spec)}
    for part in copies:
        parsed[part.ref] = _parse_part(part, spec)
    auth = parsed[auth_part.ref]
    diagnostics = list(auth.diagnostics)

    articles = list(auth.articles)
    if spec.paragraph_guide and spec.paragraph_guide in parsed:
        guide = parsed[spec.paragraph_guide]
        guide_by_number = {a.number: a for a in guide.articles}
        counts: dict[int, int] = {}
        for index, article in enumerate(articles):
            twin = guide_by_number.get(article.number)
            if twin is None:
                continue
            articles[index], added = apply_paragraph_guide(article, twin)
            if added:
                counts[article.number] = added
        diagnostics.extend(reconcile_diagnostics(spec.id, counts, corpus.part(spec.paragraph_guide).display_path))
    reconciled = ParsedStatute(auth.title, auth.preamble, auth.chapters, articles, auth.diagnostics, auth.path)

    variants: list[Variant] = []
    for part in copies:
        other = parsed[part.ref]
        variants.extend(compare_copies(spec.id, reconciled, part.ref, part.display_path, other))
        for diag in other.diagnostics:
            if diag.severity == "info":
                continue
            if diag.is_error:
                # A broken variant copy does not make the published text wrong: report it
                # loudly, but do not stop the build for it.
                diag = replace(diag, severity="warning",
                               message=f"{diag.message} (in a non-authoritative copy)")
            diagnostics.append(diag)

    # Articles 1..N, with placeholders where the authoritative copy has none.  Without a
    # count in the manifest, N is the authoritative copy's last article (and a copy that
    # starts later, such as one book of a code, starts its numbering there).
    by_number = {a.number: a for a in articles if not a.insert}
    present = sorted(by_number)
    last_present = present[-1] if present else 0
    first = 1 if spec.articles is not None or not present else present[0]
    diagnostics.extend(_overlong_paragraphs(articles, auth_part.display_path))
    contradiction = _count_contradiction(spec, by_number.get(last_present), corpus.manifest.path) \
        if spec.articles is not None else None
    if contradiction is not None:
        diagnostics.append(contradiction)
    counted = spec.articles if spec.articles is not None and contradiction is None else last_present
    spec = replace(spec, articles=counted,
                   chapters=spec.chapters if spec.chapters is not None else len(auth.chapters),
                   # No English title yet (a statute added without --title-en): said plainly.
                   title_en=spec.title_en or f"{spec.title} (no English title yet)")
    full = _with_placeholders(articles, by_number, first, spec, auth_part, last_present)
    if len(auth.chapters) < spec.chapters:
        diagnostics.append(Diagnostic(
            "warning", f"{spec.id}: the authoritative copy has {len(auth.chapters)} of {spec.chapters} chapters",
            path=auth_part.display_path, code="missing-chapters",
            message_zh=f"{spec.id}：权威副本只有{len(auth.chapters)}章（应有{spec.chapters}章）"))

    title = auth.title or spec.title
    _, note = detect_title(auth.preamble)
    return Statute(spec=spec, title=title, adoption_note=note, chapters=auth.chapters, articles=full,
                   source=auth_part, copies=copies, parsed=parsed, variants=variants,
                   diagnostics=diagnostics, books=auth.books, appendices=auth.appendices,
                   headings=auth.headings, events=statute_events(spec, auth.events))


def statute_events(spec: StatuteSpec, found: list[Event]) -> list[Event]:
    """The statute's history: what its text records, and what the manifest adds (its
    ``events`` and the adopted / promulgated / effective dates), once each, by date."""
    events = list(found)
    declared = [Event(kind=e.kind, date=e.date, text=e.text or "", body=e.body) for e in spec.events]
    declared += [Event(kind=kind, date=str(date)) for kind, date in (
        ("adopted", spec.adopted), ("promulgated", spec.promulgated), ("effective", spec.effective)) if date]
    seen = {(e.kind, e.date) for e in events}
    for event in declared:
        if (event.kind, event.date) not in seen:
            events.append(event)
            seen.add((event.kind, event.date))
    return sorted(events, key=lambda e: (e.date or "", ORDER.get(e.kind, 9)))


ORDER = {"adopted": 0, "approved": 1, "amended": 2, "revised": 2, "promulgated": 3, "effective": 4}
