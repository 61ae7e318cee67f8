"""Comparison keys for linking Chinese text: robust to script, width, spacing and noise.

A key keeps only what carries meaning for matching — Chinese characters and runs of two or
more ASCII letters or digits — after

* Traditional -> Simplified (OpenCC ``t2s``),
* NFKC (full-width letters, digits and punctuation -> ASCII; compatibility forms),
* lower case,
* dropping whitespace, zero-width characters, punctuation, symbols and single stray
  letters or digits (the characters scraped copies inject between words),
* folding a few interchangeable characters (做出/作出, 其它/其他).

Every key character remembers the offset of the character it came from, so a match in
keys maps back to a passage of the original text (the evidence shown to editors).
Keys are never displayed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator import cache
from generator.textnorm import is_cjk

# HTML entities left in scraped text as literal characters (&nbsp; &#8203;).
ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});")

_VARIANTS = str.maketrans({"做": "作", "它": "他", "账": "帐", "叁": "三", "兩": "两"})


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, same length (falls back to one character at a time)."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for ch in text:
        c = _t2s().convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def normalise(text: str) -> tuple[str, list[int]]:
    """(key, offsets): the comparison key of ``text`` and, per key character, its offset."""
    simplified = to_simplified(text)
    skip = {i for m in ENTITY.finditer(simplified) for i in range(m.start(), m.end())}
    chars: list[str] = []
    offsets: list[int] = []
    run: list[tuple[str, int]] = []      # pending ASCII letters/digits

    def flush_run() -> None:
        if len(run) >= 2:
            for c, o in run:
                chars.append(c)
                offsets.append(o)
        run.clear()

    for index, ch in enumerate(simplified):
        if index in skip:
            flush_run()
            continue
        for c, kind in _fold(ch):
            if kind is _CJK:
                flush_run()
                chars.append(c)
                offsets.append(index)
            elif kind is _ALNUM:
                run.append((c, index))
            else:
                flush_run()
    flush_run()
    return "".join(chars), offsets


_CJK, _ALNUM, _OTHER = "cjk", "alnum", "other"


@lru_cache(maxsize=65536)
def _fold(ch: str) -> tuple[tuple[str, str], ...]:
    """One character's key characters (NFKC, lower case, variants unified) and their kind:
    Chinese, a letter or digit of any script (kept in runs of two or more), or other."""
    out = []
    for c in unicodedata.normalize("NFKC", ch).lower():
        if is_cjk(c):
            out.append((c.translate(_VARIANTS), _CJK))
        else:
            out.append((c, _ALNUM if c.isalnum() else _OTHER))
    return tuple(out)


@cache.memo("text-keys")     # remembered from build to build: quotations and articles mostly repeat
def key(text: str) -> str:
    return normalise(text)[0]


_NOISE_CATEGORIES = {"Cf", "Co", "Cs", "So", "Sm", "Sk"}
_NOISE_CHARS = set("*#|\\^_`•●○◎★☆※▲△▼▽◆◇■□")


def strip_noise(text: str) -> tuple[str, list[int]]:
    """``text`` without injected noise (invisible characters, symbols, HTML entities), and
    for each remaining character its offset in ``text``.  Letters, digits, Chinese and
    ordinary punctuation are kept, so the result can still be parsed (citations)."""
    skip = {i for m in ENTITY.finditer(text) for i in range(m.start(), m.end())}
    if not skip and not any(map(_is_noise, set(text))):
        return text, list(range(len(text)))      # clean text (most of it): nothing to drop
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if i in skip or _is_noise(ch):
            continue
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


@lru_cache(maxsize=65536)
def _is_noise(ch: str) -> bool:
    return ch in _NOISE_CHARS or unicodedata.category(ch) in _NOISE_CATEGORIES
