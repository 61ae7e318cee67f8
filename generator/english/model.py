"""The English of a segment, with its provenance.

Every segment shown on the site has exactly one :class:`English`:

* ``translated`` — a translation from ``annotations/`` that nobody but its translator has
  checked (who drafted it, when, whether with AI assistance);
* ``reviewed`` — such a translation checked by a named reviewer other than the translator;
* ``machine``  — a machine draft from the translation memory (engine, model version),
  always marked as unreviewed;
* ``missing``  — no English yet; the page says so plainly.

A translation from ``annotations/`` made against different Chinese is ``stale``: still shown, marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from generator.model import Segment


@dataclass(frozen=True)
class English:
    status: str                      # "reviewed" | "translated" | "machine" | "missing"
    text: str = ""
    reviewer: str | None = None
    reviewed_on: str | None = None
    translator: str | None = None
    translated_on: str | None = None
    ai_assisted: bool = False
    engine: str | None = None
    model_version: str | None = None
    stale: bool = False
    note: str | None = None          # translator's note (e.g. an OCR defect in the Chinese)

    @property
    def available(self) -> bool:
        return self.status != "missing" and bool(self.text)


MISSING = English("missing")


class EnglishSource(Protocol):
    """Anything that can give the English for a statute segment."""

    def english(self, statute_id: str, segment: Segment) -> English: ...


class NoEnglish:
    """The English source when no translation of any kind exists yet."""

    def english(self, statute_id: str, segment: Segment) -> English:
        return MISSING
