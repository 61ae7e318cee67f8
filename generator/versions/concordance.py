"""Article concordance between two versions of a statute (the pairing of a 新旧对照表).

Input: the two versions' article texts, whitespace-free, in reading order.  Output: entries
``Entry(old, new, kind)`` (indices into the two lists) in which every old and every new
article appears exactly once; the old articles of a merge share one entry.

1. **Anchors.**  A text that occurs in both versions is paired with itself (``same``); a text
   occurring several times is paired occurrence by occurrence, in order.
2. **Similarity** (:mod:`generator.versions.similarity`): IDF-weighted character bigrams,
   cross-reference numbers left out; a score and the two containments of each pair.
3. **Pairing, monotone first.**  Mutual best matches scoring ``STRONG`` join the anchors.
   Between two consecutive anchors, the unanchored old and new articles are aligned by
   dynamic programming (:mod:`generator.versions.alignment`: an LCS weighted by score),
   which keeps the order of the law; then
   the articles still free are paired out of order (moved to another chapter) at a stricter
   threshold, or when each is the other's best match in the whole law, choosing the pairs
   of the largest summed score (a maximum weight matching).  A weak pair whose new article
   lies wholly inside another, paired, old article is undone: it is a part of that one.
4. **Splits.**  A new article still free whose text comes largely from one old article (its
   share of its weight found in the old is ``SPLIT_FROM_OLD`` or more) joins that old
   article's entry (``split``) when ``SPLIT_NEW_PART`` of it is old text that the old
   article's successor and its parts found so far do not carry (not a parallel provision).
   An old article left without a successor then takes a part of another's split when, by a
   character-level alignment of the texts (:meth:`Similarity.carried`), it carries a share of
   that part the split's old article does not: one link for every surviving article.  A free
   new article next to a successor of an old article, carrying old text none of its
   successors carries, is one more part.
5. **Merges.**  An old article still free whose text lies mostly in a new article that is
   already paired joins that entry: ``merged``; so does one next to the old article of that
   entry when the new article has a share of text from it alone (character alignment).
6. What remains is ``repealed`` (old) or ``new`` (new).

Thresholds were tuned on 公司法 2018→2023 and checked on 立法法 2015→2023 (the hand-judged
concordances in tests/data/concordance/).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

import networkx

from generator.versions.alignment import PAIR_IN_ORDER, align_runs
from generator.versions.similarity import MIN_SHARED, Similarity

KINDS = ("same", "amended", "split", "merged", "repealed", "new")

PAIR_MOVED = 0.40        # score that pairs two articles out of order (a move to another chapter)
MOVED_CONTAINED = 0.75   # ... or this containment either way, with a fair score
SPLIT_FROM_OLD = 0.30    # a free new article with this share of its bigrams in one old article
SPLIT_NEW_PART = 0.15    # ... and bringing this share of the old article its successor lacks
MERGE_INTO_NEW = 0.55     # a free old article with this share of its bigrams in a paired new one
MERGE_OLD_PART = 0.15    # ... bringing this share of the new article its main predecessor lacks
MERGE_NEIGHBOUR = 0.12   # a free old article whose neighbour's successor has this share of text from it alone
NEXT_DOOR_FRESH = 0.10   # a free new article next to a successor with this share of the old text it lacks ...
NEXT_DOOR_SHARE = 0.10   # ... making this share of the new article's text, is a part of the split
NEXT_DOOR_SCORE = 0.15   # ... when the two score this much
ORPHAN_OWN_TEXT = 0.15  # an article left alone takes a split part when this share of it is its text alone
STRONG = 0.85           # mutual best matches this good are paired before the in-order alignment
WHOLLY_INSIDE = 0.90    # a new article this much inside another paired old article ...
DISPLACE_MARGIN = 0.30  # ... scoring this much better there is a part of it, not a successor


@dataclass(frozen=True)
class Entry:
    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: str
    by_editor: bool = False     # set by an editor (annotations/<id>/concordance.yaml), not computed


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


def _strong(sim: Similarity, pairs: dict[int, int]) -> None:
    """Pairs that are each other's best match by far (score STRONG or more) join the
    anchors, so that the in-order alignment cannot give either article to a weaker match."""
    taken = set(pairs.values())
    best_new: dict[int, tuple[float, int]] = {}
    best_old: dict[int, tuple[float, int]] = {}
    for i in range(len(sim.old)):
        if i in pairs:
            continue
        for j in sim.candidates(i):
            if j not in taken:
                s = sim.score(i, j)
                best_new[i] = max(best_new.get(i, (0.0, -1)), (s, j))
                best_old[j] = max(best_old.get(j, (0.0, -1)), (s, i))
    for i, (s, j) in best_new.items():
        if s >= STRONG and best_old[j][1] == i:
            pairs[i] = j


def _pair(sim: Similarity, n_old: int, n_new: int) -> dict[int, int]:
    pairs = anchors(sim.old, sim.new)
    _strong(sim, pairs)
    pairs.update(align_runs(sim, pairs))
    _pair_moved(sim, pairs)
    _displace(sim, pairs)
    return pairs


def _best_overall(sim: Similarity) -> tuple[dict[int, int], dict[int, int]]:
    """Each old article's best new match and each new article's best old match (whole law)."""
    best_new: dict[int, tuple[float, int]] = {}
    best_old: dict[int, tuple[float, int]] = {}
    for i in range(len(sim.old)):
        for j in sim.candidates(i):
            s = sim.score(i, j)
            if s > 0:
                best_new[i] = max(best_new.get(i, (0.0, -1)), (s, j))
                best_old[j] = max(best_old.get(j, (0.0, -1)), (s, i))
    return {i: j for i, (_, j) in best_new.items()}, {j: i for j, (_, i) in best_old.items()}


def _pair_moved(sim: Similarity, pairs: dict[int, int]) -> None:
    """Pair the articles still free out of order (moved to another chapter): a pair scoring
    PAIR_MOVED, or PAIR_IN_ORDER with one text largely inside the other or with the new
    article the old one's best match in the whole law.  The pairs chosen are those of the
    largest summed score (a maximum weight matching), not the best first: two fair pairs
    beat one good pair that would leave both other articles alone."""
    taken = set(pairs.values())
    best_new, best_old = _best_overall(sim)
    graph = networkx.Graph()
    for i in range(len(sim.old)):
        if i in pairs:
            continue
        for j in sim.candidates(i):
            if j in taken:
                continue
            s = sim.score(i, j)
            contained = max(sim.in_new(i, j), sim.in_old(i, j))
            if s >= PAIR_MOVED or (s >= PAIR_IN_ORDER and (contained >= MOVED_CONTAINED or (best_new.get(i) == j and best_old.get(j) == i))):
                graph.add_edge(("old", i), ("new", j), weight=s)
    for a, b in networkx.max_weight_matching(graph):
        (_, i), (_, j) = sorted((a, b), reverse=True)
        pairs[i] = j


def _displace(sim: Similarity, pairs: dict[int, int]) -> None:
    """Undo a weak pairing (i, j) when j lies wholly inside another old article that is
    already paired elsewhere and matches j far better: j is a part split off that article
    (found by :func:`_splits`), and i is repealed or merged."""
    sharing: dict[int, list[int]] = defaultdict(list)    # new article -> old articles sharing bigrams
    for k, found in enumerate(sim.inter):
        for j in found:
            sharing[j].append(k)
    for i, j in list(pairs.items()):
        if sim.old[i] == sim.new[j]:
            continue
        mine = sim.score(i, j)
        for k in sharing[j]:
            if k != i and k in pairs and pairs[k] != j and sim.in_old(k, j) >= WHOLLY_INSIDE \
                    and sim.score(k, j) >= mine + DISPLACE_MARGIN:
                del pairs[i]
                break


def _splits(sim: Similarity, pairs: dict[int, int], n_new: int) -> dict[int, list[int]]:
    """Free new articles that carry a part of one old article: {old: [extra new, ...]}.
    The part carrying most of the old text first; each part must bring old text that the old article's successor
    and its parts found so far do not already carry (a parallel provision, such as the same
    rule restated for another kind of company, is not a part)."""
    taken = set(pairs.values())
    by_new: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i in range(len(sim.old)):
        for j in sim.candidates(i):
            if j not in taken:
                by_new[j].append((sim.in_old(i, j), i))
    found = []
    for j in range(n_new):
        if j in taken or not by_new.get(j):
            continue
        share, i = max(by_new[j])
        if i in pairs and sim.old[i] == sim.new[pairs[i]]:
            continue  # identical text stays `same`
        if share >= SPLIT_FROM_OLD and sim.shared(i, j) >= MIN_SHARED:
            found.append((sim.shared(i, j), i, j))
    extra: dict[int, list[int]] = defaultdict(list)
    carried = {i: set(sim.nb[j]) for i, j in pairs.items()}
    for _, i, j in sorted(found, reverse=True):
        have = carried.setdefault(i, set())
        brings = sim.mass((sim.ob[i] & sim.nb[j]) - have) / sim.nw[j]
        if brings >= SPLIT_NEW_PART:
            extra[i].append(j)
            have |= sim.nb[j]
    return {i: sorted(js) for i, js in extra.items()}


def _parts_to_orphans(sim: Similarity, pairs: dict[int, int], split: dict[int, list[int]]) -> None:
    """An old article left without any successor takes a part of another old article's split
    that it matches (score ``PAIR_IN_ORDER``) and of which it carries ``ORPHAN_OWN_TEXT`` that
    the other does not (by character alignment), the best such pairs first, as long as the
    split keeps a part.  A 新旧对照表 keeps one link for every surviving article: a paragraph moved
    into a new article whose predecessor is another old article is the lesser link."""
    holder = {j: k for k, js in split.items() for j in js}
    holder.update({pairs[k]: k for k in split if k in pairs})
    options = sorted(((sim.score(i, j), i, j) for i in range(len(sim.old))
                      if i not in pairs and i not in split for j in sim.candidates(i) if j in holder),
                     reverse=True)
    for s, i, j in options:
        k = holder.get(j)
        if s < PAIR_IN_ORDER or i in pairs or k is None or len(split.get(k, ())) + (k in pairs) < 2:
            continue
        if sim.carried_share(j, sim.carried(i, j) - sim.carried(k, j)) < ORPHAN_OWN_TEXT:
            continue    # all that i shares with j, j has from k too
        if pairs.get(k) == j:
            pairs[k] = split[k].pop(0)
        else:
            split[k].remove(j)
        if not split[k]:
            del split[k]
        del holder[j]
        pairs[i] = j


def _parts_next_door(sim: Similarity, pairs: dict[int, int], split: dict[int, list[int]]) -> None:
    """A free new article next to a successor of old article i is a part of i's split when it
    carries ``NEXT_DOOR_FRESH`` of i's text (by character alignment) that none of i's
    successors carries, and has ``NEXT_DOOR_SHARE`` of its own text (bigram weight) from i,
    scoring ``NEXT_DOOR_SCORE`` with i (a shared stock phrase alone is not a part)."""
    taken = set(pairs.values()) | {j for js in split.values() for j in js}
    claims: dict[int, tuple[float, int]] = {}
    for i in range(len(sim.old)):
        succ = ([pairs[i]] if i in pairs else []) + split.get(i, [])
        if not succ or any(sim.old[i] == sim.new[s] for s in succ):
            continue
        have = frozenset().union(*(sim.carried_old(i, s) for s in succ))
        for j in {s + d for s in succ for d in (-1, 1)} - taken:
            if not 0 <= j < len(sim.new) or sim.score(i, j) < NEXT_DOOR_SCORE:
                continue
            fresh = len(sim.carried_old(i, j) - have) / sim.old_length(i)
            if fresh >= NEXT_DOOR_FRESH and sim.carried_share(j, sim.carried(i, j)) >= NEXT_DOOR_SHARE:
                claims[j] = max(claims.get(j, (0.0, -1)), (fresh, i))
    for j, (_, i) in sorted(claims.items()):
        split.setdefault(i, []).append(j)
        split[i].sort()


def _merges(sim: Similarity, pairs: dict[int, int], split_olds: set[int]) -> dict[int, list[int]]:
    """Free old articles whose text lies mostly in an already paired new article, or that
    carry text of their neighbour's successor: {main old: [extra old, ...]}."""
    owner = {j: i for i, j in pairs.items() if i not in split_olds and sim.old[i] != sim.new[j]}
    extra: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sim.old)):
        if i in pairs:
            continue
        main = _merged_into(sim, i, owner)
        if main is None and i not in split_olds:
            main = _merged_with_neighbour(sim, i, owner, pairs)
        if main is not None:
            extra[main].append(i)
    return extra


