"""A statute's versions (``versions:`` in the manifest): each dated text parsed from its own
part, oldest first and the current text last, with the concordance of every consecutive
pair."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.diagnostics import Diagnostic
from generator.model import Article
from generator.parse.statute import parse_statute
from generator.reconcile.statute import Statute
from generator.sources.ingest import Corpus
from generator.versions.concordance import Entry, concordance
from generator.versions.read import article_text

TEXT_EVENTS = ("adopted", "amended", "revised")


@dataclass
class Version:
    date: str | None
    event: str | None
    title: str
    articles: list[Article]
    part: str
    current: bool = False
    notes: str | None = None

    def article(self, key: tuple[int, int]) -> Article | None:
        return next((a for a in self.articles if a.key == key), None)


@dataclass
class VersionPair:
    old: Version
    new: Version
    entries: list[Entry]

    def entry_of_new(self, key: tuple[int, int]) -> tuple[int, Entry] | None:
        """(row number from 1, entry) of the new article ``key``."""
        for row, entry in enumerate(self.entries, start=1):
            if any(self.new.articles[j].key == key for j in entry.new):
                return row, entry
        return None

    def entry_of_old(self, key: tuple[int, int]) -> tuple[int, Entry] | None:
        for row, entry in enumerate(self.entries, start=1):
            if any(self.old.articles[i].key == key for i in entry.old):
                return row, entry
        return None

    def counts(self) -> dict[str, int]:
        """Articles amended, added, deleted and moved (renumbered), as a 新旧对照表 counts them."""
        amended = sum(1 for e in self.entries if e.kind in ("amended", "split", "merged"))
        moved = sum(1 for e in self.entries if e.kind == "same"
                    and self.old.articles[e.old[0]].key != self.new.articles[e.new[0]].key)
        return {"amended": amended, "added": sum(e.kind == "new" for e in self.entries),
                "deleted": sum(e.kind == "repealed" for e in self.entries), "moved": moved,
                "unchanged": sum(e.kind == "same" for e in self.entries)}


@dataclass
class VersionAsStatute:
    """An earlier version as the linker reads a statute: its own title and articles (commentary
    written about that text cites its article numbers)."""
    id: str
    title: str
    spec: object
    articles: list[Article]
    date: str
    chapters: list = field(default_factory=list)

    def present_articles(self) -> list[Article]:
        return self.articles

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.key == (number, 0)), None)


@dataclass
class StatuteVersions:
    statute_id: str
    versions: list[Version] = field(default_factory=list)
    pairs: list[VersionPair] = field(default_factory=list)

    @property
    def current(self) -> Version:
        return self.versions[-1]

    def earlier(self) -> list[Version]:
        return self.versions[:-1]

    def earlier_version(self, date: str | None) -> Version | None:
        """The earlier (not current) version of that date, if any."""
        return next((v for v in self.earlier() if v.date == date), None)

    def as_statute(self, statute: Statute, version: Version) -> VersionAsStatute:
        return VersionAsStatute(statute.id, version.title, replace(statute.spec, articles=len(version.articles)),
                                version.articles, version.date or "")

    def pair_into(self, version: Version) -> VersionPair | None:
        """The pair whose new side is ``version`` (how it changed from the one before)."""
        return next((p for p in self.pairs if p.new is version), None)


def current_version(statute: Statute) -> Version:
    """The statute's current text as a version (its date and event from ``versions:``, else
    ``text_as_of`` and the last dated event of the text)."""
    spec = statute.spec
    listed = next((v for v in spec.versions if v.part == statute.source.ref), None)
    text_events = [e for e in statute.events if e.kind in TEXT_EVENTS and e.date]
    date = listed.date if listed else (spec.text_as_of or (text_events[-1].date if text_events else None))
    event = listed.event if listed else (text_events[-1].kind if text_events else None)
    if statute.is_draft and not listed:
        event = "draft"
    return Version(date, event, statute.title, statute.present_articles(), statute.source.ref, current=True,
                   notes=listed.notes if listed else None)


def build_versions(statute: Statute, corpus: Corpus) -> tuple[StatuteVersions | None, list[Diagnostic]]:
    """The statute's versions and their concordances; None when the manifest lists none
    besides the current text.  A version's parse errors are warnings: its text is shown as
    an earlier version, never as the law in force."""
    spec = statute.spec
    earlier = [v for v in spec.versions if v.part != statute.source.ref]
    if not earlier:
        return None, []
    diagnostics: list[Diagnostic] = []
    versions: list[Version] = []
    for version in sorted(earlier, key=lambda v: v.date):
        part = corpus.part(version.part)
        source = part.source
        parsed = parse_statute(part.masked_text(), path=part.display_path, line_map=source.line_map,
                               title=source.document.title if source.document is not None else None,
                               reader_headings=source.heading_lines)
        for diag in parsed.diagnostics:
            if diag.severity != "info":
                diagnostics.append(replace(diag, severity="warning",
                                           message=f"{diag.message} (in the {version.date} version)")
                                   if diag.is_error else diag)
        versions.append(Version(version.date, version.event, parsed.title or spec.title,
                                [a for a in parsed.articles if a.status == "present"], version.part,
                                notes=version.notes))
    versions.append(current_version(statute))
    pairs = [VersionPair(old, new, concordance([article_text(a) for a in old.articles],
                                               [article_text(a) for a in new.articles]))
             for old, new in zip(versions, versions[1:])]
    return StatuteVersions(statute.id, versions, pairs), diagnostics
