"""Chinese numerals as they appear in statute numbering (第七十三条, 第一百零五條).

Conversion is delegated to ``cn2an``; this module only adapts the forms found in
statutes (Traditional 兩/參, full-width digits, 〇) and provides the ordinal wording
used in citations.
"""

from __future__ import annotations

import functools

import cn2an

from generator.textnorm import fold

# Characters allowed in the number part of a heading.
NUMERAL_CHARS = "零〇一二三四五六七八九十百千两兩壹贰參叁肆伍陆陸柒捌玖拾佰0123456789０１２３４５６７８９"

_TRAD = str.maketrans({"兩": "两", "參": "三", "叁": "三"})


@functools.lru_cache(maxsize=65536)
def parse_numeral(text: str) -> int | None:
    """``"七十三"`` -> 73, ``"73"`` -> 73; ``None`` if the text is not a number."""
    text = fold(text).strip().translate(_TRAD)
    if not text:
        return None
    if text.isdecimal():      # not str.isdigit(): that also accepts ① and ², which int() refuses
        return int(text)
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    return value if value >= 0 else None


@functools.lru_cache(maxsize=65536)   # cn2an is slow; a site asks for the same numbers many times
def chinese_numeral(number: int) -> str:
    """73 -> ``"七十三"`` (the form used in 第七十三条)."""
    return cn2an.an2cn(number)


def article_label_zh(number: int, insert: int = 0) -> str:
    """73 -> 第七十三条; (133, 1) -> 第一百三十三条之一 (an article inserted by amendment)."""
    return f"第{chinese_numeral(number)}条" + (f"之{chinese_numeral(insert)}" if insert else "")


def book_label_zh(number: int) -> str:
    return f"第{chinese_numeral(number)}编"


def subbook_label_zh(number: int) -> str:
    return f"第{chinese_numeral(number)}分编"


def chapter_label_zh(number: int) -> str:
    return f"第{chinese_numeral(number)}章"


def section_label_zh(number: int) -> str:
    return f"第{chinese_numeral(number)}节"
