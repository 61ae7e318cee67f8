"""Explicit citations of a statute's own articles: 第四十四条, 第十二条至第二十五条,
第二条、第五条至第十一条, 第44條, Article 44, Articles 12 to 25.

* Ranges are expanded; lists (、 , 和 及 与 以及) are followed; sub-references
  (第一款, 第（三）项) are skipped.
* Only the statute's own articles: a citation qualified by another law (《中华人民共和国
  民法典》第十条, 民法典第十条, Article 10 of the Civil Code) is recognised and ignored.
  Unqualified citations, and those qualified by the statute's own title, 《条例》, 本条例
  or 该条例, are the statute's own.
* A citation cut short (OCR: 第二十六条至第四…) links what every possible reading shares
  and reports the rest: 第二十六条至第四 can only end at article 40–49 (第四十…条), so
  articles 26–40 are certain; the diagnostic says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.numerals import chinese_numeral, parse_numeral
from generator.textnorm import fold
from generator.linking.normalize import to_simplified
from generator.linking.normalize import strip_noise

# Same-length folding for parsing: Traditional forms of the words the grammar uses.
_FOLD = str.maketrans({"條": "条", "與": "与", "兩": "两", "該": "该", "項": "项", "〇": "零",
                       "參": "三", "叁": "三", "壹": "一", "贰": "二", "貳": "二", "肆": "四", "伍": "五",
                       "陆": "六", "陸": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百"})
NUM = "零一二两三四五六七八九十百千0123456789"
_SPACE = " \t\u3000\u00a0\u200b"
_RANGE = ("至", "到", "-", "—", "–", "~", "～", "－")
_LIST = ("以及", "、", "，", ",", "和", "及", "与", "或")
_LAW_SUFFIX = re.compile(r"(法典|法|条例|规定|办法|决定|细则|规则|章程|公约|协定|规划|方案|意见|通知)$")
_OWN_NAMES = {"条例", "本条例", "该条例", "此条例", "本法", "本规定", "本办法", "草案", "本草案", "征求意见稿"}


@dataclass
class Citation:
    start: int                       # offsets in the text
    end: int
    articles: list[int]              # the certain articles, in order
    uncertain: list[int] = field(default_factory=list)
    message: str | None = None       # why some articles are uncertain / out of range
    other_law: str | None = None     # set when the citation is of another law (then ignored)

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]


def _core_title(title: str) -> str:
    t = to_simplified(fold(title))
    t = re.sub(r"[(（][^()（）]*[)）]", "", t)
    return re.sub(r"[《》\s“”\"]", "", t)


def is_own_law(name: str, statute_title: str | None) -> bool:
    core = _core_title(name)
    if not core or core in _OWN_NAMES:
        return True
    if not statute_title:
        return False
    own = _core_title(statute_title)
    if core == own or own in core or (len(core) >= 6 and core in own):
        return True
    from rapidfuzz import fuzz
    return fuzz.ratio(core, own) >= 80


def completions(prefix: str, upto: int) -> list[int]:
    """Article numbers (1..upto) whose numeral begins with ``prefix`` (一 -> 1, 10-19 ...)."""
    if not prefix:
        return []
    if prefix.isdigit():
        return [n for n in range(1, upto + 1) if str(n).startswith(prefix)]
    prefix = prefix.replace("两", "二")
    return [n for n in range(1, upto + 1) if chinese_numeral(n).startswith(prefix)]


def _span_text(numbers: list[int]) -> str:
    if not numbers:
        return "none"
    if len(numbers) == 1:
        return f"article {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"articles {numbers[0]}–{numbers[-1]}"
    return "articles " + ", ".join(str(n) for n in numbers)


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.n = len(text)

    def skip_space(self, i: int) -> int:
        while i < self.n and self.text[i] in _SPACE:
            i += 1
        return i

    def number(self, i: int) -> tuple[str, int]:
        j = i
        while j < self.n and (self.text[j] in NUM or self.text[j] in _SPACE and j + 1 < self.n
                              and self.text[j + 1] in NUM and j > i):
            j += 1
        return self.text[i:j].replace(" ", "").replace("\u3000", ""), j

    def startswith_any(self, i: int, options) -> str | None:
        for opt in options:
            if self.text.startswith(opt, i):
                return opt
        return None


QUALIFIER_WINDOW = 200


def _qualifier(text: str, start: int) -> str | None:
    """The law a citation at ``start`` is qualified by (《…》 or a bare name), if any."""
    # Only the text just before the citation can qualify it (a bounded window keeps a long
    # paragraph linear: the whole prefix would be copied and searched for every citation).
    before = text[max(0, start - QUALIFIER_WINDOW):start].rstrip(_SPACE)
    for filler in ("的", "中", "之"):
        if before.endswith(filler) and before[:-1].rstrip(_SPACE).endswith("》"):
            before = before[:-1].rstrip(_SPACE)
    if before.endswith("》"):
        open_at = before.rfind("《")
        if open_at != -1:
            return before[open_at:]
    m = re.search(r"([\u4e00-\u9fff]{1,24})$", before)
    if m:
        name = m.group(1)
        for cut in ("依照", "根据", "按照", "依据", "对照", "参照", "按", "依", "即", "见", "在", "是", "了"):
            if cut in name:
                name = name[name.rfind(cut) + len(cut):]
        if name and (_LAW_SUFFIX.search(name) or name in _OWN_NAMES):
            return name
    return None


def find_citations(text: str, statute_title: str | None, article_count: int) -> list[Citation]:
    """Every explicit citation of an article in ``text`` (Chinese and English forms).

    Noise injected into scraped copies (zero-width characters, symbols, entities) is
    ignored; offsets in the result are those of ``text``.
    """
    clean, offsets = strip_noise(text)
    folded = fold(clean).translate(_FOLD)
    out = _chinese(folded, statute_title, article_count)
    out.extend(_english(folded, statute_title, article_count))
    for cit in out:
        cit.start = offsets[cit.start] if cit.start < len(offsets) else len(text)
        cit.end = (offsets[cit.end - 1] + 1) if 0 < cit.end <= len(offsets) else cit.start
    out.sort(key=lambda c: c.start)
    return out


def _chinese(text: str, statute_title: str | None, upto: int) -> list[Citation]:
    sc = _Scanner(text)
    out: list[Citation] = []
    i = 0
    while True:
        i = text.find("第", i)
        if i == -1:
            break
        cit = _chain(sc, i, upto)
        if cit is None:
            i += 1
            continue
        qualifier = _qualifier(text, i)
        if qualifier and not is_own_law(qualifier, statute_title):
            cit.other_law = qualifier
        out.append(cit)
        i = cit.end
    return out


@dataclass
class _Chain:
    """Where the reading of one 第A条… chain stands and what it has found so far."""
    sc: _Scanner
    start: int
    upto: int
    i: int
    end: int
    certain: list[int] = field(default_factory=list)
    uncertain: list[int] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    pending_range_from: int | None = None
    pending_list: list[int] = field(default_factory=list)      # 第五、六条: numbers waiting for their 条
    complete: bool = False


def _chain(sc: _Scanner, start: int, upto: int) -> Citation | None:
    """Parse 第A条[、第B条][至第C条]… beginning at ``start`` (the 第)."""
    st = _Chain(sc, start, upto, i=start, end=start)
    while _chain_step(st):
        pass
    if not st.complete:
        return None
    return _chain_citation(st)


def _chain_step(st: _Chain) -> bool:
    """Read the next numeral of the chain; False when the chain ends."""
    sc = st.sc
    text = sc.text
    has_di = text.startswith("第", st.i)
    j = sc.skip_space(st.i + 1) if has_di else st.i
    digits, k = sc.number(j)
    if not digits:
        return False
    value = parse_numeral(digits)
    k2 = sc.skip_space(k)
    if k2 < sc.n and text[k2] == "条":
        _close_article(st, value, k2)
        return _continues_after_article(st)
    return _numeral_without_article(st, value, digits, has_di, k, k2)


def _close_article(st: _Chain, value: int | None, k2: int) -> None:
    """Record the numbers a 条 at ``k2`` completes and skip the sub-references after it."""
    numbers = st.pending_list + [value]
    st.pending_list = []
    if st.pending_range_from is not None:
        lo = st.pending_range_from
        st.pending_range_from = None
        if value is not None and lo is not None and lo <= value:
            st.certain.extend(range(lo, value + 1))
        else:
            st.certain.extend(n for n in (lo, value) if n is not None)
    else:
        st.certain.extend(n for n in numbers if n is not None)
    st.complete = True
    st.i = k2 + 1
    st.end = st.i
    # sub-references: 第一款, 第（三）项
    while True:
        m = re.match(r"[ \u3000]*第[ \u3000]*(?:[(（][^()（）]{1,4}[)）]|[" + NUM + r"]+)[ \u3000]*[款项目]",
                     st.sc.text[st.i:])
        if not m:
            break
        st.i += m.end()
        st.end = st.i


def _continues_after_article(st: _Chain) -> bool:
    """After a complete 第X条: whether a connector continues the chain (and move past it)."""
    sc = st.sc
    text = sc.text
    k3 = sc.skip_space(st.i)
    rng = sc.startswith_any(k3, _RANGE)
    lst = sc.startswith_any(k3, _LIST)
    if rng:
        nxt = sc.skip_space(k3 + len(rng))
        if nxt < sc.n and (text[nxt] == "第" or text[nxt] in NUM):
            st.pending_range_from = st.certain[-1] if st.certain else None
            if st.certain:
                st.certain.pop()
            st.i = nxt
            return True
    if lst:
        nxt = sc.skip_space(k3 + len(lst))
        if nxt < sc.n and text[nxt] == "第":
            st.i = nxt
            return True
    return False


def _numeral_without_article(st: _Chain, value: int | None, digits: str, has_di: bool,
                             k: int, k2: int) -> bool:
    """A numeral not followed by 条: a range or list start (True), or the chain's end."""
    sc = st.sc
    following = sc.text[k2:k2 + 1]
    connector_range = sc.startswith_any(k2, _RANGE)
    connector_list = sc.startswith_any(k2, ("、",))
    if connector_range and has_di and st.pending_range_from is None:
        st.pending_range_from = value          # 第五至第十一条
        st.i = sc.skip_space(k2 + len(connector_range))
        return True
    if connector_list and has_di and st.complete is False:
        st.pending_list.append(value)          # 第五、六条
        st.i = sc.skip_space(k2 + 1)
        return True
    # No 条: the citation stops here.  After a connector inside a chain, a bare
    # numeral followed by nothing (or punctuation, a bracket, a space) is a
    # citation cut short.
    truncated = (st.complete and (not following or following in " \u3000()（）[]【】,，。;；:：\n"
                                  or following in _SPACE))
    if truncated and value is not None and has_di:
        _cut_short(st, digits, k)
    return False


