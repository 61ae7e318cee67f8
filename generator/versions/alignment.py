"""Order-keeping alignment of articles for the concordance: the longest increasing chain of
anchors, the runs of free articles between them, and a weighted LCS pairing each run."""

from __future__ import annotations

from generator.versions.similarity import Similarity

PAIR_IN_ORDER = 0.20     # score that pairs two articles in the order of the law


def _align(sim: Similarity, olds: list[int], news: list[int], floor: float = PAIR_IN_ORDER
           ) -> list[tuple[int, int]]:
    """Weighted LCS of two runs of free articles: pairs in order maximising the summed
    margin of score over ``floor``."""
    if not olds or not news:
        return []
    n, m = len(olds), len(news)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        row, below = best[a], best[a + 1]
        for b in range(m - 1, -1, -1):
            gain = sim.score(olds[a], news[b]) - floor
            take = below[b + 1] + gain if gain > 0 else float("-inf")
            row[b] = max(below[b], row[b + 1], take)
    pairs, a, b = [], 0, 0
    while a < n and b < m:
        gain = sim.score(olds[a], news[b]) - floor
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


def align_runs(sim: Similarity, pairs: dict[int, int]) -> dict[int, int]:
    """The in-order pairs of the free articles between consecutive in-order anchors."""
    found: dict[int, int] = {}
    for olds, news in _runs(pairs, len(sim.old), len(sim.new)):
        found.update(_align(sim, olds, news))
    return found
