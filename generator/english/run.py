"""Fill the translation memory: machine drafts for segments that lack one.

:func:`plan` compares the project's segments with the memory (no MT needed);
:func:`run` translates what the plan lists with any object that has ``translate(text)``,
``engine``, ``model`` and ``model_version`` (in production
:class:`generator.translate.argos.ArgosTranslator`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence

from generator.model import Segment
from generator.english.memory import TMEntry, TranslationMemory
from generator.english.terms import protect, restore_with_report, summarise


class Translator(Protocol):
    engine: str
    model: str
    model_version: str

    def translate(self, text: str) -> str: ...


@dataclass(frozen=True)
class Job:
    statute: str
    segment: Segment
    stale: tuple[TMEntry, ...] = ()   # drafts of this segment made from other Chinese


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    cached: int = 0
    orphans: list[TMEntry] = field(default_factory=list)   # drafts of segments that no longer exist
    order: dict[str, list[str]] = field(default_factory=dict)

    @property
    def stale(self) -> int:
        return sum(1 for job in self.jobs if job.stale)


@dataclass
class Result:
    translated: int = 0
    cached: int = 0
    stale_replaced: int = 0
    orphans_removed: int = 0
    terms_missing: list[tuple[str, str, list[dict]]] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        text = (f"translated {self.translated}, cached {self.cached}, "
                f"stale replaced {self.stale_replaced}")
        if self.orphans_removed:
            text += f", removed {self.orphans_removed} draft(s) of segments that no longer exist"
        if self.terms_missing:
            text += f", {len(self.terms_missing)} draft(s) lost a protected term"
        if self.failed:
            text += f", {len(self.failed)} failed"
        return text


def plan(project, memory: TranslationMemory, statute_ids: Sequence[str] | None = None) -> Plan:
    """What needs translating: segments with no draft for their current Chinese."""
    result = Plan()
    ids = list(statute_ids) if statute_ids else list(project.statutes)
    for sid, statute in project.statutes.items():
        result.order[sid] = [s.eid for s in statute.segments()]
    for sid in ids:
        segments = project.statutes[sid].segments()
        live = {s.eid for s in segments}
        for segment in segments:
            if memory.lookup(sid, segment.eid, segment.source_hash) is not None:
                result.cached += 1
                continue
            stale = tuple(memory.entries_for(sid, segment.eid))
            result.jobs.append(Job(sid, segment, stale))
        result.orphans.extend(e for e in memory if e.statute == sid and e.eid not in live)
    return result


def translate_segment(statute_id: str, segment: Segment, translator: Translator,
                      terms: Sequence[tuple[str, str]]) -> TMEntry:
    """One draft: protect the terms, translate, put the glossary English back."""
    protected, info = protect(segment.text, terms)
    raw = translator.translate(protected)
    english, missing = restore_with_report(raw, info)
    english = english.strip()
    if not english:
        raise ValueError("the model returned no text")
    return TMEntry(statute=statute_id, eid=segment.eid, source_hash=segment.source_hash,
                   zh=segment.text, en=english, engine=translator.engine, model=translator.model,
                   model_version=translator.model_version,
                   terms_protected=tuple(summarise(info.protected)),
                   terms_missing=tuple(summarise(missing)))


def run(work: Plan, memory: TranslationMemory, translator: Translator,
        terms: Sequence[tuple[str, str]], *, progress: Callable[[int, int], None] | None = None,
        save_every: int = 50) -> Result:
    """Translate every job, store the drafts, save the memory (also when stopped midway)."""
    result = Result(cached=work.cached)
    memory.remove(work.orphans)
    result.orphans_removed = len(work.orphans)
    dirty = bool(work.orphans)
    try:
        for index, job in enumerate(work.jobs, start=1):
            try:
                entry = translate_segment(job.statute, job.segment, translator, terms)
            except ValueError as exc:
                result.failed.append((job.statute, job.segment.eid, str(exc)))
                continue
            replaced = memory.put(entry)
            dirty = True
            result.translated += 1
            if replaced:
                result.stale_replaced += 1
            if entry.terms_missing:
                result.terms_missing.append((job.statute, job.segment.eid, list(entry.terms_missing)))
            if progress:
                progress(index, len(work.jobs))
            if save_every and index % save_every == 0:
                result.written |= memory.save(work.order)
    finally:
        # Whatever was translated is kept, even if the model failed or the user pressed ^C.
        if dirty:
            result.written |= memory.save(work.order)
    return result