def _merged_into(sim: Similarity, i: int, owner: dict[int, int]) -> int | None:
    """The old article whose successor carries most of free old article i, bringing
    ``MERGE_OLD_PART`` of it that its main predecessor lacks."""
    options = [(sim.in_new(i, j), j) for j in sim.candidates(i) if j in owner]
    if not options:
        return None
    share, j = max(options)
    main = owner[j]
    if share < MERGE_INTO_NEW or sim.shared(i, j) < MIN_SHARED:
        return None
    brings = sim.mass((sim.ob[i] & sim.nb[j]) - sim.ob[main]) / sim.nw[j]
    return main if brings >= MERGE_OLD_PART else None


def _merged_with_neighbour(sim: Similarity, i: int, owner: dict[int, int], pairs: dict[int, int]
                           ) -> int | None:
    """The old article next to free old article i whose successor has ``MERGE_NEIGHBOUR`` of
    its text from i alone (by character alignment): two neighbours combined into one article."""
    best = None
    for k in (i - 1, i + 1):
        j = pairs.get(k)
        if j is None or owner.get(j) != k or sim.shared(i, j) < MIN_SHARED:
            continue
        own = sim.carried_share(j, sim.carried(i, j) - sim.carried(k, j))
        if own >= MERGE_NEIGHBOUR and (best is None or own > best[0]):
            best = (own, k)
    return best[1] if best else None


def concordance(old: Sequence[str], new: Sequence[str]) -> list[Entry]:
    """The entries pairing ``old`` with ``new`` texts (whitespace-free), in concordance order."""
    sim = Similarity(old, new)
    pairs = _pair(sim, len(old), len(new))
    split = _splits(sim, pairs, len(new))
    _parts_to_orphans(sim, pairs, split)
    _parts_next_door(sim, pairs, split)
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
    return with_new_articles(entries, len(new))


def with_new_articles(entries: list[Entry], n_new: int) -> list[Entry]:
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
