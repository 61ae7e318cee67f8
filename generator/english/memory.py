"""The translation memory: machine drafts, committed to Git.

``annotations/translation-memory.jsonl`` holds one JSON object per line, keys sorted, lines
sorted by statute and then by the statute's reading order, so a re-translation changes
only the lines it must and diffs stay small.  Each entry is keyed by statute, segment id
(``eid``) and the SHA-256 of the segment's normalised Chinese (``source_hash``, exactly
:attr:`generator.model.Segment.source_hash`)::

    {"eid": "art_1__para_1", "en": "…", "engine": "argostranslate",
     "model": "translate-zh_en", "model_version": "1.9", "source_hash": "…",
     "statute": "shenzhen-ai-2022", "terms_missing": [], "terms_protected": [{"en": "…", "zh": "…"}],
     "zh": "…"}

A draft is valid only for the Chinese it was made from: :meth:`TranslationMemory.lookup`
answers only for the current hash, so a segment whose Chinese changed has no draft until
``statute-site translate`` replaces the stale entry.

The renderer reads this module; it must never import the translation stack (argostranslate,
CTranslate2, …), and it does not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from generator.atomic import write_atomic
from generator.diagnostics import Diagnostic, InputError
from generator.english.model import English
from generator.sources.files import read_input
from generator.textnorm import source_hash as hash_text

TM_RELPATH = Path("annotations") / "translation-memory.jsonl"
ENGINE = "argostranslate"

REQUIRED = ("statute", "eid", "source_hash", "zh", "en", "engine", "model", "model_version")
_HASH = re.compile(r"^[0-9a-f]{64}$")


def tm_path(root: Path) -> Path:
    return Path(root) / TM_RELPATH


@dataclass(frozen=True)
class TMEntry:
    """One machine draft."""

    statute: str
    eid: str
    source_hash: str
    zh: str
    en: str
    engine: str
    model: str
    model_version: str
    terms_protected: tuple = ()   # ({"zh": …, "en": …}, …) the terms locked to the glossary
    terms_missing: tuple = ()     # the same, for terms whose placeholder the model lost

    def as_english(self) -> English:
        """This draft as the English a page shows: a machine draft, with engine and model."""
        return English("machine", self.en, engine=self.engine, model_version=f"{self.model} {self.model_version}")

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.statute, self.eid, self.source_hash)

    def to_json(self) -> dict:
        return {
            "statute": self.statute, "eid": self.eid, "source_hash": self.source_hash,
            "zh": self.zh, "en": self.en,
            "engine": self.engine, "model": self.model, "model_version": self.model_version,
            "terms_protected": [dict(t) for t in self.terms_protected],
            "terms_missing": [dict(t) for t in self.terms_missing],
        }

    def to_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(", ", ": "))

    @classmethod
    def from_json(cls, data: dict) -> "TMEntry":
        def terms(value) -> tuple:
            return tuple({"zh": t["zh"], "en": t["en"]} for t in value or ())
        return cls(statute=data["statute"], eid=data["eid"], source_hash=data["source_hash"],
                   zh=data["zh"], en=data["en"], engine=data["engine"], model=data["model"],
                   model_version=data["model_version"],
                   terms_protected=terms(data.get("terms_protected")),
                   terms_missing=terms(data.get("terms_missing")))


def natural_key(eid: str) -> tuple:
    """``art_2`` before ``art_10``: numbers compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", eid) if part)


