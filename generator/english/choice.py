"""Which English a segment shows: annotations (reviewed or not) > machine draft (memory) > missing.

The translation memory is read without any machine-translation dependency: the site build
never needs the MT model.
"""

from __future__ import annotations

from pathlib import Path

from generator.annotations.load import Annotations, Translation
from generator.english.memory import TM_RELPATH, TranslationMemory, tm_path
from generator.english.model import MISSING, English
from generator.model import Segment


def load_memory(root: Path) -> TranslationMemory | None:
    """The committed translation memory (machine drafts), or None when there is none yet."""
    path = tm_path(root)
    return TranslationMemory.load(path, shown=TM_RELPATH.as_posix()) if path.exists() else None


class ProjectEnglish:
    """The :class:`~generator.english.model.EnglishSource` of a project."""

    def __init__(self, annotations: Annotations, memory: TranslationMemory | None = None):
        self.annotations = annotations
        self.memory = memory
        self._by_text: dict[str, dict[str, tuple[str, Translation]]] | None = None

    def _same_chinese(self, statute_id: str, segment: Segment) -> tuple[str, Translation] | None:
        """A reviewed translation of the same statute made for identical Chinese under another
        segment id: an article renumbered by a new version keeps its reviewed English."""
        if self._by_text is None:
            self._by_text = {}
            for file in self.annotations.all_files():
                found = self._by_text.setdefault(file.statute, {})
                for eid, translation in sorted(file.translations.items()):
                    found.setdefault(translation.source_hash, (eid, translation))
        return self._by_text.get(statute_id, {}).get(segment.source_hash)

    def english(self, statute_id: str, segment: Segment) -> English:
        found = self.annotations.translation(statute_id, segment)
        note = found.note if found is not None else None
        if found is None and segment.article:
            carried = self._same_chinese(statute_id, segment)
            if carried is not None:
                eid, found = carried
                note = f"Made for the identical Chinese of {eid} (carried over)." + (
                    f" {found.note}" if found.note else "")
        if found is not None:
            return English("reviewed" if found.is_reviewed else "translated", found.en,
                           reviewer=found.reviewer, reviewed_on=found.reviewed_on, translator=found.translator,
                           translated_on=found.date, ai_assisted=found.ai_assisted,
                           stale=found.is_stale(segment), note=note)
        if self.memory is not None:
            entry = self.memory.lookup(statute_id, segment.eid, segment.source_hash)
            if entry is not None and entry.en:
                return entry.as_english()
        return MISSING
