"""The site search's index: sharded, so a query downloads only what it needs.

Input: :class:`Collection`s (one per statute) of :class:`Group`s (one per page: an article,
the overview, a commentary document) of :class:`Doc`s (one per paragraph or heading, the
unit a result points at).  Output: script files under ``search/data/`` that the browser
loads with ``<script>`` tags (so search works from ``file://``, where ``fetch`` cannot read
files), each calling a global function:

``manifest.js``  ``__searchManifest({...})``: the collections (id, titles, status, aliases
                 for scoping a query, first group id, number of articles, the kinds of the
                 groups after the articles), the number of docs, shards and doc chunks.
``t2s.js``       ``__searchT2S("..")``: the Traditional -> Simplified character map (pairs).
``s/<n>.js``     ``__searchShard(n, {term: postings})``: every term whose FNV-1a hash
                 (32-bit, over UTF-16 code units) modulo the shard count is ``n``.
``d/<n>.js``     ``__searchDocs(n, [group, ...])``: the text of consecutive groups, for
                 snippets and for checking a cited paragraph or item exists.

Group ids are global and ordered by collection; a collection's articles 1..n are its first
n groups (article ``k`` is group ``g + k - 1``), so a citation needs no lookup table.
Postings (:func:`encode_postings`): entries ``;``-separated, each the group id's delta
from the previous entry in base 36, ``-p`` when the doc is not ``PARA_P`` (paragraph 1's
text), then ``:`` and the delta-coded positions for bigrams and words, or ``*tf`` for
Han unigrams seen more than once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator import cache
from generator.render.search_text import normalise, scan, t2s_map

DATA_DIR = "search/data"
SHARD_TARGET_BYTES = 8_000     # average shard size the shard count aims at
CHUNK_TARGET_BYTES = 8_000     # doc chunks are cut after this many bytes (a group is never split)
MAX_SHARDS = 8192
EN_GAP = 8                     # positions between a doc's Chinese and its English: no phrase spans both
PARA_P = 100                   # paragraph k's own text is doc k*100, its item i doc k*100 + i
NOTES_P = 99999                # an article's editors' notes (anchor #notes)


@dataclass
class Doc:
    p: int                     # articles: 0 heading, PARA_P*k paragraph k, +i its item i, NOTES_P notes;
    anchor: str                # commentary: paragraph index + 1; overview: 0
    zh: str = ""
    en: str = ""


@dataclass
class Group:
    url: str                   # site-relative, directory style: "shenzhen-ai-2022/article-65/"
    kind: str                  # "a" article, "m" article not in the source copy, "o" overview, "c" commentary
    title: str
    title_en: str = ""
    docs: list[Doc] = field(default_factory=list)


@dataclass
class Collection:
    id: str
    title: str
    title_en: str
    status: str
    articles: list[Group]      # article k at index k - 1 (placeholders for missing ones)
    extras: list[Group] = field(default_factory=list)
    short_title_en: str | None = None
    jurisdiction: str | None = None
    jurisdiction_en: str | None = None

    def groups(self) -> list[Group]:
        return [*self.articles, *self.extras]


# --------------------------------------------------------------------------- aliases

_JURISDICTION_SUFFIX = re.compile("(?:经济特区|特别行政区|自治区|自治州|市|省|县)$")
_JURISDICTION_EN_SUFFIX = re.compile(r"\s+(?:special economic zone|special administrative region|"
                                     r"autonomous region|municipality|province|city)$")
_TRAILING_BRACKETS = re.compile(r"(?:[（(][^（）()]*[）)])+$")
_NATIONAL = "中华人民共和国"


def aliases(c: Collection) -> list[str]:
    """Names a reader may put in a query to mean this statute (normalised, longest first).

    From the manifest only: the title (with and without trailing brackets such as
    （草案）, with and without the jurisdiction), the English titles, the jurisdiction
    (with and without 市/经济特区/Municipality...).
    """
    names = {c.title, _TRAILING_BRACKETS.sub("", c.title), c.title_en, c.short_title_en or ""}
    for title in list(names):
        for prefix in (c.jurisdiction or "", _NATIONAL):
            if prefix and title.startswith(prefix) and len(title) - len(prefix) >= 2:
                names.add(title[len(prefix):])
    for place in (c.jurisdiction, c.jurisdiction_en):
        if place:
            names.add(place)
            short = _JURISDICTION_EN_SUFFIX.sub("", _JURISDICTION_SUFFIX.sub("", normalise(place)))
            if len(short) >= 2 and short != _NATIONAL:
                names.add(short)
    out = {" ".join(normalise(n).split()) for n in names if n}
    out.discard(_NATIONAL)
    return sorted((n for n in out if len(n) >= 2), key=lambda n: (-len(n), n))


# --------------------------------------------------------------------------- postings

@lru_cache(maxsize=8192)
def b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(digits[r])
    return "".join(reversed(out))


def fnv1a(term: str) -> int:
    """FNV-1a, 32-bit, over UTF-16 code units (what JavaScript's charCodeAt gives)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


@cache.memo("search-terms")
def text_terms(zh: str, en: str) -> tuple[tuple[str, str], ...]:
    """A doc's terms, each with its positions encoded (:func:`positions_tail`); remembered from
    build to build: a warm build scans and encodes only the paragraphs whose text changed."""
    zh_terms, end = scan(normalise(zh))
    en_terms, _ = scan(normalise(en), end + EN_GAP)
    out: dict[str, list[int]] = {}
    for key, pos, positional in (*zh_terms, *en_terms):
        found = out.get(key)
        if found is None:
            found = out[key] = []
        found.append(pos if positional else -1)
    return tuple((key, positions_tail(positions)) for key, positions in out.items())


def positions_tail(positions: list[int] | tuple[int, ...]) -> str:
    """A term's positions in one doc as its posting entry ends: ``*count`` for a unigram seen
    more than once (nothing for once), ``:`` and the position deltas for a bigram or word."""
    if positions[0] < 0:
        return "*" + b36(len(positions)) if len(positions) > 1 else ""
    deltas, prev = [], 0
    for pos in positions:
        deltas.append(b36(pos - prev))
        prev = pos
    return ":" + ",".join(deltas)


def encode_postings(entries: list[tuple[int, int, list[int]]]) -> str:
    """``entries``: (group, p, positions) sorted by group then p; -1 positions mean a unigram."""
    return join_postings([(g, p, positions_tail(positions)) for g, p, positions in entries])


def join_postings(entries: list[tuple[int, int, str]], prev_g: int = 0) -> str:
    """:func:`encode_postings` of entries whose positions are encoded already (the first
    group's delta from ``prev_g``)."""
    out = []
    for g, p, tail in entries:
        out.append(b36(g - prev_g) + _entry_after_delta(p, tail))
        prev_g = g
    return ";".join(out)


def _entry_after_delta(p: int, tail: str) -> str:
    """A posting entry after its group delta: ``-p`` unless the doc is ``PARA_P``, then the tail."""
    return tail if p == PARA_P else f"-{b36(p)}{tail}"


# --------------------------------------------------------------------------- files

def _script(function: str, *args) -> str:
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"{function}({body});\n"


def _shard_count(total_bytes: int) -> int:
    n = 1
    while n < MAX_SHARDS and total_bytes / n > SHARD_TARGET_BYTES:
        n *= 2
    return n


def _group_record(g: int, group: Group) -> list:
    return [g, group.url, group.title, group.title_en, group.kind,
            [[d.p, d.anchor, d.zh, d.en] for d in group.docs]]


def _groups_digest(groups: list[Group]) -> str:
    digest = cache.new_key()
    for i, group in enumerate(groups):
        for doc in sorted(group.docs, key=lambda d: d.p):
            for part in (f"{i}\x00{doc.p}", doc.zh, doc.en):
                data = part.encode("utf-8", "surrogatepass")
                digest.update(len(data).to_bytes(8, "big"))
                digest.update(data)
    return digest.hexdigest()


@cache.memo("search-postings", key=_groups_digest)
def collection_postings(groups: list[Group]) -> dict[str, tuple[int, str, str, int]]:
    """One collection's part of every term's postings, its group ids counted from 0:
    ``term: (first group, the first entry after its group delta, the later entries, last
    group)``.  Remembered by a digest of the groups' docs, so a warm build encodes again
    only the statutes whose text changed; :func:`build_index` joins the parts."""
    entries: dict[str, list[tuple[int, int, str]]] = {}
    for g, group in enumerate(groups):
        for doc in sorted(group.docs, key=lambda d: d.p):
            for key, tail in text_terms(doc.zh, doc.en):
                found = entries.get(key)
                if found is None:
                    found = entries[key] = []
                found.append((g, doc.p, tail))
    out = {}
    for key, found in entries.items():
        first_g, first_p, first_tail = found[0]
        out[key] = (first_g, _entry_after_delta(first_p, first_tail), join_postings(found[1:], first_g),
                    found[-1][0])
    return out


def build_index(collections: list[Collection]) -> dict[str, str]:
    """``{path under the docs dir: file content}`` for the whole search index."""
    parts: dict[str, list[str]] = {}
    last_g: dict[str, int] = {}
    records, manifest_collections = [], []
    g = n_docs = 0
    for c in collections:
        manifest_collections.append({
            "id": c.id, "title": c.title, "title_en": c.title_en, "short": c.short_title_en or "",
            "status": c.status, "aliases": aliases(c), "g": g, "n": len(c.articles),
            "x": [e.kind for e in c.extras]})
        groups = c.groups()
        for key, (first_g, first, rest, end_g) in collection_postings(groups).items():
            piece = b36(g + first_g - last_g.get(key, 0)) + first
            found = parts.get(key)
            if found is None:
                found = parts[key] = []
            found.append(f"{piece};{rest}" if rest else piece)
            last_g[key] = g + end_g
        for group in groups:
            n_docs += len(group.docs)
            records.append(_group_record(g, group))
            g += 1
    encoded = {key: ";".join(pieces) for key, pieces in parts.items()}
    n_shards = _shard_count(sum(len(k) * 2 + len(v) + 6 for k, v in encoded.items()))
    shards: list[dict[str, str]] = [{} for _ in range(n_shards)]
    for key in sorted(encoded):
        shards[fnv1a(key) % n_shards][key] = encoded[key]
    files = {f"{DATA_DIR}/s/{i}.js": _script("__searchShard", i, shard) for i, shard in enumerate(shards)}
    chunks, current, size = [], [], 0
    for record in records:
        current.append(record)
        size += len(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        if size >= CHUNK_TARGET_BYTES:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    for i, chunk in enumerate(chunks):
        files[f"{DATA_DIR}/d/{i}.js"] = _script("__searchDocs", i, chunk)
    files[f"{DATA_DIR}/t2s.js"] = _script("__searchT2S", "".join(t + s for t, s in sorted(t2s_map().items())))
    files[f"{DATA_DIR}/manifest.js"] = _script("__searchManifest", {
        "version": 1, "docs": n_docs, "groups": g, "shards": n_shards,
        "chunks": [chunk[0][0] for chunk in chunks], "collections": manifest_collections})
    return files