@dataclass
class TranslationMemory:
    """The drafts in ``path`` (an empty memory if the file does not exist yet)."""

    path: Path
    entries: dict[tuple[str, str, str], TMEntry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    # ------------------------------------------------------------------ reading

    @classmethod
    def for_project(cls, root: Path) -> "TranslationMemory":
        return cls.load(tm_path(root), shown=TM_RELPATH.as_posix())

    @classmethod
    def load(cls, path: Path, *, shown: str | None = None) -> "TranslationMemory":
        """Read the file; problems become diagnostics with ``path:line``.

        Raises :class:`InputError` if any line cannot be used (bad JSON — for instance a
        Git conflict marker —, a missing field, a hash that is not the hash of ``zh``).
        """
        path = Path(path)
        shown = shown or str(path)
        tm = cls(path)
        if not path.exists() and not path.is_symlink():
            return tm
        errors: list[Diagnostic] = []
        raw, problem = read_input(path, shown)
        if raw is None:
            raise InputError(problem)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(Diagnostic("error", f"cannot read the translation memory: {exc}",
                                        path=shown, code="tm-read")) from None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            problem = None
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                hint = ("resolve the merge conflict (or delete the conflicting lines and run "
                        "`statute-site translate` again)" if line.startswith(("<<<<<<<", "=======", ">>>>>>>"))
                        else "each line must be one JSON object; run `statute-site translate` to rewrite the file")
                errors.append(Diagnostic("error", f"not valid JSON ({exc.msg})", path=shown, line=number,
                                         code="tm-json", hint=hint))
                continue
            if not isinstance(data, dict):
                problem = "each line must be a JSON object"
            else:
                absent = [k for k in REQUIRED if not isinstance(data.get(k), str) or not data[k].strip()]
                if absent:
                    problem = f"entry lacks {', '.join(absent)} (each must be a non-empty string)"
                elif not _HASH.match(str(data["source_hash"])):
                    problem = f"source_hash {data['source_hash']!r} is not a SHA-256 hex digest"
                elif hash_text(str(data["zh"])) != data["source_hash"]:
                    problem = ("source_hash does not match the entry's Chinese (zh); the line was "
                               "edited by hand or mis-merged")
            if problem:
                errors.append(Diagnostic("error", problem, path=shown, line=number, code="tm-entry",
                                         hint="delete the line and run `statute-site translate` to redo it"))
                continue
            try:
                entry = TMEntry.from_json(data)
            except (KeyError, TypeError) as exc:
                errors.append(Diagnostic("error", f"malformed entry ({exc})", path=shown, line=number,
                                         code="tm-entry"))
                continue
            if entry.key in tm.entries:
                tm.diagnostics.append(Diagnostic(
                    "warning", f"duplicate draft for {entry.statute} {entry.eid}; the later line wins",
                    path=shown, line=number, code="tm-duplicate"))
            tm.entries[entry.key] = entry
        if errors:
            raise InputError(errors)
        return tm

    def lookup(self, statute_id: str, eid: str, source_hash: str) -> TMEntry | None:
        """The draft for this segment made from exactly this Chinese, or ``None``."""
        return self.entries.get((statute_id, eid, source_hash))

    def entries_for(self, statute_id: str, eid: str) -> list[TMEntry]:
        """Every draft of one segment, whatever Chinese it was made from."""
        return [e for (s, i, _), e in self.entries.items() if s == statute_id and i == eid]

    def __iter__(self) -> Iterator[TMEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    # ------------------------------------------------------------------ changing

    def put(self, entry: TMEntry) -> list[TMEntry]:
        """Store ``entry``; drafts of the same segment made from other Chinese go.  Returns them."""
        replaced = [e for e in self.entries_for(entry.statute, entry.eid) if e.key != entry.key]
        for old in replaced:
            del self.entries[old.key]
        self.entries[entry.key] = entry
        return replaced

    def remove(self, entries: Iterable[TMEntry]) -> None:
        for entry in entries:
            self.entries.pop(entry.key, None)

    # ------------------------------------------------------------------ writing

    def render(self, order: dict[str, list[str]] | None = None) -> str:
        """The file's text: one entry per line, by statute, then reading order.

        ``order`` maps a statute id to its segment ids in reading order; ids it does not
        know (and statutes it does not list) sort after, by natural order of the id.
        """
        order = order or {}
        rank = {sid: {eid: i for i, eid in enumerate(eids)} for sid, eids in order.items()}

        def key(entry: TMEntry):
            ranks = rank.get(entry.statute, {})
            position = ranks.get(entry.eid)
            return (entry.statute, position is None, position or 0, natural_key(entry.eid),
                    entry.source_hash)

        return "".join(entry.to_line() + "\n" for entry in sorted(self.entries.values(), key=key))

    def save(self, order: dict[str, list[str]] | None = None) -> bool:
        """Write the file atomically (temp file + ``os.replace``); ``False`` if unchanged."""
        text = self.render(order)
        data = text.encode("utf-8")
        if self.path.exists() and self.path.read_bytes() == data:
            return False
        write_atomic(self.path, data)
        return True

