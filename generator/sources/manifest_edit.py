"""Write to source/manifest.yaml on an editor's behalf, keeping its comments and layout.

Used by ``statute-site add``.  The manifest is edited with ruamel.yaml's round-trip mode
(PyYAML would drop every comment); the caller decides whether the result is sound before
anything is written; commands write the result with :func:`generator.atomic.write_atomic`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

EXTENSIONS = {"text": ".txt", "markdown": ".md", "html": ".html", "docx": ".docx"}


@dataclass
class NewStatute:
    """What ``add`` writes for one statute file."""

    id: str
    file: str                 # its name in source/
    sha256: str
    format: str
    original_name: str
    title: str
    status: str
    authoritative: bool = False   # a new statute's first copy is authoritative whatever this says
    title_en: str | None = None
    rank: str | None = None
    encoding: str = "utf-8"
    extra: dict = field(default_factory=dict)   # further statute fields (jurisdiction, ...)
    comments: dict = field(default_factory=dict)  # field -> a comment written beside it


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096      # never re-wrap an editor's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_round_trip(text: str):
    return _yaml().load(text)


def dump(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def add_statute(manifest_text: str, new: NewStatute) -> str:
    return add_statutes(manifest_text, [new])


def add_statutes(manifest_text: str, additions: list[NewStatute]) -> str:
    """The manifest with each statute added (one round trip through the YAML, however many)."""
    data = load_round_trip(manifest_text)
    for new in additions:
        _add(data, new)
    return dump(data)


def _add(data, new: NewStatute) -> None:
    """Add ``new``'s statute entry (unless the statute exists: then the file is another copy
    of it) and its source entry, one statute part covering the file."""
    statutes = data.setdefault("statutes", CommentedMap())
    if new.id not in statutes:
        new.authoritative = True
        entry = CommentedMap()
        entry["title"] = new.title
        if new.title_en:
            entry["title_en"] = new.title_en
        entry["status"] = new.status
        if new.rank:
            entry["rank"] = new.rank
        for key, value in new.extra.items():
            entry[key] = value
        for key, comment in new.comments.items():
            if key in entry:
                entry.yaml_add_eol_comment(comment, key)
        statutes[new.id] = entry
    elif new.authoritative:
        for source in data.get("sources") or []:
            for part in source.get("parts") or []:
                if part.get("statute") == new.id and part.get("kind") == "statute":
                    part["authoritative"] = False
    if data.get("documents") is None:
        data["documents"] = CommentedMap()
    sources = data.get("sources")
    if sources is None:
        sources = data["sources"] = CommentedSeq()
    part = CommentedMap()
    part["id"] = "statute"
    part["kind"] = "statute"
    part["statute"] = new.id
    part["language"] = "zh-Hans"
    part["title"] = new.title
    part["authoritative"] = new.authoritative
    source = CommentedMap()
    source["file"] = new.file
    source["sha256"] = new.sha256
    source["format"] = new.format
    if new.encoding != "utf-8":
        source["encoding"] = new.encoding
    source["original_name"] = new.original_name
    source["parts"] = CommentedSeq([part])
    sources.append(source)


def add_version(manifest_text: str, new: NewStatute, date: str, event: str,
                previous: tuple[str, str, str] | None = None) -> str:
    """The manifest with ``new`` added as a version of statute ``new.id`` dated ``date``.

    ``new.authoritative`` makes it the current text (a later version): the copy that was
    authoritative becomes a version too, ``previous`` = (its part ref, date, event), and the
    statute's ``articles``/``chapters`` counts, which described that text, are dropped."""
    data = load_round_trip(add_statute(manifest_text, new))
    entry = data["statutes"][new.id]
    versions = entry.get("versions")
    if versions is None:
        versions = entry["versions"] = CommentedSeq()
    listed = {str(v.get("part")) for v in versions}
    if new.authoritative and previous is not None:
        ref, old_date, old_event = previous
        if ref not in listed:
            versions.append(CommentedMap([("date", old_date), ("event", old_event), ("part", ref)]))
        for key in ("articles", "chapters"):
            entry.pop(key, None)
        if "text_as_of" in entry:
            entry["text_as_of"] = date
    versions.append(CommentedMap([("date", date), ("event", event), ("part", f"{new.file}#statute")]))
    ordered = sorted(versions, key=lambda v: str(v.get("date")))
    versions.clear()
    versions.extend(ordered)
    return dump(data)
