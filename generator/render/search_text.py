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
from dataclasses import dataclass
from functools import lru_cache

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
    converter = opencc.OpenCC("t2s")
    out = {}
    for first, last in _T2S_RANGES:
        for code in range(first, last + 1):
            ch = chr(code)
            simplified = converter.convert(ch)
            if len(simplified) == 1 and simplified != ch and ord(simplified) <= 0xFFFF:
                out[ch] = simplified
    return out


def _width(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000:
        return " "
    return ch


def normalise(text: str) -> str:
    """Same length as ``text``: width, script and case folded character by character."""
    table = t2s_map()
    out = []
    for ch in text:
        ch = _width(ch)
        ch = table.get(ch, ch)
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("porter")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A lower-case word's index term: letters-only words of three or more letters stemmed,
    others (5g, 2022, of) as they are."""
    return _stemmer().stemWord(word) if len(word) > 2 and word.isalpha() else word


@dataclass(frozen=True)
class Term:
    key: str          # a Han character, two Han characters, or a (stemmed) word
    pos: int          # the position of its first character or word
    positional: bool  # bigrams and words keep positions; unigrams only counts


def terms(text: str, start: int = 0) -> tuple[list[Term], int]:
    """The terms of ``text`` (normalised here) from position ``start``; (terms, next position)."""
    out: list[Term] = []
    pos = start
    prev_han: str | None = None      # the last Han character, if nothing but spaces followed it
    last_end = 0
    for m in _TOKEN.finditer(normalise(text)):
        if m.start() != last_end:    # punctuation or a symbol in between: a Han run ends
            prev_han = None
        last_end = m.end()
        han, word, space = m.groups()
        if space is not None:
            continue
        if han is not None:
            out.append(Term(han, pos, False))
            if prev_han is not None:
                out.append(Term(prev_han + han, pos - 1, True))
            prev_han = han
        else:
            out.append(Term(stem(word), pos, True))
            prev_han = None
        pos += 1
    return out, pos
