"""Which English a segment shows: reviewed (annotations) > machine draft (memory) > missing.

The translation memory is read without any machine-translation dependency: the site build
never needs the MT model.
"""

from __future__ import annotations

from pathlib import Path

from .annotations import Annotations
from .english import MISSING, English
from .model import Segment

MEMORY_FILE = "translation-memory.jsonl"


def load_memory(root: Path):
    """The committed translation memory, or None when the MT package is not part of this tree."""
    try:
        from .translate.memory import TranslationMemory
    except ImportError:
        return None
    path = root / "annotations" / MEMORY_FILE
    return TranslationMemory.load(path, shown=f"annotations/{MEMORY_FILE}") if path.exists() else None


class ProjectEnglish:
    def __init__(self, annotations: Annotations, memory=None):
        self.annotations = annotations
        self.memory = memory

    def english(self, statute_id: str, segment: Segment) -> English:
        reviewed = self.annotations.translation(statute_id, segment)
        if reviewed is not None:
            return English("reviewed", reviewed.en, reviewer=reviewed.reviewer, reviewed_on=reviewed.date,
                           stale=reviewed.source_hash != segment.source_hash, note=reviewed.note)
        if self.memory is not None:
            entry = self.memory.lookup(statute_id, segment.eid, segment.source_hash)
            if entry is not None and entry.en:
                return English("machine", entry.en, engine=entry.engine,
                               model_version=f"{entry.model} {entry.model_version}")
        return MISSING
