"""Related provisions: for each article, the articles of *other* statutes on the same subject
(Shenzhen art. 65's ethics committee beside Shanghai art. 7's expert committee).

Similarity of the text in both languages, each a TF-IDF cosine over the articles of all
statutes together (an article is a document):

* Chinese: character bigrams of the comparison key (:func:`.normalize.key`: Simplified,
  width-folded, no spacing or punctuation).  人工智能 occurs in nearly every article and
  weighs almost nothing; 委员会 or 伦理 are rare and weigh much.
* English: the content-word stems of the article's English (:func:`.english_index.tokens`:
  stop words dropped, synonyms joined), so the same subject in different Chinese wording
  (伦理委员会 / 专家委员会 — "committee") still meets.

The score is the mean of the two cosines (the Chinese alone when an article has no
English).  An article lists at most ``LIMIT`` others: those scoring at least ``THRESHOLD``,
and the article that is its best match while it is that article's best match too
("mutual best", scoring at least ``MUTUAL_THRESHOLD``): two statutes often give one subject
a single article each, worded differently (Shenzhen 65 / Shanghai 7 score ~0.1, far above
the other pairs of either article).
Editors add or suppress one in the article's annotation file (``related: add/suppress``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from generator.linking.english_index import tokens
from generator.linking.normalize import key

THRESHOLD = 0.15
MUTUAL_THRESHOLD = 0.07
LIMIT = 3


@dataclass(frozen=True)
class Related:
    statute: str
    article: int
    score: float
    method: str            # "similarity" | "editor"
    note: str | None = None


def _bigrams(text: str) -> Counter:
    k = key(text)
    return Counter(k[i:i + 2] for i in range(len(k) - 1))


def _english_terms(text: str) -> Counter:
    return Counter(t for t, _, _ in tokens(text))


def _tfidf(bags: dict[tuple[str, int], Counter]) -> dict[tuple[str, int], dict[str, float]]:
    """Unit TF-IDF vectors (log-scaled term frequency, smoothed IDF)."""
    n = len(bags)
    df: Counter = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    vectors = {}
    for name, bag in bags.items():
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[name] = {t: v / norm for t, v in vec.items() if v > 0}
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def similar_articles(chinese: dict[tuple[str, int], str], english: dict[tuple[str, int], str], *,
                     threshold: float = THRESHOLD, limit: int = LIMIT) -> dict[tuple[str, int], list[Related]]:
    """``chinese``/``english``: (statute, article) -> the article's text.  For each article,
    the best-scoring articles of the other statutes, best first."""
    zh = _tfidf({name: _bigrams(text) for name, text in chinese.items()})
    en = _tfidf({name: _english_terms(text) for name, text in english.items() if text})
    names = sorted(chinese)
    scores: dict[tuple[str, int], list[tuple[float, tuple[str, int]]]] = {}
    for name in names:
        row = []
        for other in names:
            if other[0] == name[0]:
                continue
            score = _cosine(zh[name], zh[other])
            if name in en and other in en:
                score = (score + _cosine(en[name], en[other])) / 2
            row.append((round(score, 3), other))
        row.sort(key=lambda so: (-so[0], so[1]))
        scores[name] = row
    best = {name: row[0][1] for name, row in scores.items() if row}
    out: dict[tuple[str, int], list[Related]] = {}
    for name, row in scores.items():
        kept = [Related(other[0], other[1], score, "similarity") for score, other in row
                if score >= threshold or (score >= MUTUAL_THRESHOLD and best.get(name) == other
                                          and best.get(other) == name)]
        out[name] = kept[:limit]
    return out


def apply_editors(found: dict[tuple[str, int], list[Related]], additions: dict[tuple[str, int], list],
                  suppressions: dict[tuple[str, int], set]) -> dict[tuple[str, int], list[Related]]:
    """Editors' ``related: add`` (listed first) and ``suppress`` (removed)."""
    out = {}
    for name in set(found) | set(additions):
        drop = suppressions.get(name, set())
        added = [r for r in additions.get(name, []) if (r.statute, r.article) not in drop]
        seen = {(r.statute, r.article) for r in added}
        kept = [r for r in found.get(name, []) if (r.statute, r.article) not in drop | seen]
        out[name] = added + kept
    return out