def _cut_short(st: _Chain, digits: str, k: int) -> None:
    """Link what every reading of a citation cut short at ``k`` shares; report the rest."""
    options = completions(digits, st.upto)
    quoted = f"'{st.sc.text[st.start:k].strip()}…'"
    if st.pending_range_from is not None:
        lo = st.pending_range_from
        ends = [n for n in options if n >= lo]
        if ends:
            first_end = min(ends)
            st.certain.extend(range(lo, first_end + 1))
            st.uncertain.extend(range(first_end + 1, max(ends) + 1))
            st.messages.append(
                f"the citation is cut short ({quoted}): {_span_text(list(range(lo, first_end + 1)))} "
                f"linked, since every reading includes them; the range ends at one of "
                f"{_span_text(ends)} (第{digits}…条), which the text does not say")
        else:
            st.certain.append(lo)
            st.messages.append(f"the citation is cut short ({quoted}): only article {lo} is certain")
        st.pending_range_from = None
    elif len(options) == 1:
        st.certain.append(options[0])
    else:
        st.uncertain.extend(options)
        st.messages.append(
            f"the citation is cut short ({quoted}): it may be any of {_span_text(options)}; none linked")
    st.end = k


def _chain_citation(st: _Chain) -> Citation:
    """The citation a completed chain makes: articles in range, once each, in order."""
    certain = list(st.certain)
    if st.pending_range_from is not None:
        certain.append(st.pending_range_from)
    valid = [n for n in certain if 1 <= n <= st.upto]
    out_of_range = [n for n in certain if not 1 <= n <= st.upto]
    if out_of_range:
        st.messages.append(f"cites {_span_text(sorted(set(out_of_range)))}, but the statute has {st.upto} articles")
    seen: list[int] = []
    for n in valid:
        if n not in seen:
            seen.append(n)
    return Citation(st.start, st.end, seen, sorted(set(st.uncertain) - set(seen)), "; ".join(st.messages) or None)


