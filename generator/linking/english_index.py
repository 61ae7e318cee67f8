"""English commentary: which articles an English paragraph paraphrases, through the
articles' English (reviewed translations or machine drafts from ``project.english``).

Press English paraphrases more freely than Chinese commentary quotes, so matching is on
stemmed content words rather than characters:

* tokens: NFKC, lower case, letters and digits; "AI" -> artificial intelligence; a light
  suffix stemmer (trials/trialled -> trial, ethical/ethics -> ethic); a few words the press
  uses for the statute's terms (firms/companies -> enterprise, set up -> establish,
  city -> municipal, ban -> prohibit);
* stop words dropped; every stem and every pair of adjacent stems weighs by its rarity
  among the statute's articles (IDF scaled to 0..1), so "artificial intelligence industry"
  weighs nothing and "ethics committee" a lot;
* an inverted index from stems to articles: only articles sharing a word are scored;
* evidence = shared pairs (phrases) count fully, shared single words half; articles claim
  the paragraph's words heaviest first, as in :mod:`.similarity`;
* a link needs ``THRESHOLD`` of evidence including at least one shared phrase, or twice
  that in single words, or (a short paragraph about one provision) ``SHORT_THRESHOLD``
  with a shared phrase that covers ``PASSAGE_COVER`` of the paragraph's weight; the
  evidence shown is the paragraph's sentence with most of it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from generator.linking.normalize import strip_noise
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

THRESHOLD = 3.5
SHORT_THRESHOLD = 1.5   # ... or this much, if it is
PASSAGE_COVER = 0.5     # this share of a (short) paragraph's words

STOP = set("""
a about above across after afterwards again against all almost alone along already also although always am
among amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because
become becomes becoming been before beforehand behind being below beside besides between beyond both but by
can cannot could did do does doing done down due during each eg either else elsewhere enough etc even ever
every everyone everything everywhere except few for former formerly from further had has have having he her
here hereby herein hers herself him himself his how however i ie if in inc indeed into is it its itself just
last latter least less made many may me meanwhile might more moreover most mostly much must my myself
namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once
one only onto or other others otherwise our ours ourselves out over own per perhaps please put rather re
same see seem seemed seeming seems several she should since so some somehow someone something sometime
sometimes somewhere still such than that the their theirs them themselves then thence there thereafter
thereby therefore therein thereupon these they this those though through throughout thru thus to together
too toward towards under until up upon us very via was we well were what whatever when whence whenever where
whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose
why will with within without would yet you your yours yourself yourselves said says say new also like
shall thereof hereinafter relevant such including include includes
""".split())

# Press words -> the statute's words (applied to whole tokens before stemming).
SYNONYMS = {
    "ai": "artificial intelligence", "firms": "enterprises", "firm": "enterprise", "companies": "enterprises",
    "company": "enterprise", "businesses": "enterprises", "business": "enterprise",
    "universities": "higher education institutions", "university": "higher education institution",
    "colleges": "higher education institutions", "institutes": "institutions", "institute": "institution",
    "city": "municipal", "municipality": "municipal", "city's": "municipal", "shenzhen's": "shenzhen",
    "bans": "prohibits", "ban": "prohibit", "banned": "prohibited", "forbids": "prohibits", "forbid": "prohibit",
    "outlaws": "prohibits", "create": "establish", "creates": "establishes", "created": "established",
    "launch": "establish", "programmes": "projects", "programme": "project", "programs": "projects",
    "program": "project", "startups": "start ups", "watchdog": "authority", "regulator": "authority",
    "opensource": "open source", "supercomputing": "supercomputing", "centre": "center",
}
# Press phrases -> the statute's words (on the word sequence, before stop words go).
PHRASES = [
    (("set", "up"), ("establish",)), (("sets", "up"), ("establishes",)), (("setting", "up"), ("establishing",)),
    (("in", "advance"), ("prior",)), (("beforehand",), ("prior",)), (("afterwards",), ("ex", "post")),
    (("afterward",), ("ex", "post")), (("take", "effect"), ("come", "into", "force")),
    (("takes", "effect"), ("come", "into", "force")), (("took", "effect"), ("come", "into", "force")),
    (("effective", "from"), ("come", "into", "force")),
]

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# PHRASES by first word, longest first: the tokenizer looks up only the phrases that can start here.
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _phrase, _replacement in PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _replacement))
for _list in _PHRASES_BY_FIRST.values():
    _list.sort(key=lambda pr: -len(pr[0]))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stemmer (enough to join trials/trialled/trial, ethics/ethical)."""
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suffix, repl in (("ational", "ate"), ("ization", "ize"), ("isation", "ize"), ("ations", "ate"),
                         ("ation", "ate"), ("ities", "ity"), ("ically", "ic"), ("ical", "ic"), ("ics", "ic"),
                         ("iness", "y"), ("ness", ""), ("ments", "ment"), ("ies", "y"), ("sses", "ss"),
                         ("ing", ""), ("ied", "y"), ("ed", ""), ("ly", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith(("ory", "ive")) and len(w) > 6:                  # regulatory, innovative
        w = w[:-3]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] in "lptnmgdr":     # trialled -> trial, planned -> plan
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if w.endswith(("ize", "ise")) and len(w) > 5:
        w = w[:-3]
    if w.endswith("at") and len(w) > 6:                            # regulat(e|ion) -> regul
        w = w[:-2]
    if w.endswith("er") and len(w) > 6:                            # computer -> comput
        w = w[:-2]
    return w


@functools.lru_cache(maxsize=65536)
def _fold(ch: str) -> str:
    return ch.lower() if ch.isascii() else unicodedata.normalize("NFKC", ch).lower()


def _words(text: str) -> list[tuple[str, int, int]]:
    """Lower-case words with their offsets in ``text``; noise and width differences ignored."""
    clean, offsets = strip_noise(text)
    if all(len(_fold(ch)) == 1 for ch in set(clean)):   # one character for one: offsets as they are
        folded = "".join(map(_fold, clean))
        return [(m.group(), offsets[m.start()], offsets[m.end() - 1] + 1) for m in _TOKEN.finditer(folded)]
    chars, where = [], []
    for ch, off in zip(clean, offsets):
        folded_ch = _fold(ch)
        if len(folded_ch) == 1:
            chars.append(folded_ch)
            where.append(off)
            continue
        for c in folded_ch:
            chars.append(c)
            where.append(off)
    folded = "".join(chars)
    return [(m.group(), where[m.start()], where[m.end() - 1] + 1) for m in _TOKEN.finditer(folded)]


@functools.lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(stem, start, end) of every content word; offsets are into ``text``.  Cached: the
    commentary-links key, the index and its matching all read the same texts."""
    words = _words(text)
    out = []
    i = 0
    while i < len(words):
        for phrase, replacement in _PHRASES_BY_FIRST.get(words[i][0], ()):
            n = len(phrase)
            if tuple(w for w, _, _ in words[i:i + n]) == phrase:
                start, end = words[i][1], words[i + n - 1][2]
                expanded = [(r, start, end) for r in replacement]
                i += n
                break
        else:
            expanded = [words[i]]
            i += 1
        for word, start, end in expanded:
            replacement = SYNONYMS.get(word)
            for w in (replacement.split() if replacement else [word]):
                if w in STOP or (w.isdigit() and len(w) < 3):
                    continue
                out.append((stem(w), start, end))
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(s for s, _, _ in tokens(text))


def match_inputs(articles: dict[int, str], texts: Iterable[str]) -> list:
    """Everything ``EnglishIndex(articles).match(t)`` reads, for every ``t`` in ``texts``.

    ``match`` looks only at the stems of its text: which articles hold each of them
    (postings, unigrams), which articles hold each pair of them side by side (bigrams), their
    weights (from those counts and the number of articles with any word).  So the index
    restricted to the stems of ``texts`` decides every match, and an edit to an article's
    English that adds or removes none of those stems (or pairs) cannot change a match:
    a cache key may hold this instead of the whole English (:func:`generator.pipeline.load_commentary`).
    """
    wanted = {s for t in texts for s in _stems(t)}
    out = []
    for number, text in sorted(articles.items()):
        stems = _stems(text)
        if not stems:
            continue   # not in the index, not counted
        pairs = {(a, b) for a, b in zip(stems, stems[1:]) if a in wanted and b in wanted}
        out.append((number, sorted(wanted.intersection(stems)), sorted(pairs)))
    return out


@dataclass
class EnglishMatch:
    article: int
    weight: float
    score: float
    evidence: str
    span: tuple[int, int]


class EnglishIndex:
    def __init__(self, articles: dict[int, str], *, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.unigrams: dict[int, set[str]] = {}
        self.bigrams: dict[int, set[tuple[str, str]]] = {}
        postings: dict[str, set[int]] = defaultdict(set)
        df: dict = defaultdict(int)
        for number, text in articles.items():
            toks = [t for t, _, _ in tokens(text)]
            if not toks:
                continue
            uni = set(toks)
            bi = set(zip(toks, toks[1:]))
            self.unigrams[number], self.bigrams[number] = uni, bi
            for t in uni:
                postings[t].add(number)
                df[t] += 1
            for b in bi:
                df[b] += 1
        self.postings = postings
        count = max(len(self.unigrams), 1)
        top = math.log((count + 1) / 0.5)
        self.weights = {g: max(0.0, math.log((count + 1) / (d + 0.5)) / top) for g, d in df.items()}

    def match(self, text: str, threshold: float | None = None) -> list[EnglishMatch]:
        threshold = self.threshold if threshold is None else threshold
        toks = tokens(text)
        if not toks:
            return []
        stems = [t for t, _, _ in toks]
        candidates = set()
        for s in set(stems):
            candidates.update(self.postings.get(s, ()))
        # evidence per article: positions (token indices) it explains, with weights
        evidence: dict[int, dict[int, float]] = {}
        phrases: dict[int, int] = defaultdict(int)
        for article in candidates:
            uni, bi = self.unigrams[article], self.bigrams[article]
            pos_weight: dict[int, float] = {}
            seen_uni, seen_bi = set(), set()
            for i, s in enumerate(stems):
                if s in uni and s not in seen_uni:
                    seen_uni.add(s)
                    pos_weight[i] = max(pos_weight.get(i, 0.0), 0.5 * self.weights.get(s, 0.0))
                if i + 1 < len(stems):
                    pair = (s, stems[i + 1])
                    if pair in bi and pair not in seen_bi:
                        seen_bi.add(pair)
                        w = self.weights.get(pair, 0.0)
                        if w > 0.3:
                            phrases[article] += 1
                        pos_weight[i] = max(pos_weight.get(i, 0.0), w / 2 + 0.5 * self.weights.get(s, 0.0))
                        pos_weight[i + 1] = max(pos_weight.get(i + 1, 0.0),
                                                w / 2 + 0.5 * self.weights.get(stems[i + 1], 0.0))
            evidence[article] = pos_weight
        mass = sum(self.weights.get(s, 1.0) for s in stems) or 1.0
        order = sorted(candidates, key=lambda a: (-sum(evidence[a].values()), a))
        claimed: set[int] = set()
        out = []
        for article in order:
            free = {i: w for i, w in evidence[article].items() if i not in claimed}
            total = sum(free.values())
            need = threshold if phrases[article] else 2 * threshold
            strength = total / need
            if phrases[article] and total >= threshold * SHORT_THRESHOLD / THRESHOLD:
                strength = max(strength, total / mass / PASSAGE_COVER)
            if strength < 1.0:
                continue
            claimed.update(i for i, w in free.items() if w > 0.15)
            start, end = _evidence_sentence(text, [toks[i] for i in free if free[i] > 0.15])
            out.append(EnglishMatch(article, round(total, 3), round(strength / (strength + 1.0), 3),
                                    text[start:end].strip(), (start, end)))
        out.sort(key=lambda m: (-m.score, m.article))
        return out


def _evidence_sentence(text: str, toks: list[tuple[str, int, int]]) -> tuple[int, int]:
    """The sentence of ``text`` holding most of the matched words."""
    bounds = [0] + [m.end() for m in re.finditer(r"[.;!?](?=\s)", text)] + [len(text)]
    if not toks:
        return 0, len(text)
    best, best_count = (0, len(text)), -1
    for a, b in zip(bounds, bounds[1:]):
        count = sum(1 for _, s, e in toks if a <= s < b)
        if count > best_count:
            best, best_count = (a, b), count
    return best
