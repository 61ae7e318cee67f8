"""How the site search reads text: normalisation, terms and their positions.

The browser (``site_config/overrides/assets/javascripts/search.js``) reads a query with the
same rules, so a query's terms are the index's terms:

* **Normalisation**, character by character (the length never changes, so a match in the
  normalised text is a match at the same offsets in the original): full-width ASCII and the
  ideographic space to half-width, Traditional to Simplified with a character map made from
  OpenCC's ``t2s`` (:func:`t2s_map`; shipped to the browser as ``t2s.js``), lower case.
* **Chinese**: every Han character is a unigram and every two neighbouring Han characters a
  bigram (neighbours across spaces too: the OCR copy has 算 法 for 算法; never across
  punctuation).  A phrase is found as the run of its bigrams at consecutive positions.
* **Other scripts**: runs of ASCII letters and digits are words; a word of letters only is
  reduced by the Porter stemmer (snowballstemmer's ``porter``; the browser has its own port,
  checked against this one by the tests), so *penalties* finds *penalty*.
* **Positions**: each Han character and each word takes one position; punctuation and
  spaces take none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import opencc
import snowballstemmer

# Han characters: CJK unified ideographs, extension A, compatibility ideographs, 〇.
HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"([{HAN_CLASS}])|([a-z0-9]+)|([ \t\u00a0\r\n]+)")
_T2S_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=1)
def t2s_map() -> dict[str, str]:
    """Traditional -> Simplified for single characters, from OpenCC's ``t2s`` dictionary.

    Only characters OpenCC turns into one different character (of the Basic Multilingual
    Plane, so the browser can read the map two UTF-16 units at a time) are listed;
    phrase-level conversions (which OpenCC also knows) are out of reach of such a map.
    """
    chars = [chr(code) for first, last in _T2S_RANGES for code in range(first, last + 1)]
    # One call, a line per character: no dictionary phrase spans a line break.
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):          # cannot happen with OpenCC's dictionaries; be safe
        converter = opencc.OpenCC("t2s")
        converted = [converter.convert(ch) for ch in chars]
    return {ch: s for ch, s in zip(chars, converted) if len(s) == 1 and s != ch and ord(s) <= 0xFFFF}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """str.translate table: full-width ASCII and the ideographic space, then T->S."""
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table.update({ord(t): s for t, s in t2s_map().items()})
    return table


def normalise(text: str) -> str:
    """Same length as ``text``: width, script and case folded character by character."""
    folded = text.translate(_table())
    lower = folded.lower()
    if len(lower) == len(folded):
        return lower
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, ch.lower()) for ch in folded))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("porter")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A lower-case word's index term: letters-only words of three or more letters stemmed,
    others (5g, 2022, of) as they are."""
    return _stemmer().stemWord(word) if len(word) > 2 and word.isalpha() else word


class Term(NamedTuple):
    key: str          # a Han character, two Han characters, or a (stemmed) word
    pos: int          # the position of its first character or word
    positional: bool  # bigrams and words keep positions; unigrams only counts


def scan(norm: str, start: int = 0) -> tuple[list[tuple[str, int, bool]], int]:
    """:func:`terms` of already normalised text, as plain tuples (the index builder's fast path)."""
    out: list[tuple[str, int, bool]] = []
    append = out.append
    pos = start
    prev_han: str | None = None      # the last Han character, if nothing but spaces followed it
    last_end = 0
    for m in _TOKEN.finditer(norm):
        if m.start() != last_end:    # punctuation or a symbol in between: a Han run ends
            prev_han = None
        last_end = m.end()
        han, word, space = m.groups()
        if space is not None:
            continue
        if han is not None:
            append((han, pos, False))
            if prev_han is not None:
                append((prev_han + han, pos - 1, True))
            prev_han = han
        else:
            append((stem(word), pos, True))
            prev_han = None
        pos += 1
    return out, pos


def terms(text: str, start: int = 0) -> tuple[list[Term], int]:
    """The terms of ``text`` (normalised here) from position ``start``; (terms, next position)."""
    found, end = scan(normalise(text), start)
    return [Term(*t) for t in found], end