_EN = re.compile(
    r"\b(?P<word>articles?|arts?\.?)\s*(?P<body>\d+(?:\s*\(\d+\))*"
    r"(?:\s*(?:,|and|&|-|–|—|to|through)\s*(?:articles?\s*|arts?\.?\s*)?\d+(?:\s*\(\d+\))*)*)",
    re.I)
_EN_OTHER = re.compile(r"^\s*(?:\(\d+\))?\s*of\s+(?:the\s+)?(?P<name>(?:[A-Z][\w’'\-]*\s*){1,8})")
_EN_BEFORE = re.compile(r"(?P<name>(?:Civil Code|Law|Act|Constitution|Code|Measures|Provisions))\s*,?\s*$")


def _english(text: str, statute_title: str | None, upto: int) -> list[Citation]:
    out = []
    for m in _EN.finditer(text):
        body = m.group("body")
        numbers: list[int] = []
        tokens = re.findall(r"\d+(?:\s*\(\d+\))*|,|and|&|-|–|—|to|through", body, re.I)
        pending_range = False
        for tok in tokens:
            if tok[0].isdigit():
                value = int(re.match(r"\d+", tok).group())
                if pending_range and numbers:
                    lo = numbers[-1]
                    numbers.extend(range(lo + 1, value + 1))
                else:
                    numbers.append(value)
                pending_range = False
            elif tok.lower() in ("-", "–", "—", "to", "through"):
                pending_range = True
        valid = [n for n in numbers if 1 <= n <= upto]
        cit = Citation(m.start(), m.end(), list(dict.fromkeys(valid)))
        bad = sorted(set(numbers) - set(valid))
        if bad:
            cit.message = f"cites {_span_text(bad)}, but the statute has {upto} articles"
        after = _EN_OTHER.match(text[m.end():m.end() + 120])
        if after:
            name = after.group("name").strip()
            if re.search(r"\b(Law|Code|Act|Constitution|Convention|Measures)\b", name) and \
                    not re.search(r"\bRegulations?\b", name):
                cit.other_law = name
        before = _EN_BEFORE.search(text[max(0, m.start() - 60):m.start()])
        if before:
            cit.other_law = before.group("name")
        if cit.articles or cit.message:
            out.append(cit)
    return out
