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

import numpy as np
from scipy import sparse

from generator import cache
from generator.linking.english_index import tokens
from generator.linking.normalize import key

THRESHOLD = 0.15
MUTUAL_THRESHOLD = 0.07
LIMIT = 3
BLOCK = 512                # rows scored at a time (a block of 512 x 25,000 scores is 100 MB)


@dataclass(frozen=True)
class Related:
    statute: str
    article: int
    score: float
    method: str            # "similarity" | "editor"
    note: str | None = None


def _bigrams(text: str) -> Counter:
    return Counter(dict(_bigram_counts(text)))


def _english_terms(text: str) -> Counter:
    return Counter(dict(_english_counts(text)))


# Remembered from build to build (an edit to one article's English recounts that article only).
@cache.memo("related-bigrams")
def _bigram_counts(text: str) -> tuple[tuple[str, int], ...]:
    k = key(text)
    return tuple(Counter(k[i:i + 2] for i in range(len(k) - 1)).items())


@cache.memo("related-terms")
def _english_counts(text: str) -> tuple[tuple[str, int], ...]:
    return tuple(Counter(t for t, _, _ in tokens(text)).items())


def _tfidf(bags: dict[tuple[str, int], Counter], names: list[tuple[str, int]]):
    """Unit TF-IDF vectors (log-scaled term frequency, smoothed IDF) as the rows of a sparse
    matrix, one row per name (an all-zero row for a name without a bag)."""
    n = len(bags)
    df: Counter = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    columns = {t: i for i, t in enumerate(sorted(df))}
    rows, cols, vals = [], [], []
    for r, name in enumerate(names):
        bag = bags.get(name, {})
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for t, v in vec.items():
            if v > 0:
                rows.append(r)
                cols.append(columns[t])
                vals.append(v / norm)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(names), max(1, len(columns))), dtype=np.float64)


def _scores(zh, en, has_en: np.ndarray, statute_of: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The score matrix's ``rows``: the Chinese cosine, or the mean of both when both articles
    have English; -1 for articles of the same statute.  Rounded to 3 places."""
    score = (zh[rows] @ zh.T).toarray()
    both = has_en[rows, None] & has_en[None, :]
    if both.any():
        score = np.where(both, (score + (en[rows] @ en.T).toarray()) / 2, score)
    score = np.round(score, 3)
    score[statute_of[rows, None] == statute_of[None, :]] = -1.0
    return score


@dataclass
class ChineseRows:
    """Every article's candidates scored on the Chinese alone (rows without English are
    final as they are): the costly part, which only a change of the Chinese texts changes,
    so the pipeline keeps it from build to build (:func:`similar_articles`'s ``base``)."""

    names: list[tuple[str, int]]
    zh: sparse.csr_matrix
    best: np.ndarray
    candidates: dict[int, list[tuple[float, int]]]


def _statute_of(names: list[tuple[str, int]]) -> np.ndarray:
    statute_ids = {sid: i for i, sid in enumerate(sorted({sid for sid, _ in names}))}
    return np.array([statute_ids[sid] for sid, _ in names])


def _rank(zh, en, has_en, statute_of, rows: np.ndarray, floor: float, limit: int,
          best: np.ndarray, candidates: dict) -> None:
    """Fill ``best`` and ``candidates`` for ``rows``, a block at a time."""
    for at in range(0, len(rows), BLOCK):
        block = rows[at:at + BLOCK]
        score = _scores(zh, en, has_en, statute_of, block)
        for i, row in zip(block.tolist(), score):
            top = int(np.argmax(row))          # the first (smallest name) of the best scores
            best[i] = top if row[top] >= 0 else -1
            # Only the first ``limit`` of the row (by score, then name) can be kept.
            kth = np.partition(row, -limit)[-limit] if len(row) > limit else row.min()
            near = np.flatnonzero(row >= max(floor, kth))
            candidates[i] = sorted((-float(row[j]), int(j)) for j in near)[:limit]


def chinese_rows(chinese: dict[tuple[str, int], str], *, threshold: float = THRESHOLD,
                 limit: int = LIMIT) -> ChineseRows:
    names = sorted(chinese)
    zh = _tfidf({name: _bigrams(text) for name, text in chinese.items()}, names)
    best, candidates = np.full(len(names), -1), {}
    no_english = np.zeros(len(names), dtype=bool)
    _rank(zh, zh, no_english, _statute_of(names), np.arange(len(names)), min(threshold, MUTUAL_THRESHOLD),
          limit, best, candidates)
    return ChineseRows(names, zh, best, candidates)


def similar_articles(chinese: dict[tuple[str, int], str], english: dict[tuple[str, int], str], *,
                     threshold: float = THRESHOLD, limit: int = LIMIT,
                     base: ChineseRows | None = None) -> dict[tuple[str, int], list[Related]]:
    """``chinese``/``english``: (statute, article) -> the article's text.  For each article,
    the best-scoring articles of the other statutes, best first (ties: in name order).
    ``base``: :func:`chinese_rows` of the same ``chinese`` (with the same threshold and
    limit), computed before; only the rows of articles with English are scored again.

    Sparse matrix products (scipy), a block of rows at a time: a library of 25,000 articles
    is 600 million pairs, far too many to score one by one in Python."""
    names = sorted(chinese)
    if not names:
        return {}
    if base is None or base.names != names:
        base = chinese_rows(chinese, threshold=threshold, limit=limit)
    en_bags = {name: _english_terms(text) for name, text in english.items() if text and name in chinese}
    en = _tfidf(en_bags, names)
    has_en = np.array([name in en_bags for name in names])
    best, candidates = base.best.copy(), dict(base.candidates)
    _rank(base.zh, en, has_en, _statute_of(names), np.flatnonzero(has_en), min(threshold, MUTUAL_THRESHOLD),
          limit, best, candidates)
    out: dict[tuple[str, int], list[Related]] = {}
    for i, name in enumerate(names):
        kept = [Related(*names[j], round(-neg, 3), "similarity") for neg, j in candidates[i]
                if -neg >= threshold or (best[i] == j and best[j] == i)]
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
