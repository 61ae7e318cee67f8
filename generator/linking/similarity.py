"""Paraphrase and quotation: which articles a passage of Chinese commentary reproduces.

Built once per statute (:class:`ChineseIndex`), then queried per paragraph; no paragraph is
ever compared with every article.

1. Keys (:mod:`.normalize`): Simplified, width-folded, without spacing, punctuation or
   injected noise, so a Traditional or scraped copy has the same key as a clean one.
2. An inverted index from every character trigram of every article's key to its positions.
3. A paragraph's trigrams are looked up; hits on the same diagonal (article position minus
   paragraph position) form *runs* of shared text.  Runs of one article close to each
   other in both texts are chained, so a chain survives a changed character (作出/做出), an
   inserted or dropped word (市政府/市人民政府), or a noise character the key kept.
4. Each trigram weighs by its rarity among the statute's articles (IDF, scaled to 0..1):
   人工智能产业 occurs in most articles and weighs almost nothing; 伦理委员会 occurs in one
   and weighs ~0.8.  A chain's weight is the sum over its trigrams.
5. Chains compete for the paragraph's text: the heaviest chain claims its characters
   first, so a passage is evidence for the one article it reproduces best, not for every
   article that shares a few of its words.
6. An article is linked when the text it claimed carries enough evidence:
   * weight >= ``THRESHOLD`` (about ten rare characters reproduced), or
   * weight >= ``SHORT_THRESHOLD`` and the match covers a good part of a short article
     (``ARTICLE_COVER``: 本条例自2022年11月1日起施行 restated) or of a short passage
     (``PASSAGE_COVER``: a heading that is an article's words, 设立人工智能伦理委员会).
   * weight >= ``SHORT_THRESHOLD`` for an article within ``NEIGHBOURS`` of an article the
     paragraph is linked to on the rules above (commentary summarises a law article by
     article: 科技成果转化服务 after the paragraph's 21 and 22 is about 24).
   The strength ``s`` is the largest of weight/THRESHOLD and the two coverage ratios; the
   score is ``s / (s + 1)``: 0.5 at the boundary, 0.9 at nine times the evidence.  The
   evidence is the original text of the heaviest chain.

The thresholds were calibrated for precision on the hand-judged seed paragraphs (see
tests/data/linking_gold.yaml): a paragraph that only talks about the industry shares
common phrases with many articles, but never a long, rare run with one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from generator.linking.normalize import normalise

N = 3                  # n-gram length (characters of the key)
MIN_CHAIN_WEIGHT = 1.6  # a chain lighter than this is coincidence
MAX_GAP = 6            # characters a chain may skip, in either text
MIN_RUN_WEIGHT = 0.3   # a run shorter than 3 trigrams weighing less is not worth chaining
THRESHOLD = 6.0        # claimed weight that makes a link on its own
SHORT_THRESHOLD = 3.0  # ... or this much, covering
ARTICLE_COVER = 0.25   #     this share of the article's weight
PASSAGE_COVER = 0.6    #     or this share of the paragraph's
NEIGHBOURS = 2         # ... or this much, next to (±2) an article the paragraph is linked to
MAX_REPEATS = 16       # positions indexed per trigram and article (real articles repeat one far less)


@dataclass
class Chain:
    article: int
    p_start: int       # key offsets in the paragraph [p_start, p_end)
    p_end: int
    a_start: int
    a_end: int
    positions: list[int] = field(default_factory=list)   # paragraph key offsets of matched trigrams
    weight: float = 0.0
    diagonals: dict[int, int] = field(default_factory=dict)  # paragraph offset -> article offset


@dataclass
class Match:
    article: int
    weight: float
    score: float
    evidence: str
    span: tuple[int, int]            # offsets in the paragraph text
    chains: list[Chain]
    article_cover: float = 0.0
    passage_cover: float = 0.0


class ChineseIndex:
    def __init__(self, articles: dict[int, str], *, threshold: float = THRESHOLD,
                 titles: list[str] = (), part_titles: list[str] = (),
                 weights_from: "ChineseIndex | None" = None, default_weight: float = 0.75):
        """``titles``: the statute's own title(s), never evidence for an article (art. 1 repeats
        the title's words); ``part_titles``: chapter and section titles, masked where a
        paragraph lists two or more of them (it describes the statute's structure).
        ``weights_from``: take trigram weights from another index (the statute's own) rather
        than from these texts (used for a handful of paraphrases, too few to count in);
        trigrams it lacks weigh ``default_weight``."""
        self.threshold = threshold
        self.title_keys = [k for k in (normalise(t)[0] for t in titles) if len(k) >= 4]
        self.part_keys = sorted({k for k in (normalise(t)[0] for t in part_titles) if len(k) >= 3},
                                key=len, reverse=True)
        self.keys: dict[int, str] = {}
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        df: dict[str, int] = defaultdict(int)
        for number, text in articles.items():
            key, _ = normalise(text)
            if len(key) < N:
                continue
            self.keys[number] = key
            seen: dict[str, int] = {}
            for i in range(len(key) - N + 1):
                gram = key[i:i + N]
                # A trigram repeated more than MAX_REPEATS times in one article adds no
                # evidence, only work (a huge repetitive article would make matching
                # quadratic): later repeats are not indexed.
                if seen.get(gram, 0) >= MAX_REPEATS:
                    continue
                self.postings[gram].append((number, i))
                if gram not in seen:
                    df[gram] += 1
                seen[gram] = seen.get(gram, 0) + 1
        count = max(len(self.keys), 1)
        top = math.log((count + 1) / 0.5)
        self.weights = {g: max(0.0, math.log((count + 1) / (d + 0.5)) / top) for g, d in df.items()}
        if weights_from is not None:
            self.weights = {g: weights_from.weights.get(g, default_weight) for g in df}
        self.mass = {n: sum(self.weights[k[i:i + N]] for i in range(len(k) - N + 1)) for n, k in self.keys.items()}

    def masked_key(self, text: str) -> tuple[str, list[int]]:
        """The paragraph's key with names masked: titles in 《》, the statute's own title,
        and chapter titles where the paragraph lists the statute's structure."""
        key, offsets = normalise(text)
        chars = list(key)
        spans = []
        depth, start = 0, 0
        for i, ch in enumerate(text):
            if ch in "《〈":
                if depth == 0:
                    start = i
                depth += 1
            elif ch in "》〉" and depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, i))
        if spans:
            inside = [0] * (len(text) + 2)          # +1 at a span's start, -1 after its end
            for a, b in spans:
                inside[a] += 1
                inside[b + 1] -= 1
            for i in range(1, len(inside)):
                inside[i] += inside[i - 1]
            for k, off in enumerate(offsets):
                if inside[off] > 0:
                    chars[k] = "\x00"
        def mask_all(needle: str) -> int:
            found, pos = 0, key.find(needle)
            while pos != -1:
                found += 1
                for k in range(pos, pos + len(needle)):
                    chars[k] = "\x00"
                pos = key.find(needle, pos + len(needle))
            return found
        for title in self.title_keys:
            mask_all(title)
        present = [p for p in self.part_keys if p in key]
        if len(present) >= 2:
            for p in present:
                mask_all(p)
        return "".join(chars), offsets

    # ------------------------------------------------------------------ matching

    def _runs(self, key: str) -> list[tuple[int, int, int, int]]:
        """Maximal runs (article, diagonal, first trigram, last trigram) of shared trigrams."""
        active: dict[tuple[int, int], list[int]] = {}
        runs = []
        for i in range(len(key) - N + 1):
            hits = self.postings.get(key[i:i + N])
            if not hits:
                continue
            for article, j in hits:
                diag = j - i
                cur = active.get((article, diag))
                if cur is not None and cur[1] == i - 1:
                    cur[1] = i
                else:
                    if cur is not None:
                        runs.append((article, diag, cur[0], cur[1]))
                    active[(article, diag)] = [i, i]
        runs.extend((a, d, s, e) for (a, d), (s, e) in active.items())
        return runs

    def _trigram_weights(self, key: str) -> tuple[list[float], list[float]]:
        """Weight of the trigram at each position, and prefix sums (range sums in O(1))."""
        tw = [self.weights.get(key[i:i + N], 0.0) for i in range(max(len(key) - N + 1, 0))]
        prefix = [0.0]
        for w in tw:
            prefix.append(prefix[-1] + w)
        return tw, prefix

    def _chains(self, key: str, tw: list[float] | None = None, prefix: list[float] | None = None) -> list[Chain]:
        if tw is None or prefix is None:
            tw, prefix = self._trigram_weights(key)
        by_article: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for article, diag, s, e in self._runs(key):
            # A run of common trigrams only (人工智能) is no evidence and would only slow the
            # chaining down: keep runs with some weight, or long enough to bridge a gap.
            if e - s >= 2 or prefix[e + 1] - prefix[s] >= MIN_RUN_WEIGHT:
                by_article[article].append((s, e, diag))
        chains: list[Chain] = []
        for article, runs in by_article.items():
            runs.sort()
            # Best chain ending at each run (longest-path over runs, in order of both texts).
            # A run can only continue one that ends within N + MAX_GAP characters before it
            # starts: look those up by end position (linear in the runs, not quadratic).
            best: list[tuple[float, int]] = []
            ending_at: dict[int, list[int]] = defaultdict(list)
            for idx, (s, e, d) in enumerate(runs):
                own = prefix[e + 1] - prefix[s]
                score, prev = own, -1
                a_s = s + d
                nearby = sorted(p for end in range(s - N - MAX_GAP, s) for p in ending_at.get(end, ()))
                ending_at[e].append(idx)
                for pidx in nearby:
                    ps, pe, pd = runs[pidx]
                    pa_e = pe + pd
                    gap_p = s - (pe + N)
                    gap_a = a_s - (pa_e + N)
                    if pe >= s or pa_e >= a_s:
                        continue
                    if -N < gap_p <= MAX_GAP and -N < gap_a <= MAX_GAP:
                        if best[pidx][0] + own > score:
                            score, prev = best[pidx][0] + own, pidx
                best.append((score, prev))
            used: set[int] = set()
            for idx in sorted(range(len(runs)), key=lambda k: -best[k][0]):
                if idx in used:
                    continue
                members = []
                k = idx
                while k != -1 and k not in used:
                    members.append(k)
                    k = best[k][1]
                members.reverse()
                used.update(members)
                diagonals = {i: i + runs[m][2] for m in members for i in range(runs[m][0], runs[m][1] + 1)}
                positions = sorted(diagonals)
                weight = sum(tw[i] for i in positions)
                if weight < MIN_CHAIN_WEIGHT:
                    continue
                first, last = runs[members[0]], runs[members[-1]]
                chains.append(Chain(article, first[0], last[1] + N, first[0] + first[2], last[1] + last[2] + N,
                                    positions, weight, diagonals))
        return chains

    def match(self, text: str, threshold: float | None = None, *, everything: bool = False) -> list[Match]:
        """Articles whose text ``text`` reproduces, best first.

        ``threshold`` replaces ``THRESHOLD`` (the coverage rules scale with it);
        ``everything`` returns every candidate with its strength, linked or not (for calibration).
        """
        threshold = self.threshold if threshold is None else threshold
        short = threshold * SHORT_THRESHOLD / THRESHOLD
        key, offsets = self.masked_key(text)
        if len(key) < N:
            return []
        tw, prefix = self._trigram_weights(key)
        chains = self._chains(key, tw, prefix)
        potential: dict[int, float] = defaultdict(float)
        for chain in chains:
            potential[chain.article] += chain.weight
        # Heaviest first; between equal chains (text two articles share), the article with
        # more evidence in the paragraph as a whole.
        chains.sort(key=lambda c: (-round(c.weight, 6), -potential[c.article], c.article, c.p_start))
        claimed: set[int] = set()
        used_article_text: dict[int, set[int]] = defaultdict(set)   # article offsets already evidence
        won: dict[int, list[tuple[float, Chain]]] = defaultdict(list)
        for chain in chains:
            # A paragraph that quotes the same words twice is not twice the evidence.
            used = used_article_text[chain.article]
            free = [i for i in chain.positions if i not in claimed and chain.diagonals[i] not in used]
            weight = sum(tw[i] for i in free)
            if weight < MIN_CHAIN_WEIGHT or weight < 0.5 * chain.weight:
                continue
            claimed.update(chain.positions)
            used.update(chain.diagonals[i] for i in chain.positions)
            won[chain.article].append((weight, chain))
        passage_mass = sum(self.weights.get(key[i:i + N], 1.0) for i in range(len(key) - N + 1)
                           if "\x00" not in key[i:i + N]) or 1.0
        strengths: dict[int, tuple[float, float, float, float]] = {}
        for article, items in won.items():
            total = sum(w for w, _ in items)
            a_cover = total / (self.mass.get(article) or 1.0)
            p_cover = total / passage_mass
            strength = total / threshold
            if total >= short:
                strength = max(strength, a_cover / ARTICLE_COVER, p_cover / PASSAGE_COVER)
            strengths[article] = (strength, total, a_cover, p_cover)
        linked = {a for a, (st, *_rest) in strengths.items() if st >= 1.0}
        out = []
        for article, items in won.items():
            strength, total, a_cover, p_cover = strengths[article]
            if strength < 1.0 and total >= short and any(
                    abs(article - other) <= NEIGHBOURS for other in linked if other != article):
                strength = 1.0
            if strength < 1.0 and not everything:
                continue
            best = max(items, key=lambda x: x[0])[1]
            start = offsets[best.p_start]
            end = offsets[min(best.p_end, len(offsets)) - 1] + 1
            out.append(Match(article, total, round(strength / (strength + 1.0), 3), text[start:end],
                             (start, end), [c for _, c in items], round(a_cover, 3), round(p_cover, 3)))
        out.sort(key=lambda m: (-m.score, m.article))
        return out
