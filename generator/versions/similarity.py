"""Similarity of two versions' articles for the concordance: IDF-weighted character bigrams,
shared through an inverted index (only pairs sharing a bigram are ever looked at).

Each text's set of character bigrams, each bigram weighted by its rarity among the two
versions' articles (IDF: 公司 or 规定 weigh almost nothing), the numbers of cross-references
(第五十三条) left out since renumbering changes them.  For a pair: the weighted Dice score and
the two containments (how much of the old is in the new, and of the new in the old); the
pair's *score* is the larger of the Dice score and ``CONTAINED_WEIGHT`` times the larger
containment, so an article that kept its text and gained a paragraph scores as well as one
reworded throughout.

For the few pairs where bigrams cannot tell (which of two old articles a new one's words come
from), :meth:`Similarity.carried` aligns the two texts character by character (rapidfuzz's
Indel opcodes, i.e. their longest common subsequence) and keeps the runs of ``MIN_RUN`` or
more characters: the words of the new text that are the old one's.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Sequence

from rapidfuzz.distance import Indel

MIN_SHARED = 6.0         # weighted bigrams two articles must share before any of this applies
CONTAINED_WEIGHT = 0.8   # one text inside the other counts this much of a full match
MIN_RUN = 4              # characters in a row two texts must share for the run to count as carried text


# A cross-reference's number (第五十三条, 第三款) changes whenever the articles it points to
# are renumbered: it says nothing about which provision carries which.
CROSS_REFERENCE = re.compile(r"第[〇零一二两三四五六七八九十百千0-9]+(?=[条款项章节编])")


def masked(text: str) -> str:
    """The text with the numbers of its cross-references left out."""
    return CROSS_REFERENCE.sub("第", text)


def bigrams(text: str) -> frozenset[str]:
    text = masked(text)
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
        self._carried: dict[tuple[int, int], tuple[frozenset[int], frozenset[int]]] = {}

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

    def carried(self, i: int, j: int) -> frozenset[int]:
        """Where in new article j (positions in its text, cross-reference numbers masked) old
        article i's text is carried: the runs of ``MIN_RUN`` or more characters that a
        character-level alignment of the two texts (their longest common subsequence) keeps,
        as a 新旧对照表 editor reads which words of the new text are the old one's."""
        return self._runs(i, j)[1]

    def carried_old(self, i: int, j: int) -> frozenset[int]:
        """Where in old article i (positions in its masked text) the runs carried into new
        article j come from."""
        return self._runs(i, j)[0]

    def old_length(self, i: int) -> int:
        return max(1, len(masked(self.old[i])))

    def _runs(self, i: int, j: int) -> tuple[frozenset[int], frozenset[int]]:
        key = (i, j)
        if key not in self._carried:
            runs = [op for op in Indel.opcodes(masked(self.old[i]), masked(self.new[j]))
                    if op.tag == "equal" and op.src_end - op.src_start >= MIN_RUN]
            self._carried[key] = (frozenset(k for op in runs for k in range(op.src_start, op.src_end)),
                                  frozenset(k for op in runs for k in range(op.dest_start, op.dest_end)))
        return self._carried[key]

    def carried_share(self, j: int, positions: frozenset[int]) -> float:
        """Share (by bigram weight) of new article j's text at ``positions`` (of its masked
        text): its bigrams lying wholly there.  A stock phrase (董事、监事、) weighs little."""
        text = masked(self.new[j])
        grams = {text[p:p + 2] for p in positions if p + 1 in positions}
        return sum(self.weight.get(g, 0.0) for g in grams) / self.nw[j]

    def candidates(self, i: int) -> list[int]:
        return [j for j, n in self.inter[i].items() if n]
