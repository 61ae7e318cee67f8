"""Article concordance between two versions of a statute (the pairing of a 新旧对照表).

Input: the two versions' article texts, whitespace-free, in reading order.  Output: entries
``Entry(old, new, kind)`` (indices into the two lists) in which every old and every new
article appears exactly once; the old articles of a merge share one entry.

1. **Anchors.**  A text that occurs in both versions is paired with itself (``same``); a text
   occurring several times is paired occurrence by occurrence, in order.
2. **Similarity.**  Each text's set of character bigrams, each bigram weighted by its rarity
   among the two versions' articles (IDF: 公司 or 规定 weigh almost nothing); for every
   old/new pair sharing bigrams (found through an inverted index, never all pairs): the
   weighted Dice score and the two containments (how much of the old is in the new, and of
   the new in the old).  The pair's *score* is the larger of the Dice score and
   ``CONTAINED_WEIGHT`` times the larger containment, so an article that kept its text and
   gained a paragraph scores as well as one reworded throughout.
3. **Pairing, monotone first.**  Between two consecutive anchors, the unanchored old and new
   articles are aligned by dynamic programming (an LCS weighted by score), which keeps the
   order of the law; then the articles still free are paired greedily, best score first, at
   a stricter threshold: an article moved to another chapter.
4. **Splits.**  A new article still free whose text comes largely from one old article (its
   share of its weight found in the old is ``SPLIT_FROM_OLD`` or more, and ``SPLIT_NEW_PART``
   of it is old text the old article's successor does not have: not a duplicate) joins that old article's entry: ``split``.
5. **Merges.**  An old article still free whose text lies mostly in a new article that is
   already paired joins that entry: ``merged``.
6. What remains is ``repealed`` (old) or ``new`` (new).

Thresholds were tuned on 公司法 2018→2023 and checked on 立法法 2015→2023 (the hand-judged
concordances in tests/data/concordance/).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

KINDS = ("same", "amended", "split", "merged", "repealed", "new")

PAIR_IN_ORDER = 0.20     # score that pairs two articles in the order of the law
PAIR_MOVED = 0.40        # ... or out of order (a move to another chapter)
MOVED_CONTAINED = 0.75   # ... or this containment either way, with a fair score
SPLIT_FROM_OLD = 0.30    # a free new article with this share of its bigrams in one old article
SPLIT_NEW_PART = 0.15    # ... and bringing this share of the old article its successor lacks
MERGE_INTO_NEW = 0.55     # a free old article with this share of its bigrams in a paired new one
MERGE_OLD_PART = 0.15    # ... bringing this share of the new article its main predecessor lacks
MIN_SHARED = 6.0         # weighted bigrams two articles must share before any of this applies
CONTAINED_WEIGHT = 0.8   # one text inside the other counts this much of a full match


@dataclass(frozen=True)
class Entry:
    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: str


def bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


class Similarity:
    """Shared bigrams of every old/new pair that shares any (sparse)."""

    def __init__(self, old: Sequence[str], new: Sequence[str]):
        self.old, self.new = old, new
        self.ob = [bigrams(t) for t in old]
        self.nb = [bigrams(t) for t in new]
        df: Counter = Counter()
        for grams in (*self.ob, *self.nb):
            df.update(grams)
        total = len(self.ob) + len(self.nb) + 1
        # A bigram in every article (公司, 规定) says little; one in two articles says much.
        self.weight = {g: math.log(total / n) for g, n in df.items()}
        self.ow = [self.mass(g) for g in self.ob]
        self.nw = [self.mass(g) for g in self.nb]
        postings: dict[str, list[int]] = defaultdict(list)
        for j, grams in enumerate(self.nb):
            for g in grams:
                postings[g].append(j)
        self.inter: list[dict[int, float]] = []
        for grams in self.ob:
            counts: dict[int, float] = defaultdict(float)
            for g in grams:
                w = self.weight[g]
                for j in postings.get(g, ()):
                    counts[j] += w
            self.inter.append(counts)
        self._score: dict[tuple[int, int], float] = {}

    def mass(self, grams) -> float:
        return sum(self.weight[g] for g in grams) or 1e-9

    def shared(self, i: int, j: int) -> float:
        """Weighted bigrams old article i and new article j share."""
        return self.inter[i].get(j, 0.0)

    def in_new(self, i: int, j: int) -> float:
        """Share (by weight) of old article i's bigrams found in new article j."""
        return self.shared(i, j) / self.ow[i]

    def in_old(self, i: int, j: int) -> float:
        """Share (by weight) of new article j's bigrams found in old article i."""
        return self.shared(i, j) / self.nw[j]

    def score(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self._score:
            inter = self.shared(i, j)
            if inter < MIN_SHARED:
                value = 0.0
            else:
                dice = 2 * inter / (self.ow[i] + self.nw[j])
                value = max(dice, CONTAINED_WEIGHT * max(self.in_new(i, j), self.in_old(i, j)))
            self._score[key] = value
        return self._score[key]

    def candidates(self, i: int) -> list[int]:
        return [j for j, n in self.inter[i].items() if n]


def anchors(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Identical texts, paired occurrence by occurrence in order: {old index: new index}."""
    where: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(new):
        where[text].append(j)
    pairs: dict[int, int] = {}
    for i, text in enumerate(old):
        if where.get(text):
            pairs[i] = where[text].pop(0)
    return pairs


def _align(sim: Similarity, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Weighted LCS of two runs of free articles: pairs in order maximising the summed
    margin of score over PAIR_IN_ORDER."""
    if not olds or not news:
        return []
    n, m = len(olds), len(news)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        row, below = best[a], best[a + 1]
        for b in range(m - 1, -1, -1):
            gain = sim.score(olds[a], news[b]) - PAIR_IN_ORDER
            take = below[b + 1] + gain if gain > 0 else float("-inf")
            row[b] = max(below[b], row[b + 1], take)
    pairs, a, b = [], 0, 0
    while a < n and b < m:
        gain = sim.score(olds[a], news[b]) - PAIR_IN_ORDER
        if gain > 0 and best[a][b] == best[a + 1][b + 1] + gain:
            pairs.append((olds[a], news[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def _increasing(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of (i, j) points increasing in j (points sorted by i)."""
    tails: list[int] = []          # index into points of the smallest tail of each length
    back: list[int] = [-1] * len(points)
    for k, (_, j) in enumerate(points):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if points[tails[mid]][1] < j:
                lo = mid + 1
            else:
                hi = mid
        back[k] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(k)
        else:
            tails[lo] = k
    chain, k = [], tails[-1] if tails else -1
    while k != -1:
        chain.append(points[k])
        k = back[k]
    return chain[::-1]


def _runs(pairs: dict[int, int], n_old: int, n_new: int) -> list[tuple[list[int], list[int]]]:
    """The free articles between consecutive in-order anchors, as (old run, new run)."""
    chain = _increasing(sorted(pairs.items()))
    bounds = [(-1, -1)] + [(i, j) for i, j in chain] + [(n_old, n_new)]
    used_new = set(pairs.values())
    runs = []
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        olds = [i for i in range(i0 + 1, i1) if i not in pairs]
        news = [j for j in range(j0 + 1, j1) if j not in used_new]
        runs.append((olds, news))
    return runs


def _pair(sim: Similarity, n_old: int, n_new: int) -> dict[int, int]:
    pairs = anchors(sim.old, sim.new)
    for olds, news in _runs(pairs, n_old, n_new):
        pairs.update(_align(sim, olds, news))
    taken = set(pairs.values())
    moved = []
    for i in range(n_old):
        if i in pairs:
            continue
        for j in sim.candidates(i):
            if j in taken:
                continue
            s = sim.score(i, j)
            contained = max(sim.in_new(i, j), sim.in_old(i, j))
            if s >= PAIR_MOVED or (s >= PAIR_IN_ORDER and contained >= MOVED_CONTAINED):
                moved.append((s, i, j))
    for s, i, j in sorted(moved, reverse=True):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _splits(sim: Similarity, pairs: dict[int, int], n_new: int) -> dict[int, list[int]]:
    """Free new articles that carry a part of one old article: {old: [extra new, ...]}."""
    taken = set(pairs.values())
    extra: dict[int, list[int]] = defaultdict(list)
    by_new: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i in range(len(sim.old)):
        for j in sim.candidates(i):
            if j not in taken:
                by_new[j].append((sim.in_old(i, j), i))
    for j in range(n_new):
        if j in taken or not by_new.get(j):
            continue
        share, i = max(by_new[j])
        if i in pairs and sim.old[i] == sim.new[pairs[i]]:
            continue  # identical text stays `same`
        if share < SPLIT_FROM_OLD or sim.shared(i, j) < MIN_SHARED:
            continue
        successor = sim.nb[pairs[i]] if i in pairs else frozenset()
        brings = sim.mass((sim.ob[i] & sim.nb[j]) - successor) / sim.nw[j]
        if brings >= SPLIT_NEW_PART:
            extra[i].append(j)
    return extra


def _merges(sim: Similarity, pairs: dict[int, int], split_olds: set[int]) -> dict[int, list[int]]:
    """Free old articles whose text lies mostly in an already paired new article:
    {main old: [extra old, ...]}."""
    owner = {j: i for i, j in pairs.items() if i not in split_olds and sim.old[i] != sim.new[j]}
    extra: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sim.old)):
        if i in pairs:
            continue
        options = [(sim.in_new(i, j), j) for j in sim.candidates(i) if j in owner]
        if not options:
            continue
        share, j = max(options)
        main = owner[j]
        if share < MERGE_INTO_NEW or sim.shared(i, j) < MIN_SHARED:
            continue
        brings = sim.mass((sim.ob[i] & sim.nb[j]) - sim.ob[main]) / sim.nw[j]
        if brings >= MERGE_OLD_PART:
            extra[main].append(i)
    return extra


def concordance(old: Sequence[str], new: Sequence[str]) -> list[Entry]:
    """The entries pairing ``old`` with ``new`` texts (whitespace-free), in concordance order."""
    sim = Similarity(old, new)
    pairs = _pair(sim, len(old), len(new))
    split = _splits(sim, pairs, len(new))
    merged = _merges(sim, pairs, set(split))
    merged_away = {i for extra in merged.values() for i in extra}
    entries: list[Entry] = []
    for i in range(len(old)):
        if i in merged_away:
            continue
        if i in merged:
            entries.append(Entry(tuple(sorted([i, *merged[i]])), (pairs[i],), "merged"))
        elif i in pairs or i in split:
            news = ([pairs[i]] if i in pairs else []) + split.get(i, [])
            if len(news) > 1:
                entries.append(Entry((i,), tuple(news), "split"))
            else:
                kind = "same" if old[i] == new[news[0]] else "amended"
                entries.append(Entry((i,), (news[0],), kind))
        else:
            entries.append(Entry((i,), (), "repealed"))
    return _with_new(entries, len(new))


def _with_new(entries: list[Entry], n_new: int) -> list[Entry]:
    """Add an entry for every new article no entry holds, right after the entry holding the
    new article before it (so the table reads in the new law's order where it can)."""
    held = {j for e in entries for j in e.new}
    after: dict[int, list[Entry]] = defaultdict(list)   # entry position -> new entries
    where = {j: k for k, e in enumerate(entries) for j in e.new}
    last = -1
    for j in range(n_new):
        if j in held:
            last = j
            continue
        anchor = where.get(last, -1) if last >= 0 else -1
        after[anchor].append(Entry((), (j,), "new"))
        where[j] = anchor
        last = j
    out = list(after.get(-1, []))
    for k, entry in enumerate(entries):
        out.append(entry)
        out.extend(after.get(k, []))
    return out
