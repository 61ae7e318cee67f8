"""English commentary links through the articles' English; generic paragraphs do not."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from generator.linking.link import StatuteLinker, statute_english
from generator.linking.english_index import EnglishIndex, match_inputs, stem, tokens
from tests.linking.test_quality import score
from tests.linking.test_robustness import noisy
from tests.conftest import REPO

DATA = yaml.safe_load((REPO / "tests" / "data" / "english_commentary.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linkers(project):
    return {sid: StatuteLinker(s, project.english) for sid, s in project.statutes.items()}


def cases(group):
    group = {k: v for k, v in group.items() if k != "held-out"}
    for statute, items in group.items():
        for item in items:
            yield statute, item["text"], item["articles"]


@pytest.mark.parametrize("statute, text, articles",
                         list(cases({k: v for k, v in DATA.items() if k != "held-out"})))
def test_english_paragraphs(linkers, statute, text, articles):
    result = linkers[statute].link_text(text)
    assert sorted(l.article for l in result.links) == sorted(articles)
    for link in result.links:
        assert link.evidence and link.evidence in text


def test_english_held_out(linkers):
    gold, found = set(), set()
    for i, (statute, text, articles) in enumerate(cases(DATA["held-out"])):
        gold.update((i, a) for a in articles)
        found.update((i, l.article) for l in linkers[statute].link_text(text).links)
    precision, recall, *_ = score(gold, found)
    print(f"\nheld-out English: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.8


def test_english_with_scraping_noise(linkers):
    rng = random.Random(11)
    for statute, text, articles in cases({k: v for k, v in DATA.items() if k != "held-out"}):
        got = sorted(l.article for l in linkers[statute].link_text(noisy(text, rng, 0.06, spaces=False)).links)
        assert got == sorted(articles), text


def test_english_links_use_the_english_method_fields(linkers):
    [link] = linkers["shenzhen-ai-2022"].link_text(
        "The city government must set up a municipal AI ethics committee to draw up ethical norms.").links
    assert (link.article, link.method, link.language) == (65, "similarity", "en")
    assert 0.5 <= link.score <= 1


def test_tokens_and_stems():
    assert [t for t, _, _ in tokens("AI firms set up ethics committees")] == [
        "artificial", "intelligenc", "enterpris", "establish", "ethic", "committe"]
    assert stem("trialled") == stem("trials") == "trial"
    assert [t for t, _, _ in tokens("ｅｔｈｉｃｓ\u200b ｃｏｍｍｉｔｔｅｅ")] == ["ethic", "committe"]


def test_match_inputs_decide_every_match(project):
    """The commentary-links cache key holds :func:`match_inputs`, not the whole English: so an
    edit to an article's English that leaves them equal must leave every match equal.
    Tried on the seed statute's English with edits of four kinds to a dozen articles."""
    english = statute_english(project.statutes["shenzhen-ai-2022"], project.english)
    texts = [text for group in (DATA, DATA["held-out"]) for statute, text, _ in cases(group)
             if statute == "shenzhen-ai-2022"]
    before = EnglishIndex(english)
    expected = [before.match(t) for t in texts]
    rng = random.Random(5)
    kept = changed = 0
    for number in rng.sample(sorted(english), 12):
        words = english[number].split()
        for edit in (" ".join(words[:-6]),                                  # a sentence cut short
                     english[number] + " Zyxwvut quorblestone.",            # words no paragraph has
                     english[number] + " " + rng.choice(texts),             # words the paragraphs have
                     " ".join(reversed(words))):                            # the same words, other pairs
            mutated = {**english, number: edit}
            if match_inputs(mutated, texts) == match_inputs(english, texts):
                kept += 1
                index = EnglishIndex(mutated)
                assert [index.match(t) for t in texts] == expected, (number, edit)
            else:
                changed += 1
    assert kept >= 12 and changed >= 12   # both kinds of edit were tried


def test_words_of_clean_and_noisy_text_keep_their_offsets(project):
    """Clean text takes a quicker path through :func:`strip_noise` and word splitting: on the
    seed English and Chinese, clean and with scraped-copy noise (full-width letters, entities,
    invisible characters, symbols), the words and offsets are those of the rule written out
    character by character."""
    import unicodedata
    from generator.linking.english_index import _TOKEN, _words
    from generator.linking.normalize import ENTITY, _is_noise, strip_noise

    def reference(text):
        skip = {i for m in ENTITY.finditer(text) for i in range(m.start(), m.end())}
        kept = [(i, ch) for i, ch in enumerate(text) if i not in skip and not _is_noise(ch)]
        chars = [(c, i) for i, ch in kept
                 for c in (ch.lower() if ch.isascii() else unicodedata.normalize("NFKC", ch).lower())]
        folded = "".join(c for c, _ in chars)
        return kept, [(m.group(), chars[m.start()][1], chars[m.end() - 1][1] + 1) for m in _TOKEN.finditer(folded)]

    rng = random.Random(3)
    english = statute_english(project.statutes["shenzhen-ai-2022"], project.english)
    texts = [*english.values(), *(a.plain_text() for a in project.statutes["shenzhen-ai-2022"].articles)]
    texts += [noisy(t, rng, 0.1, spaces=False) for t in texts] + ["ﬁne ﬂow ＡＩ&nbsp;Ⅻ ㈠ e\u0301"]
    for text in texts:
        kept, words = reference(text)
        clean, offsets = strip_noise(text)
        assert (clean, offsets) == ("".join(ch for _, ch in kept), [i for i, _ in kept])
        assert _words(text) == words
